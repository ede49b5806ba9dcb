import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerStore

/// One run of the configured jobs, then pricing of what they wrote and raw-sample
/// retention: what `kubeledger ingest` does once and `serve` does on its schedule.
public struct IngestRound: Sendable {
    public struct JobResult: Sendable {
        public var job: IngestJob
        public var outcome: IngestRunner.Outcome
    }

    public struct PricingResult: Sendable {
        public var cluster: String
        public var pricedHours: Int
        public var error: String?
    }

    public var jobs: [JobResult] = []
    public var pricing: [PricingResult] = []
    /// The round was cancelled (a graceful shutdown): the job running then stopped at its
    /// last whole day, and these jobs, the pricing and the retention did not run; the
    /// hours written stay marked unpriced, so the next round prices them.
    public var interrupted = false
    public var notRun: [IngestJob] = []

    public var failed: Bool { jobs.contains { $0.outcome.error != nil } || pricing.contains { $0.error != nil } }

    /// Runs the jobs one after the other (`progress` gets each day a job stored).
    public static func run(
        config: KubeLedgerConfig, catalog: PriceCatalog, store: LedgerStore, now: Int64, cluster: String? = nil, kind: IngestJobKind? = nil,
        explicit: HourRange? = nil, progress: @escaping @Sendable (IngestJob, IngestProgress) -> Void = { _, _ in },
        jobFinished: (JobResult) -> Void = { _ in }
    ) async -> IngestRound {
        let runner = IngestRunner(
            store: store, lookback: config.ingest.lookbackSeconds, settle: config.ingest.settleSeconds, start: config.ingest.start(now: now)
        )
        var round = IngestRound()
        let jobs = IngestJob.configured(config, store: store, catalog: catalog, cluster: cluster, kind: kind)
        for (index, job) in jobs.enumerated() {
            if Task.isCancelled {
                round.interrupted = true
                round.notRun = Array(jobs[index...])
                break
            }
            let outcome = await runner.run(job, now: now, explicit: explicit) { progress(job, $0) }
            let result = JobResult(job: job, outcome: outcome)
            round.jobs.append(result)
            jobFinished(result)
            if outcome.interrupted {
                round.interrupted = true
                round.notRun = Array(jobs[(index + 1)...])
                break
            }
        }
        if round.interrupted { return round }
        // The hours whose facts were (re)written, or that a killed or failed run left
        // unpriced, are priced now, so stored costs follow the data: every cluster of the
        // round, since a rerun may write nothing (an unchanged import file, no new hour)
        // while the hours an earlier run wrote are still due. With nothing due it is two
        // reads of one row per hour.
        let costs = CostUpdater(store: store, config: config, catalog: catalog)
        for cluster in Set(jobs.map(\.cluster)).sorted() {
            do {
                round.pricing.append(PricingResult(cluster: cluster, pricedHours: try costs.updateAll(cluster: cluster).pricedHours))
            } catch {
                round.pricing.append(PricingResult(cluster: cluster, pricedHours: 0, error: "\(error)"))
            }
        }
        _ = try? store.applyRetention(days: config.store.rawRetentionDays, now: now)
        return round
    }
}
