/// What a capacity plan takes as a workload's demand (capacity-model.md §2).
public enum CapacityBasis: String, Sendable, Equatable, CaseIterable {
    /// The right-sizing recommendations (current requests where data is insufficient).
    case recommended
    /// Current requests.
    case requests
    /// The 95th percentile of usage.
    case usageP95 = "usage-p95"
}
