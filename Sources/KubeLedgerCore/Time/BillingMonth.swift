import Foundation

/// A calendar month in the billing time zone, the period of an invoice (cost-model.md §1).
///
/// Its bounds are UTC hours, so a `Europe/Paris` March has 743 hours and October 745; every
/// store query and monthly spread goes through ``hours``, never through 30-day arithmetic.
public struct BillingMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let timeZone: TimeZone

    public init(year: Int, month: Int, timeZone: TimeZone) {
        self.year = year
        self.month = month
        self.timeZone = timeZone
    }

    /// `2026-03` in the time zone; nil for anything else.
    public init?(_ text: String, timeZone: TimeZone) {
        let parts = text.split(separator: "-")
        guard text.count == 7, parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), year >= 1970 else { return nil }
        self.init(year: year, month: month, timeZone: timeZone)
    }

    /// The month holding the instant, in the time zone.
    public init(containing epochSeconds: Int64, timeZone: TimeZone) {
        let parts = Self.calendar(timeZone).dateComponents([.year, .month], from: Date(timeIntervalSince1970: TimeInterval(epochSeconds)))
        self.init(year: parts.year!, month: parts.month!, timeZone: timeZone)
    }

    public var description: String { String(format: "%04d-%02d", year, month) }

    /// The UTC hours of the month: from its first local midnight to the next month's.
    public var hours: HourRange {
        HourRange(from: Hour(containing: start), to: Hour(containing: next.start))
    }

    /// The month's first instant, seconds since the epoch.
    public var start: Int64 {
        let date = Self.calendar(timeZone).date(from: DateComponents(year: year, month: month, day: 1))!
        return Int64(date.timeIntervalSince1970)
    }

    public var next: BillingMonth { advanced(by: 1) }
    public var previous: BillingMonth { advanced(by: -1) }

    public func advanced(by months: Int) -> BillingMonth {
        let index = year * 12 + (month - 1) + months
        return BillingMonth(year: index / 12, month: index % 12 + 1, timeZone: timeZone)
    }

    public static func < (lhs: BillingMonth, rhs: BillingMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public static func == (lhs: BillingMonth, rhs: BillingMonth) -> Bool { lhs.year == rhs.year && lhs.month == rhs.month }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(year)
        hasher.combine(month)
    }

    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
