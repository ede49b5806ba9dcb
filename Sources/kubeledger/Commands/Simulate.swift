import ArgumentParser
import Foundation
import KubeLedgerCore
import KubeLedgerSimulator
import KubeLedgerStore

/// `kubeledger simulate`: test data and benchmarks from a deterministic simulated cluster.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a cluster: OpenMetrics for promtool, IaaS records, OpenCost answers, or a filled store.",
        discussion: """
            The same seed and options always give the same output. --out writes the input files of \
            inputs.md section 4; --store writes the ground truth (hourly facts and raw 5-minute samples) \
            straight into a store. With neither, only the summary is printed.
            """
    )

    @Option(help: "devtest or production.") var architecture: Architecture
    // The numeric options take a dash-led value (`-5`) as their value, for validate() to refuse
    // naming the option, rather than as an unknown option ("Missing value").
    @Option(parsing: .unconditional, help: "Seed of the simulation.") var seed: UInt64 = 1
    @Option(help: "First hour (RFC 3339 or YYYY-MM-DD, UTC); default: 3 days before --to.") var from: TimeArgument?
    @Option(help: "End of the span, exclusive (default: the last full hour, less 3 hours when writing OpenMetrics).") var to: TimeArgument?
    @Option(parsing: .unconditional, help: "Containers running at once, 5 to 100000 (the cluster is sized to fit).") var containers: Int = 40
    @Option(help: "Cluster name (default: sim-<architecture>).") var cluster: String?
    @Option(parsing: .unconditional, help: "Seconds between scrapes in the OpenMetrics files: 10 to 300, dividing 300.") var scrapeInterval: Int64 = 60
    @Option(help: "Directory for the input files.") var out: String?
    @Option(help: "Store file to fill with the ground truth.") var store: String?
    @Option(parsing: .unconditional, help: "Days of raw 5-minute samples kept in the store, counted back from --to (0 to 3650).") var rawDays: Int = 35

    /// The most days of raw samples asked for: ten years, far past any span simulated.
    static let rawDayRange = 0...3650

    func validate() throws {
        try OptionRange.check(containers, "--containers", in: SimulationOptions.containerRange)
        guard SimulationOptions.isScrapeInterval(scrapeInterval) else {
            throw ValidationError("--scrape-interval: expected seconds from 10 to 300 that divide 300 (10, 15, 30, 60, 300...), found \"\(scrapeInterval)\"")
        }
        try OptionRange.check(rawDays, "--raw-days", in: Self.rawDayRange, expected: "whole days")
    }

    func run() async throws {
        let now = Int64(Date().timeIntervalSince1970)
        let latest = Hour(containing: out == nil ? now : now - 3 * 3600)
        let to = to.map { Hour(containing: $0.epochSeconds) } ?? latest
        if out != nil, to > latest {
            throw ValidationError("--to: OpenMetrics for promtool must end 3 hours before now (at most \(latest))")
        }
        let from = from.map { Hour(containing: $0.epochSeconds) } ?? to.advanced(by: -72)
        let options = SimulationOptions(
            clusterName: cluster ?? "sim-\(architecture.rawValue)", architecture: architecture, seed: seed,
            from: from, to: to, containers: containers, scrapeInterval: scrapeInterval
        )
        let clock = ContinuousClock()
        let started = clock.now
        let simulator = try Simulator(options)
        print(SimulationSummary(simulator.model).text)
        if let store {
            let ledger = try LedgerStore(path: store)
            let report = try simulator.fill(store: ledger, rawSince: to.start - Int64(rawDays) * 86_400)
            print("store \(store): \(report.days) days, \(report.containerHours) container-hours, \(report.rawSamples) raw samples")
            let summary = try ledger.summary()
            if let perSample = summary.bytesPerRawSample {
                print(String(format: "raw samples: %d in %.1f MiB, %.2f bytes per sample; file %.1f MiB",
                             summary.rawSamples, Double(summary.rawBytes ?? 0) / 1_048_576, perSample, Double(summary.fileBytes) / 1_048_576))
            }
        }
        if let out {
            let report = try simulator.writeFiles(to: URL(fileURLWithPath: out))
            print("files in \(out): \(report.files) files, \(report.bytes / 1_048_576) MiB, \(report.openMetricsSamples) OpenMetrics samples")
        }
        print("took \(clock.now - started)")
    }
}
