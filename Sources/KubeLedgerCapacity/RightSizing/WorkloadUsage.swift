import KubeLedgerCore

/// What right-sizing knows of one workload over its window (capacity-model.md §1): a
/// workload is `(cluster, namespace, controller kind, controller name, container)`, its
/// pods are replicas.
public struct WorkloadUsage: Sendable {
    public var cluster: String
    public var namespace: String
    public var controllerKind: String
    public var controllerName: String
    public var container: String
    public var tenant: String?
    /// At each 5-minute step where a replica ran, the maximum over replicas: nanocores, bytes.
    public var cpuSteps: [Int64]
    public var memorySteps: [Int64]
    /// The requests at the latest hour seen in the window (the largest over replicas), as
    /// the pods asked for them: an hour's stored average scaled back to the steps the pod ran.
    public var cpuRequest: Int64
    public var memoryRequest: Int64
    /// Averages over the window's container-hours, for efficiency (usage ÷ request).
    public var cpuUsageSum: Int64
    public var cpuRequestSum: Int64
    public var memoryUsageSum: Int64
    public var memoryRequestSum: Int64
    /// Replica-steps (5-minute steps a replica ran, summed over replicas) and the window's
    /// steps: average replicas is their ratio. Steps, not hours, so that a pod that ran ten
    /// minutes of an hour counts a sixth of a replica there, and savings stay exact integers.
    public var replicaSteps: Int
    public var windowSteps: Int
    /// Average price of the nodes it ran on, per core-hour and per GiB-hour.
    public var cpuPrice: Money
    public var memoryPrice: Money
    public var autoscaled: Bool
    /// Left out of right-sizing by `capacity.exclude`, yet still running: a capacity plan
    /// counts it, with its current requests (nothing is recommended for it).
    public var excluded: Bool

    public init(
        cluster: String, namespace: String, controllerKind: String, controllerName: String, container: String, tenant: String?,
        cpuSteps: [Int64], memorySteps: [Int64], cpuRequest: Int64, memoryRequest: Int64, cpuUsageSum: Int64, cpuRequestSum: Int64,
        memoryUsageSum: Int64, memoryRequestSum: Int64, replicaSteps: Int, windowSteps: Int, cpuPrice: Money, memoryPrice: Money,
        autoscaled: Bool, excluded: Bool = false
    ) {
        self.cluster = cluster
        self.namespace = namespace
        self.controllerKind = controllerKind
        self.controllerName = controllerName
        self.container = container
        self.tenant = tenant
        self.cpuSteps = cpuSteps
        self.memorySteps = memorySteps
        self.cpuRequest = cpuRequest
        self.memoryRequest = memoryRequest
        self.cpuUsageSum = cpuUsageSum
        self.cpuRequestSum = cpuRequestSum
        self.memoryUsageSum = memoryUsageSum
        self.memoryRequestSum = memoryRequestSum
        self.replicaSteps = replicaSteps
        self.windowSteps = windowSteps
        self.cpuPrice = cpuPrice
        self.memoryPrice = memoryPrice
        self.autoscaled = autoscaled
        self.excluded = excluded
    }

    /// Replica-steps ÷ window steps.
    public var averageReplicas: Double { windowSteps > 0 ? Double(replicaSteps) / Double(windowSteps) : 0 }

    /// `namespace/Kind/name/container`.
    public var id: String { "\(namespace)/\(controllerKind)/\(controllerName)/\(container)" }
}
