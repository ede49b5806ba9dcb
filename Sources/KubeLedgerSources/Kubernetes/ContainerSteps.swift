import KubeLedgerCore

/// Per-container values at every step of a read, gathered from several queries, then
/// reduced to container-hours and raw samples.
struct ContainerSteps {
    struct Key: Hashable, Comparable {
        let namespace: String
        let pod: String
        let container: String
        let node: String

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.namespace, lhs.pod, lhs.container, lhs.node) < (rhs.namespace, rhs.pod, rhs.container, rhs.node)
        }
    }

    struct Values {
        var cpu: StepValues
        var memory: StepValues
        var cpuRequest: StepValues
        var memoryRequest: StepValues
        /// CPU counter in nanoseconds and the Unix time of its sample (long scrape intervals only).
        var counter: StepValues
        var counterTime: StepValues

        init(count: Int) {
            counter = StepValues(count: count)
            counterTime = StepValues(count: count)
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
        let key = Key(namespace: series["namespace"], pod: series["pod"], container: series["container"], node: series["node"])
        guard !key.namespace.isEmpty, !key.pod.isEmpty, !key.container.isEmpty else { return }
        var entry = values[key] ?? Values(count: grid.count)
        entry[keyPath: path].record(series, grid: grid, scale: scale, nonFinite: &report.nonFiniteValues)
        values[key] = entry
    }

    /// With a rate window longer than a step, the step values add up to the counter's
    /// increments between samples only: the usage before a container's first sample and
    /// after its last is lost. The counter starts at 0 with the container, so its first
    /// sample is the usage before it and is booked to that step; after the last sample, the
    /// container is taken to run at its last rate to the end of the step holding that sample.
    mutating func recoverEdges() {
        for key in Array(values.keys) {
            var entry = values[key]!
            for index in 0..<grid.count {
                guard let counter = entry.counter.values[index], let time = entry.counterTime.values[index] else { continue }
                let stepStart = grid.step(index) - Step.seconds
                if entry.cpu.values[index] == nil, index == 0 || entry.counter.values[index - 1] == nil, time > stepStart {
                    entry.cpu.values[index] = counter / Step.seconds
                }
                let last = index == grid.count - 1 || entry.counter.values[index + 1] == nil
                if last, index < grid.count - 1, let rate = entry.cpu.values[index] {
                    entry.cpu.values[index] = rate + rate * (grid.step(index) - time) / Step.seconds
                }
            }
            values[key] = entry
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
