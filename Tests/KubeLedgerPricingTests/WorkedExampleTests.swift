import KubeLedgerConfig
import KubeLedgerCore
@testable import KubeLedgerPricing
import Testing

/// cost-model.md §9, every figure to 10 decimals, both sharing policies, and its rounding.
@Suite struct WorkedExampleTests {
    func priced() throws -> HourCost {
        try HourPricer(policy: PricingPolicy(catalog: WorkedExample.catalog())).price(WorkedExample.input())
    }

    func ten(_ money: Money) -> String { money.formatted(decimals: 10) }

    func row(_ cost: HourCost, _ kind: CostRow.Kind, _ namespace: String = "") -> CostRow {
        cost.rows.filter { $0.kind == kind && $0.namespace == namespace }.reduce(into: CostRow(kind: kind)) { $0.add($1) }
    }

    @Test("the hour's pools, allocations, idle and overhead are the spec's figures")
    func hourFigures() throws {
        let cost = try priced()
        #expect(ten(row(cost, .direct, "shop").cpu) == "0.0300000000")
        #expect(ten(row(cost, .direct, "blog").cpu) == "0.0450000000")
        #expect(ten(row(cost, .platform, "monitoring").cpu) == "0.0150000000")
        #expect(ten(row(cost, .direct, "shop").ram) == "0.0160000000")
        #expect(ten(row(cost, .direct, "blog").ram) == "0.0120000000")
        #expect(ten(row(cost, .platform, "monitoring").ram) == "0.0080000000")
        let workerIdle = cost.rows.first { $0.kind == .idle && $0.node == "w1" }!
        #expect(ten(workerIdle.cpu) == "0.0300000000")
        #expect(ten(workerIdle.ram) == "0.0280000000")
        #expect(ten(row(cost, .direct, "shop").storage) == "0.0073972603")
        #expect(ten(row(cost, .direct, "blog").storage) == "0.0049315068")
        let storageIdle = cost.rows.first { $0.kind == .idle && $0.node.isEmpty }!
        #expect(ten(storageIdle.storage) == "0.0616438356")
        #expect(ten(row(cost, .direct, "shop").storage + row(cost, .direct, "blog").storage + storageIdle.storage) == "0.0739726027")
        #expect(ten(row(cost, .overhead).total) == "2.3603287671")
        #expect(ten(cost.total) == "2.6183013699")
        #expect(cost.rows.map(\.total).sum() == cost.total)
        #expect(row(cost, .direct, "shop").storageBytes == 30 * ByteSize.gib)
        #expect(row(cost, .direct, "shop").cpuNanocores == 1_000_000_000)
        #expect(cost.coverage == HourCoverage(iaasNodes: 2, containers: 3, unpricedContainers: 0))
    }

    @Test("shared, idle, direct and each tenant's total under both policies", arguments: [
        (SharingSettings(shared: .weighted, idle: .weighted), "1.2122744672", "1.4060269026"),
        (SharingSettings(shared: .even, idle: .even), "1.3048835616", "1.3134178082"),
    ])
    func tenants(sharing: SharingSettings, acme: String, globex: String) throws {
        let charge = Chargeback(rows: try priced().rows, sharing: sharing)
        #expect(ten(charge.shared) == "2.3833287671")
        #expect(ten(charge.idle) == "0.1196438356")
        #expect(ten(charge.total) == "2.6183013699")
        #expect(charge.tenants.map(\.name) == ["acme", "globex"])
        #expect(ten(charge.tenant("acme")!.direct) == "0.0533972603")
        #expect(ten(charge.tenant("globex")!.direct) == "0.0619315068")
        #expect(ten(charge.tenant("acme")!.total) == acme)
        #expect(ten(charge.tenant("globex")!.total) == globex)
        #expect(charge.tenants.map(\.total).sum() == charge.total)
    }

    @Test("rounded as a one-hour invoice: 2.62, tenants first, then their lines")
    func rounding() throws {
        let charge = Chargeback(rows: try priced().rows, sharing: SharingSettings())
        let invoice = InvoiceRounding(charge)
        #expect(invoice.total.formatted(decimals: 2) == "2.62")
        let lines = invoice.lines.map { "\($0.line.tenant)/\($0.line.namespace ?? "-")/\($0.line.component.rawValue) \(ten($0.line.amount)) \($0.rounded.formatted(decimals: 2))" }
        #expect(lines == [
            "acme/shop/cpu 0.0300000000 0.03", "acme/shop/ram 0.0160000000 0.02", "acme/shop/storage 0.0073972603 0.01",
            "acme/-/shared 1.1034820684 1.10", "acme/-/idle 0.0553951385 0.05",
            "globex/blog/cpu 0.0450000000 0.05", "globex/blog/ram 0.0120000000 0.01", "globex/blog/storage 0.0049315068 0.01",
            "globex/-/shared 1.2798466987 1.28", "globex/-/idle 0.0642486971 0.06",
        ])
        #expect(invoice.tenantTotals.map { $0.formatted(decimals: 2) } == ["1.21", "1.41"])
    }
}

@Suite struct CostBreakdownTests {
    @Test("every breakdown of the worked example adds up to the cluster total, with the tenants' shares spread by direct cost",
          arguments: [CostBreakdown.Aggregate.cluster, .tenant, .namespace, .node, .controller])
    func breakdowns(aggregate: CostBreakdown.Aggregate) throws {
        let cost = try HourPricer(policy: PricingPolicy(catalog: WorkedExample.catalog())).price(WorkedExample.input())
        let breakdown = CostBreakdown(rows: cost.rows, sharing: SharingSettings(), by: aggregate)
        #expect(breakdown.entries.map(\.total).sum() == cost.total)
        switch aggregate {
        case .cluster:
            #expect(breakdown.entries.map(\.key) == ["cluster"])
        case .tenant, .namespace:
            let names = aggregate == .tenant ? ["acme", "globex"] : ["blog", "shop"]
            #expect(breakdown.entries.map(\.key) == names)
            let shop = breakdown.entries.first { $0.key == (aggregate == .tenant ? "acme" : "shop") }!
            #expect(shop.total.formatted(decimals: 10) == "1.2122744672")
            // OpenCost efficiency: CPU 0.5/1.0 and RAM 2/4, both 0.5.
            #expect(abs(shop.efficiency! - 0.5) < 1e-12)
        case .node:
            #expect(breakdown.entries.map(\.key) == ["(storage)", "w1"])
        case .controller:
            #expect(breakdown.entries.map(\.key) == ["blog/(storage)", "blog/Deployment/app", "shop/(storage)", "shop/Deployment/web"])
        case .label:
            Issue.record("label aggregation has its own test")
        }
    }

    @Test("label:<key>: a workload's label, else its namespace's, else __unallocated__; the groups add up to the cluster total")
    func labels() throws {
        let cost = try HourPricer(policy: PricingPolicy(catalog: WorkedExample.catalog())).price(WorkedExample.input())
        let byNamespace = CostBreakdown(rows: cost.rows, sharing: SharingSettings(), by: .namespace)
        func total(_ entries: [CostEntry], _ key: String) -> Money? { entries.first { $0.key == key }?.total }
        // shop's web carries team=checkout; blog has only a namespace label; shop's storage falls back to nothing.
        let groups = LabelGroups(workloads: ["shop/Deployment/web": "checkout"], namespaces: ["blog": "content"])
        let byTeam = CostBreakdown(rows: cost.rows, sharing: SharingSettings(), by: .label("team"), labels: groups).entries
        #expect(byTeam.map(\.key) == ["__unallocated__", "checkout", "content"])
        #expect(byTeam.map(\.total).sum() == cost.total)
        #expect(total(byTeam, "content") == total(byNamespace.entries, "blog"))
        #expect(total(byTeam, "checkout")! + total(byTeam, "__unallocated__")! == total(byNamespace.entries, "shop")!)
        // Without any label everything is unallocated, still conserved.
        let none = CostBreakdown(rows: cost.rows, sharing: SharingSettings(), by: .label("team"), labels: LabelGroups(workloads: [:], namespaces: [:])).entries
        #expect(none.map(\.total).sum() == cost.total)
        #expect(Set(none.map(\.key)).isSubset(of: ["__unallocated__", "__idle__", "__unassigned__"]))
        #expect(LabelFact.sanitized("app.kubernetes.io/name") == "app_kubernetes_io_name")
    }
}
