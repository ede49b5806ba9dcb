import Foundation
import Hummingbird
import HummingbirdTesting
@testable import KubeLedgerServer
import Testing

/// `schemas/openapi.json` against the router: a route served but not documented, or
/// documented but not served, fails here.
@Suite struct OpenAPITests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schemas/openapi.json")

    static func documented() throws -> (Set<String>, [String: Any]) {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: document)) as! [String: Any]
        let paths = root["paths"] as? [String: [String: Any]] ?? [:]
        let methods: Set<String> = ["get", "post", "put", "patch", "delete", "head", "options"]
        var routes = Set<String>()
        for (path, item) in paths {
            for method in item.keys where methods.contains(method) { routes.insert("\(method.uppercased()) \(path)") }
        }
        return (routes, root)
    }

    @Test("every served route is documented and every documented route is served")
    func routesMatch() throws {
        let router = try APIServerTests.server().router()
        let served = Set(router.routes.map { route in
            // Hummingbird writes a captured segment as `:name` or `{name}`; OpenAPI as `{name}`.
            let path = route.path.description.split(separator: "/", omittingEmptySubsequences: false).map { part in
                part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
            }.joined(separator: "/")
            return "\(String(describing: route.method)) \(path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path)"
        })
        let (documented, root) = try Self.documented()
        #expect(served.subtracting(documented).isEmpty, "served, not documented: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented, not served: \(documented.subtracting(served).sorted())")
        #expect(served.count >= 17)
        #expect((root["openapi"] as? String)?.hasPrefix("3.1") == true)
    }

    /// The schema of an operation's 200 JSON answer.
    static func answerSchema(_ root: JSONValue, path: String, method: String) -> JSONValue? {
        var node = root
        for key in ["paths", path, method, "responses", "200", "content", "application/json", "schema"] {
            guard case let .object(members) = node, let next = members[key] else { return nil }
            node = next
        }
        return node
    }

    @Test("answers of a live server conform to the document: the Grafana tables (capacity_plan included), costs, invoices and a close")
    func answersConform() async throws {
        let validator = try SchemaValidator(document: Self.document)
        let app = Application(router: try APIServerTests.server().router())
        try await app.test(.live) { client in
            func check(_ uri: String, method: HTTPRequest.Method = .get, body: Any? = nil, schemaPath: String, role: String = "admin") async throws -> JSONValue {
                var headers = APIServerTests.headers(role)
                var buffer: ByteBuffer?
                if let body {
                    headers[.contentType] = "application/json"
                    buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
                }
                return try await client.execute(uri: uri, method: method, headers: headers, body: buffer) { response in
                    #expect(response.status == .ok, "\(uri): \(String(buffer: response.body).prefix(300))")
                    let answer = try JSONValue.parse(Data(String(buffer: response.body).utf8))
                    let schema = try #require(Self.answerSchema(validator.root, path: schemaPath, method: method == .get ? "get" : "post"), "\(schemaPath)")
                    let errors = validator.errors(answer, schema, path: "$")
                    #expect(errors.isEmpty, "\(uri): \(errors.prefix(5).joined(separator: "\n"))")
                    return answer
                }
            }
            let range = ["from": "2026-10-01T00:00:00.000Z", "to": "2026-10-03T00:00:00.000Z"]
            let tables = try await check("/grafana/query", method: .post, body: [
                "range": range, "intervalMs": 86_400_000, "maxDataPoints": 100,
                "targets": [["refId": "A", "target": "capacity_plan"], ["refId": "B", "target": "rightsizing"],
                            ["refId": "C", "target": "cost_table", "payload": ["aggregate": "namespace"]], ["refId": "D", "target": "costs"]],
            ], schemaPath: "/grafana/query")
            // The plan table on its own, so that a failing cell is named, and its shape.
            guard case let .array(answers) = tables, case let .object(plan)? = answers.first else {
                Issue.record("no capacity_plan table: \(tables)")
                return
            }
            let planErrors = validator.errors(.object(plan), against: "#/components/schemas/GrafanaCapacityPlanTable")
            #expect(planErrors.isEmpty, "\(planErrors.prefix(5).joined(separator: "\n"))")
            guard case let .array(columns)? = plan["columns"], case let .array(rows)? = plan["rows"] else {
                Issue.record("the plan table has no columns or rows")
                return
            }
            #expect(columns.count == 12 && columns.last == .object(["text": .string("ceph_utilisation"), "type": .string("number")]))
            #expect(!rows.isEmpty && rows.allSatisfy { if case let .array(cells) = $0 { cells.count == 12 } else { false } })
            // A plan table with one cell fewer, as the document described it before, is refused.
            var short = plan
            short["columns"] = .array(Array(columns.dropLast()))
            #expect(!validator.errors(.object(short), against: "#/components/schemas/GrafanaCapacityPlanTable").isEmpty)

            _ = try await check("/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z&aggregate=cluster", schemaPath: "/api/v1/costs")
            for role in ["admin", "tenant:acme"] {
                _ = try await check("/api/v1/invoices/2026-10?format=json", schemaPath: "/api/v1/invoices/{month}", role: role)
            }
            _ = try await check("/api/v1/invoices/2026-10/close", method: .post, schemaPath: "/api/v1/invoices/{month}/close")
            // Once closed, the stored document is shown the same way.
            let closed = try await check("/api/v1/invoices/2026-10?format=json", schemaPath: "/api/v1/invoices/{month}")
            guard case let .array(invoices) = closed, case let .object(invoice)? = invoices.first else {
                Issue.record("no closed invoice: \(closed)")
                return
            }
            #expect(invoice["closedAt"] != nil && invoice["csv"] != nil)
        }
    }

    @Test("the validator itself: types, patterns, required and extra members, item counts, references")
    func validatorCatchesMistakes() throws {
        let validator = try SchemaValidator(document: Self.document)
        let money = "#/components/schemas/Money10"
        #expect(validator.errors(.string("12.3400000000"), against: money).isEmpty)
        #expect(!validator.errors(.string("12.34"), against: money).isEmpty)
        #expect(!validator.errors(.number(12.34), against: money).isEmpty)
        let closedMonth = "#/components/schemas/ClosedMonth"
        let good: [String: JSONValue] = ["cluster": .string("api"), "month": .string("2026-10"), "total": .string("1.0000000000")]
        #expect(validator.errors(.object(good), against: closedMonth).isEmpty)
        var extra = good
        extra["note"] = .string("x")
        #expect(validator.errors(.object(extra), against: closedMonth) == ["$.note: no value is allowed here"])
        var missing = good
        missing["month"] = nil
        #expect(validator.errors(.object(missing), against: closedMonth) == ["$: month is missing"])
    }

    @Test("every operation needing a token says so, lists 401 and the JSON error shape; probes and /metrics need none")
    func security() throws {
        let (_, root) = try Self.documented()
        let paths = root["paths"] as? [String: [String: Any]] ?? [:]
        for (path, item) in paths {
            for (method, value) in item {
                guard let operation = value as? [String: Any], let responses = operation["responses"] as? [String: Any] else { continue }
                let open = ["/healthz", "/readyz", "/metrics"].contains(path)
                let security = operation["security"] as? [Any]
                if open {
                    #expect(security?.isEmpty == true, "\(method) \(path)")
                } else {
                    #expect(security?.isEmpty != true, "\(method) \(path)")
                    #expect(responses["401"] != nil, "\(method) \(path)")
                }
            }
        }
    }
}
