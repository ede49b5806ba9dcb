import Foundation
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerPricing
import KubeLedgerStore

/// Cost series of a cluster: per hour, billing day or billing month, by cluster, tenant,
/// namespace, node or controller, from the stored hourly costs (issue: results by hour,
/// day and month). The API and Grafana serve the same figures.
public struct CostReport: Sendable {
    public enum Step: String, Sendable, CaseIterable { case hour, day, month }

    public struct Point: Sendable, Codable, Equatable {
        public var start: String
        public var key: String
        public var tenant: String
        public var cpu, ram, storage, shared, idle, total: String
        public var efficiency: Double?
    }

    public var points: [Point]

    /// A report that would hold more points than its caller allows (an hourly series of
    /// every controller over weeks is hundreds of megabytes of JSON).
    public struct TooManyPoints: Error, Sendable, CustomStringConvertible {
        public var limit: Int
        public init(limit: Int) { self.limit = limit }
        public var description: String {
            "the answer would hold more than \(limit) points; use a coarser step, a shorter range, another aggregate or a tenant or namespace filter"
        }
    }

    public init(store: LedgerStore, cluster: String, from: Int64, to: Int64, step: Step, by aggregate: CostBreakdown.Aggregate,
                sharing: SharingSettings, timeZone: TimeZone, onlyTenant: String? = nil, tenants: ((String) -> Bool)? = nil,
                namespaces: ((String) -> Bool)? = nil, maxPoints: Int = .max) throws {
        try self.init(store: store, cluster: cluster, buckets: Self.buckets(from: from, to: to, step: step, timeZone: timeZone), by: aggregate,
                      sharing: sharing, onlyTenant: onlyTenant, tenants: tenants, namespaces: namespaces, maxPoints: maxPoints)
    }

    /// The costs of each bucket, sharing applied per bucket; `onlyTenant`, `tenants` and
    /// `namespaces` choose the rows that count, as in ``CostBreakdown``.
    public init(store: LedgerStore, cluster: String, buckets: [HourRange], by aggregate: CostBreakdown.Aggregate,
                sharing: SharingSettings, onlyTenant: String? = nil, tenants: ((String) -> Bool)? = nil,
                namespaces: ((String) -> Bool)? = nil, maxPoints: Int = .max) throws {
        let grouping: LedgerStore.CostGrouping = switch aggregate {
        case .node: .node
        case .controller, .label: .controller
        default: .namespaceTotals
        }
        var labels: LabelGroups?
        if case let .label(key) = aggregate {
            let values = try store.labelValues(cluster: cluster, key: key)
            labels = LabelGroups(workloads: values.workloads, namespaces: values.namespaces)
        }
        var points: [Point] = []
        for bucket in buckets {
            // A server request past its time limit is cancelled; stop between buckets.
            try Task.checkCancellation()
            if points.count > maxPoints { throw TooManyPoints(limit: maxPoints) }
            let rows = try store.costRows(cluster: cluster, hours: bucket, by: grouping)
            let start = UTCTime.format(bucket.from.start)
            for entry in CostBreakdown(rows: rows, sharing: sharing, by: aggregate, onlyTenant: onlyTenant, tenants: tenants,
                                                namespaces: namespaces, labels: labels).entries {
                let ten = { (money: Money) in money.formatted(decimals: 10) }
                // By cluster the key is the cluster and a point holds every tenant's cost (a
                // tenant's own share when only one tenant counts).
                let (key, tenant) = aggregate == .cluster ? (cluster, onlyTenant == nil ? "" : entry.tenant) : (entry.key, entry.tenant)
                points.append(Point(start: start, key: key, tenant: tenant, cpu: ten(entry.cpu), ram: ten(entry.ram),
                                    storage: ten(entry.storage), shared: ten(entry.shared), idle: ten(entry.idle), total: ten(entry.total),
                                    efficiency: entry.efficiency))
            }
        }
        if points.count > maxPoints { throw TooManyPoints(limit: maxPoints) }
        self.points = points
    }

    /// Buckets of `hours` whole hours over `[from, to)`: below a day, from the range's first
    /// hour, so there are the hours the range touches ÷ `hours`, rounded up; else whole
    /// billing days (the billing time zone's midnights) grouped by `hours / 24` rounded up,
    /// so there are the billing days it touches ÷ that, rounded up.
    public static func buckets(from: Int64, to: Int64, everyHours hours: Int, timeZone: TimeZone) -> [HourRange] {
        let range = HourRange(covering: from, to: to)
        if hours < 24 {
            let size = Int64(max(1, hours)) * 3600
            var result: [HourRange] = []
            var start = range.from.start
            while start < range.to.start {
                let bucket = HourRange(from: Hour(containing: max(start, range.from.start)), to: Hour(containing: min(start + size, range.to.start)))
                result.append(bucket)
                start += size
            }
            return result
        }
        let days = Reconciliation.days(from: from, to: to, timeZone: timeZone)
        let group = (hours + 23) / 24
        return stride(from: 0, to: days.count, by: group).map { index in
            HourRange(from: days[index].from, to: days[min(index + group, days.count) - 1].to)
        }
    }

    /// The hours, billing days or billing months of `[from, to)`, each cut to the range.
    public static func buckets(from: Int64, to: Int64, step: Step, timeZone: TimeZone) -> [HourRange] {
        switch step {
        case .hour:
            return HourRange(covering: from, to: to).map { HourRange(from: $0, to: $0.next) }
        case .day:
            return Reconciliation.days(from: from, to: to, timeZone: timeZone)
        case .month:
            var months: [HourRange] = []
            var month = BillingMonth(containing: from, timeZone: timeZone)
            while month.start < to {
                months.append(HourRange(from: Hour(containing: max(month.start, from)), to: Hour(containing: min(month.next.start, to))))
                month = month.next
            }
            return months.filter { $0.count > 0 }
        }
    }
}
