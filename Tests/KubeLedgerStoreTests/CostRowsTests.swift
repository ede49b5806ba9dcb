import Testing
@testable import KubeLedgerStore
@testable import KubeLedgerCore

/// The sums every invoice, API answer and Grafana series is made of, read back from
/// hourly rows written the way pricing writes them.
@Suite struct CostRowsTests {
    static let first = StoreFixtures.hour
    static let hours = HourRange(from: first, to: first.advanced(by: 3))

    static func row(
        _ namespace: String, kind: CostRow.Kind = .direct, node: String, zone: String?, controller: String = "web", cpu: String, ram: String = "0"
    ) -> CostRow {
        var row = CostRow(
            kind: kind, namespace: namespace, tenant: kind == .direct ? "acme" : "", node: node, zone: zone, controllerKind: "Deployment",
            controllerName: controller, cpu: Money(cpu)!, ram: Money(ram)!, cpuNanocores: 1_000, ramBytes: 10
        )
        row.cpuUsageNanocores = 7
        return row
    }

    /// Three hours: `shop` runs on two nodes in two zones, `db` on one node and zone, with an
    /// amount near the most an hour's row may hold, so that three of them pass what one
    /// 64-bit integer holds at 10⁻¹⁵; `web` has a row without a zone in one hour.
    static func store(otherCluster: Bool = false) throws -> LedgerStore {
        let store = try LedgerStore()
        for offset in 0..<3 {
            var rows = [
                row("db", node: "w1", zone: "z1", controller: "db", cpu: "9000.000000000000001", ram: "0.25"),
                row("shop", node: "w1", zone: "z1", cpu: "1.5"),
                row("shop", node: "w2", zone: "z2", cpu: "2"),
                row("web", node: "w1", zone: "z1", cpu: "0.1"),
                row("", kind: .idle, node: "w2", zone: "z2", cpu: "0.3"),
            ]
            if offset == 1 {
                // A claim of web's, on Ceph across zones: no zone, and no node.
                var claim = row("web", node: "", zone: nil, controller: "", cpu: "0")
                claim.cpuNanocores = 0
                claim.ramBytes = 0
                claim.cpuUsageNanocores = 0
                claim.storage = Money("0.05")!
                claim.storageBytes = 5
                rows.append(claim)
            }
            let total = rows.map(\.total).sum()
            try store.writeCosts([HourCost(cluster: "c1", hour: first.advanced(by: offset), rows: rows, total: total, coverage: HourCoverage())],
                                 fingerprint: "test")
            if otherCluster {
                try store.writeCosts([HourCost(cluster: "c2", hour: first.advanced(by: offset), rows: rows, total: total, coverage: HourCoverage())],
                                     fingerprint: "test")
            }
        }
        return store
    }

    /// An amount without its trailing zeros: `0.750000000000000` reads `0.75`.
    static func short(_ money: Money) -> String {
        var text = money.description
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }

    static func describe(_ row: CostRow) -> String {
        "\(row.kind) \(row.tenant) \(row.namespace) node=\(row.node) zone=\(row.zone ?? "-") \(row.controllerKind) \(row.controllerName) "
            + "cpu=\(short(row.cpu)) ram=\(short(row.ram)) n=\(row.cpuNanocores) b=\(row.ramBytes) u=\(row.cpuUsageNanocores)"
            + (row.holdsStorage ? " storage=\(short(row.storage)) zone=\(row.storageZone ?? "-")" : "")
    }

    @Test("per namespace: amounts summed exactly, a node or zone kept only when every row of the range shares it, CPU and RAM apart from storage")
    func perNamespace() throws {
        for otherCluster in [false, true] {
            let rows = try Self.store(otherCluster: otherCluster).costRows(cluster: "c1", hours: Self.hours).map(Self.describe)
            #expect(rows == [
                "direct acme db node=w1 zone=z1   cpu=27000.000000000000003 ram=0.75 n=3000 b=30 u=21",
                "direct acme shop node= zone=-   cpu=10.5 ram=0 n=6000 b=60 u=42",
                // web's pods all ran in z1; its claim has no zone: each keeps its own.
                "direct acme web node= zone=z1   cpu=0.3 ram=0 n=3000 b=30 u=21 storage=0.05 zone=-",
                "idle   node=w2 zone=z2   cpu=0.9 ram=0 n=3000 b=30 u=21",
            ])
        }
    }

    @Test("per node and per controller: the same sums, split by node or controller")
    func perNodeAndController() throws {
        let store = try Self.store(otherCluster: true)
        let byNode = try store.costRows(cluster: "c1", hours: Self.hours, by: .node).map(Self.describe)
        #expect(byNode == [
            "direct acme db node=w1 zone=z1   cpu=27000.000000000000003 ram=0.75 n=3000 b=30 u=21",
            "direct acme shop node=w1 zone=z1   cpu=4.5 ram=0 n=3000 b=30 u=21",
            "direct acme shop node=w2 zone=z2   cpu=6 ram=0 n=3000 b=30 u=21",
            "direct acme web node= zone=-   cpu=0 ram=0 n=0 b=0 u=0 storage=0.05 zone=-",
            "direct acme web node=w1 zone=z1   cpu=0.3 ram=0 n=3000 b=30 u=21",
            "idle   node=w2 zone=z2   cpu=0.9 ram=0 n=3000 b=30 u=21",
        ])
        let byController = try store.costRows(cluster: "c1", hours: Self.hours, by: .controller).map(Self.describe)
        #expect(byController == [
            "direct acme db node=w1 zone=z1 Deployment db cpu=27000.000000000000003 ram=0.75 n=3000 b=30 u=21",
            "direct acme shop node= zone=- Deployment web cpu=10.5 ram=0 n=6000 b=60 u=42",
            "direct acme web node= zone=- Deployment  cpu=0 ram=0 n=0 b=0 u=0 storage=0.05 zone=-",
            "direct acme web node=w1 zone=z1 Deployment web cpu=0.3 ram=0 n=3000 b=30 u=21",
            "idle   node=w2 zone=z2 Deployment web cpu=0.9 ram=0 n=3000 b=30 u=21",
        ])
        // One hour alone: the row without a zone is outside it, so `web` keeps its node and zone.
        let firstHour = try store.costRows(cluster: "c1", hours: HourRange(from: Self.first, to: Self.first.next)).map(Self.describe)
        #expect(firstHour.contains("direct acme web node=w1 zone=z1   cpu=0.1 ram=0 n=1000 b=10 u=7"))
    }
}
