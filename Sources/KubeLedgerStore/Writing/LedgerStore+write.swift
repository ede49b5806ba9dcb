import Foundation
import GRDB
import KubeLedgerCore

extension LedgerStore {
    /// Writes a batch in one transaction: all of it or, on any error, nothing.
    ///
    /// Writes are idempotent: a fact is keyed by what it describes (cluster, hour, node,
    /// container, claim, namespace; raw samples by container, metric and step), and writing
    /// the same key again replaces the value, so a re-run or an overlapping lookback never
    /// duplicates or double counts.
    /// - Throws: ``StoreError/invalidFact(kind:key:field:reason:)`` naming the first bad fact.
    public func write(_ batch: FactBatch) throws {
        try FactValidation.check(batch)
        try writer.write { db in try Self.apply(batch, db: db) }
    }

    /// Writes a checked batch inside the caller's transaction.
    static func apply(_ batch: FactBatch, db: Database) throws {
        try bumpVersion(db)
        var ids = DimensionIDs()
        try writeNodeHours(batch.nodeHours, db: db, ids: &ids)
        try writeContainerHours(batch.containerHours, db: db, ids: &ids)
        try writePVCHours(batch.pvcHours, db: db)
        try writeNamespaceHours(batch.namespaceHours, db: db)
        try writeRawSeries(batch.rawSeries, db: db, ids: &ids)
        try writeAllocations(batch.allocations, db: db)
        try writeKubeNodeHours(batch.kubeNodeHours, db: db)
        try writeLabels(batch.labels, db: db)
        try writeInventories(batch.inventories, db: db)
        try invalidateCosts(of: batch, db: db)
        if !batch.autoscalers.isEmpty {
            let statement = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO autoscalerHour (cluster, hour, namespace, targetKind, targetName) VALUES (?, ?, ?, ?, ?)
                """)
            for fact in batch.autoscalers {
                try statement.execute(arguments: [fact.cluster, fact.hour.start, fact.namespace, fact.targetKind, fact.targetName])
            }
        }
    }

    /// Moves the store's version (``version()``), inside the caller's transaction.
    static func bumpVersion(_ db: Database) throws {
        try db.execute(sql: "UPDATE storeVersion SET version = version + 1 WHERE id = 1")
    }

    /// Keyed by cluster and time: the same snapshot written by every day of a run is one row.
    private static func writeInventories(_ snapshots: [InventorySnapshot], db: Database) throws {
        guard !snapshots.isEmpty else { return }
        let json = StoredJSON()
        let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO inventorySnapshot (cluster, takenAt, vms) VALUES (?, ?, ?)")
        for snapshot in snapshots {
            try statement.execute(arguments: [snapshot.cluster, snapshot.takenAt, try json.text(snapshot.vms)])
        }
    }

    /// The newest value of each label wins; an older read (a re-run over past days) does not
    /// bring back a value the label has since lost.
    private static func writeLabels(_ facts: [LabelFact], db: Database) throws {
        guard !facts.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO label (cluster, scope, namespace, controllerKind, controllerName, key, value, hour) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET value = excluded.value, hour = excluded.hour WHERE excluded.hour >= label.hour
            """)
        for fact in LabelFact.newest(facts) {
            try statement.execute(arguments: [fact.cluster, fact.scope.rawValue, fact.namespace, fact.controllerKind, fact.controllerName,
                                              fact.key, fact.value, fact.hour.start])
        }
    }

    /// Hours whose priced facts change lose their priced mark in the same transaction, so
    /// the cost updater prices them again whatever happens between this write and the next
    /// pricing (a crash included).
    private static func invalidateCosts(of batch: FactBatch, db: Database) throws {
        struct Key: Hashable {
            let cluster: String
            let hour: Int64
        }
        var touched: Set<Key> = []
        for fact in batch.nodeHours { touched.insert(Key(cluster: fact.cluster, hour: fact.hour.start)) }
        for fact in batch.containerHours { touched.insert(Key(cluster: fact.ref.cluster, hour: fact.hour.start)) }
        for fact in batch.pvcHours { touched.insert(Key(cluster: fact.cluster, hour: fact.hour.start)) }
        for fact in batch.namespaceHours { touched.insert(Key(cluster: fact.cluster, hour: fact.hour.start)) }
        guard !touched.isEmpty else { return }
        let statement = try db.cachedStatement(sql: "DELETE FROM pricedHour WHERE cluster = ? AND hour = ?")
        for key in touched { try statement.execute(arguments: [key.cluster, key.hour]) }
        // Hours with node or namespace facts are the hours to price (``factHours``).
        let factHour = try db.cachedStatement(sql: "INSERT OR IGNORE INTO factHour (cluster, hour) VALUES (?, ?)")
        var marked: Set<Key> = []
        for fact in batch.nodeHours { marked.insert(Key(cluster: fact.cluster, hour: fact.hour.start)) }
        for fact in batch.namespaceHours { marked.insert(Key(cluster: fact.cluster, hour: fact.hour.start)) }
        for key in marked { try factHour.execute(arguments: [key.cluster, key.hour]) }
    }

    private static func writeKubeNodeHours(_ facts: [KubeNodeHour], db: Database) throws {
        guard !facts.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO kubeNodeHour (cluster, hour, node, role, zone, cpuCapacity, cpuAllocatable, memoryCapacity,
                memoryAllocatable, podsAllocatable)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (cluster, hour, node) DO UPDATE SET role = excluded.role, zone = excluded.zone,
                cpuCapacity = excluded.cpuCapacity, cpuAllocatable = excluded.cpuAllocatable,
                memoryCapacity = excluded.memoryCapacity, memoryAllocatable = excluded.memoryAllocatable,
                podsAllocatable = excluded.podsAllocatable
            """)
        for fact in facts {
            try statement.execute(arguments: [
                fact.cluster, fact.hour.start, fact.node, fact.role?.rawValue, fact.zone, fact.cpuCapacityNanocores,
                fact.cpuAllocatableNanocores, fact.memoryCapacityBytes, fact.memoryAllocatableBytes, fact.podsAllocatable,
            ])
        }
    }

    private static func writeAllocations(_ facts: [ExternalAllocation], db: Database) throws {
        guard !facts.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO externalAllocation (cluster, hour, namespace, source, cpuCost, ramCost, pvCost, totalCost, cpuCoreHours, ramByteHours)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (cluster, hour, namespace, source) DO UPDATE SET cpuCost = excluded.cpuCost, ramCost = excluded.ramCost,
                pvCost = excluded.pvCost, totalCost = excluded.totalCost, cpuCoreHours = excluded.cpuCoreHours,
                ramByteHours = excluded.ramByteHours
            """)
        for fact in facts {
            try statement.execute(arguments: [
                fact.cluster, fact.hour.start, fact.namespace, fact.source, fact.cpuCost, fact.ramCost, fact.pvCost, fact.totalCost,
                fact.cpuCoreHours, fact.ramByteHours,
            ])
        }
    }

    private static func writeNodeHours(_ facts: [NodeHour], db: Database, ids: inout DimensionIDs) throws {
        guard !facts.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO nodeHour (hour, nodeId, vcpus, memoryBytes, presentMs, runningMs, disks)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (hour, nodeId) DO UPDATE SET vcpus = excluded.vcpus, memoryBytes = excluded.memoryBytes,
                presentMs = excluded.presentMs, runningMs = excluded.runningMs, disks = excluded.disks
            """)
        let json = StoredJSON()
        for fact in facts {
            let nodeId = try ids.node(fact, db: db)
            try statement.execute(arguments: [
                fact.hour.start, nodeId, fact.vcpus, fact.memoryBytes, fact.presentMs, fact.runningMs, try json.text(fact.disks),
            ])
        }
    }

    private static func writeContainerHours(_ facts: [ContainerHour], db: Database, ids: inout DimensionIDs) throws {
        guard !facts.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO containerHour (hour, containerId, cpuRequest, cpuUsage, memoryRequest, memoryUsage)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (hour, containerId) DO UPDATE SET cpuRequest = excluded.cpuRequest, cpuUsage = excluded.cpuUsage,
                memoryRequest = excluded.memoryRequest, memoryUsage = excluded.memoryUsage
            """)
        for fact in facts {
            let containerId = try ids.container(fact.ref, db: db)
            statement.setUncheckedArguments([
                fact.hour.start, containerId, fact.cpuRequestNanocores, fact.cpuUsageNanocores,
                fact.memoryRequestBytes, fact.memoryUsageBytes,
            ])
            try statement.execute()
        }
    }

    private static func writePVCHours(_ facts: [PVCHour], db: Database) throws {
        guard !facts.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO pvcHour (cluster, hour, namespace, claim, storageClass, requestedBytes) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (cluster, hour, namespace, claim) DO UPDATE SET storageClass = excluded.storageClass,
                requestedBytes = excluded.requestedBytes
            """)
        for fact in facts {
            try statement.execute(arguments: [
                fact.cluster, fact.hour.start, fact.namespace, fact.claim, fact.storageClass, fact.requestedBytes,
            ])
        }
    }

    private static func writeNamespaceHours(_ facts: [NamespaceHour], db: Database) throws {
        guard !facts.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO namespaceHour (cluster, hour, namespace, tenant) VALUES (?, ?, ?, ?)
            ON CONFLICT (cluster, hour, namespace) DO UPDATE SET tenant = excluded.tenant
            """)
        for fact in facts {
            try statement.execute(arguments: [fact.cluster, fact.hour.start, fact.namespace, fact.tenant])
        }
    }

    /// Merges samples into their day chunks: a step already stored takes the new value.
    private static func writeRawSeries(_ series: [RawSeries], db: Database, ids: inout DimensionIDs) throws {
        guard !series.isEmpty else { return }
        struct Key: Hashable {
            let day: Int64
            let containerId: Int64
            let metric: Int
        }
        var chunks: [Key: SampleChunk] = [:]
        var order: [Key] = []
        for item in series {
            let containerId = try ids.container(item.ref, db: db)
            for sample in item.samples {
                let key = Key(day: SampleChunk.day(of: sample.step), containerId: containerId, metric: item.metric.rawValue)
                if chunks[key] == nil {
                    order.append(key)
                    chunks[key] = SampleChunk(day: key.day)
                }
                chunks[key]!.set(step: sample.step, value: sample.value)
            }
        }
        let select = try db.cachedStatement(sql: "SELECT data FROM rawChunk WHERE day = ? AND containerId = ? AND metric = ?")
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO rawChunk (day, containerId, metric, sampleCount, data) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (day, containerId, metric) DO UPDATE SET sampleCount = excluded.sampleCount, data = excluded.data
            """)
        for key in order {
            var chunk = chunks[key]!
            if let stored = try Data.fetchOne(select, arguments: [key.day, key.containerId, key.metric]) {
                var merged = try SampleChunk(day: key.day, bytes: stored)
                for (step, value) in chunk.samples { merged.set(step: step, value: value) }
                chunk = merged
            }
            try upsert.execute(arguments: [key.day, key.containerId, key.metric, chunk.count, Data(chunk.encoded())])
        }
    }
}

/// Ids of dimension rows resolved within one write transaction.
///
/// Not kept across transactions: an id handed out by a transaction that rolled back
/// would point at nothing.
struct DimensionIDs {
    private var nodes: [String: Int64] = [:]
    private var containers: [ContainerRef: Int64] = [:]

    mutating func node(_ fact: NodeHour, db: Database) throws -> Int64 {
        let key = "\(fact.cluster)\u{0}\(fact.node)\u{0}\(fact.vmID)\u{0}\(fact.role.rawValue)\u{0}\(fact.zone)"
        if let id = nodes[key] { return id }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO node (cluster, name, vmID, role, zone) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (cluster, name, vmID) DO UPDATE SET role = excluded.role, zone = excluded.zone
            RETURNING id
            """)
        let id = try Int64.fetchOne(statement, arguments: [fact.cluster, fact.node, fact.vmID, fact.role.rawValue, fact.zone])!
        nodes[key] = id
        return id
    }

    mutating func container(_ ref: ContainerRef, db: Database) throws -> Int64 {
        if let id = containers[ref] { return id }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO container (cluster, namespace, pod, container, node, controllerKind, controllerName)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (cluster, namespace, pod, container, node)
            DO UPDATE SET controllerKind = excluded.controllerKind, controllerName = excluded.controllerName
            RETURNING id
            """)
        let id = try Int64.fetchOne(statement, arguments: [
            ref.cluster, ref.namespace, ref.pod, ref.container, ref.node, ref.controllerKind, ref.controllerName,
        ])!
        containers[ref] = id
        return id
    }
}
