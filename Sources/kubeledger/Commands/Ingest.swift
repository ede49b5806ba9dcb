import ArgumentParser
import Foundation
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerStore

/// `kubeledger ingest`: one run of the configured ingest jobs.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the configured ingest jobs once: from each job's watermark (less the lookback) to the last settled hour.",
        discussion: """
            Each job writes a day at a time, with its watermark in the same transaction, so an \
            interrupted run loses nothing and the next run carries on. With --from and --to, the \
            jobs read exactly that span again and leave the watermarks alone. A progress bar is \
            drawn on a terminal; otherwise each day is a plain log line. Exits 1 when a job failed.
            """
    )

    @Option(help: "Configuration file.") var config = ConfigLoader.defaultPath
    @Option(help: "Only this cluster.") var cluster: String?
    @Option(help: "Only this job: cluster-metrics, iaas or opencost.") var job: IngestJobKind?
    @Option(help: "Start of an explicit span (RFC 3339 or YYYY-MM-DD).") var from: TimeArgument?
    @Option(help: "End of an explicit span, exclusive.") var to: TimeArgument?

    func validate() throws {
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
        if let from, let to, to.epochSeconds <= from.epochSeconds { throw ValidationError("--to must be after --from") }
    }

    func run() async throws {
        let session = try LedgerSession(configPath: config)
        let settings = session.config
        if let cluster, settings.cluster(named: cluster) == nil {
            throw ValidationError("--cluster: no cluster \"\(cluster)\" in \(config) (\(settings.clusters.map(\.name).joined(separator: ", ")))")
        }
        let now = Int64(Date().timeIntervalSince1970)
        let explicit = from.flatMap { from in to.map { HourRange(covering: from.epochSeconds, to: $0.epochSeconds) } }
        let start = Hour(containing: settings.ingest.start(now: now))
        if let explicit, explicit.from < start {
            throw ValidationError("--from: \(explicit.from) is before ingest.start (\(start)\(settings.ingest.start == nil ? ", the default: 35 days ago" : "")); no job stores an hour before it")
        }
        let progress = ProgressLine()
        let round = await IngestRound.run(
            config: settings, catalog: session.catalog, store: session.store, now: now, cluster: cluster, kind: job, explicit: explicit,
            progress: { job, day in progress.update("\(job.kind.rawValue) \(job.cluster)", day) },
            jobFinished: { result in
                progress.finish()
                let label = "\(result.job.kind.rawValue) \(result.job.cluster)"
                let outcome = result.outcome
                if let error = outcome.error {
                    printError("\(label): failed: \(error)")
                } else if outcome.unchanged {
                    print("\(label): \(result.job.source) unchanged since its last import; skipped")
                } else {
                    let skipped = outcome.nonFiniteValues > 0 ? "; \(outcome.nonFiniteValues) NaN or infinite values left out" : ""
                    print("\(label): \(outcome.hours.from) to \(outcome.hours.to), \(outcome.facts) facts from \(result.job.source)\(skipped)")
                }
            }
        )
        for priced in round.pricing {
            if let error = priced.error {
                printError("costs \(priced.cluster): failed: \(error)")
            } else if priced.pricedHours > 0 {
                print("costs \(priced.cluster): \(priced.pricedHours) hours priced")
            }
        }
        let failed = round.failed
        if failed { throw ExitCode.failure }
    }
}

extension IngestJobKind: ExpressibleByArgument {}
