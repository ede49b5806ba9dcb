import Foundation
import GRDB
import KubeLedgerCore
import Testing
@testable import KubeLedgerStore

@Suite struct LedgerStoreTests {
    let range = HourRange(from: StoreFixtures.hour, to: StoreFixtures.hour.advanced(by: 24))

    @Test("an empty file is migrated to the current schema, and reopening keeps the data")
    func migrations() throws {
        let path = StoreFixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try LedgerStore(path: path)
        #expect(try store.appliedMigrations() == ["001_createFacts", "002_createBookkeeping", "003_createJobStatus", "004_createExternalAllocation", "005_createKubeNodeHour", "006_createCostHour", "007_createAutoscalerHour", "008_createLabel", "009_createCostNamespaceHour", "010_createFactHour", "011_createStoreVersion", "012_createInventorySnapshot", "013_addWatermarkContentHash"])
        try store.write(StoreFixtures.batch())
        let reopened = try LedgerStore(path: path)
        #expect(try reopened.appliedMigrations() == ["001_createFacts", "002_createBookkeeping", "003_createJobStatus", "004_createExternalAllocation", "005_createKubeNodeHour", "006_createCostHour", "007_createAutoscalerHour", "008_createLabel", "009_createCostNamespaceHour", "010_createFactHour", "011_createStoreVersion", "012_createInventorySnapshot", "013_addWatermarkContentHash"])
        #expect(try reopened.containerHours(cluster: "c1", hours: range).count == 4)
        let journal = try reopened.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test("every kind of fact reads back as written")
    func roundTrip() throws {
        let store = try LedgerStore()
        var batch = StoreFixtures.batch()
        batch.allocations = [ExternalAllocation(
            cluster: "c1", hour: StoreFixtures.hour, namespace: "shop", source: "opencost", cpuCost: "0.031611", ramCost: "0.0042",
            pvCost: "0", totalCost: "0.035811", cpuCoreHours: 1, ramByteHours: 1_073_741_824
        )]
        batch.kubeNodeHours = [
            KubeNodeHour(cluster: "c1", hour: StoreFixtures.hour, node: "wrk-1", role: nil, zone: nil, cpuCapacityNanocores: 4_000_000_000,
                         cpuAllocatableNanocores: 3_800_000_000, memoryCapacityBytes: 8 * ByteSize.gib,
                         memoryAllocatableBytes: 7 * ByteSize.gib, podsAllocatable: 110),
            KubeNodeHour(cluster: "c1", hour: StoreFixtures.hour.next, node: "wrk-1", role: .storage, zone: "az-b", cpuCapacityNanocores: 4_000_000_000,
                         cpuAllocatableNanocores: 3_800_000_000, memoryCapacityBytes: 8 * ByteSize.gib,
                         memoryAllocatableBytes: 7 * ByteSize.gib, podsAllocatable: 110),
        ]
        try store.write(batch)
        try store.write(batch)
        #expect(try store.kubeNodeHours(cluster: "c1", hours: range) == batch.kubeNodeHours)
        #expect(try store.kubeNodes(cluster: "c1") == KnownNodes(names: ["wrk-1"], roles: ["wrk-1": .storage]))
        #expect(try store.kubeNodes(cluster: "c2") == KnownNodes(names: []))
        #expect(try store.externalAllocations(cluster: "c1", hours: range) == batch.allocations)
        #expect(try store.nodeHours(cluster: "c1", hours: range) == batch.nodeHours)
        #expect(try store.containerHours(cluster: "c1", hours: range) == batch.containerHours.sorted { ($0.hour, $0.ref.pod) < ($1.hour, $1.ref.pod) })
        #expect(try store.pvcHours(cluster: "c1", hours: range) == batch.pvcHours)
        #expect(try store.namespaceHours(cluster: "c1", hours: range) == batch.namespaceHours)
        let raw = try store.rawSeries(cluster: "c1", metric: .cpuUsage, fromStep: range.from.start, toStep: range.to.start)
        #expect(raw == batch.rawSeries)
        #expect(try store.rawSeries(cluster: "c1", metric: .memoryWorkingSet, fromStep: range.from.start, toStep: range.to.start).isEmpty)
        #expect(try store.clusters() == ["c1"])
    }

    @Test("writing the same facts twice leaves one row each; a new value replaces the old")
    func idempotent() throws {
        let store = try LedgerStore()
        let batch = StoreFixtures.batch()
        try store.write(batch)
        try store.write(batch)
        let summary = try store.summary().clusters[0]
        #expect(summary.containerHours == 4)
        #expect(summary.nodeHours == 2)
        #expect(summary.pvcHours == 2)
        #expect(summary.namespaceHours == 2)
        #expect(summary.rawSamples == 24)
        var changed = FactBatch(containerHours: [StoreFixtures.containerHour(pod: "web-0", cpu: 42)])
        changed.rawSeries = [RawSeries(ref: StoreFixtures.ref("web-0"), metric: .cpuUsage, samples: [RawSample(step: StoreFixtures.hour.start + 300, value: 7)])]
        try store.write(changed)
        let hours = try store.containerHours(cluster: "c1", hours: range)
        #expect(hours.count == 4)
        #expect(hours.first { $0.ref.pod == "web-0" && $0.hour == StoreFixtures.hour }?.cpuUsageNanocores == 42)
        let raw = try store.rawSeries(cluster: "c1", metric: .cpuUsage, fromStep: range.from.start, toStep: range.to.start)
        #expect(raw[0].samples.count == 24)
        #expect(raw[0].samples[0].value == 7)
        #expect(raw[0].samples[1].value == 2_000)
    }

    @Test("a batch with a bad fact is refused whole, naming the fact and field")
    func invalidBatch() throws {
        let store = try LedgerStore()
        var batch = StoreFixtures.batch()
        batch.nodeHours.append(StoreFixtures.nodeHour(name: "w2", running: millisecondsPerHour + 1))
        #expect(throws: StoreError.invalidFact(
            kind: "node-hour", key: "c1/w2 at 2026-11-02T00:00:00Z", field: "running", reason: "is outside 0...present"
        )) { try store.write(batch) }
        #expect(try store.summary().clusters.isEmpty)
        #expect(try store.summary().rawSamples == 0)
    }

    @Test("a failure half-way through the transaction rolls back what the batch had written")
    func rollback() throws {
        let store = try LedgerStore()
        try store.write(FactBatch(containerHours: [StoreFixtures.containerHour(pod: "web-0")]))
        // Corrupt the chunk a later batch will merge into: the merge fails after the node-hours are in.
        try store.writer.write { db in
            let day = SampleChunk.day(of: StoreFixtures.hour.start + 300)
            try db.execute(sql: "INSERT INTO rawChunk (day, containerId, metric, sampleCount, data) VALUES (?, 1, 1, 1, x'07')", arguments: [day])
        }
        #expect(throws: StoreError.self) { try store.write(StoreFixtures.batch()) }
        #expect(try store.nodeHours(cluster: "c1", hours: range).isEmpty)
        #expect(try store.containerHours(cluster: "c1", hours: range).count == 1)
    }

    @Test("the watermark moves with its data, and not when the data is refused")
    func watermark() throws {
        let store = try LedgerStore()
        #expect(try store.watermark(job: "cluster-metrics", cluster: "c1") == nil)
        try store.write(StoreFixtures.batch(), advancing: "cluster-metrics", cluster: "c1", to: StoreFixtures.hour.advanced(by: 2), now: 0)
        #expect(try store.watermark(job: "cluster-metrics", cluster: "c1") == StoreFixtures.hour.advanced(by: 2))
        var bad = StoreFixtures.batch()
        bad.containerHours[0].cpuUsageNanocores = -1
        #expect(throws: StoreError.self) {
            try store.write(bad, advancing: "cluster-metrics", cluster: "c1", to: StoreFixtures.hour.advanced(by: 5), now: 0)
        }
        #expect(try store.watermark(job: "cluster-metrics", cluster: "c1") == StoreFixtures.hour.advanced(by: 2))
        #expect(try store.watermark(job: "iaas", cluster: "c1") == nil)
    }

    @Test("a watermark's updatedAt is when it last moved: a write that does not move it leaves it as it was")
    func watermarkUpdatedAt() throws {
        let store = try LedgerStore()
        func updatedAt() throws -> Int64? {
            try store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT updatedAt FROM watermark WHERE job = 'iaas' AND cluster = 'c1'") }
        }
        try store.write(FactBatch(), advancing: "iaas", cluster: "c1", to: StoreFixtures.hour.advanced(by: 5), now: 100)
        #expect(try updatedAt() == 100)
        // The same hour, and an older one (a lookback): no move, no new time.
        try store.write(FactBatch(), advancing: "iaas", cluster: "c1", to: StoreFixtures.hour.advanced(by: 5), now: 200)
        try store.write(FactBatch(), advancing: "iaas", cluster: "c1", to: StoreFixtures.hour.advanced(by: 3), now: 300)
        #expect(try updatedAt() == 100)
        #expect(try store.watermark(job: "iaas", cluster: "c1") == StoreFixtures.hour.advanced(by: 5))
        try store.write(FactBatch(), advancing: "iaas", cluster: "c1", to: StoreFixtures.hour.advanced(by: 6), now: 400)
        #expect(try updatedAt() == 400)
    }

    @Test("retention drops raw samples older than the window and never touches hourly facts")
    func retention() throws {
        let store = try LedgerStore()
        let start = StoreFixtures.hour.start
        var batch = FactBatch()
        var samples: [RawSample] = []
        for day in 0..<40 {
            let hour = Hour(containing: start + Int64(day) * 86_400)
            batch.containerHours.append(StoreFixtures.containerHour(hour, pod: "web-0"))
            for step in 1...288 { samples.append(RawSample(step: hour.start + Int64(step) * 300, value: Int64(day))) }
        }
        batch.rawSeries = [RawSeries(ref: StoreFixtures.ref("web-0"), metric: .memoryWorkingSet, samples: samples)]
        try store.write(batch)
        let now = start + 40 * 86_400
        let cutoff = now - 35 * 86_400 + 3600 * 5  // not on a day boundary
        let result = try store.applyRetention(days: 35, now: now + 3600 * 5)
        let kept = try store.rawSeries(cluster: "c1", metric: .memoryWorkingSet, fromStep: 0, toStep: .max)[0].samples
        #expect(kept.first?.step == cutoff)
        #expect(kept.count == 40 * 288 - (5 * 288 + 59))
        #expect(result.samplesDeleted == 5 * 288 + 59)
        #expect(result.chunksTrimmed == 1)
        #expect(try store.summary().clusters[0].containerHours == 40)
        #expect(try store.applyRetention(days: 35, now: now + 3600 * 5).samplesDeleted == 0)
    }

    @Test("readers never see a batch half-written and never hit a locked database while one writer works")
    func concurrentReads() async throws {
        let path = StoreFixtures.temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try LedgerStore(path: path)
        let podsPerBatch = 200
        let batches = 15
        try await withThrowingTaskGroup(of: [Int].self) { group in
            group.addTask {
                for n in 0..<batches {
                    var batch = FactBatch()
                    let hour = StoreFixtures.hour.advanced(by: n)
                    for pod in 0..<podsPerBatch { batch.containerHours.append(StoreFixtures.containerHour(hour, pod: "p\(pod)")) }
                    try store.write(batch)
                }
                return []
            }
            for _ in 0..<3 {
                group.addTask {
                    var seen: [Int] = []
                    for _ in 0..<60 {
                        let count = try store.summary().clusters.first?.containerHours ?? 0
                        seen.append(count)
                        try await Task.sleep(for: .milliseconds(2))
                    }
                    return seen
                }
            }
            for try await seen in group {
                for count in seen { #expect(count % podsPerBatch == 0, "a reader saw \(count) rows, part of a batch") }
            }
        }
        #expect(try store.summary().clusters[0].containerHours == podsPerBatch * batches)
    }
}
