import KubeLedgerCapacity
import KubeLedgerCore
import KubeLedgerStore

/// Gathers right-sizing's input from the store: the raw 5-minute samples (percentiles are
/// taken from them, never from hourly averages), requests and replicas from container-hours
/// with the raw steps each pod ran (a container-hour is a mean over all twelve steps),
/// unit prices from the stored costs, tenants and autoscalers.
public enum WorkloadUsageLoader {
    /// A Job named by the CronJob controller (`<cronjob>-<minutes since the epoch>`) is a run
    /// of that CronJob: its runs are one workload's replicas over time, not a workload each.
    static func cronJob(ofJob kind: String, _ name: String) -> (kind: String, name: String) {
        guard kind == "Job", let dash = name.lastIndex(of: "-") else { return (kind, name) }
        let suffix = name[name.index(after: dash)...]
        guard suffix.count >= 8, suffix.allSatisfy(\.isNumber) else { return (kind, name) }
        return ("CronJob", String(name[..<dash]))
    }

    /// Units requests are written in, largest first: cores to millicores; GiB, GB to bytes.
    static let cpuUnits: [Int64] = [1_000_000_000, 100_000_000, 10_000_000, 1_000_000]
    static let memoryUnits: [Int64] = [1 << 30, 1_000_000_000, 1 << 20, 1_000_000, 1 << 10, 1_000]

    /// The request behind an hourly mean of a pod that ran `ran` of the hour's 12 steps.
    /// The mean was rounded half up from request × ran ÷ 12, so every request from
    /// ⌈(12 × mean − 6) ÷ ran⌉ to ⌊(12 × mean + 5) ÷ ran⌋ gives it: of those, the first
    /// multiple of the largest unit a request is written in (256Mi, not 256Mi and 2 bytes),
    /// else the nearest to mean × 12 ÷ ran.
    static func requestBehind(mean: Int64, ran: Int, units: [Int64]) -> Int64 {
        let perHour = Int64(Step.perHour)
        guard ran > 0, ran < Step.perHour, mean > 0 else { return mean }
        let steps = Int64(ran)
        let low = (perHour * mean - perHour / 2 + steps - 1) / steps
        let high = (perHour * mean + perHour / 2 - 1) / steps
        for unit in units {
            let multiple = (low + unit - 1) / unit * unit
            if multiple <= high { return multiple }
        }
        return (mean * perHour * 2 + steps) / (2 * steps)
    }

    /// - Parameters:
    ///   - fallbackPrices: per core-hour and GiB-hour, for a workload with no stored cost.
    ///   - exclude: namespaces (`batch`) or workloads (`batch/nightly`) to leave out.
    ///   - keepExcluded: load the excluded workloads too, marked `excluded` (a capacity plan
    ///     counts them: exclusion is a right-sizing rule, they still run).
    public static func load(
        store: LedgerStore, cluster: String, window: HourRange, fallbackPrices: (cpu: Money, memory: Money), exclude: [String] = [],
        keepExcluded: Bool = false
    ) throws -> [WorkloadUsage] {
        struct Key: Hashable {
            let namespace, kind, name, container: String
        }
        func key(_ ref: ContainerRef) -> Key {
            let (kind, name) = cronJob(ofJob: ref.controllerKind, ref.controllerName)
            return Key(namespace: ref.namespace, kind: kind, name: name, container: ref.container)
        }
        func excluded(_ key: Key) -> Bool { !keepExcluded && isExcluded(key) }
        func isExcluded(_ key: Key) -> Bool {
            exclude.contains { $0 == key.namespace || $0 == "\(key.namespace)/\(key.name)" || $0 == "\(key.namespace)/\(key.kind)/\(key.name)" }
        }
        // The maximum over replicas at each step, in one dense array per workload and metric
        // (−1 where no replica ran), filled chunk by chunk.
        let first = window.from.start + Step.seconds
        let stepCount = window.count * Step.perHour
        var steps: [RawMetric: [Key: [Int64]]] = [:]
        // The steps each container (pod) ran in each hour of the window, the larger count of
        // the two metrics: container-hours hold hourly means with absent steps counted 0, so
        // these turn a mean back into the pod's request and count replica time in steps.
        var present: [ContainerRef: [UInt8]] = [:]
        // The first step the store has a sample of: a window reaching back before the data
        // averages replicas over the steps observed, not over steps nobody recorded.
        var firstObserved = stepCount
        for metric in RawMetric.allCases {
            var byWorkload: [Key: [Int64]] = [:]
            var counted: [ContainerRef: [UInt8]] = [:]
            try store.forEachRawChunk(cluster: cluster, metric: metric, fromStep: first, toStep: window.to.start) { ref, samples in
                if let step = samples.first?.step { firstObserved = min(firstObserved, Int((step - first) / Step.seconds)) }
                let workload = key(ref)
                guard !excluded(workload) else { return }
                var values = byWorkload.removeValue(forKey: workload) ?? Array(repeating: -1, count: stepCount)
                var counts = counted.removeValue(forKey: ref) ?? Array(repeating: 0, count: window.count)
                for sample in samples {
                    let index = Int((sample.step - first) / Step.seconds)
                    values[index] = max(values[index], sample.value)
                    if counts[index / Step.perHour] < UInt8.max { counts[index / Step.perHour] += 1 }
                }
                byWorkload[workload] = values
                counted[ref] = counts
            }
            steps[metric] = byWorkload
            for (ref, counts) in counted {
                present[ref] = present[ref].map { zip($0, counts).map { max($0, $1) } } ?? counts
            }
        }
        /// Steps the container ran in the hour, at most 12; nil when no raw sample of that hour is stored.
        func stepsRan(_ fact: ContainerHour) -> Int? {
            let index = Int((fact.hour.start - window.from.start) / 3_600)
            guard let counts = present[fact.ref], counts.indices.contains(index), counts[index] > 0 else { return nil }
            return min(Step.perHour, Int(counts[index]))
        }
        /// The request behind an hourly mean over `ran` steps (see `requestBehind`).
        func request(_ mean: Int64, ran: Int?, units: [Int64]) -> Int64 {
            ran.map { requestBehind(mean: mean, ran: $0, units: units) } ?? mean
        }
        struct Hours {
            var latest = Hour(containing: 0)
            var cpuRequest: Int64 = 0
            var memoryRequest: Int64 = 0
            var cpuUsage: Int64 = 0, cpuRequests: Int64 = 0, memoryUsage: Int64 = 0, memoryRequests: Int64 = 0
            var replicaSteps = 0
        }
        var hours: [Key: Hours] = [:]
        for fact in try store.containerHours(cluster: cluster, hours: window) {
            let workload = key(fact.ref)
            guard !excluded(workload) else { continue }
            var entry = hours[workload] ?? Hours()
            if fact.hour > entry.latest {
                entry.latest = fact.hour
                entry.cpuRequest = 0
                entry.memoryRequest = 0
            }
            let ran = stepsRan(fact)
            if fact.hour == entry.latest {
                entry.cpuRequest = max(entry.cpuRequest, request(fact.cpuRequestNanocores, ran: ran, units: cpuUnits))
                entry.memoryRequest = max(entry.memoryRequest, request(fact.memoryRequestBytes, ran: ran, units: memoryUnits))
            }
            entry.cpuUsage += fact.cpuUsageNanocores
            entry.cpuRequests += fact.cpuRequestNanocores
            entry.memoryUsage += fact.memoryUsageBytes
            entry.memoryRequests += fact.memoryRequestBytes
            // Without raw samples for the hour (older than the raw retention) it counts whole.
            entry.replicaSteps += ran ?? Step.perHour
            hours[workload] = entry
        }
        var prices: [String: (cpu: Money, memory: Money)] = [:]
        for row in try store.costRows(cluster: cluster, hours: window, by: .controller) where row.cpuNanocores > 0 && row.ramBytes > 0 {
            prices["\(row.namespace)/\(row.controllerKind)/\(row.controllerName)"] = (
                MoneySplit.scaled(row.cpu, numerator: 1_000_000_000, denominator: Int128(row.cpuNanocores)),
                MoneySplit.scaled(row.ram, numerator: Int128(ByteSize.gib), denominator: Int128(row.ramBytes))
            )
        }
        var tenants: [String: String] = [:]
        for fact in try store.namespaceHours(cluster: cluster, hours: window) { tenants[fact.namespace] = fact.tenant }
        let autoscaled = try store.autoscaledWorkloads(cluster: cluster, hours: window)
        return hours.keys.sorted { ($0.namespace, $0.kind, $0.name, $0.container) < ($1.namespace, $1.kind, $1.name, $1.container) }.map { workload in
            let entry = hours[workload]!
            let cpu = (steps[.cpuUsage]?[workload] ?? []).filter { $0 >= 0 }
            let memory = (steps[.memoryWorkingSet]?[workload] ?? []).filter { $0 >= 0 }
            let price = prices["\(workload.namespace)/\(workload.kind)/\(workload.name)"] ?? fallbackPrices
            return WorkloadUsage(
                cluster: cluster, namespace: workload.namespace, controllerKind: workload.kind, controllerName: workload.name,
                container: workload.container, tenant: tenants[workload.namespace], cpuSteps: cpu, memorySteps: memory, cpuRequest: entry.cpuRequest, memoryRequest: entry.memoryRequest,
                cpuUsageSum: entry.cpuUsage, cpuRequestSum: entry.cpuRequests, memoryUsageSum: entry.memoryUsage,
                memoryRequestSum: entry.memoryRequests, replicaSteps: entry.replicaSteps, windowSteps: firstObserved < stepCount ? stepCount - firstObserved : stepCount,
                cpuPrice: price.cpu, memoryPrice: price.memory,
                autoscaled: autoscaled.contains("\(workload.namespace)/\(workload.kind)/\(workload.name)"), excluded: isExcluded(workload)
            )
        }
    }
}
