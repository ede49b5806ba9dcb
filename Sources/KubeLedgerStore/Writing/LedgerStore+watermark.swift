import Foundation
import GRDB
import KubeLedgerCore

extension LedgerStore {
    /// The first hour a job has not yet stored for a cluster, or nil before its first run.
    public func watermark(job: String, cluster: String) throws -> Hour? {
        try writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT hour FROM watermark WHERE job = ? AND cluster = ?", arguments: [job, cluster])
                .map(Hour.init(containing:))
        }
    }

    /// Writes a batch and moves the job's watermark in the same transaction, so the
    /// watermark never gets ahead of the data it vouches for. A watermark only moves forward:
    /// re-reading older hours (the lookback) does not pull it back. Its `updatedAt` is when
    /// it last moved, so a run that stored nothing new leaves it as it was (the run itself is
    /// in the job status's `lastRunAt`).
    public func write(_ batch: FactBatch, advancing job: String, cluster: String, to hour: Hour, now: Int64) throws {
        try FactValidation.check(batch)
        try writer.write { db in
            try Self.apply(batch, db: db)
            try db.execute(sql: """
                INSERT INTO watermark (job, cluster, hour, updatedAt) VALUES (?, ?, ?, ?)
                ON CONFLICT (job, cluster) DO UPDATE SET hour = MAX(watermark.hour, excluded.hour),
                    updatedAt = CASE WHEN excluded.hour > watermark.hour THEN excluded.updatedAt ELSE watermark.updatedAt END
                """, arguments: [job, cluster, hour.start, now])
        }
    }
}
