import GRDB
import KubeLedgerCore

extension LedgerStore {
    /// Replaces the stored costs of each hour given (all of one cluster), in one transaction.
    ///
    /// Amounts are kept as integer 10⁻¹⁵ units, one row per hour and key; a row holds at
    /// most 9,223 currency units an hour, far beyond any node's hour, and is refused above.
    /// - Parameter fingerprint: What the hours were priced with (catalog and policy), so a
    ///   later change of either is noticed and the hours repriced.
    public func writeCosts(_ hours: [HourCost], fingerprint: String) throws {
        guard !hours.isEmpty else { return }
        for hour in hours {
            for row in hour.rows {
                for (field, amount) in [("cpu", row.cpu), ("ram", row.ram), ("storage", row.storage)] {
                    guard amount.units >= 0, amount.units <= Int128(Int64.max) else {
                        throw StoreError.invalidFact(
                            kind: "cost row", key: "\(hour.cluster)/\(row.kind.rawValue)/\(row.namespace)/\(row.node) at \(hour.hour)",
                            field: field, reason: "\(amount) is outside 0 ... 9223 an hour"
                        )
                    }
                }
            }
        }
        try writer.write { db in
            try Self.bumpVersion(db)
            var keys: [CostKey: Int64] = [:]
            // Rows are keyed (hour, key): written in hour order, they append.
            let deleteRows = try db.cachedStatement(sql: """
                DELETE FROM costHour WHERE hour = ? AND keyId IN (SELECT id FROM costKey WHERE cluster = ?)
                """)
            // Many rows per INSERT: the statement overhead, not SQLite, dominates one-row inserts.
            var inserter = IntegerRowInserter(db: db, into: "costHour", columns: [
                "hour", "keyId", "cpu", "ram", "storage", "cpuNanocores", "ramBytes", "storageBytes", "cpuRequest", "cpuUsage",
                "ramRequest", "ramUsage",
            ])
            let anyRows = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM costHour WHERE hour = ?)")
            let upsertHour = try db.cachedStatement(sql: """
                INSERT INTO pricedHour (cluster, hour, total, iaasNodes, containers, unpricedContainers, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (cluster, hour) DO UPDATE SET total = excluded.total, iaasNodes = excluded.iaasNodes,
                    containers = excluded.containers, unpricedContainers = excluded.unpricedContainers, fingerprint = excluded.fingerprint
                """)
            for hour in hours {
                precondition(hour.cluster == hours[0].cluster, "one cluster per call")
                if try Bool.fetchOne(anyRows, arguments: [hour.hour.start]) == true {
                    try deleteRows.execute(arguments: [hour.hour.start, hour.cluster])
                }
                for row in hour.rows {
                    let key = CostKey(cluster: hour.cluster, row: row)
                    let id: Int64
                    if let known = keys[key] {
                        id = known
                    } else {
                        id = try key.id(db)
                        keys[key] = id
                    }
                    // One append each: an array literal here would allocate once per row.
                    inserter.append(hour.hour.start)
                    inserter.append(id)
                    inserter.append(Int64(row.cpu.units))
                    inserter.append(Int64(row.ram.units))
                    inserter.append(Int64(row.storage.units))
                    inserter.append(row.cpuNanocores)
                    inserter.append(row.ramBytes)
                    inserter.append(row.storageBytes)
                    inserter.append(row.cpuRequestNanocores)
                    inserter.append(row.cpuUsageNanocores)
                    inserter.append(row.ramRequestBytes)
                    inserter.append(row.ramUsageBytes)
                    try inserter.endRow()
                }
                try inserter.flush()
                try Self.writeNamespaceTotals(hour, db: db)
                try upsertHour.execute(arguments: [
                    hour.cluster, hour.hour.start, hour.total.description, hour.coverage.iaasNodes, hour.coverage.containers,
                    hour.coverage.unpricedContainers, fingerprint,
                ])
            }
        }
    }
}

extension LedgerStore {
    /// The hour's rows summed per kind, tenant and namespace into `costNamespaceHour`.
    static func writeNamespaceTotals(_ hour: HourCost, db: Database) throws {
        struct Key: Hashable {
            let kind: CostRow.Kind, tenant: String, namespace: String
        }
        var totals: [Key: CostRow] = [:]
        var order: [Key] = []
        // Rows come ordered by kind and namespace: a run of one key is summed here and
        // looked up once.
        var run: (key: Key, row: CostRow)?
        func settle() {
            guard let (key, row) = run else { return }
            if totals[key] == nil {
                order.append(key)
                totals[key] = row
            } else {
                totals[key]!.add(row)
            }
        }
        for row in hour.rows {
            if let key = run?.key, key.kind == row.kind, key.namespace == row.namespace, key.tenant == row.tenant {
                run!.row.add(row)
            } else {
                settle()
                run = (Key(kind: row.kind, tenant: row.tenant, namespace: row.namespace), row)
            }
        }
        settle()
        try db.execute(sql: "DELETE FROM costNamespaceHour WHERE cluster = ? AND hour = ?", arguments: [hour.cluster, hour.hour.start])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO costNamespaceHour (cluster, hour, kind, tenant, namespace, cpu, ram, storage, cpuNanocores, ramBytes, storageBytes,
                cpuRequest, cpuUsage, ramRequest, ramUsage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for key in order {
            let row = totals[key]!
            var amounts: [Int64] = []
            for (field, amount) in [("cpu", row.cpu), ("ram", row.ram), ("storage", row.storage)] {
                guard let value = Int64(exactly: amount.units), value >= 0 else {
                    throw StoreError.invalidFact(kind: "namespace cost", key: "\(hour.cluster)/\(key.kind.rawValue)/\(key.namespace) at \(hour.hour)",
                                                 field: field, reason: "\(amount) is outside 0 ... 9223 an hour")
                }
                amounts.append(value)
            }
            try insert.execute(arguments: [
                hour.cluster, hour.hour.start, key.kind.rawValue, key.tenant, key.namespace, amounts[0], amounts[1], amounts[2],
                row.cpuNanocores, row.ramBytes, row.storageBytes, row.cpuRequestNanocores, row.cpuUsageNanocores, row.ramRequestBytes, row.ramUsageBytes,
            ])
        }
    }
}

/// The strings of a cost row, kept once in `costKey`.
struct CostKey: Hashable {
    var cluster: String
    var kind: String
    var namespace: String
    var tenant: String
    var node: String
    var zone: String?
    var controllerKind: String
    var controllerName: String

    init(cluster: String, row: CostRow) {
        self.cluster = cluster
        kind = row.kind.rawValue
        namespace = row.namespace
        tenant = row.tenant
        node = row.node
        zone = row.zone
        controllerKind = row.controllerKind
        controllerName = row.controllerName
    }

    /// The fields that tell an hour's rows apart; the others follow from them almost always,
    /// and equality still compares every field.
    func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(namespace)
        hasher.combine(node)
        hasher.combine(controllerName)
    }

    func id(_ db: Database) throws -> Int64 {
        // `zone IS ?` matches a null zone too, which a UNIQUE constraint does not.
        let arguments: StatementArguments = [cluster, kind, namespace, tenant, node, zone, controllerKind, controllerName]
        let select = try db.cachedStatement(sql: """
            SELECT id FROM costKey WHERE cluster = ? AND kind = ? AND namespace = ? AND tenant = ? AND node = ? AND zone IS ?
                AND controllerKind = ? AND controllerName = ?
            """)
        if let id = try Int64.fetchOne(select, arguments: arguments) { return id }
        try db.cachedStatement(sql: """
            INSERT INTO costKey (cluster, kind, namespace, tenant, node, zone, controllerKind, controllerName) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: arguments)
        return db.lastInsertedRowID
    }
}
