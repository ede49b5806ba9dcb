import Foundation
import Hummingbird
import HummingbirdTesting
import KubeLedgerCore
@testable import KubeLedgerServer
import Testing

/// The simPod JSON datasource routes over HTTP on 127.0.0.1, on the API tests' store:
/// the same figures as `/api/v1/costs`, bucketed as Grafana asks, filtered and isolated.
@Suite struct GrafanaRoutesTests {
    typealias Fixture = APIServerTests

    static func body(_ object: Any) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    static func query(_ targets: [[String: Any]], from: String = "2026-10-01T00:00:00.000Z", to: String = "2026-10-03T00:00:00.000Z",
                      intervalMs: Int = 3_600_000, maxDataPoints: Int = 1000, filters: [[String: String]] = []) -> ByteBuffer {
        body(["range": ["from": from, "to": to], "intervalMs": intervalMs, "maxDataPoints": maxDataPoints, "targets": targets, "filters": filters])
    }

    static func post(_ client: some TestClientProtocol, _ path: String, _ body: ByteBuffer, role: String? = "viewer") async throws -> (HTTPResponse.Status, Any?) {
        var headers = Fixture.headers(role)
        headers[.contentType] = "application/json"
        return try await client.execute(uri: path, method: .post, headers: headers, body: body) { response in
            (response.status, Fixture.json(response.body))
        }
    }

    static func series(_ answer: Any?) -> [String: [(Double, Int64)]] {
        var result: [String: [(Double, Int64)]] = [:]
        for item in answer as? [[String: Any]] ?? [] {
            guard let name = item["target"] as? String, let points = item["datapoints"] as? [[Any]] else { continue }
            result[name] = points.map { (($0[0] as? NSNumber)?.doubleValue ?? .nan, ($0[1] as? NSNumber)?.int64Value ?? 0) }
        }
        return result
    }

    @Test("the datasource's own routes: test, metrics with their payload fields, options, variables, tag keys and values")
    func protocolRoutes() async throws {
        let app = Application(router: try Fixture.server().router())
        try await app.test(.live) { client in
            try await client.execute(uri: "/grafana", method: .get, headers: Fixture.headers("viewer")) { #expect($0.status == .ok) }
            try await client.execute(uri: "/grafana", method: .get) { #expect($0.status == .unauthorized) }
            let (status, metrics) = try await Self.post(client, "/grafana/metrics", Self.body([String: Any]()))
            #expect(status == .ok)
            let values = (metrics as? [[String: Any]])?.compactMap { $0["value"] as? String }
            #expect(values == ["costs", "cost_table", "rightsizing", "capacity_plan"])
            let (_, options) = try await Self.post(client, "/grafana/metric-payload-options", Self.body(["metric": "costs", "name": "component", "payload": [:]]))
            #expect((options as? [[String: String]])?.map { $0["value"]! } == GrafanaMetrics.components)
            let (_, aggregates) = try await Self.post(client, "/grafana/metric-payload-options", Self.body(["metric": "costs", "name": "aggregate"]))
            #expect((aggregates as? [[String: String]])?.map { $0["value"]! } == GrafanaMetrics.aggregates + ["label:app", "label:capsule_clastix_io_tenant", "label:cost_center", "label:team"])
            let (_, teams) = try await Self.post(client, "/grafana/query", Self.query([["refId": "A", "target": "costs", "payload": ["aggregate": "label:team"]]], intervalMs: 86_400_000))
            #expect(Self.series(teams).keys.contains("__unallocated__") && Self.series(teams).count >= 2)
            let (_, tenants) = try await Self.post(client, "/grafana/metric-payload-options", Self.body(["metric": "costs", "name": "tenant"]))
            #expect((tenants as? [[String: String]])?.map { $0["value"]! } == ["__unassigned__", "acme", "globex"])
            let (_, variable) = try await Self.post(client, "/grafana/variable", Self.body(["payload": ["target": "tenants"]]))
            #expect((variable as? [[String: String]])?.map { $0["__value"]! } == ["__unassigned__", "acme", "globex"])
            let (_, acmeNamespaces) = try await Self.post(client, "/grafana/variable", Self.body(["payload": "{\"target\":\"namespaces\",\"tenant\":\"acme\"}"]))
            let names = (acmeNamespaces as? [[String: String]])?.map { $0["__text"]! } ?? []
            #expect(!names.isEmpty && names.allSatisfy { $0.hasPrefix("acme") }, "\(names)")
            let (_, keys) = try await Self.post(client, "/grafana/tag-keys", Self.body([String: Any]()))
            #expect((keys as? [[String: String]])?.map { $0["text"]! } == ["cluster", "tenant", "namespace"])
            let (_, clusters) = try await Self.post(client, "/grafana/tag-values", Self.body(["key": "cluster"]))
            #expect((clusters as? [[String: String]])?.map { $0["text"]! } == ["api"])
            for (path, body, field) in [("/grafana/tag-values", ["key": "pod"], "key"), ("/grafana/variable", ["payload": ["target": "pods"]], "payload.target"),
                                        ("/grafana/metric-payload-options", ["metric": "costs"], "name")] as [(String, [String: Any], String)] {
                let (status, error) = try await Self.post(client, path, Self.body(body))
                #expect(status == .badRequest, "\(path)")
                let message = ((error as? [String: Any])?["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.hasPrefix(field + ":"), "\(path): \(message)")
            }
        }
    }

    @Test("cost series equal /api/v1/costs, in buckets from intervalMs and maxDataPoints, with ad-hoc filters")
    func costSeries() async throws {
        let app = Application(router: try Fixture.server().router())
        try await app.test(.live) { client in
            // The API's daily totals per tenant, the reference.
            var daily: [String: [String: Double]] = [:]
            try await client.execute(uri: "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z&aggregate=tenant&step=1d", method: .get,
                                     headers: Fixture.headers("viewer")) { response in
                for point in (Fixture.json(response.body) as? [String: Any])?["series"] as? [[String: Any]] ?? [] {
                    daily[point["key"] as! String, default: [:]][point["start"] as! String] = Double(point["total"] as! String)
                }
            }
            #expect(Set(daily.keys) == ["__unassigned__", "acme", "globex"])
            let (status, answer) = try await Self.post(client, "/grafana/query", Self.query([["refId": "A", "target": "costs", "payload": ["aggregate": "tenant"]]],
                                                                                            intervalMs: 86_400_000))
            #expect(status == .ok)
            let byDay = Self.series(answer)
            #expect(Set(byDay.keys) == Set(daily.keys))
            for (tenant, points) in byDay {
                #expect(points.map(\.1) == [1_790_812_800_000, 1_790_899_200_000], "\(tenant)")
                for (value, start) in points {
                    let reference = daily[tenant]![UTCTime.format(start / 1000)]!
                    #expect(abs(value - reference) < 1e-9, "\(tenant) \(start)")
                }
            }
            // Hourly: 48 points; the same total. maxDataPoints 10 over 48 hours: 5-hour buckets.
            let hourly = Self.series(try await Self.post(client, "/grafana/query", Self.query([["refId": "A", "target": "costs"]])).1)
            #expect(hourly["acme"]?.count == 48)
            // Sharing applies per bucket, so a tenant's hours need not add up to its days;
            // the cluster's do.
            let dailyTotal = daily.values.flatMap(\.values).reduce(0, +)
            #expect(abs(hourly.values.flatMap { $0.map(\.0) }.reduce(0, +) - dailyTotal) < 1e-6)
            let coarse = Self.series(try await Self.post(client, "/grafana/query", Self.query([["refId": "A", "target": "costs"]], maxDataPoints: 10)).1)
            #expect(coarse["acme"]?.count == 10)
            let second: Int64 = 1_790_812_800_000 + 5 * 3_600_000
            #expect(coarse["acme"]?.dropFirst().first?.1 == second)
            // Ad-hoc filters: one tenant; a namespace pattern; a cluster that is not there.
            let (_, filtered) = try await Self.post(client, "/grafana/query", Self.query([["refId": "A", "target": "costs", "payload": ["aggregate": "namespace", "component": "cpu"]]],
                                                                                         intervalMs: 86_400_000, filters: [["key": "tenant", "operator": "=", "value": "acme"]]))
            let namespaces = Self.series(filtered)
            #expect(!namespaces.isEmpty && namespaces.keys.allSatisfy { $0.hasPrefix("acme") }, "\(namespaces.keys)")
            let (_, pattern) = try await Self.post(client, "/grafana/query", Self.query([["refId": "A", "target": "costs", "payload": ["aggregate": "tenant"]]],
                                                                                        intervalMs: 86_400_000, filters: [["key": "namespace", "operator": "=~", "value": "acme-.*"]]))
            #expect(Set(Self.series(pattern).keys) == ["acme"])
            let (_, none) = try await Self.post(client, "/grafana/query", Self.query([["refId": "A", "target": "costs"]], filters: [["key": "cluster", "operator": "!=", "value": "api"]]))
            #expect((none as? [Any])?.isEmpty == true)
            // The table over the range: the same totals, as 10-decimal strings.
            let (_, table) = try await Self.post(client, "/grafana/query", Self.query([["refId": "B", "target": "cost_table", "payload": "{\"aggregate\":\"tenant\"}"]]))
            let first = (table as? [[String: Any]])?.first
            #expect(first?["type"] as? String == "table")
            let rows = first?["rows"] as? [[Any]] ?? []
            let acmeRow = rows.first { $0[1] as? String == "acme" }
            var whole = ""
            try await client.execute(uri: "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z&aggregate=tenant&step=month&tenant=acme",
                                     method: .get, headers: Fixture.headers("viewer")) { response in
                whole = ((Fixture.json(response.body) as? [String: Any])?["series"] as? [[String: Any]])?.first?["total"] as? String ?? "?"
            }
            #expect(acmeRow?[8] as? String == whole)
            #expect((acmeRow?[8] as? String)?.split(separator: ".").last?.count == 10)
        }
    }

    /// Daily totals of `/api/v1/costs` by key, exact.
    static func apiTotals(_ client: some TestClientProtocol, _ query: String) async throws -> [String: [String: Money]] {
        try await client.execute(uri: "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z&step=1d&" + query, method: .get,
                                 headers: Fixture.headers("viewer")) { response in
            #expect(response.status == .ok, "\(query)")
            var result: [String: [String: Money]] = [:]
            for point in (Fixture.json(response.body) as? [String: Any])?["series"] as? [[String: Any]] ?? [] {
                result[point["key"] as! String, default: [:]][point["start"] as! String] = Money(point["total"] as! String)!
            }
            return result
        }
    }

    @Test("ad-hoc tenant filters choose the rows before they are added up: by cluster, node or label, = is that tenant's part, != the rest")
    func tenantFiltersBeforeAggregation() async throws {
        let app = Application(router: try Fixture.server().router())
        try await app.test(.live) { client in
            func grafana(_ aggregate: String, _ op: String, _ value: String) async throws -> [String: [String: Double]] {
                let (status, answer) = try await Self.post(client, "/grafana/query", Self.query(
                    [["refId": "A", "target": "costs", "payload": ["aggregate": aggregate]]], intervalMs: 86_400_000,
                    filters: [["key": "tenant", "operator": op, "value": value]]
                ))
                #expect(status == .ok)
                return Self.series(answer).mapValues { points in
                    Dictionary(uniqueKeysWithValues: points.map { (UTCTime.format($0.1 / 1000), $0.0) })
                }
            }
            func same(_ grafana: [String: [String: Double]], _ api: [String: [String: Money]], _ label: String) {
                #expect(Set(grafana.keys) == Set(api.keys), "\(label): \(grafana.keys.sorted()) vs \(api.keys.sorted())")
                for (key, days) in api {
                    #expect(grafana[key]?.count == days.count, "\(label) \(key)")
                    for (day, amount) in days {
                        let value = grafana[key]?[day] ?? .nan
                        #expect(abs(value - Double(amount.formatted(decimals: 10))!) < 1e-9, "\(label) \(key) \(day): \(value) vs \(amount)")
                    }
                }
            }
            let all = try await Self.apiTotals(client, "aggregate=cluster")
            let acme = try await Self.apiTotals(client, "aggregate=cluster&tenant=acme")
            let cluster = try #require(all["api"])
            // acme's part is neither nothing nor everything.
            #expect(cluster.keys.allSatisfy { day in acme["api"]![day]! > .zero && acme["api"]![day]! < cluster[day]! })
            same(try await grafana("cluster", "=", "acme"), acme, "cluster = acme")
            let rest = ["api": cluster.merging(acme["api"]!) { total, part in total - part }]
            same(try await grafana("cluster", "!=", "acme"), rest, "cluster != acme")
            let unassigned = try await Self.apiTotals(client, "aggregate=cluster&tenant=__unassigned__")
            let named = ["api": cluster.merging(unassigned["api"]!) { total, part in total - part }]
            same(try await grafana("cluster", "=~", "acme|globex"), named, "cluster =~ acme|globex")
            same(try await grafana("cluster", "!~", "__.*"), named, "cluster !~ __.*")
            // Nodes and label values several tenants reach hold the chosen tenant's part alone.
            same(try await grafana("node", "=", "acme"), try await Self.apiTotals(client, "aggregate=node&tenant=acme"), "node = acme")
            same(try await grafana("label:team", "=", "globex"), try await Self.apiTotals(client, "aggregate=label:team&tenant=globex"), "label:team = globex")
            // The table too: acme's part of the cluster over the range, the API's month total.
            let (_, table) = try await Self.post(client, "/grafana/query", Self.query(
                [["refId": "A", "target": "cost_table", "payload": ["aggregate": "cluster"]]], filters: [["key": "tenant", "operator": "=", "value": "acme"]]
            ))
            let rows = (table as? [[String: Any]])?.first?["rows"] as? [[Any]] ?? []
            try await client.execute(uri: "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z&aggregate=cluster&step=month&tenant=acme",
                                     method: .get, headers: Fixture.headers("viewer")) { response in
                let whole = ((Fixture.json(response.body) as? [String: Any])?["series"] as? [[String: Any]])?.first?["total"] as? String
                #expect(rows.count == 1 && rows.first?[8] as? String == whole, "\(rows)")
            }
        }
    }

    @Test("a series never has more than maxDataPoints points, however the range falls on hours and billing days")
    func maxDataPointsBound() async throws {
        let app = Application(router: try Fixture.server().router())
        try await app.test(.live) { client in
            func points(from: String, to: String, maxDataPoints: Int) async throws -> [Int64] {
                let (status, answer) = try await Self.post(client, "/grafana/query", Self.query(
                    [["refId": "A", "target": "costs", "payload": ["aggregate": "cluster"]]], from: from, to: to, intervalMs: 3_600_000, maxDataPoints: maxDataPoints
                ))
                #expect(status == .ok)
                return Self.series(answer)["api"]?.map(\.1) ?? []
            }
            // Noon to noon over 30 days touches 31 billing days: two days a bucket, 16 points.
            let days = try await points(from: "2026-10-01T12:00:00.000Z", to: "2026-10-31T12:00:00.000Z", maxDataPoints: 30)
            #expect(days.count == 16)
            #expect(days.first == 1_790_856_000_000 && days.dropFirst().first == 1_790_985_600_000, "\(days.prefix(2))")
            // 10:30 to 12:30 touches three hours: two hours a bucket, 2 points, at 10:00 and 12:00.
            let hours = try await points(from: "2026-10-01T10:30:00.000Z", to: "2026-10-01T12:30:00.000Z", maxDataPoints: 2)
            #expect(hours == [1_790_848_800_000, 1_790_856_000_000])
            // On whole hours and days nothing changes: 48 hours in 10 points, 30 days in 30.
            #expect(try await points(from: "2026-10-01T00:00:00.000Z", to: "2026-10-03T00:00:00.000Z", maxDataPoints: 10).count == 10)
            #expect(try await points(from: "2026-10-01T00:00:00.000Z", to: "2026-10-31T00:00:00.000Z", maxDataPoints: 30).count == 30)
            for most in [1, 2, 3, 7, 29, 31] {
                let count = try await points(from: "2026-10-01T12:00:00.000Z", to: "2026-10-31T12:00:00.000Z", maxDataPoints: most).count
                #expect(count >= 1 && count <= most, "maxDataPoints \(most): \(count) points")
            }
        }
    }

    @Test("right-sizing and capacity tables; 400s name the body field; 413 past the body limit")
    func tablesAndErrors() async throws {
        let app = Application(router: try Fixture.server().router())
        try await app.test(.live) { client in
            let (_, answer) = try await Self.post(client, "/grafana/query", Self.query([["refId": "A", "target": "rightsizing"], ["refId": "B", "target": "capacity_plan"]]))
            let tables = answer as? [[String: Any]] ?? []
            #expect(tables.count == 2)
            let rightSizing = tables.first?["rows"] as? [[Any]] ?? []
            #expect(!rightSizing.isEmpty)
            #expect((tables.first?["columns"] as? [[String: String]])?.count == rightSizing.first?.count)
            let plan = tables.last?["rows"] as? [[Any]] ?? []
            #expect(plan.contains { $0[2] as? String == "cheapest" } && plan.contains { $0[2] as? String == "current" })
            // The headroom cells are the plan's own (the API's `headroom`), null on `current`.
            let columns = (tables.last?["columns"] as? [[String: String]] ?? []).map { $0["text"] ?? "" }
            #expect(Array(columns.suffix(4)) == ["headroom_cpu", "headroom_memory_gib", "headroom_pods", "headroom_ceph_raw_gib"])
            let cheapest = try #require(plan.first { $0[2] as? String == "cheapest" })
            let current = try #require(plan.first { $0[2] as? String == "current" })
            #expect(current.suffix(4).allSatisfy { $0 is NSNull })
            let planned = try await client.execute(uri: "/api/v1/capacity/plan?cluster=\(cheapest[0] as? String ?? "")", method: .get, headers: Fixture.headers("admin")) { response in
                Fixture.json(response.body)
            }
            let option = ((planned as? [[String: Any]])?.first?["cheapest"] as? [String: Any]) ?? [:]
            let headroom = option["headroom"] as? [String: Double] ?? [:]
            #expect(!headroom.isEmpty, "\(option.keys.sorted())")
            let cells = cheapest.suffix(4).compactMap { $0 as? Double }
            #expect(cells == [headroom["cpu"], headroom["memoryGiB"], headroom["pods"], headroom["cephRawGiB"]].compactMap { $0 }, "\(cells) vs \(headroom)")
            #expect(cells.count == 4 && cells[0] >= 0)
            for (body, field) in [
                (Self.query([["refId": "A", "target": "costs", "payload": ["aggregate": "pod"]]]), "targets[0].payload.aggregate"),
                (Self.query([["refId": "A", "target": "costs", "payload": ["component": "gpu"]]]), "targets[0].payload.component"),
                (Self.query([["refId": "A", "target": "nope"]]), "targets[0].target"),
                (Self.query([["refId": "A"]]), "targets[0].target"),
                (Self.query([["refId": "A", "target": "costs"]], from: "yesterday"), "range.from"),
                (Self.query([["refId": "A", "target": "costs"]], filters: [["key": "tenant", "operator": "<", "value": "a"]]), "filters[0].operator"),
                (Self.query([["refId": "A", "target": "costs"]], maxDataPoints: 0), "maxDataPoints"),
                (Self.body(["targets": []]), "range"),
                (ByteBuffer(string: "{\"range\":"), "body"),
            ] {
                let (status, error) = try await Self.post(client, "/grafana/query", body)
                #expect(status == .badRequest, "\(field)")
                let message = ((error as? [String: Any])?["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.hasPrefix(field + ":"), "\(field): \(message)")
            }
            let large = ByteBuffer(string: "{\"targets\":[], \"pad\":\"" + String(repeating: "x", count: GrafanaRoutes.bodyLimit) + "\"}")
            let (status, error) = try await Self.post(client, "/grafana/query", large)
            #expect(status == .contentTooLarge)
            #expect((error as? [String: Any])?["error"] != nil)
        }
    }

    @Test("payload values: All in its spellings means every value; the datasource's regex escaping is undone")
    func payloadValues() {
        for all in [nil, "", "*", "All", "$__all", ".*"] { #expect(GrafanaSelection.value(all) == nil) }
        #expect(GrafanaSelection.value("acme") == "acme")
        #expect(GrafanaSelection.value(#"demo\.prod\-1"#) == "demo.prod-1")
    }

    @Test("a tenant token sees its own tenant only on every /grafana route")
    func tenantIsolation() async throws {
        let app = Application(router: try Fixture.server().router())
        try await app.test(.live) { client in
            let requests: [(String, ByteBuffer)] = [
                ("/grafana/metric-payload-options", Self.body(["metric": "costs", "name": "tenant"])),
                ("/grafana/metric-payload-options", Self.body(["metric": "rightsizing", "name": "namespace"])),
                ("/grafana/variable", Self.body(["payload": ["target": "tenants"]])),
                ("/grafana/variable", Self.body(["payload": ["target": "namespaces"]])),
                ("/grafana/tag-values", Self.body(["key": "tenant"])),
                ("/grafana/tag-values", Self.body(["key": "namespace"])),
                ("/grafana/query", Self.query([["refId": "A", "target": "costs", "payload": ["aggregate": "namespace"]],
                                               ["refId": "B", "target": "costs", "payload": ["aggregate": "node", "component": "idle"]],
                                               ["refId": "C", "target": "cost_table", "payload": ["aggregate": "controller"]],
                                               ["refId": "D", "target": "rightsizing"]])),
            ]
            for (path, body) in requests {
                var own = ""
                try await client.execute(uri: path, method: .post, headers: Fixture.headers("tenant:acme"), body: body) { response in
                    #expect(response.status == .ok, "\(path)")
                    own = String(buffer: response.body)
                    #expect(own.contains("acme"), "\(path)")
                    #expect(!own.contains("globex") && !own.contains("__unassigned__") && !own.contains("__idle__"), "\(path): \(own.prefix(300))")
                }
                try await client.execute(uri: path, method: .post, headers: Fixture.headers("viewer"), body: body) { response in
                    #expect(String(buffer: response.body) != own, "\(path)")
                }
            }
            for body in [Self.query([["refId": "A", "target": "costs", "payload": ["tenant": "globex"]]]),
                         Self.query([["refId": "A", "target": "capacity_plan"]])] {
                let (status, error) = try await Self.post(client, "/grafana/query", body, role: "tenant:acme")
                #expect(status == .forbidden)
                #expect(((error as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == "forbidden")
            }
            let (status, _) = try await Self.post(client, "/grafana/variable", Self.body(["payload": ["target": "namespaces", "tenant": "globex"]]), role: "tenant:acme")
            #expect(status == .forbidden)
        }
    }
}
