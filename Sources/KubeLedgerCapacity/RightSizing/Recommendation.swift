import KubeLedgerCore

/// One row of the right-sizing report.
public struct Recommendation: Sendable, Equatable {
    public var workload: WorkloadUsage.ID
    public var tenant: String?
    public var points: Int
    /// Fewer points than the policy's minimum: nothing is recommended.
    public var insufficientData: Bool
    public var currentCPU: Int64
    public var currentMemory: Int64
    public var recommendedCPU: Int64?
    /// Request and limit alike.
    public var recommendedMemory: Int64?
    /// Positive: what the recommendation saves a month; negative: what it costs, the
    /// workload being under-provisioned.
    public var monthlySavings: Money
    public var cpuEfficiency: Double?
    public var memoryEfficiency: Double?
    public var averageReplicas: Double
    public var autoscaled: Bool
    /// What the workload used, before headroom, rounding and floors: the CPU percentile and
    /// the peak working set (nil with insufficient data).
    public var usedCPU: Int64? = nil
    public var usedMemory: Int64? = nil

    /// Negative savings (capacity-model.md §1), or asking for less than it uses on either
    /// resource: throttling or an OOM kill are the risk. A recommendation above the request
    /// only by the memory headroom or a floor (a 64Mi sidecar raised to 100Mi) is no risk.
    public var underProvisioned: Bool {
        monthlySavings < .zero || (usedCPU.map { $0 > currentCPU } ?? false) || (usedMemory.map { $0 > currentMemory } ?? false)
    }
}

extension WorkloadUsage {
    /// What identifies a workload in a report.
    public struct ID: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var cluster: String
        public var namespace: String
        public var controllerKind: String
        public var controllerName: String
        public var container: String

        public var description: String { "\(namespace)/\(controllerKind)/\(controllerName)/\(container)" }

        public static func < (a: ID, b: ID) -> Bool {
            (a.cluster, a.namespace, a.controllerKind, a.controllerName, a.container)
                < (b.cluster, b.namespace, b.controllerKind, b.controllerName, b.container)
        }
    }

    public var key: ID {
        ID(cluster: cluster, namespace: namespace, controllerKind: controllerKind, controllerName: controllerName, container: container)
    }
}
