import GRDB
import KubeLedgerCore

extension LedgerStore {
    /// What Kubernetes said about a cluster's nodes in the hours, ordered by hour then node.
    public func kubeNodeHours(cluster: String, hours: HourRange) throws -> [KubeNodeHour] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT hour, node, role, zone, cpuCapacity, cpuAllocatable, memoryCapacity, memoryAllocatable, podsAllocatable
                FROM kubeNodeHour WHERE cluster = ? AND hour >= ? AND hour < ? ORDER BY hour, node
                """, arguments: [cluster, hours.from.start, hours.to.start]
            ).map { row in
                KubeNodeHour(
                    cluster: cluster, hour: Hour(containing: row[0]), node: row[1], role: (row[2] as String?).flatMap(NodeRole.init),
                    zone: row[3], cpuCapacityNanocores: row[4], cpuAllocatableNanocores: row[5], memoryCapacityBytes: row[6],
                    memoryAllocatableBytes: row[7], podsAllocatable: row[8]
                )
            }
        }
    }

    /// Every node Kubernetes reported for the cluster, at any hour, each with the role its
    /// labels last gave it: what the IaaS jobs match VMs against (inputs.md §2: labels
    /// first, naming convention second).
    public func kubeNodes(cluster: String) throws -> KnownNodes {
        try writer.read { db in
            var nodes = KnownNodes(names: [])
            let rows = try Row.fetchCursor(db, sql: "SELECT node, role FROM kubeNodeHour WHERE cluster = ? ORDER BY hour", arguments: [cluster])
            while let row = try rows.next() {
                let node: String = row[0]
                nodes.names.insert(node)
                if let role = (row[1] as String?).flatMap(NodeRole.init) { nodes.roles[node] = role }
            }
            return nodes
        }
    }

    /// The workloads a HorizontalPodAutoscaler scaled in any of the hours, as
    /// `namespace/kind/name`.
    public func autoscaledWorkloads(cluster: String, hours: HourRange) throws -> Set<String> {
        try writer.read { db in
            Set(try Row.fetchAll(db, sql: """
                SELECT DISTINCT namespace, targetKind, targetName FROM autoscalerHour WHERE cluster = ? AND hour >= ? AND hour < ?
                """, arguments: [cluster, hours.from.start, hours.to.start]).map { "\($0[0] as String)/\($0[1] as String)/\($0[2] as String)" })
        }
    }
}
