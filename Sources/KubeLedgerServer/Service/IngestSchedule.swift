import Foundation
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerStore
import Logging
import ServiceLifecycle

/// The ingest jobs under `serve`, every `ingest.every` (outputs.md §4): a service beside
/// the HTTP server, so SIGTERM lets a running round end its current day's transaction
/// and stops the schedule with the server.
///
/// A graceful shutdown cancels the running round: its requests in flight are cancelled,
/// no new request, day or job starts, a day's transaction under way commits (or, failing,
/// rolls back), and the schedule returns within moments rather than when a stalled
/// upstream times out.
public struct IngestSchedule: Service {
    public var config: KubeLedgerConfig
    public var catalog: PriceCatalog
    public var store: LedgerStore
    public var logger: Logger
    public var now: @Sendable () -> Int64

    public init(config: KubeLedgerConfig, catalog: PriceCatalog, store: LedgerStore, logger: Logger,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.config = config
        self.catalog = catalog
        self.store = store
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        ServiceMetrics.start()
        logger.info("ingest schedule started", metadata: ["every_seconds": "\(config.ingest.everySeconds)", "clusters": "\(config.clusters.count)"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let round = await cancelWhenGracefulShutdown { await runOnce() }
            if round.interrupted {
                logger.notice("shutdown interrupted the ingest round", metadata: [
                    "stopped": "\(round.jobs.last.map { "\($0.job.kind.rawValue)/\($0.job.cluster)" } ?? "none")",
                    "not_run": "\(round.notRun.map { "\($0.kind.rawValue)/\($0.cluster)" }.joined(separator: ","))",
                ])
                break
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(config.ingest.everySeconds)) }
            } catch {
                break
            }
        }
        logger.info("ingest schedule stopped")
    }

    /// One round of every configured job, logged and counted.
    @discardableResult
    public func runOnce() async -> IngestRound {
        let started = now()
        let round = await IngestRound.run(config: config, catalog: catalog, store: store, now: started, jobFinished: { result in
            let outcome = result.outcome
            let metadata: Logger.Metadata = [
                "job": "\(result.job.kind.rawValue)", "cluster": "\(result.job.cluster)", "from": "\(outcome.hours.from)", "to": "\(outcome.hours.to)",
                "facts": "\(outcome.facts)", "non_finite_values": "\(outcome.nonFiniteValues)",
            ]
            if outcome.interrupted {
                logger.notice("ingest job interrupted by shutdown", metadata: metadata)
            } else if let error = outcome.error {
                logger.error("ingest job failed", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            } else if outcome.unchanged {
                logger.info("ingest job skipped: import file unchanged since its last import", metadata: [
                    "job": "\(result.job.kind.rawValue)", "cluster": "\(result.job.cluster)", "file": "\(result.job.source)",
                ])
            } else {
                logger.info("ingest job done", metadata: metadata)
            }
            ServiceMetrics.ingestRun(job: result.job.kind.rawValue, cluster: result.job.cluster, failed: outcome.error != nil, facts: outcome.facts)
        })
        for priced in round.pricing {
            if let error = priced.error {
                logger.error("pricing failed", metadata: ["cluster": "\(priced.cluster)", "error": "\(error)"])
            } else {
                ServiceMetrics.pricedHours(cluster: priced.cluster, hours: priced.pricedHours)
            }
        }
        if let statuses = try? store.jobStatuses() {
            for status in statuses {
                if let watermark = status.watermark { ServiceMetrics.ingestLag(job: status.job, cluster: status.cluster, seconds: now() - watermark.start) }
            }
        }
        return round
    }
}
