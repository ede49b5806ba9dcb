import KubeLedgerCore

/// A node shape of the flavour catalog: vCPUs and memory in GiB.
public struct Flavour: Sendable, Hashable, CustomStringConvertible {
    public var vcpus: Int
    public var memoryGiB: Int

    public init(vcpus: Int, memoryGiB: Int) {
        self.vcpus = vcpus
        self.memoryGiB = memoryGiB
    }

    public var description: String { "\(vcpus)/\(memoryGiB)" }

    /// The default worker flavours of capacity-model.md §3.
    public static let defaultWorkers: [Flavour] = [
        (12, 24), (16, 32), (16, 64), (24, 48), (32, 64), (32, 128), (48, 96), (64, 128), (64, 256),
    ].map { Flavour(vcpus: $0.0, memoryGiB: $0.1) }
}

/// CPU, memory and pods together: demand, overhead, capacity.
public struct Resources: Sendable, Hashable {
    public var cpuNanocores: Int64
    public var memoryBytes: Int64
    public var pods: Double

    public init(cpuNanocores: Int64 = 0, memoryBytes: Int64 = 0, pods: Double = 0) {
        self.cpuNanocores = cpuNanocores
        self.memoryBytes = memoryBytes
        self.pods = pods
    }

    public static func + (a: Resources, b: Resources) -> Resources {
        Resources(cpuNanocores: a.cpuNanocores + b.cpuNanocores, memoryBytes: a.memoryBytes + b.memoryBytes, pods: a.pods + b.pods)
    }
}

/// What the planner needs (capacity-model.md §2): demand at the horizon and today, the
/// overhead every worker carries, the largest pod, storage, and the prices.
public struct PlanningInput: Sendable {
    public var architecture: Architecture
    /// Static demand today (basis × average replicas, DaemonSets left out).
    public var demand: Resources
    /// Growth factors to the horizon (≥ 1), for CPU, memory and pods, and for storage.
    public var growth: Double
    public var storageGrowth: Double
    /// Per worker: DaemonSet requests and pods, the system reserve, the devtest OSD.
    public var overhead: Resources
    /// The largest CPU request and the largest memory request among pods.
    public var largestPod: Resources
    /// Raw storage used today: claims × replicas.
    public var storageBytes: Int64
    /// Fitted trend of demand in days from today (value at day d ÷ value today), for the runway.
    public var trendSlopePerDay: Double
    /// The same for raw storage, for the runway of the Ceph fill.
    public var storageSlopePerDay: Double
    /// Days from today to the horizon.
    public var horizonDays: Int
    /// The current workers, for the runway and the comparison.
    public var currentWorkers: Int
    public var currentFlavour: Flavour?
    public var currentDataDiskGiB: Int
    /// The storage nodes' flavour as they run now (production), priced as they are rather
    /// than as the storage rule would size them for their disks; nil: the rule's.
    public var currentStorageFlavour: Flavour?
    /// Today, seconds since the epoch (runway dates are counted from here).
    public var today: Int64

    public init(
        architecture: Architecture, demand: Resources, growth: Double, storageGrowth: Double, overhead: Resources, largestPod: Resources,
        storageBytes: Int64, trendSlopePerDay: Double, horizonDays: Int, currentWorkers: Int, currentFlavour: Flavour?,
        currentDataDiskGiB: Int, today: Int64, storageSlopePerDay: Double = 0, currentStorageFlavour: Flavour? = nil
    ) {
        self.currentStorageFlavour = currentStorageFlavour
        self.storageSlopePerDay = storageSlopePerDay
        self.architecture = architecture
        self.demand = demand
        self.growth = growth
        self.storageGrowth = storageGrowth
        self.overhead = overhead
        self.largestPod = largestPod
        self.storageBytes = storageBytes
        self.trendSlopePerDay = trendSlopePerDay
        self.horizonDays = horizonDays
        self.currentWorkers = currentWorkers
        self.currentFlavour = currentFlavour
        self.currentDataDiskGiB = currentDataDiskGiB
        self.today = today
    }
}

/// The rules of capacity-model.md §3, per architecture; each a value a platform owner may change.
public struct PlanningRules: Sendable {
    public var target: Double
    public var minimumWorkers: Int
    public var maximumWorkers: Int
    /// Workers come in multiples of this (3 in production: one per zone).
    public var batch: Int
    public var zones: Int
    public var podsPerNode: Int = 110
    public var cephFill = 0.75
    public var diskStepGiB = 100
    public var minimumDataDiskGiB: Int
    public var flavours: [Flavour] = Flavour.defaultWorkers
    public var controlPlane: (count: Int, flavour: Flavour)
    public var osDiskGiB = 64
    public var osDiskClass = "flash-standard"
    public var dataDiskClass = "flash-enterprise"
    public var hoursPerMonth = 730

    public static func defaults(for architecture: Architecture) -> PlanningRules {
        switch architecture {
        case .devtest:
            PlanningRules(target: 0.80, minimumWorkers: 3, maximumWorkers: 250, batch: 1, zones: 1, minimumDataDiskGiB: 300,
                          controlPlane: (1, Flavour(vcpus: 8, memoryGiB: 12)))
        case .production:
            PlanningRules(target: 0.65, minimumWorkers: 3, maximumWorkers: 99, batch: 3, zones: 3, minimumDataDiskGiB: 500,
                          controlPlane: (3, Flavour(vcpus: 8, memoryGiB: 12)))
        }
    }
}

/// Prices the planner needs, per hour or per month as the catalog gives them.
public struct PlanningPrices: Sendable {
    public var vcpuHour: Money
    public var ramGiBHour: Money
    public var storageGiBMonth: [String: Money]
    public var feeMonth: Money
    public var includedWorkers: Int
    public var extraWorkerMonth: Money

    public init(vcpuHour: Money, ramGiBHour: Money, storageGiBMonth: [String: Money], feeMonth: Money, includedWorkers: Int, extraWorkerMonth: Money) {
        self.vcpuHour = vcpuHour
        self.ramGiBHour = ramGiBHour
        self.storageGiBMonth = storageGiBMonth
        self.feeMonth = feeMonth
        self.includedWorkers = includedWorkers
        self.extraWorkerMonth = extraWorkerMonth
    }
}
