import ArgumentParser
import Foundation
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerReports
import KubeLedgerSimulator
import KubeLedgerStore

/// The month of costs of a large cluster against one SQLite `GROUP BY` over its facts.
struct BenchPricing: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing",
        abstract: "Hourly cost computation and invoice export for a simulated production month, against a GROUP BY pass over the same facts.",
        discussion: """
            Simulates the month into a fresh store (no raw samples), then times: one SQLite GROUP BY over \
            the month's container-hours (the baseline), pricing every hour of the month into stored costs, \
            and the invoice export (sum of stored costs, sharing, rounding, FOCUS CSV). Goals: pricing <= 10x \
            and export <= 3x the baseline. Peak memory is the process's high-water mark after each phase.
            """
    )

    @Option(help: "Containers of the simulated production cluster.") var containers = 3000
    @Option(help: "Billing month simulated, YYYY-MM (UTC).") var month = "2026-10"
    @Option(help: "Store file (replaced).") var store = "/tmp/kubeledger-bench-pricing.sqlite"
    @Option(help: "Repetitions of the baseline and the export; the fastest counts.") var repetitions = 3
    @Flag(help: "Keep the store of an earlier run instead of simulating again.") var reuse = false

    func run() async throws {
        guard let billingMonth = BillingMonth(month, timeZone: .gmt) else { throw ValidationError("--month: expected YYYY-MM") }
        if !reuse { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) } }
        let clock = ContinuousClock()
        var started = clock.now
        let simulator = try Simulator(SimulationOptions(
            clusterName: "bench", architecture: .production, seed: 1, from: billingMonth.hours.from, to: billingMonth.hours.to,
            containers: containers
        ))
        print(SimulationSummary(simulator.model).text)
        let ledger = try LedgerStore(path: store)
        let containerHours: Int
        if reuse {
            containerHours = try ledger.summary().clusters.first { $0.cluster == "bench" }?.containerHours ?? 0
        } else {
            containerHours = try simulator.fill(store: ledger, rawSince: nil).containerHours
        }
        print("simulated \(containerHours) container-hours in \(clock.now - started); peak \(BenchIngest.peakResidentKiB() / 1024) MiB")
        let config = try ConfigLoader.parse(yaml: """
            store: { path: \(store) }
            clusters:
              - name: bench
                architecture: production
                prometheus: { url: "http://127.0.0.1:9090" }
                iaas: { type: file, path: ./unused.jsonl }
            """, file: "/tmp/bench-pricing.yaml")
        let catalog = try CatalogLoader.load(path: nil)

        // Baseline: one GROUP BY pass over the month's container-hours.
        var baseline = Duration.seconds(1_000_000)
        var groups = 0
        for _ in 0..<repetitions {
            started = clock.now
            groups = try ledger.namespaceUsageTotals(cluster: "bench", hours: billingMonth.hours)
            baseline = min(baseline, clock.now - started)
        }
        print("baseline GROUP BY over \(containerHours) container-hours: \(baseline) (\(groups) namespaces)")

        started = clock.now
        let priced = try CostUpdater(store: ledger, config: config, catalog: catalog).update(cluster: "bench", hours: billingMonth.hours, force: true)
        let pricing = clock.now - started
        print("pricing \(priced.pricedHours) hours into \(priced.rows) cost rows: \(pricing); peak \(BenchIngest.peakResidentKiB() / 1024) MiB")
        print("  reading facts \(priced.reading), pricing \(priced.pricing), writing costs \(priced.writing)")

        var export = Duration.seconds(1_000_000)
        var bytes = 0
        for _ in 0..<repetitions {
            started = clock.now
            let invoice = try InvoiceBuilder(store: ledger, config: config, currency: catalog.currency)
                .invoice(cluster: "bench", month: billingMonth, now: billingMonth.next.start)
            bytes = FocusCSV.render([invoice], config: config).utf8.count
            export = min(export, clock.now - started)
        }
        print("invoice export (\(bytes) bytes of CSV): \(export); peak \(BenchIngest.peakResidentKiB() / 1024) MiB")
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        print(String(format: "ratio pricing / GROUP BY: %.1f (goal <= 10)", seconds(pricing) / seconds(baseline)))
        print(String(format: "ratio export / GROUP BY: %.2f (goal <= 3)", seconds(export) / seconds(baseline)))
    }
}
