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

/// An hour's cost: its rows, adding up to ``total``, and how well the hour was covered.
public struct HourCost: Sendable, Equatable {
    public var cluster: String
    public var hour: Hour
    /// Ordered by kind, namespace, node, controller.
    public var rows: [CostRow]
    /// Node costs plus the service fee of the hour.
    public var total: Money
    public var coverage: HourCoverage
}

