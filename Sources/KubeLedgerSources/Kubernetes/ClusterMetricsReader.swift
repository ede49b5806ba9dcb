import Foundation
import KubeLedgerCore

/// Reads a cluster's Kubernetes series from its Prometheus and turns them into hourly facts
/// and raw 5-minute samples (inputs.md §1, cost-model.md §2).
///
/// It only reads and converts; writing and watermarks belong to the ingest runner, so the
/// conversion can be checked against the simulator's ground truth on its own.
public struct ClusterMetricsReader: Sendable {
    public var cluster: String
    public var client: PrometheusClient
    /// Seconds between scrapes; nil: measured from the data.
    public var scrapeInterval: Int64?

    public init(cluster: String, client: PrometheusClient, scrapeInterval: Int64? = nil) {
        self.cluster = cluster
        self.client = client
        self.scrapeInterval = scrapeInterval
    }

    /// What one read found, beyond the facts: the interval used and the values dropped.
    public struct Report: Sendable, Equatable {
        public var scrapeInterval: Int64 = 0
        /// NaN or infinite usage values, left out (counted so they are never a silent zero).
        public var nonFiniteValues = 0
        /// Time spent fetching and decoding the answers, and turning them into facts.
        public var fetching: Duration = .zero
        public var converting: Duration = .zero
    }

    /// The scrape interval, from the median number of CPU-counter samples an hour before `at`.
    public func measuredScrapeInterval(at time: Int64) async throws(SourceError) -> Int64 {
        if let scrapeInterval { return scrapeInterval }
        let answer = try await client.queryRange(ClusterMetricsQueries.samplesPerHour, start: time, end: time, step: Step.seconds)
        guard let count = answer.first?.points.first?.value, count.isFinite, count >= 1 else { return 60 }
        let interval = Int64((3600 / count).rounded())
        return [15, 30, 60, 120, 300].min { abs($0 - interval) < abs($1 - interval) }!
    }

    /// Hourly facts and raw samples of the hours, with what Kubernetes says of its nodes
    /// (not node-hours: those come from the IaaS).
    public func read(hours: HourRange) async throws(SourceError) -> (FactBatch, Report) {
        let grid = StepGrid(hours: hours)
        guard grid.count > 0 else { return (FactBatch(), Report()) }
        var report = Report()
        report.scrapeInterval = try await measuredScrapeInterval(at: grid.last)
        // With a scrape over 150 s, rate() cannot give each step its own value: CPU comes
        // from the counter's samples instead (CounterSpreading), read two steps beyond each
        // edge: the interval across an edge and its neighbour beyond it, so that a span
        // split into windows (a day at a time) books each edge interval as one read would.
        let spread = 2 * report.scrapeInterval > Step.seconds
        var queries: [(String, Int64, Int64)] = [
            (ClusterMetricsQueries.memoryUsage, grid.first, grid.last), (ClusterMetricsQueries.requests, grid.first, grid.last),
            (ClusterMetricsQueries.podOwners, grid.first, grid.last), (ClusterMetricsQueries.replicaSetOwners, grid.first, grid.last),
            (ClusterMetricsQueries.namespaces, grid.first, grid.last), (ClusterMetricsQueries.claimRequests, grid.first, grid.last),
            (ClusterMetricsQueries.claimInfo, grid.first, grid.last), (ClusterMetricsQueries.nodeCapacity, grid.first, grid.last),
            (ClusterMetricsQueries.nodeAllocatable, grid.first, grid.last), (ClusterMetricsQueries.nodeLabels, grid.first, grid.last),
            (ClusterMetricsQueries.nodeRoles, grid.first, grid.last), (ClusterMetricsQueries.autoscalers, grid.first, grid.last),
            (ClusterMetricsQueries.podLabels, grid.first, grid.last),
        ]
        queries += spread
            ? [(ClusterMetricsQueries.cpuCounter, grid.first - 2 * Step.seconds, grid.last + 2 * Step.seconds),
               (ClusterMetricsQueries.cpuCounterTime, grid.first - 2 * Step.seconds, grid.last + 2 * Step.seconds)]
            : [(ClusterMetricsQueries.cpuUsage(scrapeInterval: report.scrapeInterval), grid.first, grid.last)]
        let clock = ContinuousClock()
        let fetchStarted = clock.now
        var answers = try await fetchAll(queries)
        report.fetching = clock.now - fetchStarted
        let convertStarted = clock.now
        defer { report.converting = clock.now - convertStarted }
        var containers = ContainerSteps(grid: grid)
        for series in answers.removeFirst() { containers.add(series, into: \.memory, scale: 1, report: &report) }
        for series in answers.removeFirst() {
            series["resource"] == "cpu"
                ? containers.add(series, into: \.cpuRequest, scale: 1e9, report: &report)
                : containers.add(series, into: \.memoryRequest, scale: 1, report: &report)
        }
        let owners = Owners(pods: answers.removeFirst(), replicaSets: answers.removeFirst())
        let namespaces = answers.removeFirst()
        let claimRequests = answers.removeFirst()
        let claimInfo = answers.removeFirst()
        let nodes = KubeNodeFacts.Series(
            capacity: answers.removeFirst(), allocatable: answers.removeFirst(), labels: answers.removeFirst(), roles: answers.removeFirst()
        )
        let autoscalers = answers.removeFirst()
        let podLabels = answers.removeFirst()
        if spread {
            containers.addCounters(answers.removeFirst(), times: answers.removeFirst(), report: &report)
        } else {
            for series in answers.removeFirst() { containers.add(series, into: \.cpu, scale: 1e9, report: &report) }
        }
        var batch = FactBatch()
        containers.facts(cluster: cluster, owners: owners, into: &batch)
        batch.namespaceHours = Self.namespaceHours(cluster: cluster, grid: grid, series: namespaces)
        batch.pvcHours = Self.claimHours(cluster: cluster, grid: grid, requests: claimRequests, info: claimInfo, report: &report)
        batch.kubeNodeHours = KubeNodeFacts.hours(cluster: cluster, grid: grid, series: nodes)
        batch.autoscalers = Self.autoscalerHours(cluster: cluster, grid: grid, series: autoscalers)
        batch.labels = Self.labels(cluster: cluster, grid: grid, pods: podLabels, namespaces: namespaces, owners: owners)
        return (batch, report)
    }

    /// The answers to the queries, in their order, fetched `concurrency` at a time:
    /// Prometheus evaluates them in parallel, while memory holds only that many answers
    /// being decoded at once.
    func fetchAll(_ queries: [(query: String, start: Int64, end: Int64)], concurrency: Int = 3) async throws(SourceError) -> [[MatrixSeries]] {
        let client = client
        var results: [Int: Result<[MatrixSeries], SourceError>] = [:]
        for batch in stride(from: 0, to: queries.count, by: concurrency) {
            let slice = Array(queries.enumerated())[batch..<min(batch + concurrency, queries.count)]
            let answered = await withTaskGroup(of: (Int, Result<[MatrixSeries], SourceError>).self) { group in
                for (index, query) in slice {
                    group.addTask { (index, await Self.attempt(client, query.query, query.start, query.end)) }
                }
                var answered: [(Int, Result<[MatrixSeries], SourceError>)] = []
                for await item in group { answered.append(item) }
                return answered
            }
            for (index, result) in answered { results[index] = result }
        }
        var answers: [[MatrixSeries]] = []
        for index in queries.indices {
            guard let result = results[index] else { throw .malformed(url: client.baseURL.absoluteString, reason: "no answer to \(queries[index].query)") }
            answers.append(try result.get())
        }
        return answers
    }

    static func attempt(_ client: PrometheusClient, _ query: String, _ start: Int64, _ end: Int64) async -> Result<[MatrixSeries], SourceError> {
        do {
            return .success(try await client.queryRange(query, start: start, end: end, step: Step.seconds))
        } catch {
            return .failure(error)
        }
    }

    /// A namespace exists in an hour when any step answered; its tenant is the label at the
    /// last step that did.
    static func namespaceHours(cluster: String, grid: StepGrid, series: [MatrixSeries]) -> [NamespaceHour] {
        var latest: [String: [Int: (step: Int64, tenant: String?)]] = [:]
        for item in series {
            let namespace = item["namespace"]
            guard !namespace.isEmpty else { continue }
            let tenant = item.labels["label_capsule_clastix_io_tenant"].flatMap { $0.isEmpty ? nil : $0 }
            for point in item.points {
                guard let index = grid.index(of: point.time) else { continue }
                let hour = index / Step.perHour
                if let seen = latest[namespace]?[hour], seen.step > point.time { continue }
                latest[namespace, default: [:]][hour] = (point.time, tenant)
            }
        }
        return latest.keys.sorted().flatMap { namespace in
            latest[namespace]!.keys.sorted().map { hour in
                NamespaceHour(cluster: cluster, hour: grid.hours.from.advanced(by: hour), namespace: namespace, tenant: latest[namespace]![hour]!.tenant)
            }
        }
    }

    /// The `label_*` labels of pods (given to their controller) and namespaces, each with
    /// the hour of its last step in the read.
    static func labels(cluster: String, grid: StepGrid, pods: [MatrixSeries], namespaces: [MatrixSeries], owners: Owners) -> [LabelFact] {
        var facts: [LabelFact] = []
        for (scope, series) in [(LabelFact.Scope.workload, pods), (.namespace, namespaces)] {
            for item in series {
                let namespace = item["namespace"]
                guard !namespace.isEmpty, let last = item.points.last(where: { grid.index(of: $0.time) != nil }) else { continue }
                var kind = ""
                var name = ""
                if scope == .workload {
                    guard !item["pod"].isEmpty else { continue }
                    (kind, name) = owners.controller(namespace: namespace, pod: item["pod"])
                }
                for (label, value) in item.labels where label.hasPrefix("label_") && !value.isEmpty {
                    facts.append(LabelFact(cluster: cluster, hour: Step.hour(of: last.time), scope: scope, namespace: namespace,
                                           controllerKind: kind, controllerName: name, key: String(label.dropFirst("label_".count)), value: value))
                }
            }
        }
        return LabelFact.newest(facts)
    }

    /// An autoscaler exists in an hour when any step answered.
    static func autoscalerHours(cluster: String, grid: StepGrid, series: [MatrixSeries]) -> [AutoscalerHour] {
        var facts: Set<AutoscalerHour> = []
        for item in series where !item["scaletargetref_name"].isEmpty {
            for point in item.points {
                guard let index = grid.index(of: point.time) else { continue }
                facts.insert(AutoscalerHour(
                    cluster: cluster, hour: grid.hour(ofIndex: index), namespace: item["namespace"],
                    targetKind: item["scaletargetref_kind"], targetName: item["scaletargetref_name"]
                ))
            }
        }
        return facts.sorted { ($0.hour, $0.namespace, $0.targetName) < ($1.hour, $1.namespace, $1.targetName) }
    }

    static func claimHours(cluster: String, grid: StepGrid, requests: [MatrixSeries], info: [MatrixSeries], report: inout Report) -> [PVCHour] {
        var classes: [String: String] = [:]
        for item in info { classes[item["namespace"] + "/" + item["persistentvolumeclaim"]] = item["storageclass"] }
        var values: [String: StepValues] = [:]
        for item in requests {
            let key = item["namespace"] + "/" + item["persistentvolumeclaim"]
            var steps = values[key] ?? StepValues(count: grid.count)
            steps.record(item, grid: grid, scale: 1, nonFinite: &report.nonFiniteValues)
            values[key] = steps
        }
        var facts: [PVCHour] = []
        for key in values.keys.sorted() {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            for hour in 0..<grid.hours.count {
                guard let mean = values[key]!.hourlyMean(hour: hour) else { continue }
                facts.append(PVCHour(
                    cluster: cluster, hour: grid.hours.from.advanced(by: hour), namespace: parts[0], claim: parts[1],
                    storageClass: classes[key].flatMap { $0.isEmpty ? nil : $0 } ?? Self.unknownStorageClass, requestedBytes: mean
                ))
            }
        }
        return facts
    }

    /// The class of a claim whose class is unknown (no `kube_persistentvolumeclaim_info`, or
    /// `storageclass=""` for a statically bound volume). Such a claim still holds Ceph
    /// capacity: it gets the default replicas of "any other" class (cost-model.md §6) rather
    /// than leaving its cost to idle. `<none>` is kube-state-metrics' own word for a missing
    /// value, and no class can be named so.
    public static let unknownStorageClass = "<none>"
}
