/// An hour's cost: its rows, adding up to ``total``, and how well the hour was covered.
public struct HourCost: Sendable, Equatable {
    public var cluster: String
    public var hour: Hour
    /// Ordered by kind, namespace, node, controller.
    public var rows: [CostRow]
    /// Node costs plus the service fee of the hour.
    public var total: Money
    public var coverage: HourCoverage

    public init(cluster: String, hour: Hour, rows: [CostRow], total: Money, coverage: HourCoverage) {
        self.cluster = cluster
        self.hour = hour
        self.rows = rows
        self.total = total
        self.coverage = coverage
    }
}

