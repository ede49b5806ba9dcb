import KubeLedgerCapacity
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerStore

/// Gathers a capacity plan's input from the store (capacity-model.md §2): demand on the
/// configured basis, per-node overhead, growth fitted to daily peaks, the largest pod,
/// storage, and the cluster as it runs now.
public enum PlanningInputLoader {
    public static func load(
        store: LedgerStore, config: KubeLedgerConfig, cluster: String, architecture: Architecture, window: HourRange,
        horizonDays: Int, workloads: [WorkloadUsage], basis: CapacityBasis
    ) throws -> PlanningInput {
        let capacity = config.capacity
        let report = Dictionary(RightSizing.report(workloads, policy: capacity.rightSizingPolicy).map { ($0.workload, $0) }) { $1 }
        let storageNamespaces = Set(config.namespaces.storage)
        // Where each workload's pods ran: the workers' demand is what ran on workers. Pods on
        // the storage nodes (production's Ceph daemons) or the control plane need no worker;
        // Rook's operator, which runs on a worker, does.
        let nodeHours = try store.nodeHours(cluster: cluster, hours: window)
        let roles = Dictionary(nodeHours.map { ($0.node, $0.role) }) { $1 }
        let facts = try store.containerHours(cluster: cluster, hours: window)
        func onWorker(_ ref: ContainerRef) -> Bool { (roles[ref.node] ?? .worker) == .worker }
        func controller(_ namespace: String, _ kind: String, _ name: String) -> String { "\(namespace)/\(kind)/\(name)" }
        /// Per workload, its container-hours on workers less those elsewhere.
        var workerBalance: [String: Int] = [:]
        for fact in facts {
            let (kind, name) = WorkloadUsageLoader.cronJob(ofJob: fact.ref.controllerKind, fact.ref.controllerName)
            workerBalance[controller(fact.ref.namespace, kind, name), default: 0] += onWorker(fact.ref) ? 1 : -1
        }
        /// A Ceph OSD in devtest: covered by the OSD reserve of every worker.
        func reservedOSD(_ namespace: String, _ kind: String, _ name: String) -> Bool {
            architecture == .devtest && storageNamespaces.contains(namespace) && isOSD(kind: kind, name: name)
        }
        /// A workload the workers' demand leaves out: one whose pods ran mostly off the
        /// workers, and in devtest the OSDs.
        func offWorkers(_ namespace: String, _ kind: String, _ name: String) -> Bool {
            reservedOSD(namespace, kind, name) || (workerBalance[controller(namespace, kind, name)] ?? 1) < 0
        }
        var demand = Resources()
        var overhead = architecture == .devtest ? capacity.nodeReserve + capacity.osdOverhead : capacity.nodeReserve
        var podsByController: [String: Double] = [:]
        var podSize: [String: Resources] = [:]
        for usage in workloads {
            let replicas = usage.averageReplicas
            let key = controller(usage.namespace, usage.controllerKind, usage.controllerName)
            // Every DaemonSet runs on every worker, the storage namespaces' too (Ceph's CSI
            // plugins): per-node overhead, not demand.
            if usage.controllerKind == "DaemonSet" {
                overhead.cpuNanocores += usage.cpuRequest
                overhead.memoryBytes += usage.memoryRequest
                podsByController[key] = 0
                continue
            }
            guard !offWorkers(usage.namespace, usage.controllerKind, usage.controllerName) else { continue }
            let (cpu, memory) = basisValues(usage, recommendation: report[usage.key], basis: basis)
            demand.cpuNanocores += Int64((Double(cpu) * replicas).rounded(.up))
            demand.memoryBytes += Int64((Double(memory) * replicas).rounded(.up))
            podsByController[key] = max(podsByController[key] ?? 0, replicas)
            podSize[key, default: Resources()] = podSize[key, default: Resources()]
                + Resources(cpuNanocores: usage.cpuRequest, memoryBytes: usage.memoryRequest)
        }
        demand.pods = podsByController.values.reduce(0, +)
        overhead.pods = Double(workloads.filter { $0.controllerKind == "DaemonSet" }
            .map { "\($0.namespace)/\($0.controllerName)" }.reduce(into: Set<String>()) { $0.insert($1) }.count)
        let largest = Resources(cpuNanocores: podSize.values.map(\.cpuNanocores).max() ?? 0, memoryBytes: podSize.values.map(\.memoryBytes).max() ?? 0)

        // Growth: daily peaks (24-hour days back from the window's end) of the hourly sum of
        // max(request, usage), CPU and memory; the larger factor.
        var cpuByHour: [Hour: Int64] = [:]
        var memoryByHour: [Hour: Int64] = [:]
        for fact in facts where onWorker(fact.ref) && !reservedOSD(fact.ref.namespace, fact.ref.controllerKind, fact.ref.controllerName) {
            cpuByHour[fact.hour, default: 0] += max(fact.cpuRequestNanocores, fact.cpuUsageNanocores)
            memoryByHour[fact.hour, default: 0] += max(fact.memoryRequestBytes, fact.memoryUsageBytes)
        }
        let cpuGrowth = Growth.fit(days: dailyPeaks(cpuByHour, window: window), horizonDays: horizonDays)
        let memoryGrowth = Growth.fit(days: dailyPeaks(memoryByHour, window: window), horizonDays: horizonDays)
        let growth = cpuGrowth.factor >= memoryGrowth.factor ? cpuGrowth : memoryGrowth
        var storageByHour: [Hour: Int64] = [:]
        for claim in try store.pvcHours(cluster: cluster, hours: window) {
            storageByHour[claim.hour, default: 0] += claim.requestedBytes * Int64(config.storageClasses.replicas(for: claim.storageClass))
        }
        let storagePeaks = dailyPeaks(storageByHour, window: window)
        let storageGrowth = Growth.fit(days: storagePeaks, horizonDays: horizonDays)

        // The cluster as it runs in the window's last hour.
        let last = window.to.advanced(by: -1)
        let nodes = nodeHours.filter { $0.hour == last && $0.runningMs > 0 }
        let workers = nodes.filter { $0.role == .worker }
        let shapes = Dictionary(grouping: workers) { Flavour(vcpus: $0.vcpus, memoryGiB: Int($0.memoryBytes / ByteSize.gib)) }
        let flavour = shapes.max { ($0.value.count, $0.key.vcpus) < ($1.value.count, $1.key.vcpus) }?.key
        let diskHolders = architecture == .devtest ? workers : nodes.filter { $0.role == .storage }
        let disk = diskHolders.flatMap(\.disks).filter { $0.purpose == .data }.map { Int($0.sizeBytes / ByteSize.gib) }.max() ?? 0
        let storageShapes = Dictionary(grouping: nodes.filter { $0.role == .storage }) { Flavour(vcpus: $0.vcpus, memoryGiB: Int($0.memoryBytes / ByteSize.gib)) }
        let storageFlavour = storageShapes.max { ($0.value.count, $0.key.vcpus) < ($1.value.count, $1.key.vcpus) }?.key
        return PlanningInput(
            architecture: architecture, demand: demand, growth: growth.factor, storageGrowth: storageGrowth.factor, overhead: overhead,
            largestPod: largest, storageBytes: Int64(storagePeaks.last?.peak ?? 0), trendSlopePerDay: growth.slopePerDay, horizonDays: horizonDays,
            currentWorkers: workers.count, currentFlavour: flavour, currentDataDiskGiB: disk, today: window.to.start,
            storageSlopePerDay: storageGrowth.slopePerDay, currentStorageFlavour: architecture == .production ? storageFlavour : nil
        )
    }

    /// A Rook-Ceph OSD: its Deployments are named `rook-ceph-osd-<id>` (not the
    /// `rook-ceph-osd-prepare-<node>` Jobs).
    static func isOSD(kind: String, name: String) -> Bool {
        kind == "Deployment" && name.hasPrefix("rook-ceph-osd-") && !name.hasPrefix("rook-ceph-osd-prepare-")
    }

    /// A workload's per-replica CPU and memory on the basis: the recommendation (current
    /// requests when data is insufficient), the requests, or the 95th percentile of usage.
    static func basisValues(_ usage: WorkloadUsage, recommendation: Recommendation?, basis: CapacityBasis) -> (Int64, Int64) {
        switch basis {
        case .requests:
            return (usage.cpuRequest, usage.memoryRequest)
        case .usageP95:
            return (RightSizing.nearestRank(usage.cpuSteps, percentile: 95), RightSizing.nearestRank(usage.memorySteps, percentile: 95))
        case .recommended:
            // An excluded workload has no recommendation to trust: its requests stand.
            guard !usage.excluded, let recommendation, let cpu = recommendation.recommendedCPU, let memory = recommendation.recommendedMemory else {
                return (usage.cpuRequest, usage.memoryRequest)
            }
            return (cpu, memory)
        }
    }

    /// Per 24-hour day of the window counted back from its end (so the newest day is a whole
    /// one, ending at the window's end), the largest hourly value, with the day's position
    /// (0 the newest, −1 the one before …); days without data are absent, not renumbered.
    static func dailyPeaks(_ byHour: [Hour: Int64], window: HourRange) -> [(day: Double, peak: Double)] {
        var peaks: [Int64: Int64] = [:]
        for (hour, value) in byHour where hour >= window.from && hour < window.to {
            let back = (window.to.start - 1 - hour.start) / 86_400
            peaks[back] = max(peaks[back] ?? 0, value)
        }
        return peaks.keys.sorted(by: >).map { (day: -Double($0), peak: Double(peaks[$0]!)) }
    }

    /// The catalog prices a plan needs, from the version in effect at `hour`.
    public static func prices(_ catalog: PriceCatalog, architecture: Architecture, at hour: Hour) -> PlanningPrices? {
        guard let version = catalog.version(at: hour), let fee = version.serviceFees[architecture] else { return nil }
        return PlanningPrices(vcpuHour: version.vcpuHour, ramGiBHour: version.ramGiBHour, storageGiBMonth: version.storageGiBMonth,
                              feeMonth: fee.cluster, includedWorkers: fee.includedWorkers, extraWorkerMonth: fee.extraWorker)
    }
}
