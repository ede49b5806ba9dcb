import Foundation
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerStore
import Testing

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
        var read: [HourRange] = []
        let outcome = await runner.run(job: "cluster-metrics", cluster: "c", now: now) { hours in
            read.append(hours)
            return facts(hours)
        }
        #expect(outcome.error == nil)
        #expect(read.map(\.count) == [24, 24, 1])
        #expect(outcome.hours == HourRange(from: start, to: start.advanced(by: 49)))
        #expect(try store.watermark(job: "cluster-metrics", cluster: "c") == start.advanced(by: 49))
        #expect(try store.namespaceHours(cluster: "c", hours: outcome.hours).count == 49)
        let status = try #require(try store.jobStatuses().first)
        #expect(status.lastError == nil && status.lastSuccessAt == now && status.watermark == start.advanced(by: 49))
    }

    @Test("a later run re-reads the lookback, and never moves the watermark back")
    func lookback() async throws {
        let store = try LedgerStore()
        let runner = IngestRunner(store: store, lookback: 7200, settle: 600, start: start.start)
        _ = await runner.run(job: "j", cluster: "c", now: start.start + 10 * 3600 + 700) { facts($0) }
        var read: [HourRange] = []
        _ = await runner.run(job: "j", cluster: "c", now: start.start + 12 * 3600 + 700) { hours in
            read.append(hours)
            return facts(hours)
        }
        #expect(read == [HourRange(from: start.advanced(by: 8), to: start.advanced(by: 12))])
        _ = await runner.run(job: "j", cluster: "c", now: start.start + 12 * 3600 + 700, explicit: HourRange(from: start, to: start.advanced(by: 2))) { facts($0) }
        #expect(try store.watermark(job: "j", cluster: "c") == start.advanced(by: 12))
    }

    @Test("a failing upstream stops the run: finished days stay, the watermark stays behind, the error is recorded")
    func failure() async throws {
        let store = try LedgerStore()
        let runner = IngestRunner(store: store, lookback: 0, settle: 0, start: start.start)
        struct Down: Error, CustomStringConvertible { var description: String { "upstream down" } }
        var calls = 0
        let outcome = await runner.run(job: "j", cluster: "c", now: start.start + 72 * 3600) { hours in
            calls += 1
            if calls == 2 { throw Down() }
            return facts(hours)
        }
        #expect(outcome.error == "upstream down")
        #expect(try store.watermark(job: "j", cluster: "c") == start.advanced(by: 24))
        #expect(try store.namespaceHours(cluster: "c", hours: HourRange(from: start, to: start.advanced(by: 72))).count == 24)
        #expect(try store.jobStatuses().first?.lastError == "upstream down")
        // The next run starts where the stored data ends.
        var read: [HourRange] = []
        _ = await runner.run(job: "j", cluster: "c", now: start.start + 72 * 3600) { hours in
            read.append(hours)
            return facts(hours)
        }
        #expect(read.first?.from == start.advanced(by: 24))
        #expect(try store.jobStatuses().first?.lastError == nil)
    }
}
