import Foundation
import GRDB
import KubeLedgerCore

extension LedgerStore {
    /// The inventory snapshots of a cluster that hold at some time in `[from, to)`: the last
    /// one taken at or before `from` and every one taken after it and before `to`, by time.
    /// - Throws: ``StoreError/corruptInventory(cluster:takenAt:reason:)`` for one that does not decode.
    public func inventorySnapshots(cluster: String, from: Int64, to: Int64) throws -> [InventorySnapshot] {
        let rows = try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT takenAt, vms FROM inventorySnapshot
                WHERE cluster = ? AND takenAt < ? AND takenAt >= COALESCE(
                    (SELECT MAX(takenAt) FROM inventorySnapshot WHERE cluster = ? AND takenAt <= ?), ?)
                ORDER BY takenAt
                """, arguments: [cluster, to, cluster, from, from])
        }
        let decoder = JSONDecoder()
        return try rows.map { row in
            let takenAt: Int64 = row[0]
            let text: String = row[1]
            do {
                return InventorySnapshot(cluster: cluster, takenAt: takenAt, vms: try decoder.decode([InventorySnapshot.VM].self, from: Data(text.utf8)))
            } catch {
                throw StoreError.corruptInventory(cluster: cluster, takenAt: takenAt, reason: "\(error)")
            }
        }
    }
}
