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
