import KubeLedgerCore

/// A few lines that say what a simulated cluster holds.
public struct SimulationSummary: Sendable {
    public let text: String

    public init(_ model: ClusterModel) {
        let options = model.options
        let roles = Dictionary(grouping: model.nodes, by: \.role)
        let tenants = Set(model.namespaces.compactMap(\.tenant)).sorted()
        let running = model.pods.filter { $0.start <= options.from.start }.reduce(0) {
            $0 + model.workloads[$1.workload].containers.count
        }
        let over = model.workloads.filter { $0.provisioning == .over }.count
        let under = model.workloads.filter { $0.provisioning == .under }.count
        text = """
            cluster \(options.clusterName) (\(options.architecture.rawValue), seed \(options.seed)): \(options.from) to \(options.to)
              nodes: \(roles[.controlPlane]?.count ?? 0) control-plane, \(roles[.storage]?.count ?? 0) storage, \(roles[.worker]?.count ?? 0) workers
              \(model.namespaces.count) namespaces, \(tenants.count) tenants (\(tenants.joined(separator: ", ")))
              \(model.workloads.count) workloads (\(over) over-provisioned, \(under) under-provisioned), \(model.pods.count) pods, \(running) containers at the start, \(model.claims.count) claims
            """
    }
}
