import KubeLedgerCore
@testable import KubeLedgerIngest
import KubeLedgerStore
import Testing

/// inputs.md §2b through the runner and the store: a Xen Orchestra snapshot holds from its
/// run until the next one, never before.
@Suite struct XenOrchestraHistoryTests {
    static let start = Hour(containing: 1_793_577_600)  // 2026-11-02T00:00:00Z

    static func snapshot(at time: Int64, vcpus: Int) -> InventorySnapshot {
        InventorySnapshot(cluster: "lab", takenAt: time, vms: [InventorySnapshot.VM(
            uuid: "u1", name: "lab-wrk-01", powerState: .running, vcpus: vcpus, memoryBytes: 8 * ByteSize.gib, zone: "AZ05", role: nil,
            disks: [Disk(purpose: .os, storageClass: "flash-standard", sizeBytes: 64 * ByteSize.gib)]
        )])
    }

    /// One run at `now`, reading what XO shows then.
    static func run(_ store: LedgerStore, now: Int64, vcpus: Int) async -> IngestRunner.Outcome {
        let runner = IngestRunner(store: store, lookback: 7200, settle: 600, start: start.start)
        return await runner.run(job: "iaas", cluster: "lab", now: now) { hours in
            try XenOrchestraHistory.batch(current: snapshot(at: now, vcpus: vcpus), store: store, hours: hours,
                                          nodes: KnownNodes(names: ["lab-wrk-01"]), nodeName: { $0 })
        }
    }

    @Test("a first run bills nothing before its snapshot; the next derives the hours since from it; an unchanged inventory adds no snapshot")
    func history() async throws {
        let store = try LedgerStore()
        let window = HourRange(from: Self.start, to: Self.start.advanced(by: 48))
        // First run on day 2 at 00:30: hours from the configured start are read, none billed.
        let first = Self.start.start + 24 * 3600 + 1800
        #expect(await Self.run(store, now: first, vcpus: 4).error == nil)
        #expect(try store.nodeHours(cluster: "lab", hours: window).isEmpty)
        #expect(try store.watermark(job: "iaas", cluster: "lab") == Self.start.advanced(by: 24))
        #expect(try store.inventorySnapshots(cluster: "lab", from: 0, to: .max).map(\.takenAt) == [first])
        // Second run at 03:15, same VMs: 00:00-01:00 holds from 00:30 (half), 01:00 and 02:00 whole.
        let second = first + 2 * 3600 + 2700
        #expect(await Self.run(store, now: second, vcpus: 4).error == nil)
        var facts = try store.nodeHours(cluster: "lab", hours: window)
        #expect(facts.map(\.hour) == [Self.start.advanced(by: 24), Self.start.advanced(by: 25), Self.start.advanced(by: 26)])
        #expect(facts.map(\.presentMs) == [1_800_000, 3_600_000, 3_600_000])
        #expect(facts.allSatisfy { $0.vcpus == 4 && $0.runningMs == $0.presentMs })
        #expect(try store.inventorySnapshots(cluster: "lab", from: 0, to: .max).map(\.takenAt) == [first])
        // Third run at 05:15 sees the VM resized to 8: stored, but the hours it reads (up to
        // 05:00) are still the first snapshot's, so the lookback rewrites them unchanged.
        let third = second + 2 * 3600
        #expect(await Self.run(store, now: third, vcpus: 8).error == nil)
        facts = try store.nodeHours(cluster: "lab", hours: window)
        #expect(facts.count == 5 && facts.allSatisfy { $0.vcpus == 4 })
        #expect(try store.inventorySnapshots(cluster: "lab", from: 0, to: .max).map(\.takenAt) == [first, third])
        // Fourth run at 07:15: 05:00-06:00 is a quarter at 4 vCPU and three quarters at 8 (the
        // larger, later size is the hour's), 06:00 is 8.
        #expect(await Self.run(store, now: third + 2 * 3600, vcpus: 8).error == nil)
        facts = try store.nodeHours(cluster: "lab", hours: window)
        #expect(facts.map(\.vcpus) == [4, 4, 4, 4, 4, 8, 8])
        #expect(facts.map(\.presentMs) == [1_800_000] + Array(repeating: 3_600_000, count: 6))
        #expect(try store.inventorySnapshots(cluster: "lab", from: 0, to: .max).count == 2)
    }
}
