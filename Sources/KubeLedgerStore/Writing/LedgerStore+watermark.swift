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
    ///
    /// `contentHash`, given by a file import, is the hash of the file the batch came from,
    /// kept with the watermark (``importedContentHash(job:cluster:)``); nil leaves it as it was.
    public func write(_ batch: FactBatch, advancing job: String, cluster: String, to hour: Hour, now: Int64, contentHash: String? = nil) throws {
        try FactValidation.check(batch)
        try writer.write { db in
            try Self.apply(batch, db: db)
            try db.execute(sql: """
                INSERT INTO watermark (job, cluster, hour, updatedAt, contentHash) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (job, cluster) DO UPDATE SET hour = MAX(watermark.hour, excluded.hour),
                    updatedAt = CASE WHEN excluded.hour > watermark.hour THEN excluded.updatedAt ELSE watermark.updatedAt END,
                    contentHash = COALESCE(excluded.contentHash, watermark.contentHash)
                """, arguments: [job, cluster, hour.start, now, contentHash])
        }
    }

    /// The hash of the import file a job last stored for a cluster, nil when none was.
    public func importedContentHash(job: String, cluster: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT contentHash FROM watermark WHERE job = ? AND cluster = ?", arguments: [job, cluster])
        }
    }
}
