import KubeLedgerCore

/// The facts of one cluster and hour, as the pricing engine takes them.
public struct ClusterHour: Sendable {
    public var cluster: String
    public var architecture: Architecture
    public var hour: Hour
    public var nodes: [NodeHour]
    public var containers: [ContainerHour]
    public var claims: [PVCHour]
    public var namespaces: [NamespaceHour]

    public init(
        cluster: String, architecture: Architecture, hour: Hour, nodes: [NodeHour], containers: [ContainerHour],
        claims: [PVCHour], namespaces: [NamespaceHour]
    ) {
        self.cluster = cluster
        self.architecture = architecture
        self.hour = hour
        self.nodes = nodes
        self.containers = containers
        self.claims = claims
        self.namespaces = namespaces
    }
}

