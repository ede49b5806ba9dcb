import Foundation
import KubeLedgerConfig
import KubeLedgerCore
@testable import KubeLedgerPricing
import Testing

@Suite struct CatalogAndCalendarTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!

    @Test("Europe/Paris months across DST: March 743 hours, October 745, bounds in UTC")
    func dstMonths() {
        let march = BillingMonth("2026-03", timeZone: Self.paris)!
        #expect(march.hours.count == 743)
        #expect(UTCTime.format(march.start) == "2026-02-28T23:00:00Z")
        #expect(UTCTime.format(march.next.start) == "2026-03-31T22:00:00Z")
        #expect(BillingMonth("2026-10", timeZone: Self.paris)!.hours.count == 745)
        #expect(BillingMonth("2026-11", timeZone: .gmt)!.hours.count == 720)
        #expect(BillingMonth("2026-13", timeZone: .gmt) == nil)
        #expect(BillingMonth(containing: march.start, timeZone: Self.paris) == march)
    }

    @Test("under `calendar`, a full DST month bills each monthly price exactly", arguments: ["2026-03", "2026-10"])
    func calendarMonthIsExact(month text: String) throws {
        let month = BillingMonth(text, timeZone: Self.paris)!
        let policy = PricingPolicy(catalog: try CatalogLoader.load(path: nil), timeZone: Self.paris)
        let pricer = HourPricer(policy: policy)
        var total = Money.zero
        var disks = Money.zero
        for hour in month.hours {
            let node = NodeHour(cluster: "c", hour: hour, node: "w1", vmID: "w1", role: .worker, zone: "AZ05", vcpus: 12,
                                memoryBytes: 24 * ByteSize.gib, presentMs: millisecondsPerHour, runningMs: 0,
                                disks: [Disk(purpose: .data, storageClass: "flash-enterprise", sizeBytes: 500 * ByteSize.gib)])
            let cost = try pricer.price(ClusterHour(cluster: "c", architecture: .devtest, hour: hour, nodes: [node], containers: [], claims: [], namespaces: []))
            total += cost.total
            disks += cost.rows.filter { $0.kind == .idle }.map(\.total).sum()
        }
        // 500 GiB × 0.18 = 90.00 of storage; the devtest fee 1500.00 (no worker runs, none extra).
        #expect(disks == Money("90")!)
        #expect(total == Money("1590")!)
    }

    @Test("a catalog change mid-month prices each hour by the version in force at its start")
    func catalogChange() throws {
        let yaml = WorkedExample.catalogYAML + """

              - effective_from: "2026-04-01T12:00:00Z"
                compute: { vcpu_hour: "0.0600", ram_gib_hour: "0.0040" }
                storage_gib_month: { flash-standard: "0.10", flash-enterprise: "0.18" }
                service_fees_month:
                  devtest: { cluster: "1500.00", included_workers: 3, extra_worker: "100.00" }
            """
        let pricer = HourPricer(policy: PricingPolicy(catalog: try CatalogLoader.parse(yaml: yaml, file: "c.yaml")))
        let before = try pricer.price(WorkedExample.input(hour: Hour(containing: UTCTime.parse("2026-04-01T11:00:00Z")!)))
        let after = try pricer.price(WorkedExample.input(hour: Hour(containing: UTCTime.parse("2026-04-01T12:00:00Z")!)))
        let shopCPU = { (cost: HourCost) in cost.rows.first { $0.namespace == "shop" && $0.node == "w1" }!.cpu.formatted(decimals: 10) }
        #expect(shopCPU(before) == "0.0300000000")
        #expect(shopCPU(after) == "0.0600000000")
    }

    @Test("a price the data needs but the catalog lacks is an error naming it")
    func missingPrice() throws {
        var input = WorkedExample.input()
        input.nodes[0].disks[1].storageClass = "flash-gold"
        let pricer = HourPricer(policy: PricingPolicy(catalog: try WorkedExample.catalog()))
        #expect(throws: PricingError.self) { try pricer.price(input) }
        do {
            _ = try pricer.price(input)
        } catch {
            #expect(error.description.contains("storage_gib_month.flash-gold"))
            #expect(error.description.contains("example-catalog.yaml"))
            #expect(error.description.contains("node w1"))
        }
        let early = WorkedExample.input(hour: Hour(containing: UTCTime.parse("2025-06-01T00:00:00Z")!))
        #expect(throws: PricingError.noVersion(catalog: "example-catalog.yaml", hour: early.hour)) { try pricer.price(early) }
    }

    @Test("a malformed catalog is refused with every problem and its key path")
    func malformedCatalog() {
        let yaml = """
            currency: euro
            hours_per_month: 0
            versions:
              - effective_from: "2026-01-01"
                compute: { vcpu_hour: 0.03, ram_gib_hour: "-1" }
                storage_gib_month: { flash-standard: "0.1000000000000001" }
                service_fees_month: { production: { cluster: "2250", included_workers: 3, extra_worker: "x" }, staging: {} }
                extra: 1
            """
        #expect(throws: ConfigErrors.self) { try CatalogLoader.parse(yaml: yaml, file: "bad.yaml") }
        do {
            _ = try CatalogLoader.parse(yaml: yaml, file: "bad.yaml")
        } catch {
            let text = error.description
            for fragment in ["currency", "hours_per_month", "versions[0].effective_from", "versions[0].compute.ram_gib_hour",
                             "versions[0].storage_gib_month.flash-standard", "extra_worker", "staging", "versions[0].extra", "bad.yaml"] {
                #expect(text.contains(fragment), "missing \(fragment) in: \(text)")
            }
            #expect(!text.contains("vcpu_hour"), "an unquoted decimal is read exactly: \(text)")
        }
        #expect(throws: ConfigErrors.self) { try CatalogLoader.load(path: "/nonexistent/catalog.yaml") }
    }

    @Test("the shipped catalog loads, says it is illustrative, and spreads monthly prices over calendar hours")
    func shipped() throws {
        let catalog = try CatalogLoader.load(path: nil)
        #expect(catalog.note?.contains("Illustrative") == true)
        #expect(catalog.hoursPerMonth == .calendar)
        #expect(catalog.versions.first?.vcpuHour == Money("0.03"))
    }

    @Test("money parses exact decimals, rounds half away from zero, floors toward minus infinity")
    func money() {
        #expect(Money("0.0300")?.units == 30_000_000_000_000)
        #expect(Money("-1.5")?.formatted(decimals: 0) == "-2")
        #expect(Money("2.345")?.formatted(decimals: 2) == "2.35")
        #expect(Money("-0.011")?.floored(decimals: 2).formatted(decimals: 2) == "-0.02")
        #expect(Money("1e3") == nil)
        #expect(Money("1.0000000000000001") == nil)
        #expect(Money(".5")?.formatted(decimals: 1) == "0.5")
        #expect(MoneySplit.split(Money(units: 10), weights: [1, 1, 1]).map(\.units) == [4, 3, 3])
        #expect(MoneySplit.split(Money(units: 100), weights: [0, 0]).map(\.units) == [0, 0])
        // 256-bit products: a year of a large cluster's cost times a weight of the same size.
        let big = Money("99999999.123456789012345")!
        #expect(MoneySplit.split(big, weights: [big.units, big.units * 3]).sum() == big)
        #expect(LargestRemainder.round([Money("-0.005")!, Money("0.015")!], to: Money("0.01")!).map { $0.formatted(decimals: 2) } == ["-0.01", "0.02"])
    }
}
