/// What Kubernetes said about a node in one hour: its role and zone from its labels, and
/// what it offers to pods (inputs.md §1, node facts).
///
/// The IaaS bills VMs; Kubernetes knows what each VM is for. Keeping both lets the IaaS
/// jobs take a node's role from its labels, and the capacity planner size pools by what
/// pods can actually use (allocatable) instead of the VM's raw size.
public struct KubeNodeHour: Sendable, Hashable, Codable {
    public var cluster: String
    public var hour: Hour
    public var node: String
    /// From `kube_node_labels` / `kube_node_role`; nil when no label says.
    public var role: NodeRole?
    /// `topology.kubernetes.io/zone`; nil when unlabelled.
    public var zone: String?
    public var cpuCapacityNanocores: Int64
    public var cpuAllocatableNanocores: Int64
    public var memoryCapacityBytes: Int64
    public var memoryAllocatableBytes: Int64
    public var podsAllocatable: Int64

    public init(
        cluster: String, hour: Hour, node: String, role: NodeRole?, zone: String?,
        cpuCapacityNanocores: Int64, cpuAllocatableNanocores: Int64, memoryCapacityBytes: Int64,
        memoryAllocatableBytes: Int64, podsAllocatable: Int64
    ) {
        self.cluster = cluster
        self.hour = hour
        self.node = node
        self.role = role
        self.zone = zone
        self.cpuCapacityNanocores = cpuCapacityNanocores
        self.cpuAllocatableNanocores = cpuAllocatableNanocores
        self.memoryCapacityBytes = memoryCapacityBytes
        self.memoryAllocatableBytes = memoryAllocatableBytes
        self.podsAllocatable = podsAllocatable
    }
}
