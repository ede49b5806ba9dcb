/// The nodes a cluster's Kubernetes side has reported, with the role their labels last
/// gave: what decides which IaaS VMs are the cluster's, and their roles (inputs.md §2).
///
/// An IaaS source lists every VM the account sees, and one account often hosts several
/// clusters and VMs that are none; billing them all to one cluster would overcharge it.
/// So a VM counts when its node name is one Kubernetes reported, at any time.
public struct KnownNodes: Sendable, Equatable {
    public var names: Set<String>
    /// Only the nodes whose labels name a role.
    public var roles: [String: NodeRole]

    public init(names: Set<String>, roles: [String: NodeRole] = [:]) {
        self.names = names
        self.roles = roles
    }

    /// The role of a VM's node when it is one of the cluster's: its labels', else the
    /// naming convention's (`conventional`), else worker; nil when it is not the cluster's.
    /// Without `nodes` (no Kubernetes view to match against) every VM is the cluster's.
    public static func role(ofNode node: String, conventional: NodeRole?, among nodes: KnownNodes?) -> NodeRole? {
        guard let nodes else { return conventional ?? .worker }
        guard nodes.names.contains(node) else { return nil }
        return nodes.roles[node] ?? conventional ?? .worker
    }
}
