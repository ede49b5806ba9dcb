import Foundation
import GRDB
import KubeLedgerCore

/// What a store holds, for the demo, `simulate` and the storage benchmark.
public struct StoreSummary: Sendable, Equatable {
    public struct ClusterCounts: Sendable, Equatable {
        public var cluster: String
        public var nodes: Int
        public var containers: Int
        public var firstHour: Hour?
        public var lastHour: Hour?
        public var nodeHours: Int
        public var containerHours: Int
        public var pvcHours: Int
        public var namespaceHours: Int
        public var rawSamples: Int
        public var tenants: [String]
    }

    public var clusters: [ClusterCounts]
    public var fileBytes: Int64
    /// Bytes of the pages holding raw samples (chunk table and its index); nil when SQLite
    /// lacks the `dbstat` table.
    public var rawBytes: Int64?
    public var rawSamples: Int

    public var bytesPerRawSample: Double? {
        guard let rawBytes, rawSamples > 0 else { return nil }
        return Double(rawBytes) / Double(rawSamples)
    }
}

extension LedgerStore {
    public func summary() throws -> StoreSummary {
        try writer.read { db in
            var clusters: [StoreSummary.ClusterCounts] = []
            for cluster in try Self.clusterNames(db) {
                let node = try Row.fetchOne(db, sql: """
                    SELECT COUNT(*), MIN(h.hour), MAX(h.hour), COUNT(DISTINCT h.nodeId)
                    FROM nodeHour h JOIN node n ON n.id = h.nodeId WHERE n.cluster = ?
                    """, arguments: [cluster])!
                let container = try Row.fetchOne(db, sql: """
                    SELECT COUNT(*), COUNT(DISTINCT h.containerId) FROM containerHour h JOIN container c ON c.id = h.containerId
                    WHERE c.cluster = ?
                    """, arguments: [cluster])!
                let raw = try Int.fetchOne(db, sql: """
                    SELECT COALESCE(SUM(k.sampleCount), 0) FROM rawChunk k JOIN container c ON c.id = k.containerId WHERE c.cluster = ?
                    """, arguments: [cluster]) ?? 0
                clusters.append(StoreSummary.ClusterCounts(
                    cluster: cluster,
                    nodes: node[3],
                    containers: container[1],
                    firstHour: (node[1] as Int64?).map(Hour.init(containing:)),
                    lastHour: (node[2] as Int64?).map(Hour.init(containing:)),
                    nodeHours: node[0],
                    containerHours: container[0],
                    pvcHours: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pvcHour WHERE cluster = ?", arguments: [cluster]) ?? 0,
                    namespaceHours: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM namespaceHour WHERE cluster = ?", arguments: [cluster]) ?? 0,
                    rawSamples: raw,
                    tenants: try String.fetchAll(db, sql: """
                        SELECT DISTINCT tenant FROM namespaceHour WHERE cluster = ? AND tenant IS NOT NULL ORDER BY tenant
                        """, arguments: [cluster])
                ))
            }
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            let pageCount = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let rawBytes = try? Int64.fetchOne(db, sql: """
                SELECT SUM(pgsize) FROM dbstat WHERE name IN ('rawChunk', 'rawChunkByKey')
                """)
            let rawSamples = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(sampleCount), 0) FROM rawChunk") ?? 0
            return StoreSummary(clusters: clusters, fileBytes: pageSize * pageCount, rawBytes: rawBytes ?? nil, rawSamples: rawSamples)
        }
    }
}

extension LedgerStore {
    /// Requests and usage of each namespace summed over the hours, in one SQL `GROUP BY`:
    /// the baseline `bench pricing` measures the cost computation against.
    public func namespaceUsageTotals(cluster: String, hours: HourRange) throws -> Int {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.namespace, SUM(h.cpuRequest), SUM(h.cpuUsage), SUM(h.memoryRequest), SUM(h.memoryUsage)
                FROM containerHour h CROSS JOIN container c ON c.id = h.containerId
                WHERE c.cluster = ? AND h.hour >= ? AND h.hour < ? GROUP BY c.namespace
                """, arguments: [cluster, hours.from.start, hours.to.start]).count
        }
    }
}

extension LedgerStore {
    /// Reads every raw chunk of a cluster in the steps' days and counts its samples, with no
    /// decoding beyond the header: the baseline `bench rightsize` measures against.
    public func scanRawChunks(cluster: String, fromStep: Int64, toStep: Int64) throws -> (chunks: Int, bytes: Int, samples: Int) {
        try writer.read { db in
            var result = (chunks: 0, bytes: 0, samples: 0)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT k.sampleCount, k.data FROM rawChunk k CROSS JOIN container c ON c.id = k.containerId
                WHERE c.cluster = ? AND k.day >= ? AND k.day <= ?
                """, arguments: [cluster, SampleChunk.day(of: fromStep), SampleChunk.day(of: toStep)])
            while let row = try rows.next() {
                let data: Data = row[1]
                result.chunks += 1
                result.bytes += data.count
                result.samples += row[0] as Int
            }
            return result
        }
    }

    /// The store's version: it moves with every write of facts, costs, closed invoices or
    /// retention, so an answer computed at one version holds until it moves.
    public func version() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT version FROM storeVersion WHERE id = 1") ?? 0 }
    }
}
