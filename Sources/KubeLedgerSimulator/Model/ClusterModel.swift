import KubeLedgerCore

/// The simulated cluster's shape over the whole span: nodes, namespaces, workloads, pods and
/// claims with their lifetimes. Everything the outputs write is derived from it.
public struct ClusterModel: Sendable {
    public let options: SimulationOptions
    public internal(set) var nodes: [SimNode] = []
    public internal(set) var namespaces: [SimNamespace] = []
    public internal(set) var workloads: [SimWorkload] = []
    public internal(set) var pods: [SimPod] = []
    public internal(set) var claims: [SimClaim] = []

    /// Steps are `(start, end]` intervals: a thing that exists from `start` to `end` has a
    /// value at the steps `start + 5m ... end`.
    var horizon: (start: Int64, end: Int64) { (options.from.start, options.to.start) }
}

/// A VM that is a Kubernetes node.
public struct SimNode: Sendable, Hashable {
    public var name: String
    public var vmID: String
    public var role: NodeRole
    public var zone: String
    public var vcpus: Int
    public var memoryBytes: Int64
    public var disks: [Disk]
    /// When the VM appears, when it is powered on (both on the 5-minute grid), when it goes.
    public var createdAt: Int64
    public var poweredOnAt: Int64
    public var removedAt: Int64

    func present(at step: Int64) -> Bool { step > createdAt && step <= removedAt }
    func running(at step: Int64) -> Bool { step > poweredOnAt && step <= removedAt }
}

public struct SimNamespace: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case platform, storage, tenant, unlabelled }
    public var name: String
    public var kind: Kind
    /// The Capsule tenant label, for tenant namespaces.
    public var tenant: String?
    public var createdAt: Int64
}

/// How far a workload's usage is from its requests, as the right-sizing report should find.
public enum Provisioning: String, Sendable, Hashable {
    case balanced
    /// Uses a few percent of what it requests.
    case over
    /// Uses more than it requests.
    case under
}

public struct SimContainerSpec: Sendable, Hashable {
    public var name: String
    public var cpuRequestNanocores: Int64
    public var memoryRequestBytes: Int64
    var profile: UsageProfile
}

public struct SimWorkload: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case deployment = "Deployment"
        case statefulSet = "StatefulSet"
        case daemonSet = "DaemonSet"
        case cronJob = "CronJob"
    }

    public enum Placement: Sendable, Hashable { case workers, everyNode, storageNodes }

    public var namespace: String
    public var name: String
    public var kind: Kind
    public var replicas: Int
    public var containers: [SimContainerSpec]
    public var placement: Placement
    public var provisioning: Provisioning
    /// Scaled by a HorizontalPodAutoscaler: extra replicas on weekday office hours.
    public var autoscaled: Bool
    var rolloutEveryDays: Int
    var cronEveryHours: Int
    var cronMinutes: Int
    /// Runs on this node only (a Ceph OSD on the node holding its disk).
    var pinnedNode: String? = nil
    /// Claims per replica (StatefulSet) or shared (Deployment): storage class and size.
    var claimTemplates: [(storageClass: String, bytes: Int64)] = []

    public static func == (lhs: SimWorkload, rhs: SimWorkload) -> Bool {
        lhs.namespace == rhs.namespace && lhs.name == rhs.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(namespace)
        hasher.combine(name)
    }
}

public struct SimPod: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public var workload: Int
    public var node: String
    public var start: Int64
    public var end: Int64
    /// What `kube_pod_owner` says (ReplicaSet, StatefulSet, DaemonSet, Job).
    public var ownerKind: String
    public var ownerName: String
    /// The controller after resolving a ReplicaSet to its Deployment.
    public var controllerKind: String
    public var controllerName: String
    /// Distinguishes replicas in the usage noise.
    var noiseSeed: UInt64

    func active(at step: Int64) -> Bool { step > start && step <= end }
}

public struct SimClaim: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public var storageClass: String
    public var bytes: Int64
    public var start: Int64
    public var end: Int64

    func active(at step: Int64) -> Bool { step > start && step <= end }
}
