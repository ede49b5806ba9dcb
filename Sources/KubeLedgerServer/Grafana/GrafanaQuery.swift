import Foundation
import KubeLedgerCore
import KubeLedgerReports

/// The body of `POST /grafana/query`, read with 400s naming the field at fault.
struct GrafanaQuery {
    struct Target {
        let metric: String
        let payload: JSONBody
        let path: String
    }

    let from: Int64
    let to: Int64
    let targets: [Target]
    let filters: [AdHocFilter]
    /// Whole hours per point of a series: `intervalMs` rounded up, and no more points than
    /// `maxDataPoints`. Counted on the buckets ``CostReport/buckets(from:to:everyHours:timeZone:)``
    /// makes, not on the range's length: a range off the hour touches one hour more than its
    /// length (10:30 to 12:30 is three hours), and one off midnight one billing day more.
    let bucketHours: Int

    /// - Parameter timeZone: the billing time zone, whose days are the buckets of 24 hours or more.
    init(_ body: JSONBody, timeZone: TimeZone) throws {
        guard let range = try body.member("range") else { throw APIError.badParameter("range", "is required") }
        func time(_ key: String) throws -> Int64 {
            let text = try range.requiredString(key)
            guard let seconds = UTCTime.parse(text) else { throw APIError.badParameter("range.\(key)", "expected RFC 3339, found \"\(text)\"") }
            return seconds
        }
        from = try time("from")
        to = try time("to")
        guard from < to else { throw APIError.badParameter("range.to", "must be after range.from") }
        guard to - from <= 400 * 86_400 else { throw APIError.badParameter("range.to", "at most 400 days after range.from") }
        var bucket = 1
        if let interval = try body.number("intervalMs") {
            guard interval >= 0 else { throw APIError.badParameter("intervalMs", "must not be negative") }
            bucket = max(bucket, Int(min(interval, 400 * 86_400_000) / 3_600_000).advanced(by: interval.truncatingRemainder(dividingBy: 3_600_000) > 0 ? 1 : 0))
        }
        if let points = try body.number("maxDataPoints") {
            guard points >= 1 else { throw APIError.badParameter("maxDataPoints", "must be at least 1") }
            let most = Int(min(points, 1_000_000))
            let hours = HourRange(covering: from, to: to).count
            bucket = max(bucket, (hours + most - 1) / most)
            if bucket >= 24 {
                // Billing days, grouped by whole days: enough days per bucket for `most` buckets.
                let days = Reconciliation.days(from: from, to: to, timeZone: timeZone).count
                bucket = max(bucket, (days + most - 1) / most * 24)
            }
        }
        bucketHours = bucket
        guard let items = try body.array("targets") else { throw APIError.badParameter("targets", "is required") }
        targets = try items.compactMap { item in
            if let hide = try item.member("hide"), hide.value as? Bool == true { return nil }
            let payload = try item.object("payload") ?? JSONBody(value: [String: Any](), path: "\(item.path).payload")
            return Target(metric: try item.requiredString("target"), payload: payload, path: item.path)
        }
        // Grafana 10 and later send `filters`; plugin versions before 0.6.4 `adhocFilters`.
        filters = try (body.array("filters") ?? body.array("adhocFilters") ?? []).map(AdHocFilter.init)
    }
}
