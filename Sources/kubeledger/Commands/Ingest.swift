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
        let store = session.store
        let runner = IngestRunner(
            store: store, lookback: settings.ingest.lookbackSeconds, settle: settings.ingest.settleSeconds,
            start: settings.ingest.start(now: now)
        )
        let explicit = from.flatMap { from in to.map { HourRange(from: Hour(containing: from.epochSeconds), to: Hour(containing: $0.epochSeconds - 1).next) } }
        let progress = ProgressLine()
        var failed = false
        var written: Set<String> = []
        for job in IngestJob.configured(settings, store: store, cluster: cluster, kind: job) {
            let label = "\(job.kind.rawValue) \(job.cluster)"
            let outcome = await runner.run(job, now: now, explicit: explicit) { done, total in progress.update(label, done, total) }
            progress.finish()
            if let error = outcome.error {
                failed = true
                printError("\(label): failed: \(error)")
            } else {
                print("\(label): \(outcome.hours.from) to \(outcome.hours.to), \(outcome.facts) facts from \(job.source)")
                if outcome.facts > 0 { written.insert(job.cluster) }
            }
        }
        // The hours whose facts were (re)written, or that a killed run left unpriced, are priced
        // now, so stored costs follow the data.
        for cluster in written.sorted() {
            do {
                let priced = try session.costs.updateAll(cluster: cluster)
                print("costs \(cluster): \(priced.pricedHours) hours priced")
            } catch {
                failed = true
                printError("costs \(cluster): failed: \(error)")
            }
        }
        try store.applyRetention(days: settings.store.rawRetentionDays, now: now)
        if failed { throw ExitCode.failure }
    }
}

extension IngestJobKind: ExpressibleByArgument {}
