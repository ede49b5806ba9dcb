import GRDB
import KubeLedgerCore

extension LedgerStore {
    /// Every namespace of a cluster with the tenant of its newest hour (nil when unlabelled
    /// then): what pickers and variables list, without reading a month of facts.
    public func namespaceTenants(cluster: String) throws -> [(namespace: String, tenant: String?)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT namespace, tenant, MAX(hour) FROM namespaceHour WHERE cluster = ? GROUP BY namespace ORDER BY namespace
                """, arguments: [cluster]).map { ($0[0], $0[1]) }
        }
    }
}

extension LedgerStore {
    /// The newest value of a label (its sanitized key) on each workload, keyed
    /// `namespace/kind/name`, and on each namespace.
    public func labelValues(cluster: String, key: String) throws -> (workloads: [String: String], namespaces: [String: String]) {
        try writer.read { db in
            var workloads: [String: String] = [:]
            var namespaces: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT scope, namespace, controllerKind, controllerName, value FROM label WHERE cluster = ? AND key = ?
                """, arguments: [cluster, key]) {
                let namespace: String = row[1]
                if (row[0] as String) == "namespace" {
                    namespaces[namespace] = row[4]
                } else {
                    workloads["\(namespace)/\(row[2] as String)/\(row[3] as String)"] = row[4]
                }
            }
            return (workloads, namespaces)
        }
    }

    /// Every label key seen in a cluster.
    public func labelKeys(cluster: String) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT key FROM label WHERE cluster = ? ORDER BY key", arguments: [cluster])
        }
    }
}
