import Foundation
import Hummingbird
import HummingbirdTesting
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
@testable import KubeLedgerServer
import KubeLedgerSimulator
import KubeLedgerStore
import Logging
import ServiceLifecycle
import Testing

/// What runs beside the routes: the ingest schedule under `serve`, the service's own
/// `/metrics`, and the request time limit.
@Suite(.serialized) struct ServiceTests {
    /// A config whose IaaS comes from the simulator's import file and whose Prometheus is a
    /// closed loopback port: one job succeeds, one fails, each round.
    static func scheduled(prometheus: String = "http://127.0.0.1:9", opencost: String? = nil) throws -> (KubeLedgerConfig, LedgerStore) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-schedule-\(UUID().uuidString)")
        let from = Hour(containing: 1_793_577_600)  // 2026-11-02
        let simulator = try Simulator(SimulationOptions(clusterName: "sched", architecture: .devtest, seed: 5, from: from, to: from.advanced(by: 24), containers: 12))
        try simulator.writeFiles(to: directory)
        let config = try ConfigLoader.parse(yaml: """
            store: { path: ./unused.sqlite }
            ingest: { start: "2026-11-02T00:00:00Z", every: 1h }
            clusters:
              - name: sched
                architecture: devtest
                prometheus: { url: "\(prometheus)" }
                iaas: { type: file, path: \(directory.appendingPathComponent("iaas/records.jsonl").path) }
            \(opencost.map { "    opencost: { url: \"\($0)\", kind: opencost }" } ?? "")
            """, file: directory.appendingPathComponent("kubeledger.yaml").path)
        return (config, try LedgerStore(path: directory.appendingPathComponent("store.sqlite").path))
    }

    @Test("the schedule runs every job, records each outcome, prices what was written, and stops at graceful shutdown")
    func schedule() async throws {
        let (config, store) = try Self.scheduled()
        let catalog = try CatalogLoader.load(path: nil)
        let now: Int64 = 1_793_577_600 + 2 * 86_400
        let schedule = IngestSchedule(config: config, catalog: catalog, store: store, logger: Logger(label: "test"), now: { now })
        let group = ServiceGroup(services: [schedule], gracefulShutdownSignals: [], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        // The first round runs at once; the next would be an hour later.
        let deadline = ContinuousClock.now + .seconds(60)
        while (try store.jobStatuses()).count < 2 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        let statuses = try store.jobStatuses()
        #expect(statuses.count == 2)
        let iaas = statuses.first { $0.job != "cluster-metrics" }
        #expect(iaas?.lastError == nil && iaas?.watermark != nil)
        #expect(statuses.first { $0.job == "cluster-metrics" }?.lastError != nil)
        let stopping = ContinuousClock.now
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(ContinuousClock.now - stopping < .seconds(5))
        // What the round counted, on /metrics, which needs no token and names no tenant.
        let app = Application(router: APIServer(config: config, catalog: catalog, store: store).router())
        try await app.test(.live) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = String(buffer: response.body)
                #expect(text.contains(#"kubeledger_ingest_runs_total{job="cluster-metrics",cluster="sched",outcome="error"}"#), "\(text.prefix(2000))")
                #expect(text.contains(#"outcome="ok"}"#))
                #expect(text.contains("kubeledger_ingest_lag_seconds"))
                #expect(text.contains(#"kubeledger_priced_hours_total{cluster="sched"}"#))
            }
        }
    }

    @Test("a round skips the import file when it has not changed since its last import, logging so: no facts counted, nothing priced")
    func unchangedImportFile() async throws {
        let (config, store) = try Self.scheduled()
        let logs = CapturedLogs()
        let schedule = IngestSchedule(
            config: config, catalog: try CatalogLoader.load(path: nil), store: store, logger: Logger(label: "test") { _ in logs.handler },
            now: { 1_793_577_600 + 2 * 86_400 }
        )
        let iaas = { (round: IngestRound) in round.jobs.first { $0.job.kind == .iaas }?.outcome }
        let first = await schedule.runOnce()
        #expect(iaas(first)?.facts ?? 0 > 0 && iaas(first)?.unchanged == false)
        let second = await schedule.runOnce()
        #expect(iaas(second)?.facts == 0 && iaas(second)?.unchanged == true && iaas(second)?.error == nil)
        #expect(!second.pricing.isEmpty && second.pricing.allSatisfy { $0.pricedHours == 0 && $0.error == nil }, "nothing written, nothing due: \(second.pricing)")
        #expect(logs.messages.filter { $0 == "ingest job skipped: import file unchanged since its last import" }.count == 1, "\(logs.messages)")
    }

    @Test("graceful shutdown cuts a round short at a stalled upstream: back within seconds, no later job runs, nothing moves")
    func shutdownDuringRound() async throws {
        let upstream = try SilentUpstream()
        defer { upstream.stop() }
        let silent = "http://127.0.0.1:\(upstream.port)"
        let (config, store) = try Self.scheduled(prometheus: silent, opencost: "\(silent)/opencost")
        let logs = CapturedLogs()
        let logger = Logger(label: "test") { _ in logs.handler }
        let schedule = IngestSchedule(
            config: config, catalog: try CatalogLoader.load(path: nil), store: store, logger: logger, now: { 1_793_577_600 + 3 * 86_400 }
        )
        let group = ServiceGroup(services: [schedule], gracefulShutdownSignals: [], logger: logger)
        let running = Task { try await group.run() }
        // The round's first requests reach the upstream, which never answers them.
        let deadline = ContinuousClock.now + .seconds(30)
        while upstream.accepted == 0 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(upstream.accepted > 0)
        try await Task.sleep(for: .milliseconds(500))
        let stopping = ContinuousClock.now
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(ContinuousClock.now - stopping < .seconds(5))
        // The stalled job says why it stopped; the jobs after it never ran.
        let statuses = try store.jobStatuses()
        #expect(statuses.map(\.job) == ["cluster-metrics"])
        #expect(statuses.first?.lastError?.hasPrefix("interrupted by shutdown") == true, "\(statuses)")
        #expect(statuses.first?.lastSuccessAt == nil)
        for job in IngestJobKind.allCases { #expect(try store.watermark(job: job.rawValue, cluster: "sched") == nil) }
        #expect(try store.nodeHours(cluster: "sched", hours: HourRange(from: Hour(containing: 1_793_577_600), to: Hour(containing: 1_793_577_600).advanced(by: 72))).isEmpty)
        // No request starts after the shutdown.
        let accepted = upstream.accepted
        try await Task.sleep(for: .milliseconds(700))
        #expect(upstream.accepted == accepted)
        #expect(logs.messages.contains("shutdown interrupted the ingest round"), "\(logs.messages)")
    }

    @Test("/metrics counts requests and never carries cost data")
    func metrics() async throws {
        let app = Application(router: try APIServerTests.server().router())
        try await app.test(.live) { client in
            try await client.execute(uri: "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z", method: .get, headers: APIServerTests.headers("viewer")) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("hb_requests") || text.contains("http_server_request"), "\(text.prefix(1500))")
                #expect(!text.contains("acme") && !text.contains("globex"))
            }
        }
    }

    @Test("cost answers are kept while the store does not change; a fact written changes the answer; tenants are kept apart")
    func responseCache() async throws {
        let server = try APIServerTests.server()
        let cache = try #require(server.responses)
        let app = Application(router: server.router())
        let uri = "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z&aggregate=namespace&step=1d"
        try await app.test(.live) { client in
            func get(_ role: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: APIServerTests.headers(role)) { String(buffer: $0.body) }
            }
            // The first request prices the day, which moves the store: its answer is kept from the second.
            _ = try await get("viewer")
            let first = try await get("viewer")
            let start = cache.counts
            #expect(try await get("viewer") == first)
            #expect(cache.counts.hits == start.hits + 1)
            // The same request by a tenant is its own answer.
            let acme = try await get("tenant:acme")
            #expect(acme != first && !acme.contains("globex"))
            // Late data for the first hour: the store moves, the hour is repriced, the answer follows.
            let hour = HourRange(from: APIServerTests.october.hours.from, to: APIServerTests.october.hours.from.next)
            var changed = try server.store.containerHours(cluster: "api", hours: hour)
            for index in changed.indices { changed[index].cpuRequestNanocores *= 3 }
            try server.store.write(FactBatch(containerHours: changed))
            let before = cache.counts
            let after = try await get("viewer")
            #expect(cache.counts.misses == before.misses + 1)
            #expect(after != first)
            #expect(try await get("viewer") == after)
            // Grafana's "now" moves each refresh; within the same hours the answer is the kept one.
            let targets: [[String: Any]] = [["refId": "A", "target": "costs", "payload": ["aggregate": "tenant"]]]
            for _ in 0..<2 {  // the first prices 2026-10-03T00, which moves the store
                _ = try await GrafanaRoutesTests.post(client, "/grafana/query", GrafanaRoutesTests.query(targets, to: "2026-10-03T00:10:00.000Z"))
            }
            let refreshed = cache.counts
            let (status, answer) = try await GrafanaRoutesTests.post(client, "/grafana/query", GrafanaRoutesTests.query(targets, to: "2026-10-03T00:14:59.000Z"))
            #expect(status == .ok && cache.counts.hits == refreshed.hits + 1)
            #expect(GrafanaRoutesTests.series(answer)["acme"]?.count == 49)
            _ = try await GrafanaRoutesTests.post(client, "/grafana/query", GrafanaRoutesTests.query(targets, to: "2026-10-03T00:00:00.000Z"))
            #expect(cache.counts.misses == refreshed.misses + 1)
        }
    }

    @Test("an answer past the point limit is a 400 naming what to narrow, on the API and on Grafana")
    func pointLimit() async throws {
        var server = try APIServerTests.server()
        server.maxPoints = 100
        let app = Application(router: server.router())
        try await app.test(.live) { client in
            let base = "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z&aggregate=controller"
            try await client.execute(uri: base + "&step=1h", method: .get, headers: APIServerTests.headers("viewer")) { response in
                #expect(response.status == .badRequest)
                let message = ((APIServerTests.json(response.body) as? [String: Any])?["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.hasPrefix("step: the answer would hold more than 100 points"), "\(message)")
            }
            let tenants = base.replacingOccurrences(of: "aggregate=controller", with: "aggregate=tenant") + "&step=month"
            try await client.execute(uri: tenants, method: .get, headers: APIServerTests.headers("viewer")) { #expect($0.status == .ok) }
            let (status, error) = try await GrafanaRoutesTests.post(
                client, "/grafana/query", GrafanaRoutesTests.query([["refId": "A", "target": "costs", "payload": ["aggregate": "controller"]]])
            )
            #expect(status == .badRequest)
            #expect((((error as? [String: Any])?["error"] as? [String: Any])?["message"] as? String)?.hasPrefix("targets: ") == true)
        }
    }

    @Test("on Grafana the point limit holds for the whole answer: a target that fits alone is a 400 with a table beside it")
    func pointLimitPerAnswer() async throws {
        @Sendable func targets(_ count: Int) -> ByteBuffer {
            let target: [String: Any] = ["refId": "A", "target": "costs", "payload": ["aggregate": "tenant"]]
            let table: [String: Any] = ["refId": "B", "target": "cost_table", "payload": ["aggregate": "namespace"]]
            return GrafanaRoutesTests.query(Array([target, table].prefix(count)))
        }
        let points = try await Application(router: try APIServerTests.server().router()).test(.live) { client in
            let (status, answer) = try await GrafanaRoutesTests.post(client, "/grafana/query", targets(1))
            #expect(status == .ok)
            return GrafanaRoutesTests.series(answer).values.map(\.count).reduce(0, +)
        }
        #expect(points > 10)
        var server = try APIServerTests.server()
        server.maxPoints = points
        try await Application(router: server.router()).test(.live) { client in
            #expect(try await GrafanaRoutesTests.post(client, "/grafana/query", targets(1)).0 == .ok)
            let (status, error) = try await GrafanaRoutesTests.post(client, "/grafana/query", targets(2))
            #expect(status == .badRequest)
            let message = (((error as? [String: Any])?["error"] as? [String: Any])?["message"] as? String) ?? ""
            #expect(message.hasPrefix("targets: the answer would hold more than \(points) points"), "\(message)")
        }
    }

    @Test("a request past the time limit is a JSON 503 naming the limit; the server goes on serving")
    func timeLimit() async throws {
        var server = try APIServerTests.server()
        server.requestTimeLimit = .milliseconds(1)
        server.responses = nil
        let app = Application(router: server.router())
        try await app.test(.live) { client in
            try await client.execute(uri: "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-31T00:00:00Z&step=1h&aggregate=controller",
                                     method: .get, headers: APIServerTests.headers("viewer")) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(APIServerTests.errorCode(response.body) == "timeout")
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }
}
