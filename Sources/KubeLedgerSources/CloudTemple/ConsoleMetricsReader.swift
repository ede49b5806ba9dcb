import Foundation
import KubeLedgerCore

/// Reads OpenIaaS VM series from Cloud Temple's console metrics endpoint (Prometheus
/// compatible, inputs.md §2a) into node-hours.
///
/// A VM exists at a step when its vCPU series answers and runs when, of its
/// `vates_vm_running_gauge` series, the one with the newest sample is `power_state="Running"`. The series give a VM's total
/// disk size and no class, so the OS disk is the configured one and the rest is one data
/// disk of the configured class. The console carries no VM UUID: the VM name stands in.
public struct ConsoleMetricsReader: Sendable {
    public var cluster: String
    public var client: PrometheusClient
    public var osDisk: Disk
    public var dataDiskClass: String
    public var nodeName: @Sendable (String) -> String

    public init(cluster: String, client: PrometheusClient, osDisk: Disk, dataDiskClass: String, nodeName: @escaping @Sendable (String) -> String = { $0 }) {
        self.cluster = cluster
        self.client = client
        self.osDisk = osDisk
        self.dataDiskClass = dataDiskClass
        self.nodeName = nodeName
    }

    /// Role from the naming convention `-cp-`, `-wrk-`, `-ceph-` (inputs.md §2a).
    public static func role(fromName name: String) -> NodeRole? {
        if name.contains("-cp-") || name.contains("-master-") { return .controlPlane }
        if name.contains("-ceph-") || name.contains("-storage-") { return .storage }
        if name.contains("-wrk-") || name.contains("-worker-") { return .worker }
        return nil
    }

    struct VM {
        var zone = ""
        var vcpus: StepValues
        var memory: StepValues
        var disk: StepValues
        /// Per step, the running fraction in thousandths, from the power state series with
        /// the newest sample (nil where none answered).
        var running: StepValues
        /// Sample time of the power state that set `running` at each step.
        var powerSampled: [Int64?]

        init(count: Int) {
            vcpus = StepValues(count: count)
            memory = StepValues(count: count)
            disk = StepValues(count: count)
            running = StepValues(count: count)
            powerSampled = Array(repeating: nil, count: count)
        }
    }

    /// Which of a VM's series to read when the console gives several `stat`s (avg, min, max,
    /// inputs.md §2a): the average, else the series without one, else max, else min.
    static func statRank(_ series: MatrixSeries) -> Int {
        switch series["stat"] {
        case "avg": 0
        case "": 1
        case "max": 2
        default: 3
        }
    }

    /// The series of each VM (and power state) at its preferred `stat`.
    static func preferredStat(_ all: [MatrixSeries]) -> [MatrixSeries] {
        func key(_ series: MatrixSeries) -> String { series["vm_name"] + "/" + series["power_state"] }
        var best: [String: Int] = [:]
        for series in all { best[key(series)] = min(best[key(series)] ?? .max, statRank(series)) }
        return all.filter { statRank($0) == best[key($0)] }
    }

    /// Node-hours of the hours. With `nodes` (what the cluster's Kubernetes side reported),
    /// only the VMs whose node it knows, with its labels' role before the naming
    /// convention's; without, every VM, by the convention, else a worker.
    public func read(hours: HourRange, nodes: KnownNodes? = nil) async throws(SourceError) -> [NodeHour] {
        let grid = StepGrid(hours: hours)
        guard grid.count > 0 else { return [] }
        var vms: [String: VM] = [:]
        func fetch(_ query: String) async throws(SourceError) -> [MatrixSeries] {
            Self.preferredStat(try await client.queryRange(query, start: grid.first, end: grid.last, step: Step.seconds).filter { !$0["vm_name"].isEmpty })
        }
        func collect(_ query: String, _ path: WritableKeyPath<VM, StepValues>) async throws(SourceError) {
            for series in try await fetch(query) {
                let name = series["vm_name"]
                var vm = vms[name] ?? VM(count: grid.count)
                if vm.zone.isEmpty { vm.zone = series["az"] }
                for point in series.points where point.value.isFinite {
                    guard let index = grid.index(of: point.time) else { continue }
                    vm[keyPath: path].values[index] = Int64(point.value.rounded())
                }
                vms[name] = vm
            }
        }
        try await collect("vates_vm_vcpus_gauge", \.vcpus)
        try await collect("vates_vm_memory_total_bytes_gauge", \.memory)
        try await collect("vates_vm_disk_total_size_bytes_gauge", \.disk)
        // A power change ends one `power_state` series and starts another; Prometheus still
        // answers the old one for up to 5 minutes. At each step the series with the newest
        // sample counts, and none whose sample is older than the step (inputs.md §1).
        var sampled: [[String: String]: [Int64: Int64]] = [:]
        for series in try await fetch("timestamp(vates_vm_running_gauge)") {
            sampled[series.labels.filter { $0.key != "__name__" }] = Dictionary(series.points.filter { $0.value.isFinite }.map { ($0.time, Int64($0.value.rounded(.down))) }) { $1 }
        }
        for series in try await fetch("vates_vm_running_gauge") {
            let name = series["vm_name"]
            let times = sampled[series.labels.filter { $0.key != "__name__" }] ?? [:]
            var vm = vms[name] ?? VM(count: grid.count)
            for point in series.points where point.value.isFinite {
                guard let index = grid.index(of: point.time), let time = times[point.time], time > point.time - Step.seconds else { continue }
                if let newer = vm.powerSampled[index], newer >= time { continue }
                vm.powerSampled[index] = time
                let fraction = series["power_state"] == "Running" ? min(1, max(0, point.value)) : 0
                vm.running.values[index] = Int64((fraction * 1000).rounded())
            }
            vms[name] = vm
        }
        var facts: [NodeHour] = []
        for name in vms.keys.sorted() {
            let vm = vms[name]!
            let node = nodeName(name)
            let conventional = Self.role(fromName: name)
            guard let role = KnownNodes.role(ofNode: node, conventional: conventional, among: nodes) else { continue }
            for hour in 0..<grid.hours.count {
                let range = (hour * Step.perHour)..<((hour + 1) * Step.perHour)
                let present = range.filter { vm.vcpus.values[$0] != nil }
                guard let last = present.last else { continue }
                // Thousandths of a step, so an averaged state (`stat="avg"`) of 0.5 counts half.
                let running = present.reduce(Int64(0)) { $0 + (vm.running.values[$1] ?? 0) }
                // Each size as its series last answered in the hour: one missing sample is
                // not a VM without memory or disks.
                func lastAnswered(_ steps: StepValues) -> Int64? { present.reversed().lazy.compactMap { steps.values[$0] }.first }
                let total = lastAnswered(vm.disk) ?? 0
                var disks = [osDisk]
                if total > osDisk.sizeBytes { disks.append(Disk(purpose: .data, storageClass: dataDiskClass, sizeBytes: total - osDisk.sizeBytes)) }
                facts.append(NodeHour(
                    cluster: cluster, hour: grid.hours.from.advanced(by: hour), node: node, vmID: name,
                    role: role, zone: vm.zone,
                    vcpus: Int(vm.vcpus.values[last] ?? 0), memoryBytes: lastAnswered(vm.memory) ?? 0,
                    presentMs: Int64(present.count) * 300_000, runningMs: running * 300, disks: disks
                ))
            }
        }
        return facts
    }
}
