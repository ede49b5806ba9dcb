import KubeLedgerCapacity
import KubeLedgerConfig
import KubeLedgerCore

/// The engines' rules with the config's changes applied: what every report uses and says
/// it used (capacity-model.md: "every default is a config value").
extension CapacitySettings {
    public var rightSizingPolicy: RightSizingPolicy {
        var policy = RightSizingPolicy()
        if let value = rightSizing.cpuPercentile { policy.cpuPercentile = value }
        if let value = rightSizing.memoryHeadroomPercent { policy.memoryHeadroomPercent = value }
        if let value = rightSizing.minimumCPUMillicores { policy.minimumCPU = Int64(value) * 1_000_000 }
        if let value = rightSizing.minimumMemoryMiB { policy.minimumMemory = Int64(value) * ByteSize.mib }
        if let value = rightSizing.minimumPoints { policy.minimumPoints = value }
        return policy
    }

    public func planningRules(for architecture: Architecture) -> PlanningRules {
        var rules = PlanningRules.defaults(for: architecture)
        if let flavours = workerFlavours { rules.flavours = flavours.map { Flavour(vcpus: $0.vcpus, memoryGiB: $0.memoryGiB) } }
        guard let overrides = architectures[architecture] else { return rules }
        if let value = overrides.targetUtilisation { rules.target = value }
        if let value = overrides.minimumWorkers { rules.minimumWorkers = value }
        if let value = overrides.maximumWorkers { rules.maximumWorkers = value }
        if let value = overrides.podsPerNode { rules.podsPerNode = value }
        if let value = overrides.cephFill { rules.cephFill = value }
        if let value = overrides.minimumDataDiskGiB { rules.minimumDataDiskGiB = value }
        if let value = overrides.dataDiskStepGiB { rules.diskStepGiB = value }
        return rules
    }

    /// What every worker keeps for Talos, the kubelet and the CNI (default 1 vCPU, 2 GiB).
    public var nodeReserve: Resources { Self.resources(systemReserve, default: 2) }

    /// What a devtest worker's Ceph OSD takes (default 1 vCPU, 4 GiB).
    public var osdOverhead: Resources { Self.resources(osdReserve, default: 4) }

    /// The configured reserve, else 1 vCPU and `gib` GiB.
    private static func resources(_ reserve: NodeReserve?, default gib: Int64) -> Resources {
        Resources(cpuNanocores: reserve?.cpuNanocores ?? 1_000_000_000, memoryBytes: reserve?.memoryBytes ?? gib * ByteSize.gib)
    }
}
