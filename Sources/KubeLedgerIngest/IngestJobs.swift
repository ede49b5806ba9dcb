import Foundation
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerSources
import KubeLedgerStore

/// The jobs configured for a cluster, each a reader of hours, built from the config.
public struct IngestJob: Sendable {
    public var kind: IngestJobKind
    public var cluster: String
    /// What the source is, for logs (`http://…`, a file path).
    public var source: String
    /// Reads a span of hours at the run's time; nil for a file import, which is read whole by ``readFile``.
    public var read: (@Sendable (HourRange, _ now: Int64) async throws -> FactBatch)?
    /// Reads a whole import file as one all-or-nothing batch.
    public var readFile: (@Sendable (_ now: Int64) throws -> FactBatch)?
    /// The import file's content hash as it is now (``ImportFileHash``), nil when unreadable.
    public var contentHash: (@Sendable () -> String?)?

    /// The jobs of the config, filtered by cluster and kind. The IaaS jobs read each node's
    /// role from what `cluster-metrics` stored of its Kubernetes labels, when `store` is given.
    /// A file import refuses hours before `ingest.start` and, given `catalog`, before its
    /// first price version: hours the ingest would never read or price.
    public static func configured(
        _ config: KubeLedgerConfig, store: LedgerStore? = nil, catalog: PriceCatalog? = nil, cluster: String? = nil, kind: IngestJobKind? = nil
    ) -> [IngestJob] {
        var jobs: [IngestJob] = []
        for settings in config.clusters where cluster == nil || settings.name == cluster {
            let name = settings.name
            if kind == nil || kind == .clusterMetrics {
                let reader = ClusterMetricsReader(cluster: name, client: PrometheusClient(baseURL: settings.prometheus.url, http: HTTPClient(auth: settings.prometheus.auth.http)))
                jobs.append(IngestJob(kind: .clusterMetrics, cluster: name, source: settings.prometheus.url.absoluteString, read: { hours, _ in
                    let (batch, report) = try await reader.read(hours: hours)
                    var counted = batch
                    counted.nonFiniteValues += report.nonFiniteValues
                    return counted
                }))
            }
            if kind == nil || kind == .iaas {
                let iaas = settings.iaas
                let nodeName: @Sendable (String) -> String = { iaas.nodeName(forVM: $0) }
                // The VMs that are this cluster's nodes, by what cluster-metrics stored; none
                // known yet is an error, so the job waits rather than bill every VM it sees.
                let nodes: @Sendable () throws -> KnownNodes? = {
                    guard let store else { return nil }
                    let known = try store.kubeNodes(cluster: name)
                    guard !known.names.isEmpty else { throw SourceError.noKubernetesNodes(cluster: name) }
                    return known
                }
                switch iaas.source {
                case let .cloudTempleMetrics(url, auth):
                    let reader = ConsoleMetricsReader(
                        cluster: name, client: PrometheusClient(baseURL: url, http: HTTPClient(auth: auth.http)),
                        osDisk: Disk(purpose: .os, storageClass: iaas.osDisk.storageClass, sizeBytes: Int64(iaas.osDisk.sizeGiB) * ByteSize.gib),
                        dataDiskClass: iaas.dataDiskClass, nodeName: nodeName
                    )
                    jobs.append(IngestJob(kind: .iaas, cluster: name, source: url.absoluteString, read: { hours, _ in
                        FactBatch(nodeHours: try await reader.read(hours: hours, nodes: try nodes()))
                    }))
                case let .file(path):
                    let ingest = config.ingest
                    let firstPrice = catalog.flatMap { catalog in
                        catalog.versions.first.map {
                            EarliestImportHour(start: $0.effectiveFrom, reason: "the first effective_from of the catalog \(catalog.source) (\(UTCTime.format($0.effectiveFrom))): no price version covers it")
                        }
                    }
                    jobs.append(IngestJob(kind: .iaas, cluster: name, source: path, readFile: { now in
                        let start = Hour(containing: ingest.start(now: now)).start
                        let reason = ingest.start == nil
                            ? "ingest.start (default: 35 days ago, \(UTCTime.format(start))); set ingest.start earlier to import it"
                            : "ingest.start (\(UTCTime.format(start))), before which nothing is ingested or priced"
                        let reader = IaaSFileReader(
                            cluster: name, nodeName: nodeName, earliest: [EarliestImportHour(start: start, reason: reason)] + (firstPrice.map { [$0] } ?? [])
                        )
                        return FactBatch(nodeHours: try reader.read(path: path, now: now))
                    }, contentHash: { ImportFileHash.of(path: path, nodeNamePattern: iaas.nodeNamePattern) }))
                case let .xenOrchestra(url, auth, srClasses, osDiskPosition):
                    let reader = XenOrchestraReader(
                        cluster: name, baseURL: url, http: HTTPClient(auth: auth.http), srClasses: srClasses,
                        osDiskPosition: osDiskPosition
                    )
                    let snapshot = SnapshotOnce(reader)
                    jobs.append(IngestJob(kind: .iaas, cluster: name, source: url.absoluteString, read: { hours, now in
                        let known = try nodes()
                        return try XenOrchestraHistory.batch(
                            current: try await snapshot.value(takenAt: now), store: store, hours: hours, nodes: known, nodeName: nodeName
                        )
                    }))
                }
            }
            if kind == nil || kind == .opencost, let opencost = settings.opencost {
                let reader = OpenCostReader(
                    cluster: name, baseURL: opencost.url, kind: opencost.kind == .kubecost ? .kubecost : .opencost,
                    http: HTTPClient(auth: opencost.auth.http)
                )
                jobs.append(IngestJob(kind: .opencost, cluster: name, source: opencost.url.absoluteString, read: { hours, _ in
                    FactBatch(allocations: try await reader.read(hours: hours))
                }))
            }
        }
        return jobs
    }
}

extension SourceAuth {
    var http: HTTPAuth {
        switch self {
        case .none: .none
        case let .basic(username, password): .basic(username: username, password: password)
        case let .bearer(token): .bearer(token: token)
        }
    }
}

extension IngestRunner {
    /// Runs a configured job: a span reader through ``run(job:cluster:now:explicit:read:progress:)``,
    /// a file import as one batch whose watermark is the hour after its last record.
    ///
    /// With `explicit` hours a file import is checked whole, as always, but writes only its
    /// records of those hours and leaves the watermark alone, as every other job does.
    /// Without, a file whose content hash is the one stored with the job's watermark at its
    /// last import is not read again (``Outcome/unchanged``): it would write the same facts.
    public func run(_ job: IngestJob, now: Int64, explicit: HourRange? = nil, progress: ((IngestProgress) -> Void)? = nil) async -> Outcome {
        if let read = job.read {
            return await run(job: job.kind.rawValue, cluster: job.cluster, now: now, explicit: explicit, read: { try await read($0, now) },
                             progress: progress)
        }
        var outcome = Outcome(hours: HourRange(from: Hour(containing: now), to: Hour(containing: now)))
        do {
            try Self.stopIfCancelled()
            // Hashed before it is read: a file changing in between is read again next time.
            let hash = explicit == nil ? job.contentHash?() : nil
            if let hash, try store.importedContentHash(job: job.kind.rawValue, cluster: job.cluster) == hash {
                outcome.unchanged = true
            } else {
                var batch = try job.readFile?(now) ?? FactBatch()
                if let explicit = explicit.map(clamped) {
                    batch.nodeHours.removeAll { !explicit.contains($0.hour) }
                    outcome.hours = explicit
                    if !batch.nodeHours.isEmpty { try store.write(batch) }
                } else if let first = batch.nodeHours.map(\.hour).min(), let last = batch.nodeHours.map(\.hour).max() {
                    outcome.hours = HourRange(from: first, to: last.next)
                    try store.write(batch, advancing: job.kind.rawValue, cluster: job.cluster, to: last.next, now: now, contentHash: hash)
                }
                outcome.chunks = 1
                outcome.facts = batch.nodeHours.count
                progress?(IngestProgress(done: 1, total: 1, hours: outcome.hours, facts: outcome.facts))
            }
        } catch {
            outcome.interrupted = error is IngestInterrupted
            outcome.error = String(describing: error)
        }
        try? store.recordRun(job: job.kind.rawValue, cluster: job.cluster, at: now, error: outcome.error)
        return outcome
    }
}

/// Xen Orchestra's inventory is a snapshot taken once per run, at the run's time, however
/// many days the run reads.
actor SnapshotOnce {
    private let reader: XenOrchestraReader
    private var taken: InventorySnapshot?

    init(_ reader: XenOrchestraReader) { self.reader = reader }

    func value(takenAt: Int64) async throws -> InventorySnapshot {
        if let taken { return taken }
        let snapshot = try await reader.snapshot(takenAt: takenAt)
        taken = snapshot
        return snapshot
    }
}

/// A Xen Orchestra day: its node-hours from the snapshots stored by earlier runs that held
/// during it, and this run's snapshot to store when the VMs changed since the last one (an
/// unchanged inventory keeps the last snapshot holding, with no new row).
enum XenOrchestraHistory {
    static func batch(
        current: InventorySnapshot, store: LedgerStore?, hours: HourRange, nodes: KnownNodes?, nodeName: @Sendable (String) -> String
    ) throws -> FactBatch {
        let stored = try store?.inventorySnapshots(cluster: current.cluster, from: hours.from.start, to: current.takenAt + 1) ?? []
        let changed = stored.last?.vms != current.vms
        let timeline = InventoryTimeline(stored + (changed ? [current] : []))
        return FactBatch(
            nodeHours: timeline.nodeHours(cluster: current.cluster, hours: hours, nodes: nodes, nodeName: nodeName),
            inventories: changed ? [current] : []
        )
    }
}
