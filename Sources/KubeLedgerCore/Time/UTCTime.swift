import Foundation

/// RFC 3339 formatting and parsing of UTC instants, the only form of time in files and logs.
public enum UTCTime {
    /// `2026-03-01T00:00:00Z` for the instant.
    public static func format(_ epochSeconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(epochSeconds)).formatted(.iso8601)
    }

    /// Parses RFC 3339 with a `Z` or numeric offset, with or without fractional seconds.
    /// Returns whole seconds since the epoch (fractions truncated), or nil.
    public static func parse(_ text: String) -> Int64? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
            return Int64(date.timeIntervalSince1970.rounded(.down))
        }
        return nil
    }

    /// The first instant of the UTC calendar month holding the instant.
    public static func startOfMonth(_ epochSeconds: Int64, monthsAdded: Int = 0) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: TimeInterval(epochSeconds))
        let parts = calendar.dateComponents([.year, .month], from: date)
        let first = calendar.date(from: parts)!
        let shifted = calendar.date(byAdding: .month, value: monthsAdded, to: first)!
        return Int64(shifted.timeIntervalSince1970)
    }
}
