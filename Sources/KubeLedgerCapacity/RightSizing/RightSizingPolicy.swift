import KubeLedgerCore

/// The rules of capacity-model.md §1, each a value a platform owner may change.
public struct RightSizingPolicy: Sendable, Equatable {
    /// CPU request = this percentile (nearest rank) of the per-step CPU series.
    public var cpuPercentile = 95
    /// Memory request and limit = maximum working set × (100 + this) / 100.
    public var memoryHeadroomPercent = 15
    public var minimumCPU: Int64 = 10_000_000
    public var minimumMemory: Int64 = 100 * ByteSize.mib
    /// Fewer points than this: `insufficient data`, nothing recommended.
    public var minimumPoints = 100
    /// Hours in a month for the savings figure.
    public var hoursPerMonth = 730

    public init() {}
}
