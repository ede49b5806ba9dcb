import GRDB
import KubeLedgerCore

extension LedgerStore {
    /// How stored cost rows are summed.
    public enum CostGrouping: Sendable {
        /// Per kind, tenant and namespace: what an invoice needs.
        case namespace
        /// Per kind, tenant, namespace and node.
        case node
        /// Per kind, tenant, namespace and controller.
        case controller
        /// Per kind, tenant and namespace, from the hourly namespace totals: amounts,
        /// quantities, requests and usage only (no node or zone), for cost series.
        case namespaceTotals

        var columns: String {
            switch self {
            case .namespace, .namespaceTotals: "k.kind, k.tenant, k.namespace"
            case .node: "k.kind, k.tenant, k.namespace, k.node"
            case .controller: "k.kind, k.tenant, k.namespace, k.controllerKind, k.controllerName"
            }
        }
    }

    /// Stored cost rows of a cluster summed over the hours.
    ///
    /// Amounts are summed as two exact integer halves (millionths and the rest), since a
    /// month's sum can pass what one 64-bit integer holds at 10⁻¹⁵. A row's node and zone
    /// are kept when all its hours share them. SQLite sorts what it groups: a month holds
    /// millions of rows but tens of thousands of keys, so the rows are summed per key
    /// first (or, per namespace, taken from the hourly namespace totals), and only those
    /// sums are grouped by strings.
    public func costRows(cluster: String, hours: HourRange, by grouping: CostGrouping = .namespace) throws -> [CostRow] {
        if grouping == .namespaceTotals { return try namespaceTotals(cluster: cluster, hours: hours) }
        return try writer.read { db in
            let rows: RowCursor
            if grouping == .namespace {
                rows = try Row.fetchCursor(db, sql: """
                    SELECT k.kind, k.tenant, k.namespace, k.minNode, k.maxNode, '', '', NULL, NULL, 0, \(CostSums.names("t.")),
                           k.nodeKeys, k.minNodeZone, k.maxNodeZone, k.nullNodeZones, k.minClaimZone, k.maxClaimZone, k.nullClaimZones, k.claimKeys
                    FROM (SELECT kind, tenant, namespace, \(CostSums.columns(""))
                          FROM costNamespaceHour WHERE cluster = ? AND hour >= ? AND hour < ? GROUP BY kind, tenant, namespace) t
                    CROSS JOIN (SELECT kind, tenant, namespace, MIN(node) AS minNode, MAX(node) AS maxNode,
                                       SUM(node <> '') AS nodeKeys, MIN(CASE WHEN node <> '' THEN zone END) AS minNodeZone,
                                       MAX(CASE WHEN node <> '' THEN zone END) AS maxNodeZone, SUM(node <> '' AND zone IS NULL) AS nullNodeZones,
                                       MIN(CASE WHEN node = '' THEN zone END) AS minClaimZone, MAX(CASE WHEN node = '' THEN zone END) AS maxClaimZone,
                                       SUM(node = '' AND zone IS NULL) AS nullClaimZones, SUM(node = '') AS claimKeys
                                FROM costKey WHERE cluster = ? AND id IN (SELECT keyId FROM costHour WHERE hour >= ? AND hour < ?)
                                GROUP BY kind, tenant, namespace) k
                        ON k.kind = t.kind AND k.tenant = t.tenant AND k.namespace = t.namespace
                    ORDER BY k.kind, k.tenant, k.namespace
                    """, arguments: [cluster, hours.from.start, hours.to.start, cluster, hours.from.start, hours.to.start])
            } else {
                rows = try Row.fetchCursor(db, sql: """
                    SELECT k.kind, k.tenant, k.namespace, MIN(k.node), MAX(k.node), MIN(k.controllerKind), MIN(k.controllerName),
                           MIN(k.zone), MAX(k.zone), SUM((k.zone IS NULL) * s.hours), \(CostSums.totals("s."))
                    FROM (SELECT h.keyId, COUNT(*) AS hours, \(CostSums.columns("h."))
                          FROM costHour h CROSS JOIN costKey c ON c.id = h.keyId
                          WHERE c.cluster = ? AND h.hour >= ? AND h.hour < ?
                          GROUP BY h.keyId) s
                    CROSS JOIN costKey k ON k.id = s.keyId
                    GROUP BY \(grouping.columns)
                    ORDER BY \(grouping.columns)
                    """, arguments: [cluster, hours.from.start, hours.to.start])
            }
            var result: [CostRow] = []
            while let row = try rows.next() {
                let minZone: String? = row[7]
                let maxZone: String? = row[8]
                let nullZones: Int64 = row[9]
                let sameNode = (row[3] as String) == (row[4] as String)
                var cost = CostRow(
                    kind: CostRow.Kind(rawValue: row[0]) ?? .overhead, namespace: row[2], tenant: row[1],
                    node: grouping == .node || sameNode ? row[3] : "",
                    zone: nullZones == 0 && minZone == maxZone ? minZone : nil,
                    controllerKind: grouping == .controller ? row[5] : "", controllerName: grouping == .controller ? row[6] : ""
                )
                CostSums.read(row, from: 10, into: &cost)
                if grouping == .namespace {
                    // Per namespace, CPU and RAM (rows on a node) and storage (rows on none)
                    // each keep their own zone; a namespace with only one kind of row has that
                    // zone for both, as a row made in memory does.
                    let extra = 10 + CostSums.count
                    func shared(_ offset: Int) -> String? {
                        let (minimum, maximum, nulls): (String?, String?, Int64) = (row[extra + offset], row[extra + offset + 1], row[extra + offset + 2])
                        return nulls == 0 && minimum == maximum ? minimum : nil
                    }
                    let nodeKeys: Int64 = row[extra]
                    let claimKeys: Int64 = row[extra + 7]
                    if nodeKeys > 0 { cost.zone = shared(1) }
                    if claimKeys > 0 { cost.storageZone = shared(4) }
                    if nodeKeys == 0 { cost.zone = cost.storageZone }
                    if claimKeys == 0 { cost.storageZone = cost.zone }
                }
                result.append(cost)
            }
            return result
        }
    }

    private func namespaceTotals(cluster: String, hours: HourRange) throws -> [CostRow] {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT kind, tenant, namespace, \(CostSums.columns(""))
                FROM costNamespaceHour WHERE cluster = ? AND hour >= ? AND hour < ?
                GROUP BY kind, tenant, namespace ORDER BY kind, tenant, namespace
                """, arguments: [cluster, hours.from.start, hours.to.start])
            var result: [CostRow] = []
            while let row = try rows.next() {
                var cost = CostRow(kind: CostRow.Kind(rawValue: row[0]) ?? .overhead, namespace: row[2], tenant: row[1])
                CostSums.read(row, from: 3, into: &cost)
                result.append(cost)
            }
            return result
        }
    }

    /// The priced hours of a cluster in the range with the fingerprint each was priced with.
    public func pricedHours(cluster: String, hours: HourRange) throws -> [Hour: String] {
        try writer.read { db in
            var result: [Hour: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT hour, fingerprint FROM pricedHour WHERE cluster = ? AND hour >= ? AND hour < ?",
                                        arguments: [cluster, hours.from.start, hours.to.start]) {
                result[Hour(containing: row[0])] = row[1]
            }
            return result
        }
    }

    /// Data coverage of a cluster over the hours: how many were priced, had IaaS data, had
    /// Kubernetes metrics, and how many container-hours could not be priced.
    public func coverage(cluster: String, hours: HourRange) throws -> Coverage {
        try writer.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*), SUM(iaasNodes > 0), SUM(containers > 0), SUM(unpricedContainers), SUM(containers)
                FROM pricedHour WHERE cluster = ? AND hour >= ? AND hour < ?
                """, arguments: [cluster, hours.from.start, hours.to.start])!
            return Coverage(
                hours: hours.count, pricedHours: row[0], hoursWithIaaS: row[1] ?? 0, hoursWithKubernetes: row[2] ?? 0,
                unpricedContainerHours: row[3] ?? 0, containerHours: row[4] ?? 0
            )
        }
    }

    /// The first and last hour of a cluster that have a node or namespace fact; nil when none.
    public func factHourBounds(cluster: String) throws -> HourRange? {
        try writer.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT MIN(hour), MAX(hour) FROM factHour WHERE cluster = ?", arguments: [cluster])
            guard let first: Int64 = row?[0], let last: Int64 = row?[1] else { return nil }
            return HourRange(from: Hour(containing: first), to: Hour(containing: last).next)
        }
    }

    /// Hours of a cluster that have any node or namespace fact, for knowing what to price.
    public func factHours(cluster: String, hours: HourRange) throws -> [Hour] {
        try writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT hour FROM factHour WHERE cluster = ? AND hour >= ? AND hour < ? ORDER BY hour",
                               arguments: [cluster, hours.from.start, hours.to.start]).map(Hour.init(containing:))
        }
    }
}

/// How much of a period the data covers (issue: data coverage).
public struct Coverage: Sendable, Equatable, Codable {
    public var hours: Int
    public var pricedHours: Int
    public var hoursWithIaaS: Int
    public var hoursWithKubernetes: Int
    public var unpricedContainerHours: Int
    public var containerHours: Int
}

/// The sums both cost tables are read with: amounts as two exact integer halves
/// (millionths of a unit and the rest), since a month's sum can pass what one 64-bit
/// integer holds at 10⁻¹⁵, then the quantities, requests and usage.
private enum CostSums {
    static let split = 1_000_000_000
    static let count = 13

    /// The 13 sum columns, of the table aliased by `prefix` (`h.` or nothing), named
    /// `sum0` … `sum12`.
    static func columns(_ prefix: String) -> String {
        let money = ["cpu", "ram", "storage"].flatMap { ["SUM(\(prefix)\($0) / \(split))", "SUM(\(prefix)\($0) % \(split))"] }
        let quantities = ["cpuNanocores", "ramBytes", "storageBytes", "cpuRequest", "cpuUsage", "ramRequest", "ramUsage"].map { "SUM(\(prefix)\($0))" }
        return (money + quantities).enumerated().map { "\($1) AS sum\($0)" }.joined(separator: ", ")
    }

    /// The 13 sums of a subquery aliased by `prefix`, as they are.
    static func names(_ prefix: String) -> String {
        (0..<count).map { "\(prefix)sum\($0)" }.joined(separator: ", ")
    }

    /// The 13 sums of a subquery aliased by `prefix`, summed again.
    static func totals(_ prefix: String) -> String {
        (0..<count).map { "SUM(\(prefix)sum\($0))" }.joined(separator: ", ")
    }

    static func read(_ row: Row, from first: Int, into cost: inout CostRow) {
        func amount(_ index: Int) -> Money {
            Money(units: Int128(row[first + index] as Int64) * Int128(split) + Int128(row[first + index + 1] as Int64))
        }
        cost.cpu = amount(0)
        cost.ram = amount(2)
        cost.storage = amount(4)
        cost.cpuNanocores = row[first + 6]
        cost.ramBytes = row[first + 7]
        cost.storageBytes = row[first + 8]
        cost.cpuRequestNanocores = row[first + 9]
        cost.cpuUsageNanocores = row[first + 10]
        cost.ramRequestBytes = row[first + 11]
        cost.ramUsageBytes = row[first + 12]
    }
}
