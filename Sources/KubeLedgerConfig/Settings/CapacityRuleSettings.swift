import KubeLedgerCore

/// What a platform owner changed of right-sizing's rules (capacity-model.md §1). Unset
/// values keep the defaults, which live with the engine that applies them.
public struct RightSizingOverrides: Sendable, Equatable {
    public var cpuPercentile: Int?
    public var memoryHeadroomPercent: Int?
    public var minimumCPUMillicores: Int?
    public var minimumMemoryMiB: Int?
    public var minimumPoints: Int?

    public init() {}
}

/// CPU and memory every node keeps for itself, or that a devtest worker's Ceph OSD takes.
public struct NodeReserve: Sendable, Equatable {
    public var cpuNanocores: Int64
    public var memoryBytes: Int64

    public init(cpuNanocores: Int64, memoryBytes: Int64) {
        self.cpuNanocores = cpuNanocores
        self.memoryBytes = memoryBytes
    }
}

/// A worker shape offered to the planner, `vCPU/GiB` in config (`16/32`).
public struct FlavourSize: Sendable, Hashable {
    public var vcpus: Int
    public var memoryGiB: Int

    public init(vcpus: Int, memoryGiB: Int) {
        self.vcpus = vcpus
        self.memoryGiB = memoryGiB
    }
}

/// What a platform owner changed of one architecture's planning rules
/// (capacity-model.md §3); unset values keep the defaults.
public struct ArchitectureOverrides: Sendable, Equatable {
    public var targetUtilisation: Double?
    public var minimumWorkers: Int?
    public var maximumWorkers: Int?
    public var podsPerNode: Int?
    public var cephFill: Double?
    public var minimumDataDiskGiB: Int?
    public var dataDiskStepGiB: Int?

    public init() {}
}
