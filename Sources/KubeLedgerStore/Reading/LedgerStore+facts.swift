import Foundation
import GRDB
import KubeLedgerCore

extension LedgerStore {
    /// Node-hours of a cluster in the hours, ordered by hour then node name.
    public func nodeHours(cluster: String, hours: HourRange) throws -> [NodeHour] {
        try writer.read { db in
            let decoder = JSONDecoder()
            return try Row.fetchAll(db, sql: """
                SELECT h.hour, n.name, n.vmID, n.role, n.zone, h.vcpus, h.memoryBytes, h.presentMs, h.runningMs, h.disks
                FROM nodeHour h JOIN node n ON n.id = h.nodeId
                WHERE n.cluster = ? AND h.hour >= ? AND h.hour < ?
                ORDER BY h.hour, n.name
                """, arguments: [cluster, hours.from.start, hours.to.start]
            ).map { row in
                let disks: String = row[9]
                return NodeHour(
                    cluster: cluster, hour: Hour(containing: row[0]), node: row[1], vmID: row[2],
                    role: NodeRole(rawValue: row[3]) ?? .worker, zone: row[4], vcpus: row[5], memoryBytes: row[6],
                    presentMs: row[7], runningMs: row[8], disks: try decoder.decode([Disk].self, from: Data(disks.utf8))
                )
            }
        }
    }

    /// Container-hours of a cluster in the hours, ordered by hour then namespace, pod, container.
    public func containerHours(cluster: String, hours: HourRange) throws -> [ContainerHour] {
        try writer.read { db in
            // The strings of each container are read once, not once per hour: the hourly rows
            // are integers, and the order by name is a precomputed rank. Only the containers
            // of the range: a cluster's month holds ten times more than a day.
            var refs: [Int64: (ref: ContainerRef, rank: Int)] = [:]
            let containers = try Row.fetchAll(db, sql: """
                SELECT id, namespace, pod, container, node, controllerKind, controllerName FROM container
                WHERE cluster = ? AND id IN (SELECT containerId FROM containerHour WHERE hour >= ? AND hour < ?)
                ORDER BY namespace, pod, container, node
                """, arguments: [cluster, hours.from.start, hours.to.start])
            for (rank, row) in containers.enumerated() {
                refs[row[0]] = (ContainerRef(cluster: cluster, namespace: row[1], pod: row[2], container: row[3], node: row[4],
                                             controllerKind: row[5], controllerName: row[6]), rank)
            }
            var facts: [(rank: Int, fact: ContainerHour)] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT hour, containerId, cpuRequest, cpuUsage, memoryRequest, memoryUsage FROM containerHour
                WHERE hour >= ? AND hour < ?
                """, arguments: [hours.from.start, hours.to.start])
            while let row = try rows.next() {
                guard let known = refs[row[1]] else { continue }
                facts.append((known.rank, ContainerHour(
                    ref: known.ref, hour: Hour(containing: row[0]), cpuRequestNanocores: row[2], cpuUsageNanocores: row[3],
                    memoryRequestBytes: row[4], memoryUsageBytes: row[5]
                )))
            }
            facts.sort { ($0.fact.hour.start, $0.rank) < ($1.fact.hour.start, $1.rank) }
            return facts.map(\.fact)
        }
    }

    /// PVC-hours of a cluster in the hours, ordered by hour, namespace, claim.
    public func pvcHours(cluster: String, hours: HourRange) throws -> [PVCHour] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT hour, namespace, claim, storageClass, requestedBytes FROM pvcHour
                WHERE cluster = ? AND hour >= ? AND hour < ? ORDER BY hour, namespace, claim
                """, arguments: [cluster, hours.from.start, hours.to.start]
            ).map { row in
                PVCHour(
                    cluster: cluster, hour: Hour(containing: row[0]), namespace: row[1], claim: row[2],
                    storageClass: row[3], requestedBytes: row[4]
                )
            }
        }
    }

    /// Namespace-hours of a cluster in the hours, ordered by hour, namespace.
    public func namespaceHours(cluster: String, hours: HourRange) throws -> [NamespaceHour] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT hour, namespace, tenant FROM namespaceHour
                WHERE cluster = ? AND hour >= ? AND hour < ? ORDER BY hour, namespace
                """, arguments: [cluster, hours.from.start, hours.to.start]
            ).map { row in
                NamespaceHour(cluster: cluster, hour: Hour(containing: row[0]), namespace: row[1], tenant: row[2])
            }
        }
    }

    /// Raw series of a cluster and metric with their samples at steps in `[from, to]`,
    /// one per container, ordered by namespace, pod, container; samples by step.
    public func rawSeries(cluster: String, metric: RawMetric, fromStep: Int64, toStep: Int64) throws -> [RawSeries] {
        try writer.read { db in
            var byContainer: [Int64: RawSeries] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT k.containerId, k.day, k.data, c.namespace, c.pod, c.container, c.node, c.controllerKind, c.controllerName
                FROM rawChunk k CROSS JOIN container c ON c.id = k.containerId
                WHERE c.cluster = ? AND k.metric = ? AND k.day >= ? AND k.day <= ?
                ORDER BY k.day
                """, arguments: [cluster, metric.rawValue, SampleChunk.day(of: fromStep), SampleChunk.day(of: toStep)])
            while let row = try rows.next() {
                let id: Int64 = row[0]
                let chunk = try SampleChunk(day: row[1], bytes: row[2] as Data)
                let samples = chunk.samples.filter { $0.step >= fromStep && $0.step <= toStep }.map {
                    RawSample(step: $0.step, value: $0.value)
                }
                if byContainer[id] == nil {
                    let ref = ContainerRef(
                        cluster: cluster, namespace: row[3], pod: row[4], container: row[5], node: row[6],
                        controllerKind: row[7], controllerName: row[8]
                    )
                    byContainer[id] = RawSeries(ref: ref, metric: metric, samples: [])
                }
                byContainer[id]!.samples += samples
            }
            return byContainer.values.filter { !$0.samples.isEmpty }.sorted {
                ($0.ref.namespace, $0.ref.pod, $0.ref.container, $0.ref.node) < ($1.ref.namespace, $1.ref.pod, $1.ref.container, $1.ref.node)
            }
        }
    }

    /// OpenCost or Kubecost allocations of a cluster in the hours, by hour, namespace, source.
    public func externalAllocations(cluster: String, hours: HourRange) throws -> [ExternalAllocation] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT hour, namespace, source, cpuCost, ramCost, pvCost, totalCost, cpuCoreHours, ramByteHours FROM externalAllocation
                WHERE cluster = ? AND hour >= ? AND hour < ? ORDER BY hour, namespace, source
                """, arguments: [cluster, hours.from.start, hours.to.start]
            ).map { row in
                ExternalAllocation(
                    cluster: cluster, hour: Hour(containing: row[0]), namespace: row[1], source: row[2], cpuCost: row[3],
                    ramCost: row[4], pvCost: row[5], totalCost: row[6], cpuCoreHours: row[7], ramByteHours: row[8]
                )
            }
        }
    }

    /// The clusters that have any hourly fact, sorted.
    public func clusters() throws -> [String] {
        try writer.read { db in try Self.clusterNames(db) }
    }

    static func clusterNames(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT cluster FROM node UNION SELECT cluster FROM container UNION SELECT cluster FROM namespaceHour ORDER BY 1
            """)
    }
}

extension LedgerStore {
    /// Calls `body` with each day chunk's samples at steps in `[fromStep, toStep]`, chunk by
    /// chunk, so a reader of weeks of samples holds one chunk at a time, not all of them.
    public func forEachRawChunk(
        cluster: String, metric: RawMetric, fromStep: Int64, toStep: Int64, _ body: (ContainerRef, [RawSample]) throws -> Void
    ) throws {
        try writer.read { db in
            var refs: [Int64: ContainerRef] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT id, namespace, pod, container, node, controllerKind, controllerName FROM container WHERE cluster = ?
                """, arguments: [cluster]) {
                refs[row[0]] = ContainerRef(cluster: cluster, namespace: row[1], pod: row[2], container: row[3], node: row[4],
                                            controllerKind: row[5], controllerName: row[6])
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT containerId, day, data FROM rawChunk WHERE metric = ? AND day >= ? AND day <= ?
                """, arguments: [metric.rawValue, SampleChunk.day(of: fromStep), SampleChunk.day(of: toStep)])
            while let row = try rows.next() {
                guard let ref = refs[row[0]] else { continue }
                let chunk = try SampleChunk(day: row[1], bytes: row[2] as Data)
                try body(ref, chunk.samples.filter { $0.step >= fromStep && $0.step <= toStep }.map { RawSample(step: $0.step, value: $0.value) })
            }
        }
    }
}
