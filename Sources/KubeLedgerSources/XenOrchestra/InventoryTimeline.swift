import KubeLedgerCore

/// Node-hours from the inventory snapshots of a cluster (inputs.md §2b: a snapshot taken
/// at each run holds until the next one).
///
/// Snapshot *i* holds from its `takenAt` to the next snapshot's (the last one, on and on).
/// Within an hour a VM is present for the time the snapshots that list it hold, and running
/// for the part of that in which they say `Running`: Halted, **Paused and Suspended count
/// as not running** (present, so their disks are still billed). Its size, disks, zone and
/// name are those of the last snapshot of the hour that lists it. Before the first snapshot
/// nothing is known, so nothing is billed.
///
/// `vmID` is the VM uuid, `node` is `nodeName(name_label)`. With `nodes` (what the
/// cluster's Kubernetes side reported) only the VMs whose node it knows count, the role
/// being its labels', else the snapshot's (tag or naming), else worker; without, every VM.
/// Facts come hour by hour, and within an hour by VM name, then uuid.
public struct InventoryTimeline: Sendable {
    /// Ordered by `takenAt`, one per instant.
    public private(set) var snapshots: [InventorySnapshot]

    public init(_ snapshots: [InventorySnapshot]) {
        var byTime: [Int64: InventorySnapshot] = [:]
        for snapshot in snapshots { byTime[snapshot.takenAt] = snapshot }
        self.snapshots = byTime.keys.sorted().map { byTime[$0]! }
    }

    /// The time snapshot `index` holds within `[from, to)`, in seconds.
    func overlap(_ index: Int, from: Int64, to: Int64) -> Int64 {
        let start = snapshots[index].takenAt
        let end = index + 1 < snapshots.count ? snapshots[index + 1].takenAt : Int64.max
        return max(0, min(end, to) - max(start, from))
    }

    public func nodeHours(cluster: String, hours: HourRange, nodes: KnownNodes? = nil,
                          nodeName: (String) -> String = { $0 }) -> [NodeHour] {
        var facts: [NodeHour] = []
        for hour in hours {
            var seen: [String: (vm: InventorySnapshot.VM, present: Int64, running: Int64)] = [:]
            for index in snapshots.indices {
                let held = overlap(index, from: hour.start, to: hour.start + Hour.seconds)
                guard held > 0 else { continue }
                for vm in snapshots[index].vms {
                    let before = seen[vm.uuid]
                    seen[vm.uuid] = (vm, (before?.present ?? 0) + held, (before?.running ?? 0) + (vm.powerState == .running ? held : 0))
                }
            }
            for (vm, present, running) in seen.values.sorted(by: { ($0.vm.name, $0.vm.uuid) < ($1.vm.name, $1.vm.uuid) }) {
                let node = nodeName(vm.name)
                guard let role = KnownNodes.role(ofNode: node, conventional: vm.role, among: nodes) else { continue }
                facts.append(NodeHour(
                    cluster: cluster, hour: hour, node: node, vmID: vm.uuid, role: role, zone: vm.zone,
                    vcpus: vm.vcpus, memoryBytes: vm.memoryBytes, presentMs: present * 1000, runningMs: running * 1000, disks: vm.disks
                ))
            }
        }
        return facts
    }
}
