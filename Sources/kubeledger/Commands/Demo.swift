import ArgumentParser
import Foundation
import KubeLedgerCore
import KubeLedgerSimulator
import KubeLedgerStore

/// `kubeledger demo`: the embedded default, a simulated `devtest` and `production` cluster
/// in a local store, so a new user sees real figures without a cluster of their own.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a devtest and a production cluster into a local store and show what it holds.",
        discussion: """
            Both clusters run from the first day of the month before last up to the last full hour, \
            so a whole previous month and the one before it exist for invoices. The store is made anew \
            on each run.
            """
    )

    @Option(help: "Store file to create (replaced if it exists).") var store = "kubeledger-demo.sqlite"
    @Option(help: "Containers of the simulated devtest cluster.") var devtestContainers = 60
    @Option(help: "Containers of the simulated production cluster.") var productionContainers = 300
    @Option(help: "Seed of both simulations.") var seed: UInt64 = 42
    @Option(help: "Days of raw 5-minute samples to keep.") var rawDays = 35
    @Option(help: "First hour simulated (RFC 3339 or YYYY-MM-DD; default: the first day of the month before last).")
    var from: TimeArgument?

    func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let now = Int64(Date().timeIntervalSince1970)
        let to = Hour(containing: now)
        let from = Hour(containing: from?.epochSeconds ?? UTCTime.startOfMonth(now, monthsAdded: -2))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        let ledger = try LedgerStore(path: store)
        print("KubeLedger demo: simulating \(from) to \(to) into \(store)\n")
        for (name, architecture, containers) in [
            ("demo-devtest", Architecture.devtest, devtestContainers), ("demo-production", .production, productionContainers),
        ] {
            let simulator = try Simulator(SimulationOptions(
                clusterName: name, architecture: architecture, seed: seed, from: from, to: to, containers: containers
            ))
            print(SimulationSummary(simulator.model).text)
            try simulator.fill(store: ledger, rawSince: to.start - Int64(rawDays) * 86_400)
        }
        let retention = try ledger.applyRetention(days: rawDays, now: to.start)
        print("")
        print(StoreSummaryText(try ledger.summary()).text)
        if retention.samplesDeleted > 0 { print("retention dropped \(retention.samplesDeleted) raw samples older than \(rawDays) days") }
        print("\nready in \(clock.now - started); inspect with: sqlite3 \(store)")
    }
}
