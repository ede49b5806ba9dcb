import ArgumentParser
import Hummingbird
import Foundation
import KubeLedgerCapacity
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerReports
import KubeLedgerServer
import Logging
import KubeLedgerSimulator
import KubeLedgerStore

/// `kubeledger demo`: the embedded default, a simulated `devtest` and `production` cluster
/// in a local store, so a new user sees real figures without a cluster of their own.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a devtest and a production cluster into a local store, show what it holds, and serve it on loopback.",
        discussion: """
            Both clusters run from the first day of the month before last up to the last full hour, \
            so a whole previous month and the one before it exist for invoices. The store is made anew \
            on each run. Then the API and the Grafana datasource are served on --listen with a new \
            read-only (viewer) token, printed with ready-to-paste curl lines, until SIGINT or SIGTERM.
            """
    )

    @Option(help: "Store file to create (replaced if it exists).") var store = "kubeledger-demo.sqlite"
    // Numeric options take a dash-led value (`-5`) for validate() to refuse, as `simulate`'s do.
    @Option(parsing: .unconditional, help: "Containers of the simulated devtest cluster.") var devtestContainers = 60
    @Option(parsing: .unconditional, help: "Containers of the simulated production cluster.") var productionContainers = 300
    @Option(parsing: .unconditional, help: "Seed of both simulations.") var seed: UInt64 = 42
    @Option(parsing: .unconditional, help: "Days of raw 5-minute samples to keep.") var rawDays = 35
    @Option(help: "First hour simulated (RFC 3339 or YYYY-MM-DD; default: the first day of the month before last).")
    var from: TimeArgument?
    @Option(help: "Serve here (host:port on loopback; port 0 picks a free one).") var listen = "127.0.0.1:8080"
    @Flag(help: "Stop after the summary instead of serving.") var noServe = false

    func validate() throws {
        try OptionRange.check(devtestContainers, "--devtest-containers", in: SimulationOptions.containerRange)
        try OptionRange.check(productionContainers, "--production-containers", in: SimulationOptions.containerRange)
        try OptionRange.check(rawDays, "--raw-days", in: Simulate.rawDayRange, expected: "whole days")
        guard let address = ListenAddress(parsing: listen) else { throw ValidationError("--listen: expected host:port, found \"\(listen)\"") }
        guard ["127.0.0.1", "localhost", "::1"].contains(address.host) else {
            throw ValidationError("--listen: the demo serves on loopback only (127.0.0.1:PORT), found \"\(listen)\"")
        }
    }

    /// The config of the demo store, written beside it so every command can be tried on it.
    static func config(store: String, listen: String, tokenHash: String) -> String {
        """
        # Written by `kubeledger demo`: the simulated clusters of the demo store.
        store: { path: ./\(store), raw_retention_days: 35 }
        server:
          listen: \(listen)
          tokens:
            - { name: demo-viewer, role: viewer, sha256: "\(tokenHash)" }
        clusters:
          - name: demo-devtest
            architecture: devtest
            prometheus: { url: "http://127.0.0.1:9090" }
            iaas: { type: file, path: ./demo-devtest-iaas.jsonl }
          - name: demo-production
            architecture: production
            prometheus: { url: "http://127.0.0.1:9090" }
            iaas: { type: file, path: ./demo-production-iaas.jsonl }

        """
    }

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

        // Price every hour as ingest would, then show last month's invoice per tenant.
        let configPath = URL(fileURLWithPath: store).deletingPathExtension().path + ".yaml"
        let (token, tokenHash) = AccessControl.newToken()
        try Data(Self.config(store: URL(fileURLWithPath: store).lastPathComponent, listen: listen, tokenHash: tokenHash).utf8)
            .write(to: URL(fileURLWithPath: configPath))
        let (config, catalog) = try ConfigLoader.loadWithCatalog(path: configPath)
        let pricingStarted = clock.now
        var priced = 0
        for cluster in config.clusters {
            priced += try CostUpdater(store: ledger, config: config, catalog: catalog)
                .update(cluster: cluster.name, hours: HourRange(from: from, to: to)).pricedHours
        }
        print("\npriced \(priced) cluster-hours in \(clock.now - pricingStarted) (\(catalog.note ?? catalog.source))")
        let month = BillingMonth(containing: now, timeZone: config.billing.timeZone).previous
        let builder = InvoiceBuilder(store: ledger, config: config, currency: catalog.currency)
        let invoices = try config.clusters.map { try builder.invoice(cluster: $0.name, month: month, now: now) }
        print("\ninvoice of \(month), per tenant (FOCUS CSV: kubeledger invoice --config \(configPath) --month \(month)):")
        print(InvoiceSummaryText(invoices: invoices, tenant: nil).text)

        // The top right-sizing savings and the capacity plan of each cluster.
        let capacity = CapacityReports(store: ledger, config: config, catalog: catalog)
        let window = capacity.window(now: now)
        for cluster in config.clusters {
            let workloads = try capacity.workloads(cluster: cluster.name, window: window, includingExcluded: true)
            let rows = capacity.recommendations(workloads)
            print("\nright-sizing \(cluster.name), top savings (kubeledger rightsize --config \(configPath)):")
            print(RightSizingOutput.table(Array(rows.prefix(5))))
            print("")
            print(try capacity.plan(cluster: cluster.name, architecture: cluster.architecture, window: window, workloads: workloads).text)
        }
        print("\nready in \(clock.now - started); inspect with: sqlite3 \(store)")
        guard !noServe else { return }
        try await serve(config: config, catalog: catalog, store: ledger, token: token, month: month)
    }

    /// Serves the demo store until SIGINT or SIGTERM, printing the token and curl lines
    /// once the address is bound.
    func serve(config: KubeLedgerConfig, catalog: PriceCatalog, store: LedgerStore, token: String, month: BillingMonth) async throws {
        let server = APIServer(config: config, catalog: catalog, store: store)
        let logger = Logger(label: "kubeledger")
        let production = config.clusters.last?.name ?? ""
        let app = KubeLedgerService.application(server: server, address: config.server.listen, schedule: nil, logger: logger) { bound in
            let base = "http://" + bound
            let auth = "-H 'Authorization: Bearer \(token)'"
            let from = UTCTime.format(month.start)
            let to = UTCTime.format(month.next.start)
            // Written straight to the file, not through print's buffer: a pipe reading for
            // the token must see it while the server runs.
            fflush(nil)
            FileHandle.standardOutput.write(Data("""

                serving the demo store on \(base) (Ctrl-C stops it)
                read-only token (role viewer): \(token)

                # last month's invoice, FOCUS CSV
                curl -s \(auth) '\(base)/api/v1/invoices/\(month)?cluster=\(production)'
                # right-sizing report, largest savings first
                curl -s \(auth) '\(base)/api/v1/rightsizing?cluster=\(production)&format=csv'
                # capacity plan
                curl -s \(auth) '\(base)/api/v1/capacity/plan?cluster=\(production)'
                # a Grafana query: cost per tenant per day of last month
                curl -s \(auth) -H 'Content-Type: application/json' '\(base)/grafana/query' -d '{"range":{"from":"\(from)","to":"\(to)"},"intervalMs":86400000,"maxDataPoints":100,"targets":[{"refId":"A","target":"costs","payload":{"aggregate":"tenant","cluster":"\(production)"}}]}'

                """.utf8))
        }
        try await ListenFailure.running(address: config.server.listen, setting: "--listen") { try await app.runService() }
    }
}
