import Foundation
import KubeLedgerCore

/// Reads OpenIaaS VM series from Cloud Temple's console metrics endpoint (Prometheus
/// compatible, inputs.md §2a) into node-hours.
///
/// A VM exists at a step when its vCPU series answers and runs when its
/// `vates_vm_running_gauge{power_state="Running"}` is 1 there. The series give a VM's total
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
        var vcpus = StepValues(count: 0)
        var memory = StepValues(count: 0)
        var disk = StepValues(count: 0)
        var running = StepValues(count: 0)
    }

    /// Node-hours of the hours. With `nodes` (what the cluster's Kubernetes side reported),
    /// only the VMs whose node it knows, with its labels' role before the naming
    /// convention's; without, every VM, by the convention, else a worker.
    public func read(hours: HourRange, nodes: KnownNodes? = nil) async throws(SourceError) -> [NodeHour] {
        let grid = StepGrid(hours: hours)
        guard grid.count > 0 else { return [] }
        var vms: [String: VM] = [:]
        func collect(_ query: String, _ path: WritableKeyPath<VM, StepValues>, onlyRunning: Bool = false) async throws(SourceError) {
            for series in try await client.queryRange(query, start: grid.first, end: grid.last, step: Step.seconds) {
                let name = series["vm_name"]
                guard !name.isEmpty else { continue }
                if onlyRunning, series["power_state"] != "Running" { continue }
                var vm = vms[name] ?? VM(vcpus: StepValues(count: grid.count), memory: StepValues(count: grid.count), disk: StepValues(count: grid.count), running: StepValues(count: grid.count))
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
        try await collect("vates_vm_running_gauge", \.running, onlyRunning: true)
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
                let running = range.filter { vm.vcpus.values[$0] != nil && (vm.running.values[$0] ?? 0) >= 1 }.count
                let total = vm.disk.values[last] ?? 0
                var disks = [osDisk]
                if total > osDisk.sizeBytes { disks.append(Disk(purpose: .data, storageClass: dataDiskClass, sizeBytes: total - osDisk.sizeBytes)) }
                facts.append(NodeHour(
                    cluster: cluster, hour: grid.hours.from.advanced(by: hour), node: node, vmID: name,
                    role: role, zone: vm.zone,
                    vcpus: Int(vm.vcpus.values[last] ?? 0), memoryBytes: vm.memory.values[last] ?? 0,
                    presentMs: Int64(present.count) * 300_000, runningMs: Int64(running) * 300_000, disks: disks
                ))
            }
        }
        return facts
    }
}
