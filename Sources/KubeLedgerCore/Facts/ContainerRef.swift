/// Who a container is: the key under which its hourly facts and raw samples are kept.
///
/// The node is part of the identity because a StatefulSet pod can come back under the same
/// name on another node, and costs are allocated per node.
public struct ContainerRef: Sendable, Hashable, Codable {
    public var cluster: String
    public var namespace: String
    public var pod: String
    public var container: String
    public var node: String
    /// Resolved owner: a ReplicaSet is already resolved to its Deployment.
    public var controllerKind: String
    public var controllerName: String

    public init(
        cluster: String, namespace: String, pod: String, container: String, node: String,
        controllerKind: String, controllerName: String
    ) {
        self.cluster = cluster
        self.namespace = namespace
        self.pod = pod
        self.container = container
        self.node = node
        self.controllerKind = controllerKind
        self.controllerName = controllerName
    }
}
