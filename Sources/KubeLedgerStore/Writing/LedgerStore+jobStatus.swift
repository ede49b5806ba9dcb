import Foundation
import GRDB
import KubeLedgerCore

/// The last run of an ingest job for a cluster, as `ingest` and the API report it.
public struct JobStatus: Sendable, Equatable {
    public var job: String
    public var cluster: String
    public var lastRunAt: Int64
    public var lastSuccessAt: Int64?
    /// The error of the last run; nil when it succeeded.
    public var lastError: String?
    public var watermark: Hour?
}

extension LedgerStore {
    /// Records a run's outcome; a success clears the last error.
    public func recordRun(job: String, cluster: String, at time: Int64, error: String?) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO jobStatus (job, cluster, lastRunAt, lastSuccessAt, lastError) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (job, cluster) DO UPDATE SET lastRunAt = excluded.lastRunAt,
                    lastSuccessAt = COALESCE(excluded.lastSuccessAt, jobStatus.lastSuccessAt), lastError = excluded.lastError
                """, arguments: [job, cluster, time, error == nil ? time : nil, error])
        }
    }

    public func jobStatuses() throws -> [JobStatus] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.job, s.cluster, s.lastRunAt, s.lastSuccessAt, s.lastError, w.hour FROM jobStatus s
                LEFT JOIN watermark w ON w.job = s.job AND w.cluster = s.cluster ORDER BY s.cluster, s.job
                """).map { row in
                JobStatus(job: row[0], cluster: row[1], lastRunAt: row[2], lastSuccessAt: row[3], lastError: row[4],
                          watermark: (row[5] as Int64?).map(Hour.init(containing:)))
            }
        }
    }
}
