import Foundation
import GRDB

extension LedgerStore {
    /// Stores a closed month's invoice document. Refused if the month is already closed:
    /// the table's triggers make a closed invoice immutable.
    public func closeInvoice(cluster: String, month: String, closedAt: Int64, content: Data) throws {
        try writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM closedInvoice WHERE cluster = ? AND month = ?", arguments: [cluster, month]) == true {
                throw StoreError.alreadyClosed(cluster: cluster, month: month)
            }
            try db.execute(sql: "INSERT INTO closedInvoice (cluster, month, closedAt, content) VALUES (?, ?, ?, ?)",
                           arguments: [cluster, month, closedAt, content])
            try Self.bumpVersion(db)
        }
    }

    /// The closed invoice documents of a cluster, by month (`YYYY-MM`).
    public func closedInvoices(cluster: String) throws -> [String: Data] {
        try writer.read { db in
            var result: [String: Data] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT month, content FROM closedInvoice WHERE cluster = ?", arguments: [cluster]) {
                result[row[0]] = row[1]
            }
            return result
        }
    }
}
