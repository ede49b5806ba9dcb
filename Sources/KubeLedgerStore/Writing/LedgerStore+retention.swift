import Foundation
import GRDB
import KubeLedgerCore

/// What one retention pass removed.
public struct RetentionResult: Sendable, Equatable {
    public var chunksDeleted: Int
    public var chunksTrimmed: Int
    public var samplesDeleted: Int
}

extension LedgerStore {
    /// Drops raw samples at steps before `now - days`, in one transaction; hourly facts are
    /// kept for good and never touched.
    @discardableResult
    public func applyRetention(days: Int, now: Int64) throws -> RetentionResult {
        let cutoff = now - Int64(days) * 86_400
        let boundaryDay = SampleChunk.day(of: cutoff)
        return try writer.write { db in
            try Self.bumpVersion(db)
            var result = RetentionResult(chunksDeleted: 0, chunksTrimmed: 0, samplesDeleted: 0)
            result.samplesDeleted = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(sampleCount), 0) FROM rawChunk WHERE day < ?", arguments: [boundaryDay]) ?? 0
            try db.execute(sql: "DELETE FROM rawChunk WHERE day < ?", arguments: [boundaryDay])
            result.chunksDeleted = db.changesCount
            let rows = try Row.fetchAll(db, sql: "SELECT id, data FROM rawChunk WHERE day = ?", arguments: [boundaryDay])
            for row in rows {
                var chunk = try SampleChunk(day: boundaryDay, bytes: row[1] as Data)
                let before = chunk.count
                chunk.removeSteps(before: cutoff)
                guard chunk.count != before else { continue }
                result.samplesDeleted += before - chunk.count
                result.chunksTrimmed += 1
                if chunk.count == 0 {
                    try db.execute(sql: "DELETE FROM rawChunk WHERE id = ?", arguments: [row[0] as Int64])
                } else {
                    try db.execute(
                        sql: "UPDATE rawChunk SET sampleCount = ?, data = ? WHERE id = ?",
                        arguments: [chunk.count, Data(chunk.encoded()), row[0] as Int64]
                    )
                }
            }
            return result
        }
    }
}
