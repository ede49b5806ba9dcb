import Foundation
import Hummingbird
import HummingbirdTesting
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
@testable import KubeLedgerServer
import KubeLedgerSimulator
import KubeLedgerStore
import Testing

/// The API over HTTP on 127.0.0.1, on a store the simulator filled: roles, tenant
/// isolation, parameters and errors.
@Suite struct APIServerTests {
    static let tokens = ["admin": "t-admin", "finance": "t-finance", "viewer": "t-viewer", "tenant:acme": "t-acme", "tenant:globex": "t-globex"]
    static let october = BillingMonth("2026-10", timeZone: .gmt)!

    /// The API on a copy of the simulated store; `more` clusters are configured after `api`.
    static func server(more: [String] = []) throws -> APIServer {
        let lines = tokens.map { role, token in "    - { name: \"\(role.replacingOccurrences(of: ":", with: "-"))\", role: \"\(role)\", sha256: \"\(AccessControl.hash(token))\" }" }
        let config = try ConfigLoader.parse(yaml: """
            store: { path: ./unused.sqlite }
            server:
              tokens:
            \(lines.joined(separator: "\n"))
            clusters:
              - name: api
                architecture: devtest
                prometheus: { url: "http://127.0.0.1:9" }
                iaas: { type: file, path: ./unused.jsonl }
            \(more.map { "  - { name: \($0), architecture: devtest, prometheus: { url: \"http://127.0.0.1:9\" }, iaas: { type: file, path: ./unused.jsonl } }" }.joined(separator: "\n"))
            """, file: "/tmp/kubeledger-api-test.yaml")
        let store = try Self.freshStore()
        let catalog = try CatalogLoader.load(path: nil)
        return APIServer(config: config, catalog: catalog, store: store, now: { october.next.start + 86_400 })
    }

    /// The simulated store, made once into a file that each test copies: six tests filling
    /// their own would only load the machine's two cores.
    static let template: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-api-template-\(UUID().uuidString).sqlite").path
        do {
            let store = try LedgerStore(path: path)
            let simulator = try Simulator(SimulationOptions(
                clusterName: "api", architecture: .devtest, seed: 3, from: october.hours.from, to: october.hours.to.advanced(by: 24), containers: 25
            ))
            try simulator.fill(store: store, rawSince: october.start + 17 * 86_400)
            try store.recordRun(job: "cluster-metrics", cluster: "api", at: october.next.start, error: nil)
        } catch {
            fatalError("the API test store could not be made: \(error)")
        }
        return path
    }()

    static func freshStore() throws -> LedgerStore {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-api-\(UUID().uuidString).sqlite").path
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: template + suffix) {
            try FileManager.default.copyItem(atPath: template + suffix, toPath: copy + suffix)
        }
        return try LedgerStore(path: copy)
    }

    static func headers(_ role: String?) -> HTTPFields {
        guard let role, let token = tokens[role] else { return [:] }
        return [.authorization: "Bearer \(token)"]
    }

    static func json(_ buffer: ByteBuffer) -> Any? { try? JSONSerialization.jsonObject(with: Data(String(buffer: buffer).utf8)) }

    static func errorCode(_ buffer: ByteBuffer) -> String? {
        ((json(buffer) as? [String: Any])?["error"] as? [String: Any])?["code"] as? String
    }

    @Test("probes need no token; the API answers 401 as JSON without one or with an unknown one")
    func authentication() async throws {
        let app = Application(router: try Self.server().router())
        try await app.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(Self.errorCode(response.body) == "unauthorized")
                #expect(response.headers[.contentType] == "application/json")
            }
            try await client.execute(uri: "/api/v1/ingest/status", method: .get, headers: [.authorization: "Bearer nope"]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("costs: series for every aggregate and step, Unix milliseconds accepted, and 400s naming the parameter")
    func costs() async throws {
        let app = Application(router: try Self.server().router())
        try await app.test(.live) { client in
            let base = "/api/v1/costs?from=1790812800000&to=2026-10-03T00:00:00Z"
            for (query, count) in [("&aggregate=cluster&step=1d", 2), ("&aggregate=tenant&step=1h", 48), ("&aggregate=namespace&step=month", 1)] {
                try await client.execute(uri: base + query, method: .get, headers: Self.headers("viewer")) { response in
                    #expect(response.status == .ok)
                    let series = (Self.json(response.body) as? [String: Any])?["series"] as? [[String: Any]] ?? []
                    #expect(Set(series.compactMap { $0["start"] as? String }).count == count, "\(query)")
                    #expect(series.allSatisfy { ($0["total"] as? String)?.split(separator: ".").last?.count == 10 })
                }
            }
            for (query, parameter) in [("?to=2026-10-02T00:00:00Z", "from"), (base.dropFirst(13) + "&aggregate=pod", "aggregate"),
                                       (base.dropFirst(13) + "&step=2h", "step"), ("?from=2026-10-02&to=2026-10-03T00:00:00Z", "from"),
                                       ("?from=2026-10-03T00:00:00Z&to=2026-10-02T00:00:00Z", "to")] {
                try await client.execute(uri: "/api/v1/costs" + query, method: .get, headers: Self.headers("viewer")) { response in
                    #expect(response.status == .badRequest, "\(query)")
                    let message = ((Self.json(response.body) as? [String: Any])?["error"] as? [String: Any])?["message"] as? String ?? ""
                    #expect(message.hasPrefix(parameter + ":"), "\(query): \(message)")
                }
            }
            try await client.execute(uri: base + "&cluster=nope", method: .get, headers: Self.headers("viewer")) { #expect($0.status == .notFound) }
            // A path or method no route serves is a 404 in the same JSON shape, naming it.
            for (uri, method) in [("/api/v1/nope", HTTPRequest.Method.get), ("/grafana/nope", .post), ("/healthz", .delete)] {
                try await client.execute(uri: uri, method: method, headers: Self.headers("viewer")) { response in
                    #expect(response.status == .notFound && response.headers[.contentType] == "application/json")
                    #expect(Self.errorCode(response.body) == "not_found")
                    let message = ((Self.json(response.body) as? [String: Any])?["error"] as? [String: Any])?["message"] as? String
                    #expect(message == "no such route: \(method) \(uri)")
                }
            }
            // label:<key>: the pods' team label, the namespace's cost centre; both add up to the cluster's total.
            func totals(_ query: String, role: String = "viewer") async throws -> [String: Money] {
                try await client.execute(uri: base + query, method: .get, headers: Self.headers(role)) { response in
                    #expect(response.status == .ok, "\(query)")
                    let series = (Self.json(response.body) as? [String: Any])?["series"] as? [[String: Any]] ?? []
                    return series.reduce(into: [:]) { $0[$1["key"] as! String, default: .zero] += Money($1["total"] as! String)! }
                }
            }
            let cluster = try await totals("&aggregate=cluster&step=month")["api"]!
            let teams = try await totals("&aggregate=label:team&step=month")
            #expect(Set(teams.keys).isSuperset(of: ["__unallocated__"]) && teams.keys.contains { ["checkout", "search", "data", "platform"].contains($0) }, "\(teams.keys)")
            // Each figure is shown to 10 decimals: sums agree to half a unit of the last per figure.
            func close(_ parts: [String: Money]) -> Bool {
                let gap = parts.values.reduce(.zero, +) - cluster
                return (gap < .zero ? -gap : gap) <= Money(units: Int128(parts.count) * 100_000)
            }
            #expect(close(teams), "\(teams) vs \(cluster)")
            let centres = try await totals("&aggregate=label:cost_center&step=month")
            #expect(Set(centres.keys).isSubset(of: ["cc-acme", "cc-globex", "__unallocated__", "__idle__"]) && centres.keys.contains("cc-acme"), "\(centres.keys)")
            #expect(close(centres))
            let acmeCentres = try await totals("&aggregate=label:cost_center&step=month", role: "tenant:acme")
            #expect(Array(acmeCentres.keys) == ["cc-acme"], "\(acmeCentres.keys)")
            // A tenant's view of the cluster is its own share of it: its tenant total, less than the whole.
            let acmeCluster = try await totals("&aggregate=cluster&step=month", role: "tenant:acme")
            let acme = try await totals("&aggregate=tenant&step=month")["acme"]!
            #expect(acmeCluster == ["api": acme])
            #expect(acme > .zero && acme < cluster)
            try await client.execute(uri: base + "&aggregate=label:", method: .get, headers: Self.headers("viewer")) { #expect($0.status == .badRequest) }
            try await client.execute(uri: base + "&aggregate=label:a%20b", method: .get, headers: Self.headers("viewer")) { #expect($0.status == .badRequest) }
        }
    }

    @Test("a tenant token sees only its own tenant on every endpoint; other tenants' names never appear")
    func tenantIsolation() async throws {
        let app = Application(router: try Self.server().router())
        try await app.test(.live) { client in
            let own = [
                "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z&aggregate=namespace",
                "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z&aggregate=node&step=1h",
                "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z&aggregate=controller&step=month",
                "/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z&aggregate=label:team",
                "/api/v1/invoices/2026-10", "/api/v1/invoices/2026-10?format=json",
                "/api/v1/rightsizing", "/api/v1/rightsizing?format=csv",
            ]
            for uri in own {
                var seen = ""
                try await client.execute(uri: uri, method: .get, headers: Self.headers("tenant:acme")) { response in
                    #expect(response.status == .ok, "\(uri)")
                    seen = String(buffer: response.body)
                    #expect(seen.contains("acme"), "\(uri)")
                    #expect(!seen.contains("globex") && !seen.contains("__unassigned__") && !seen.contains("__idle__"), "\(uri)")
                }
                // The same as a viewer shows more: the filter is what hides the others (by
                // tenant name where the answer names tenants, by amounts on nodes and controllers).
                try await client.execute(uri: uri, method: .get, headers: Self.headers("viewer")) { response in
                    let all = String(buffer: response.body)
                    #expect(all != seen, "\(uri)")
                    if uri.contains("invoices") || uri.contains("namespace") { #expect(all.contains("globex"), "\(uri)") }
                }
            }
            for (uri, method) in [("/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z&tenant=globex", HTTPRequest.Method.get),
                                  ("/api/v1/invoices/2026-10?tenant=globex", .get), ("/api/v1/ingest/status", .get),
                                  ("/api/v1/invoices/2026-10/close", .post)] {
                try await client.execute(uri: uri, method: method, headers: Self.headers("tenant:acme")) { response in
                    #expect(response.status == .forbidden, "\(uri)")
                    #expect(Self.errorCode(response.body) == "forbidden")
                    #expect(!String(buffer: response.body).contains("globex\""), "\(uri)")
                }
            }
        }
    }

    @Test("closing a month: finance or admin only, once; a month not over is a conflict; the invoice stays byte-identical")
    func closing() async throws {
        let app = Application(router: try Self.server().router())
        try await app.test(.live) { client in
            var before = ""
            try await client.execute(uri: "/api/v1/invoices/2026-10", method: .get, headers: Self.headers("viewer")) { response in
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/csv") == true)
                before = String(buffer: response.body)
            }
            try await client.execute(uri: "/api/v1/invoices/2026-10/close", method: .post, headers: Self.headers("viewer")) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/invoices/2026-10/close", method: .post, headers: Self.headers("finance")) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/invoices/2026-10/close", method: .post, headers: Self.headers("admin")) { response in
                #expect(response.status == .conflict && Self.errorCode(response.body) == "conflict")
            }
            try await client.execute(uri: "/api/v1/invoices/2026-11/close", method: .post, headers: Self.headers("admin")) { #expect($0.status == .conflict) }
            try await client.execute(uri: "/api/v1/invoices/2026-10", method: .get, headers: Self.headers("viewer")) { response in
                #expect(String(buffer: response.body) == before)
            }
            try await client.execute(uri: "/api/v1/invoices/2026-13", method: .get, headers: Self.headers("viewer")) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/ingest/status", method: .get, headers: Self.headers("viewer")) { response in
                let jobs = Self.json(response.body) as? [[String: Any]] ?? []
                #expect(jobs.count == 1 && jobs.first?["job"] as? String == "cluster-metrics")
            }
        }
    }

    @Test("closing every cluster closes each one it can; those already closed or with nothing priced are named in KubeLedger-Skipped; 409 only when none closes")
    func closingEveryCluster() async throws {
        let server = try Self.server(more: ["edge", "idle"])
        // edge: two days of October; idle: nothing.
        let simulator = try Simulator(SimulationOptions(
            clusterName: "edge", architecture: .devtest, seed: 5, from: Self.october.hours.from, to: Self.october.hours.from.advanced(by: 48), containers: 5
        ))
        try simulator.fill(store: server.store, rawSince: Self.october.next.start)
        let app = Application(router: server.router())
        try await app.test(.live) { client in
            let close = "/api/v1/invoices/2026-10/close"
            try await client.execute(uri: close + "?cluster=api", method: .post, headers: Self.headers("finance")) { #expect($0.status == .ok) }
            // api, first in the config, is already closed: edge is closed all the same.
            try await client.execute(uri: close, method: .post, headers: Self.headers("finance")) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                #expect((Self.json(response.body) as? [[String: String]])?.map { $0["cluster"] } == ["edge"])
                #expect(response.headers[.init(InvoiceRoutes.skippedHeader)!] == "api (already closed), idle (no priced hour)")
            }
            try await client.execute(uri: close, method: .post, headers: Self.headers("finance")) { response in
                #expect(response.status == .conflict && Self.errorCode(response.body) == "conflict")
                #expect(String(buffer: response.body).contains("nothing closed for 2026-10: api (already closed), edge (already closed), idle (no priced hour)"))
            }
            try await client.execute(uri: close + "?cluster=edge", method: .post, headers: Self.headers("finance")) { response in
                #expect(response.status == .conflict && String(buffer: response.body).contains("the invoice of edge for 2026-10 is already closed"))
            }
        }
    }

    @Test("months without data or not begun, closes that would freeze nothing or one tenant: refused naming the month, cluster or tenant")
    func invoiceRefusals() async throws {
        let app = Application(router: try Self.server().router())
        try await app.test(.live) { client in
            func message(_ buffer: ByteBuffer) -> String { (((Self.json(buffer) as? [String: Any])?["error"] as? [String: Any])?["message"] as? String) ?? "" }
            for uri in ["/api/v1/invoices/2027-05", "/api/v1/invoices/9999-12?format=json", "/api/v1/invoices/2026-12/close"] {
                let method: HTTPRequest.Method = uri.hasSuffix("close") ? .post : .get
                try await client.execute(uri: uri, method: method, headers: Self.headers("admin")) { response in
                    #expect(response.status == .badRequest && message(response.body).hasPrefix("month: "), "\(uri): \(String(buffer: response.body))")
                }
            }
            for uri in ["/api/v1/invoices/2026-09", "/api/v1/invoices/2026-09?cluster=api&format=json"] {
                try await client.execute(uri: uri, method: .get, headers: Self.headers("viewer")) { response in
                    #expect(response.status == .notFound && message(response.body).hasPrefix("month: no data for 2026-09 in cluster api"), "\(uri): \(String(buffer: response.body))")
                }
            }
            try await client.execute(uri: "/api/v1/invoices/2026-09/close?cluster=api", method: .post, headers: Self.headers("finance")) { response in
                #expect(response.status == .conflict && message(response.body).contains("2026-09 of cluster api has no priced hour"), "\(String(buffer: response.body))")
            }
            try await client.execute(uri: "/api/v1/invoices/2026-11/close", method: .post, headers: Self.headers("finance")) { response in
                #expect(response.status == .conflict && message(response.body) == "2026-11 has not ended yet; only a finished month can be closed")
            }
            try await client.execute(uri: "/api/v1/invoices/2026-10/close?tenant=acme", method: .post, headers: Self.headers("finance")) { response in
                #expect(response.status == .badRequest && message(response.body).hasPrefix("tenant: "), "\(String(buffer: response.body))")
            }
            // Nothing was closed by the refusals: October still closes.
            try await client.execute(uri: "/api/v1/invoices/2026-10/close", method: .post, headers: Self.headers("finance")) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/invoices/2026-10?cluster=api", method: .get, headers: Self.headers("viewer")) { response in
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"api-2026-10.csv\"")
            }
            try await client.execute(uri: "/api/v1/invoices/2026-10?tenant=acme", method: .get, headers: Self.headers("viewer")) { response in
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"all-clusters-2026-10-acme.csv\"")
            }
        }
    }

    @Test("invoice JSON: every amount a string with 10 decimals, rounded ones whole cents; the lines add up to the total")
    func invoiceJSONMoney() async throws {
        let app = Application(router: try Self.server().router())
        try await app.test(.live) { client in
            try await client.execute(uri: "/api/v1/invoices/2026-10?format=json", method: .get, headers: Self.headers("viewer")) { response in
                let invoice = try #require((Self.json(response.body) as? [[String: Any]])?.first)
                let lines = invoice["lines"] as? [[String: Any]] ?? []
                #expect(lines.count > 10)
                let decimals = { (text: String?) in text?.split(separator: ".").last?.count }
                for line in lines {
                    let exact = line["exact"] as? String, rounded = line["rounded"] as? String
                    #expect(decimals(exact) == 10 && decimals(rounded) == 10, "\(line)")
                    #expect(rounded?.hasSuffix("00000000") == true, "\(line)")
                    // Within a cent of its exact amount.
                    let gap = (Money(rounded ?? "") ?? .zero) - (Money(exact ?? "") ?? .zero)
                    #expect(abs(gap.units) < Money.scale / 100, "\(line)")
                }
                let total = try #require((invoice["total"] as? String).flatMap { Money($0) })
                #expect(lines.compactMap { Money($0["rounded"] as? String ?? "") }.sum() == total)
                let summary = invoice["summary"] as? [[String: Any]] ?? []
                #expect(!summary.isEmpty && summary.allSatisfy { decimals($0["total"] as? String) == 10 && decimals($0["share"] as? String) == 2 })
                #expect(summary.compactMap { Money($0["total"] as? String ?? "") }.sum() == total)
            }
            try await client.execute(uri: "/api/v1/invoices/2026-10/close", method: .post, headers: Self.headers("finance")) { response in
                let closed = Self.json(response.body) as? [[String: String]]
                #expect(closed?.first?["total"]?.split(separator: ".").last?.count == 10, "\(String(buffer: response.body))")
            }
        }
    }

    @Test("invoice JSON: times are RFC 3339 UTC strings, as in /api/v1/costs, open and closed")
    func invoiceJSONTimes() async throws {
        let app = Application(router: try Self.server().router())
        try await app.test(.live) { client in
            let october = ["periodStart": "2026-10-01T00:00:00Z", "periodEnd": "2026-11-01T00:00:00Z"]
            for (method, uri, closedAt) in [(HTTPRequest.Method.get, "/api/v1/invoices/2026-10?format=json", nil as String?),
                                            (.post, "/api/v1/invoices/2026-10/close", nil),
                                            (.get, "/api/v1/invoices/2026-10?format=json", "2026-11-02T00:00:00Z"),
                                            (.get, "/api/v1/invoices/2026-10?format=json&tenant=acme", "2026-11-02T00:00:00Z")] {
                try await client.execute(uri: uri, method: method, headers: Self.headers("finance")) { response in
                    #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
                    guard method == .get else { return }
                    let invoice = try #require((Self.json(response.body) as? [[String: Any]])?.first, "\(uri)")
                    #expect(invoice["periodStart"] as? String == october["periodStart"] && invoice["periodEnd"] as? String == october["periodEnd"], "\(uri)")
                    #expect(invoice["closedAt"] as? String == closedAt, "\(uri)")
                    let lines = invoice["lines"] as? [[String: Any]] ?? []
                    #expect(!lines.isEmpty && lines.allSatisfy {
                        $0["chargePeriodStart"] as? String == october["periodStart"] && $0["chargePeriodEnd"] as? String == october["periodEnd"]
                    }, "\(uri)")
                }
            }
        }
    }

    @Test("a closed month whose stored CSV cannot be read is a 409 naming the cluster and month, never a 500")
    func unreadableClosedInvoice() async throws {
        let server = try Self.server()
        let app = Application(router: server.router())
        try await app.test(.live) { client in
            // A closed October whose stored CSV is not FOCUS rows.
            var document: [String: Any] = [:]
            try await client.execute(uri: "/api/v1/invoices/2026-10?format=json", method: .get, headers: Self.headers("admin")) { response in
                document = (Self.json(response.body) as? [[String: Any]])?.first ?? [:]
            }
            #expect(document["cluster"] as? String == "api")
            // Stored documents keep times in seconds (answers write RFC 3339).
            let seconds = { (value: Any?) in (value as? String).flatMap(UTCTime.parse) }
            document["periodStart"] = seconds(document["periodStart"])
            document["periodEnd"] = seconds(document["periodEnd"])
            document["lines"] = (document["lines"] as? [[String: Any]] ?? []).map { line in
                var line = line
                line["chargePeriodStart"] = seconds(line["chargePeriodStart"])
                line["chargePeriodEnd"] = seconds(line["chargePeriodEnd"])
                return line
            }
            document["closedAt"] = Self.october.next.start
            document["csv"] = "Not,The,FOCUS,Columns\r\n1,2,3,4\r\n"
            try server.store.closeInvoice(cluster: "api", month: "2026-10", closedAt: Self.october.next.start,
                                          content: JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]))
            // As a whole, for one tenant, and for a tenant token: each is a 409 with the reason.
            for (uri, role) in [("/api/v1/invoices/2026-10", "viewer"), ("/api/v1/invoices/2026-10?tenant=acme", "viewer"),
                                ("/api/v1/invoices/2026-10", "tenant:acme")] {
                try await client.execute(uri: uri, method: .get, headers: Self.headers(role)) { response in
                    #expect(response.status == .conflict, "\(uri) as \(role)")
                    #expect(Self.errorCode(response.body) == "conflict")
                    let message = ((Self.json(response.body) as? [String: Any])?["error"] as? [String: Any])?["message"] as? String
                    #expect(message == "the stored closed invoice of api for 2026-10 cannot be read: its CSV header is not the FOCUS columns", "\(uri)")
                }
            }
            // The document itself still reads, and says the month is closed.
            try await client.execute(uri: "/api/v1/invoices/2026-10?format=json", method: .get, headers: Self.headers("viewer")) { response in
                #expect(response.status == .ok)
                #expect((Self.json(response.body) as? [[String: Any]])?.first?["closedAt"] as? String == "2026-11-01T00:00:00Z")
            }
        }
    }

    @Test("right-sizing, the capacity plan and reconciliation over HTTP, with their roles and 400s")
    func reports() async throws {
        let app = Application(router: try Self.server().router())
        try await app.test(.live) { client in
            try await client.execute(uri: "/api/v1/rightsizing", method: .get, headers: Self.headers("viewer")) { response in
                #expect(response.status == .ok)
                let rows = Self.json(response.body) as? [[String: Any]] ?? []
                #expect(rows.count >= 5 && rows.contains { $0["recommendedCPU"] is String })
                let savings = rows.compactMap { Double($0["monthlySavings"] as? String ?? "") }
                #expect(savings == savings.sorted(by: >))
            }
            try await client.execute(uri: "/api/v1/rightsizing", method: .get, headers: Self.headers("tenant:acme")) { response in
                let rows = Self.json(response.body) as? [[String: Any]] ?? []
                #expect(!rows.isEmpty && rows.allSatisfy { $0["tenant"] as? String == "acme" })
            }
            try await client.execute(uri: "/api/v1/rightsizing?format=csv", method: .get, headers: Self.headers("viewer")) { response in
                #expect(String(buffer: response.body).hasPrefix("cluster,namespace,"))
            }
            // `__unassigned__` is the namespaces without a tenant (kube-system, monitoring …).
            try await client.execute(uri: "/api/v1/rightsizing?tenant=__unassigned__", method: .get, headers: Self.headers("viewer")) { response in
                #expect(response.status == .ok)
                let rows = Self.json(response.body) as? [[String: Any]] ?? []
                #expect(!rows.isEmpty && rows.allSatisfy { $0["tenant"] == nil || $0["tenant"] is NSNull }, "\(rows.prefix(3))")
            }
            try await client.execute(uri: "/api/v1/capacity/plan?horizon=30d", method: .get, headers: Self.headers("viewer")) { response in
                #expect(response.status == .ok)
                let plans = Self.json(response.body) as? [[String: Any]] ?? []
                #expect(plans.first?["horizonDays"] as? Int == 30 && plans.first?["cheapest"] is [String: Any])
            }
            for (uri, parameter) in [("/api/v1/capacity/plan?horizon=soon", "horizon"), ("/api/v1/capacity/plan?architecture=prod", "architecture"),
                                     ("/api/v1/reconciliation?from=yesterday&to=2026-10-02T00:00:00Z", "from")] {
                try await client.execute(uri: uri, method: .get, headers: Self.headers("viewer")) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect((((Self.json(response.body) as? [String: Any])?["error"] as? [String: Any])?["message"] as? String)?.hasPrefix(parameter) == true)
                }
            }
            try await client.execute(uri: "/api/v1/reconciliation?from=2026-10-05T00:00:00Z&to=2026-10-06T00:00:00Z", method: .get,
                                     headers: Self.headers("finance")) { response in
                let rows = Self.json(response.body) as? [[String: Any]] ?? []
                #expect(!rows.isEmpty && rows.allSatisfy { ($0["cause"] as? String)?.contains("no allocation") == true })
            }
            for uri in ["/api/v1/capacity/plan", "/api/v1/reconciliation?from=2026-10-05T00:00:00Z&to=2026-10-06T00:00:00Z"] {
                try await client.execute(uri: uri, method: .get, headers: Self.headers("tenant:acme")) { #expect($0.status == .forbidden, "\(uri)") }
            }
        }
    }

    @Test("tokens are compared by their SHA-256; a new token is 32 random bytes")
    func tokens() {
        #expect(AccessControl.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let (token, hash) = AccessControl.newToken()
        #expect(token.count == 67 && AccessControl.hash(token) == hash)
    }
}
