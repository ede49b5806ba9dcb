import Foundation
import Synchronization
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerStore
import Testing

/// The hour ranges a run asked for, in order: its reads run on tasks of their own.
final class ReadLog: Sendable {
    let ranges = Mutex<[HourRange]>([])
    func append(_ hours: HourRange) -> Int { ranges.withLock { $0.append(hours); return $0.count } }
    var all: [HourRange] { ranges.withLock { $0 } }
}

final class Flag: Sendable {
    let value = Mutex(false)
}

@Suite struct IngestRunnerTests {
    let start = Hour(containing: 1_793_577_600)  // 2026-11-02T00:00:00Z

    /// One namespace-hour per hour read, so what was written shows which hours were read.
    func facts(_ hours: HourRange) -> FactBatch {
        FactBatch(namespaceHours: hours.map { NamespaceHour(cluster: "c", hour: $0, namespace: "shop", tenant: "acme") })
    }

    @Test("a first run reads from the start to the last settled hour, a day at a time, and moves the watermark")
    func firstRun() async throws {
        let store = try LedgerStore()
        let runner = IngestRunner(store: store, lookback: 7200, settle: 600, start: start.start)
        let now = start.start + 50 * 3600 + 500  // 02:08:20 on the third day: hour 01:00 has not settled
        let read = ReadLog()
        let outcome = await runner.run(job: "cluster-metrics", cluster: "c", now: now) { [self] hours in
            _ = read.append(hours)
            return facts(hours)
        }
        #expect(outcome.error == nil)
        #expect(read.all.map(\.count) == [24, 24, 1])
        #expect(outcome.hours == HourRange(from: start, to: start.advanced(by: 49)))
        #expect(try store.watermark(job: "cluster-metrics", cluster: "c") == start.advanced(by: 49))
        #expect(try store.namespaceHours(cluster: "c", hours: outcome.hours).count == 49)
        let status = try #require(try store.jobStatuses().first)
        #expect(status.lastError == nil && status.lastSuccessAt == now && status.watermark == start.advanced(by: 49))
    }

    @Test("NaN or infinite values a read left out are added up over the run's days, for its report")
    func nonFiniteCounted() async throws {
        let runner = IngestRunner(store: try LedgerStore(), lookback: 0, settle: 0, start: start.start)
        let outcome = await runner.run(job: "j", cluster: "c", now: start.start + 72 * 3600) { [self] hours in
            var batch = facts(hours)
            batch.nonFiniteValues = hours.from == start ? 2 : 5
            return batch
        }
        #expect(outcome.error == nil && outcome.chunks == 3)
        #expect(outcome.nonFiniteValues == 2 + 5 + 5)
    }

    @Test("a later run re-reads the lookback, and never moves the watermark back")
    func lookback() async throws {
        let store = try LedgerStore()
        let runner = IngestRunner(store: store, lookback: 7200, settle: 600, start: start.start)
        _ = await runner.run(job: "j", cluster: "c", now: start.start + 10 * 3600 + 700) { [self] in facts($0) }
        let read = ReadLog()
        _ = await runner.run(job: "j", cluster: "c", now: start.start + 12 * 3600 + 700) { [self] hours in
            _ = read.append(hours)
            return facts(hours)
        }
        #expect(read.all == [HourRange(from: start.advanced(by: 8), to: start.advanced(by: 12))])
        _ = await runner.run(job: "j", cluster: "c", now: start.start + 12 * 3600 + 700, explicit: HourRange(from: start, to: start.advanced(by: 2))) { [self] in facts($0) }
        #expect(try store.watermark(job: "j", cluster: "c") == start.advanced(by: 12))
    }

    @Test("no run reads an hour before the start: not the lookback of a watermark near it, not an explicit span reaching before it")
    func neverBeforeStart() async throws {
        let store = try LedgerStore()
        let runner = IngestRunner(store: store, lookback: 7200, settle: 0, start: start.start)
        try store.write(FactBatch(), advancing: "j", cluster: "c", to: start.next, now: 0)
        let read = ReadLog()
        let outcome = await runner.run(job: "j", cluster: "c", now: start.start + 5 * 3600) { [self] hours in
            _ = read.append(hours)
            return facts(hours)
        }
        #expect(outcome.error == nil)
        #expect(read.all == [HourRange(from: start, to: start.advanced(by: 5))])
        let explicit = await runner.run(job: "j", cluster: "c", now: start.start + 5 * 3600, explicit: HourRange(from: start.advanced(by: -30), to: start.advanced(by: 2))) { [self] hours in
            _ = read.append(hours)
            return facts(hours)
        }
        #expect(explicit.hours == HourRange(from: start, to: start.advanced(by: 2)))
        #expect(read.all.last == HourRange(from: start, to: start.advanced(by: 2)))
        #expect(try store.namespaceHours(cluster: "c", hours: HourRange(from: start.advanced(by: -48), to: start)).isEmpty)
    }

    @Test("a failing upstream stops the run: finished days stay, the watermark stays behind, the error is recorded")
    func failure() async throws {
        let store = try LedgerStore()
        let runner = IngestRunner(store: store, lookback: 0, settle: 0, start: start.start)
        struct Down: Error, CustomStringConvertible { var description: String { "upstream down" } }
        let calls = ReadLog()
        let outcome = await runner.run(job: "j", cluster: "c", now: start.start + 72 * 3600) { [self] hours in
            if calls.append(hours) == 2 { throw Down() }
            return facts(hours)
        }
        #expect(outcome.error == "upstream down")
        #expect(try store.watermark(job: "j", cluster: "c") == start.advanced(by: 24))
        #expect(try store.namespaceHours(cluster: "c", hours: HourRange(from: start, to: start.advanced(by: 72))).count == 24)
        #expect(try store.jobStatuses().first?.lastError == "upstream down")
        // The failed read stopped the run: the third day was never asked for.
        #expect(calls.all.count == 2)
        // The next run starts where the stored data ends.
        let read = ReadLog()
        _ = await runner.run(job: "j", cluster: "c", now: start.start + 72 * 3600) { [self] hours in
            _ = read.append(hours)
            return facts(hours)
        }
        #expect(read.all.first?.from == start.advanced(by: 24))
        #expect(try store.jobStatuses().first?.lastError == nil)
    }

    @Test("a failed write stops the run: the next day's read, already under way, is cancelled and awaited, and nothing after it is read")
    func failedWrite() async throws {
        let store = try LedgerStore()
        let runner = IngestRunner(store: store, lookback: 0, settle: 0, start: start.start)
        let read = ReadLog()
        let cancelled = Flag()
        let outcome = await runner.run(job: "j", cluster: "c", now: start.start + 72 * 3600) { [self] hours in
            if read.append(hours) == 1 {
                // A namespace-hour without a namespace: the store refuses the batch.
                return FactBatch(namespaceHours: [NamespaceHour(cluster: "c", hour: hours.from, namespace: "", tenant: "acme")])
            }
            // The second day's read waits (at most 10 s) until the run gives up on it.
            for _ in 0..<1000 where !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
            cancelled.value.withLock { $0 = Task.isCancelled }
            return facts(hours)
        }
        #expect(outcome.error?.contains("namespace") == true)
        #expect(outcome.chunks == 0)
        #expect(read.all.map(\.from) == [start, start.advanced(by: 24)])
        #expect(cancelled.value.withLock { $0 })
        #expect(try store.watermark(job: "j", cluster: "c") == nil)
        #expect(try store.namespaceHours(cluster: "c", hours: HourRange(from: start, to: start.advanced(by: 72))).isEmpty)
    }
}

/// The configured IaaS jobs match VMs against the nodes cluster-metrics stored.
@Suite struct IaaSJobTests {
    @Test("with no Kubernetes node stored, a VM-listing IaaS job fails, saying why, and writes nothing; it never bills every VM the account sees",
          arguments: ["{ type: cloudtemple-metrics, url: \"http://127.0.0.1:9\", auth: { type: basic, username: u, password: p } }",
                      "{ type: xen-orchestra, url: \"http://127.0.0.1:9\", auth: { type: bearer, token: t }, sr_classes: { sr: flash-standard } }"])
    func noKubernetesNodes(iaas: String) async throws {
        let config = try ConfigLoader.parse(yaml: """
            store: { path: ./unused.sqlite }
            clusters:
              - name: lab
                architecture: devtest
                prometheus: { url: "http://127.0.0.1:9" }
                iaas: \(iaas)
            """, file: "/tmp/kubeledger-iaas-job-test.yaml")
        let store = try LedgerStore()
        let job = try #require(IngestJob.configured(config, store: store, kind: .iaas).first)
        let runner = IngestRunner(store: store, lookback: 0, settle: 0, start: 1_793_577_600)
        let outcome = await runner.run(job, now: 1_793_577_600 + 3 * 3600)
        #expect(outcome.error?.contains("cluster lab: no Kubernetes node is stored yet") == true, "\(outcome.error ?? "")")
        #expect(try store.watermark(job: "iaas", cluster: "lab") == nil)
        #expect(try store.nodeHours(cluster: "lab", hours: HourRange(from: Hour(containing: 1_793_577_600), to: Hour(containing: 1_793_577_600).advanced(by: 3))).isEmpty)
    }

    /// A file-import IaaS job for cluster `lab` reading `path`.
    static func fileJob(_ path: String, start: String = "2026-11-01T00:00:00Z", catalog: PriceCatalog? = nil) throws -> (KubeLedgerConfig, IngestJob) {
        let config = try ConfigLoader.parse(yaml: """
            store: { path: ./unused.sqlite }
            ingest: { start: "\(start)" }
            clusters:
              - name: lab
                architecture: devtest
                prometheus: { url: "http://127.0.0.1:9" }
                iaas: { type: file, path: \(path) }
            """, file: "/tmp/kubeledger-iaas-file-test.yaml")
        return (config, try #require(IngestJob.configured(config, catalog: catalog, kind: .iaas).first))
    }

    @Test("an import record before ingest.start, or before the catalog's first prices, refuses the file, naming line and field; nothing is stored and pricing stays possible",
          arguments: [("2026-11-01T00:00:00Z", "before ingest.start (2026-11-01T00:00:00Z), before which nothing is ingested or priced"),
                      ("2025-01-01T00:00:00Z", "before the first effective_from of the catalog (shipped default catalog) (2026-01-01T00:00:00Z): no price version covers it")])
    func importBeforePricedHours(start: String, reason: String) async throws {
        let good = (0..<3).map { IaaSFileReaderTests.jsonRecord(UTCTime.format(UTCTime.parse("2026-11-05T00:00:00Z")! + Int64($0) * 3600)) }
        let path = try IaaSFileReaderTests.file("stray.jsonl", (good + [IaaSFileReaderTests.jsonRecord("2025-06-01T00:00:00Z")]).joined(separator: "\n"))
        let catalog = try CatalogLoader.load(path: nil)
        let (config, job) = try Self.fileJob(path, start: start, catalog: catalog)
        let store = try LedgerStore()
        let runner = IngestRunner(store: store, lookback: 0, settle: 0, start: try #require(config.ingest.start))
        let outcome = await runner.run(job, now: UTCTime.parse("2026-11-20T00:00:00Z")!)
        #expect(outcome.error == "\(path):4: hour: is 2025-06-01T00:00:00Z, \(reason); nothing of this file was imported", "\(outcome.error ?? "")")
        #expect(try store.watermark(job: "iaas", cluster: "lab") == nil)
        #expect(try store.nodeHours(cluster: "lab", hours: HourRange(covering: UTCTime.parse("2025-01-01T00:00:00Z")!, to: UTCTime.parse("2026-12-01T00:00:00Z")!)).isEmpty)
    }

    @Test("with an explicit span a file import writes only its records of the span, checks the whole file, and leaves the watermark alone")
    func fileImportSpan() async throws {
        // 2026-11-05T00:00 to 2026-11-06T04:00, one VM: 29 records.
        let first = Hour(containing: UTCTime.parse("2026-11-05T00:00:00Z")!)
        let lines = (0..<29).map { IaaSFileReaderTests.jsonRecord(UTCTime.format(first.advanced(by: $0).start)) }
        let path = try IaaSFileReaderTests.file("span.jsonl", lines.joined(separator: "\n") + "\n")
        let (_, job) = try Self.fileJob(path)
        let store = try LedgerStore()
        let mark = Hour(containing: UTCTime.parse("2026-11-03T00:00:00Z")!)
        try store.write(FactBatch(), advancing: "iaas", cluster: "lab", to: mark, now: 1_000)
        let runner = IngestRunner(store: store, lookback: 0, settle: 0, start: UTCTime.parse("2026-11-01T00:00:00Z")!)
        let now = UTCTime.parse("2026-11-20T00:00:00Z")!
        let all = HourRange(from: first.advanced(by: -200), to: first.advanced(by: 200))
        // A span the file has no record of: nothing written, the watermark where it was.
        let before = HourRange(from: Hour(containing: UTCTime.parse("2026-11-01T00:00:00Z")!), to: Hour(containing: UTCTime.parse("2026-11-02T00:00:00Z")!))
        let empty = await runner.run(job, now: now, explicit: before)
        #expect(empty.error == nil && empty.facts == 0 && empty.hours == before)
        #expect(try store.nodeHours(cluster: "lab", hours: all).isEmpty)
        #expect(try store.watermark(job: "iaas", cluster: "lab") == mark)
        // A span holding three of its hours: those three, and still no watermark move.
        let three = HourRange(from: first.advanced(by: 2), to: first.advanced(by: 5))
        let some = await runner.run(job, now: now, explicit: three)
        #expect(some.error == nil && some.facts == 3)
        #expect(try store.nodeHours(cluster: "lab", hours: all).map(\.hour) == Array(three))
        #expect(try store.watermark(job: "iaas", cluster: "lab") == mark)
        // A bad record outside the span still refuses the file.
        let bad = try IaaSFileReaderTests.file("span-bad.jsonl", (lines + [IaaSFileReaderTests.jsonRecord("2026-11-07T00:00:00Z").replacingOccurrences(of: "\"vcpus\":12", with: "\"vcpus\":-1")]).joined(separator: "\n"))
        let refused = await runner.run(try Self.fileJob(bad).1, now: now, explicit: HourRange(from: first, to: first.advanced(by: 29)))
        #expect(refused.error?.contains("span-bad.jsonl:30: vcpus") == true, "\(refused.error ?? "")")
        #expect(try store.nodeHours(cluster: "lab", hours: all).count == 3)
        // Without a span the import moves the watermark to the hour after its last record.
        let whole = await runner.run(job, now: now)
        #expect(whole.error == nil && whole.facts == 29)
        #expect(try store.watermark(job: "iaas", cluster: "lab") == first.advanced(by: 29))
    }

    @Test("a file import skips a file unchanged since its last import, writing nothing; a changed file, or an explicit span, is imported")
    func unchangedFile() async throws {
        let first = Hour(containing: UTCTime.parse("2026-11-05T00:00:00Z")!)
        let lines = (0..<5).map { IaaSFileReaderTests.jsonRecord(UTCTime.format(first.advanced(by: $0).start)) }
        let path = try IaaSFileReaderTests.file("same.jsonl", lines.joined(separator: "\n") + "\n")
        let (_, job) = try Self.fileJob(path)
        let store = try LedgerStore()
        let runner = IngestRunner(store: store, lookback: 0, settle: 0, start: UTCTime.parse("2026-11-01T00:00:00Z")!)
        let now = UTCTime.parse("2026-11-20T00:00:00Z")!
        let imported = await runner.run(job, now: now)
        #expect(imported.error == nil && imported.facts == 5 && !imported.unchanged)
        let version = try store.version()
        // The same file an hour later: skipped, nothing written, the run recorded as a success.
        var days: [IngestProgress] = []
        let again = await runner.run(job, now: now + 3600) { days.append($0) }
        #expect(again.error == nil && again.unchanged && again.facts == 0 && days.isEmpty)
        #expect(try store.version() == version)
        #expect(try store.jobStatuses().first?.lastSuccessAt == now + 3600)
        // An explicit span still imports it.
        let span = await runner.run(job, now: now + 3600, explicit: HourRange(from: first, to: first.advanced(by: 5)))
        #expect(span.error == nil && span.facts == 5 && !span.unchanged)
        // One more record: imported, the watermark moves, and the new file is the one remembered.
        let more = lines + [IaaSFileReaderTests.jsonRecord(UTCTime.format(first.advanced(by: 5).start))]
        try (more.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let changed = await runner.run(job, now: now + 7200) { days.append($0) }
        #expect(changed.error == nil && changed.facts == 6 && !changed.unchanged)
        #expect(days == [IngestProgress(done: 1, total: 1, hours: HourRange(from: first, to: first.advanced(by: 6)), facts: 6)])
        #expect(try store.watermark(job: "iaas", cluster: "lab") == first.advanced(by: 6))
        #expect(await runner.run(job, now: now + 10_800).unchanged)
    }
}
