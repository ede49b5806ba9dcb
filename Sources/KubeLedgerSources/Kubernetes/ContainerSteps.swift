import KubeLedgerCore

/// Per-container values at every step of a read, gathered from several queries, then
/// reduced to container-hours and raw samples.
struct ContainerSteps {
    struct Key: Hashable, Comparable {
        let namespace: String
        let pod: String
        let container: String
        let node: String

        /// The container a cAdvisor or kube-state-metrics series is about.
        init(_ series: MatrixSeries) {
            namespace = series["namespace"]
            pod = series["pod"]
            container = series["container"]
            node = series["node"]
        }

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.namespace, lhs.pod, lhs.container, lhs.node) < (rhs.namespace, rhs.pod, rhs.container, rhs.node)
        }
    }

    struct Values {
        var cpu: StepValues
        var memory: StepValues
        var cpuRequest: StepValues
        var memoryRequest: StepValues

        init(count: Int) {
            cpu = StepValues(count: count)
            memory = StepValues(count: count)
            cpuRequest = StepValues(count: count)
            memoryRequest = StepValues(count: count)
        }
    }

    let grid: StepGrid
    var values: [Key: Values] = [:]

    init(grid: StepGrid) { self.grid = grid }

    mutating func add(_ series: MatrixSeries, into path: WritableKeyPath<Values, StepValues>, scale: Double, report: inout ClusterMetricsReader.Report) {
        let key = Key(series)
        guard !key.namespace.isEmpty, !key.pod.isEmpty, !key.container.isEmpty else { return }
        // Mutated in place: a copy out and back would duplicate the step arrays per series.
        values[key, default: Values(count: grid.count)][keyPath: path].record(series, grid: grid, scale: scale, nonFinite: &report.nonFiniteValues)
    }

    /// CPU from the counter's samples and their times (see ``CounterSpreading``).
    mutating func addCounters(_ counters: [MatrixSeries], times: [MatrixSeries], report: inout ClusterMetricsReader.Report) {
        var sampleTimes: [Key: [Int64: Int64]] = [:]
        for series in times {
            for point in series.points where point.value.isFinite { sampleTimes[Key(series), default: [:]][point.time] = Int64(point.value.rounded()) }
        }
        for series in counters {
            let key = Key(series)
            guard !key.namespace.isEmpty, !key.pod.isEmpty, !key.container.isEmpty, let times = sampleTimes[key] else { continue }
            var samples: [CounterSpreading.Sample] = []
            for point in series.points {
                guard point.value.isFinite else {
                    report.nonFiniteValues += 1
                    continue
                }
                guard let time = times[point.time] else { continue }
                samples.append(CounterSpreading.Sample(step: point.time, time: time, counter: Int64((point.value * 1e9).rounded())))
            }
            values[key, default: Values(count: grid.count)].cpu.values = CounterSpreading.usage(samples, grid: grid)
        }
    }

    func facts(cluster: String, owners: Owners, into batch: inout FactBatch) {
        for key in values.keys.sorted() {
            let entry = values[key]!
            let controller = owners.controller(namespace: key.namespace, pod: key.pod)
            let ref = ContainerRef(
                cluster: cluster, namespace: key.namespace, pod: key.pod, container: key.container, node: key.node,
                controllerKind: controller.kind, controllerName: controller.name
            )
            for hour in 0..<grid.hours.count {
                let cpu = entry.cpu.hourlyMean(hour: hour)
                let memory = entry.memory.hourlyMean(hour: hour)
                let cpuRequest = entry.cpuRequest.hourlyMean(hour: hour)
                let memoryRequest = entry.memoryRequest.hourlyMean(hour: hour)
                guard cpu != nil || memory != nil || cpuRequest != nil || memoryRequest != nil else { continue }
                batch.containerHours.append(ContainerHour(
                    ref: ref, hour: grid.hours.from.advanced(by: hour), cpuRequestNanocores: cpuRequest ?? 0,
                    cpuUsageNanocores: cpu ?? 0, memoryRequestBytes: memoryRequest ?? 0, memoryUsageBytes: memory ?? 0
                ))
            }
            for (metric, steps) in [(RawMetric.cpuUsage, entry.cpu), (.memoryWorkingSet, entry.memory)] {
                let samples = steps.values.enumerated().compactMap { index, value in value.map { RawSample(step: grid.step(index), value: $0) } }
                if !samples.isEmpty { batch.rawSeries.append(RawSeries(ref: ref, metric: metric, samples: samples)) }
            }
        }
    }
}

/// Who owns each pod, with ReplicaSets resolved to their Deployments.
struct Owners {
    private var pods: [String: (kind: String, name: String)] = [:]
    private var replicaSets: [String: String] = [:]

    init(pods podSeries: [MatrixSeries], replicaSets replicaSetSeries: [MatrixSeries]) {
        for series in replicaSetSeries where series["owner_kind"] == "Deployment" {
            replicaSets[series["namespace"] + "/" + series["replicaset"]] = series["owner_name"]
        }
        // The newest answer wins when a pod's owner series changed.
        var newest: [String: Int64] = [:]
        for series in podSeries {
            let key = series["namespace"] + "/" + series["pod"]
            let last = series.points.last?.time ?? .min
            if let seen = newest[key], seen > last { continue }
            newest[key] = last
            pods[key] = (series["owner_kind"], series["owner_name"])
        }
    }

    func controller(namespace: String, pod: String) -> (kind: String, name: String) {
        guard let owner = pods[namespace + "/" + pod], !owner.kind.isEmpty, owner.kind != "<none>" else { return ("Pod", pod) }
        if owner.kind == "ReplicaSet", let deployment = replicaSets[namespace + "/" + owner.name] { return ("Deployment", deployment) }
        return owner
    }
}
