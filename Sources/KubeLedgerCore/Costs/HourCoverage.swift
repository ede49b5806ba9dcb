/// Data quality of an hour (issue: data coverage).
public struct HourCoverage: Sendable, Equatable, Codable {
    /// Node-hours the IaaS reported.
    public var iaasNodes: Int
    /// Container-hours Kubernetes reported.
    public var containers: Int
    /// Container-hours on a node with no IaaS record in the hour: priced at zero.
    public var unpricedContainers: Int

    public init(iaasNodes: Int = 0, containers: Int = 0, unpricedContainers: Int = 0) {
        self.iaasNodes = iaasNodes
        self.containers = containers
        self.unpricedContainers = unpricedContainers
    }
}
