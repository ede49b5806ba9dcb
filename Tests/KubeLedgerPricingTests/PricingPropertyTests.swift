import Foundation
import KubeLedgerConfig
import KubeLedgerCore
@testable import KubeLedgerPricing
import KubeLedgerSimulator
import Testing

/// Invariants a finance team relies on, checked on simulated clusters of both
/// architectures and several seeds, every hour priced.
@Suite struct PricingPropertyTests {
    static let cases: [(Architecture, UInt64)] = [(.devtest, 1), (.devtest, 2), (.production, 3), (.production, 4)]

    /// Two simulated days priced hour by hour.
    static func priced(_ architecture: Architecture, seed: UInt64, policy: PricingPolicy? = nil,
                       edit: ((inout ClusterHour) -> Void)? = nil) throws -> [HourCost] {
        let from = Hour(containing: 1_793_577_600)  // 2026-11-02T00:00:00Z
        let simulator = try Simulator(SimulationOptions(
            clusterName: "p", architecture: architecture, seed: seed, from: from, to: from.advanced(by: 48), containers: 40
        ))
        let facts = simulator.days.map { simulator.facts(day: $0, rawSince: nil) }.reduce(into: FactBatch()) { $0.append(contentsOf: $1) }
        let pricer = HourPricer(policy: try policy ?? PricingPolicy(catalog: CatalogLoader.load(path: nil)))
        let nodes = Dictionary(grouping: facts.nodeHours, by: \.hour)
        let containers = Dictionary(grouping: facts.containerHours, by: \.hour)
        let claims = Dictionary(grouping: facts.pvcHours, by: \.hour)
        let namespaces = Dictionary(grouping: facts.namespaceHours, by: \.hour)
        return try HourRange(from: from, to: from.advanced(by: 48)).map { hour in
            var input = ClusterHour(cluster: "p", architecture: architecture, hour: hour, nodes: nodes[hour] ?? [],
                                    containers: containers[hour] ?? [], claims: claims[hour] ?? [], namespaces: namespaces[hour] ?? [])
            edit?(&input)
            return try pricer.price(input)
        }
    }

    static let policies = [
        SharingSettings(shared: .weighted, idle: .weighted), SharingSettings(shared: .even, idle: .even),
        SharingSettings(shared: .weighted, idle: .separate), SharingSettings(shared: .even, idle: .separate),
    ]

    @Test("conservation: each hour's rows add up to its node costs and fees, and the tenants to the period's, exactly; no cost is negative",
          arguments: cases)
    func conservation(architecture: Architecture, seed: UInt64) throws {
        let hours = try Self.priced(architecture, seed: seed)
        var total = Money.zero
        for hour in hours {
            #expect(hour.rows.map(\.total).sum() == hour.total, "\(hour.hour)")
            #expect(hour.rows.allSatisfy { $0.cpu >= .zero && $0.ram >= .zero && $0.storage >= .zero })
            total += hour.total
        }
        #expect(total > .zero)
        let rows = hours.flatMap(\.rows)
        for sharing in Self.policies {
            let charge = Chargeback(rows: rows, sharing: sharing)
            #expect(charge.total == total)
            #expect(charge.tenants.map(\.total).sum() == total, "\(sharing)")
            #expect(charge.tenants.allSatisfy { $0.lines.allSatisfy { $0.amount >= .zero } })
            #expect(charge.tenants.contains { $0.name == PseudoTenant.idle } == (sharing.idle == .separate && charge.idle != .zero))
            // Rounded: the invoice equals the sum of its rows, every tenant within a cent of its exact amount.
            let invoice = InvoiceRounding(charge)
            #expect(invoice.total == total.rounded(decimals: 2))
            #expect(invoice.tenantTotals.sum() == invoice.total)
            #expect(invoice.lines.map(\.rounded).sum() == invoice.total)
            for (tenant, rounded) in zip(charge.tenants, invoice.tenantTotals) {
                #expect(abs(tenant.total.units - rounded.units) < Money.unit(decimals: 2), "\(tenant.name)")
                let lines = invoice.lines.filter { $0.line.tenant == tenant.name }
                #expect(lines.map(\.rounded).sum() == rounded)
                #expect(lines.allSatisfy { abs($0.line.amount.units - $0.rounded.units) < Money.unit(decimals: 2) })
            }
        }
    }

    @Test("a tenant's direct cost does not depend on the sharing policy, nor the cluster total", arguments: cases)
    func directIndependentOfPolicy(architecture: Architecture, seed: UInt64) throws {
        let rows = try Self.priced(architecture, seed: seed).flatMap(\.rows)
        let charges = Self.policies.map { Chargeback(rows: rows, sharing: $0) }
        let directs = charges.map { Dictionary(uniqueKeysWithValues: $0.tenants.map { ($0.name, $0.direct) }).filter { $0.value != .zero } }
        #expect(Set(directs.map { $0.count }).count == 1)
        #expect(directs.dropFirst().allSatisfy { $0 == directs[0] })
        #expect(Set(charges.map(\.total)).count == 1)
    }

    @Test("a namespace with no cost changes no tenant's share")
    func zeroCostNamespace() throws {
        let before = try Self.priced(.production, seed: 5)
        let after = try Self.priced(.production, seed: 5) { input in
            input.namespaces.append(NamespaceHour(cluster: "p", hour: input.hour, namespace: "empty-ns", tenant: "newcomer"))
            if let node = input.nodes.first(where: { $0.role == .worker })?.node {
                input.containers.append(ContainerHour(
                    ref: ContainerRef(cluster: "p", namespace: "empty-ns", pod: "idle-0", container: "idle", node: node,
                                      controllerKind: "Deployment", controllerName: "idle"),
                    hour: input.hour, cpuRequestNanocores: 0, cpuUsageNanocores: 0, memoryRequestBytes: 0, memoryUsageBytes: 0
                ))
            }
        }
        for sharing in Self.policies {
            let a = Chargeback(rows: before.flatMap(\.rows), sharing: sharing)
            let b = Chargeback(rows: after.flatMap(\.rows), sharing: sharing)
            #expect(a.tenants.map(\.name) == b.tenants.map(\.name))
            #expect(a.tenants.map(\.total) == b.tenants.map(\.total))
        }
    }

    @Test("the order facts arrive in changes nothing")
    func orderIndependent() throws {
        let straight = try Self.priced(.devtest, seed: 6)
        var generator = SystemRandomNumberGenerator()
        let shuffled = try Self.priced(.devtest, seed: 6) { input in
            input.nodes.shuffle(using: &generator)
            input.containers.shuffle(using: &generator)
            input.claims.shuffle(using: &generator)
            input.namespaces.shuffle(using: &generator)
        }
        #expect(straight == shuffled)
    }

    @Test("a container on a node without an IaaS record is unpriced and counted, never billed")
    func unpricedContainers() throws {
        let hours = try Self.priced(.devtest, seed: 7) { input in
            input.containers.append(ContainerHour(
                ref: ContainerRef(cluster: "p", namespace: "ghost", pod: "g-0", container: "g", node: "no-such-node",
                                  controllerKind: "Deployment", controllerName: "g"),
                hour: input.hour, cpuRequestNanocores: 1_000_000_000, cpuUsageNanocores: 0, memoryRequestBytes: ByteSize.gib, memoryUsageBytes: 0
            ))
        }
        #expect(hours.allSatisfy { $0.coverage.unpricedContainers == 1 })
        #expect(hours.allSatisfy { !$0.rows.contains { $0.namespace == "ghost" } })
    }

    @Test("a usage burst over the billed size shares the pool by use, with no idle")
    func burst() throws {
        var input = WorkedExample.input()
        input.containers[0].cpuUsageNanocores = 5_000_000_000  // shop alone wants more than w1's 4 vCPU
        let cost = try HourPricer(policy: PricingPolicy(catalog: WorkedExample.catalog())).price(input)
        let idle = cost.rows.first { $0.kind == .idle && $0.node == "w1" }!
        #expect(idle.cpu == .zero)
        // 5 + 1.5 + 0.5 = 7 cores wanted: shop gets 5/7 of 0.12.
        #expect(cost.rows.first { $0.namespace == "shop" && $0.node == "w1" }!.cpu.formatted(decimals: 10) == "0.0857142857")
        #expect(cost.rows.map(\.total).sum() == cost.total)
    }

    @Test("a worker VM replaced under the same name within the hour: both VMs' cost is allocated, as one node's")
    func replacedVM() throws {
        let pricer = HourPricer(policy: PricingPolicy(catalog: try WorkedExample.catalog()))
        let whole = try pricer.price(WorkedExample.input())
        var input = WorkedExample.input()
        let w1 = input.nodes.firstIndex { $0.node == "w1" }!
        var first = input.nodes[w1]
        first.presentMs = 1_800_000
        first.runningMs = 1_800_000
        var second = first
        second.vmID = "vm-w1-replacement"
        input.nodes[w1] = first
        input.nodes.append(second)
        let replaced = try pricer.price(input)
        // Two half-hours of the same size cost what the whole hour costs, allocated the same way.
        #expect(replaced.total == whole.total)
        #expect(replaced.rows.map(\.total).sum() == replaced.total)
        #expect(replaced.rows == whole.rows)
    }
}
