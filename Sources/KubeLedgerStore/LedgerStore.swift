import Foundation
import GRDB
import KubeLedgerCore

/// The time-series store: one SQLite file that every stage reads and the ingest jobs write.
///
/// It owns the database connection and the migrator, so the rest of the program sees
/// intent-named reads and writes, never SQL. On a file it opens a WAL pool: one writer and
/// any number of concurrent readers, each reader seeing a consistent snapshot.
public final class LedgerStore: Sendable {
    let writer: any DatabaseWriter
    /// Where the store lives, or `:memory:`.
    public let path: String

    /// Opens (creating and migrating when needed) the store at `path`.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            try StoreMigrations.migrator.migrate(pool)
            writer = pool
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
    }

    /// A private store in memory, for tests and throw-away runs.
    public init() throws(StoreError) {
        path = ":memory:"
        do {
            let queue = try DatabaseQueue()
            try StoreMigrations.migrator.migrate(queue)
            writer = queue
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
    }

    /// Names of the migrations applied, in order.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try StoreMigrations.migrator.appliedMigrations(db) }
    }
}
