import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
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

    /// The JSON pointer of an operation's 200 JSON answer schema.
    static func answerPointer(path: String, method: String) -> String {
        // JSON pointer escapes, then URI ones for a fragment (`{month}`).
        let escaped = path.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            .replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D")
        return "#/paths/\(escaped)/\(method)/responses/200/content/application~1json/schema"
    }

    /// Checks answers against the document's schemas with a JSON Schema library
    /// (`scripts/schema-check`, jsonschema_rs): the errors of each case, by name.
    static func schemaErrors(_ cases: [SchemaCase]) throws -> [String: [String]] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-schema-cases-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let list = try cases.map { ["name": $0.name, "pointer": $0.pointer, "instance": try JSONSerialization.jsonObject(with: $0.instance, options: .fragmentsAllowed)] }
        try JSONSerialization.data(withJSONObject: list).write(to: file)
        let root = document.deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/schema-check")
        process.arguments = [file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "scripts/schema-check failed")
        var errors: [String: [String]] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let result = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            errors[result["name"] as? String ?? ""] = result["errors"] as? [String] ?? ["unreadable result"]
        }
        #expect(errors.count == cases.count, "\(errors.count) results for \(cases.count) cases")
        return errors
    }

    /// An answer to check, as its JSON text, and the schema it must meet.
    struct SchemaCase: Sendable {
        var name: String
        var pointer: String
        var instance: Data

        init(_ name: String, _ pointer: String, json: Data) {
            self.name = name
            self.pointer = pointer
            instance = json
        }

        init(_ name: String, _ pointer: String, _ value: Any) throws {
            self.init(name, pointer, json: try JSONSerialization.data(withJSONObject: value, options: .fragmentsAllowed))
        }
    }

    @Test("answers of a live server conform to the document: the Grafana tables (capacity_plan included), costs, invoices and a close")
    func answersConform() async throws {
        let app = Application(router: try APIServerTests.server().router())
        let collected = Mutex<[SchemaCase]>([])
        try await app.test(.live) { client in
            func check(_ uri: String, method: HTTPRequest.Method = .get, body: Any? = nil, schemaPath: String, role: String = "admin") async throws -> Any {
                var headers = APIServerTests.headers(role)
                var buffer: ByteBuffer?
                if let body {
                    headers[.contentType] = "application/json"
                    buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
                }
                let text = try await client.execute(uri: uri, method: method, headers: headers, body: buffer) { response in
                    #expect(response.status == .ok, "\(uri): \(String(buffer: response.body).prefix(300))")
                    return Data(String(buffer: response.body).utf8)
                }
                let pointer = Self.answerPointer(path: schemaPath, method: method == .get ? "get" : "post")
                collected.withLock { $0.append(SchemaCase("\($0.count + 1). \(method) \(uri) as \(role)", pointer, json: text)) }
                return try JSONSerialization.jsonObject(with: text)
            }
            let range = ["from": "2026-10-01T00:00:00.000Z", "to": "2026-10-03T00:00:00.000Z"]
            let tables = try await check("/grafana/query", method: .post, body: [
                "range": range, "intervalMs": 86_400_000, "maxDataPoints": 100,
                "targets": [["refId": "A", "target": "capacity_plan"], ["refId": "B", "target": "rightsizing"],
                            ["refId": "C", "target": "cost_table", "payload": ["aggregate": "namespace"]], ["refId": "D", "target": "costs"]],
            ], schemaPath: "/grafana/query")
            // The plan table on its own, so that a failing cell is named, and its shape.
            guard let plan = (tables as? [[String: Any]])?.first, let columns = plan["columns"] as? [[String: Any]], let rows = plan["rows"] as? [[Any]] else {
                Issue.record("no capacity_plan table with columns and rows: \(tables)")
                return
            }
            let planCase = try SchemaCase("plan table", "#/components/schemas/GrafanaCapacityPlanTable", plan)
            #expect(columns.count == 16 && columns.last?["text"] as? String == "headroom_ceph_raw_gib" && columns.last?["type"] as? String == "number")
            #expect(!rows.isEmpty && rows.allSatisfy { $0.count == 16 })
            // A plan table with one column fewer is refused.
            var short = plan
            short["columns"] = Array(columns.dropLast())
            let shortCase = try SchemaCase("short plan table", "#/components/schemas/GrafanaCapacityPlanTable", short)
            collected.withLock { $0 += [planCase, shortCase] }

            _ = try await check("/api/v1/costs?from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z&aggregate=cluster", schemaPath: "/api/v1/costs")
            for role in ["admin", "tenant:acme"] {
                _ = try await check("/api/v1/invoices/2026-10?format=json", schemaPath: "/api/v1/invoices/{month}", role: role)
            }
            _ = try await check("/api/v1/invoices/2026-10/close", method: .post, schemaPath: "/api/v1/invoices/{month}/close")
            // Once closed, the stored document is shown the same way.
            let closed = try await check("/api/v1/invoices/2026-10?format=json", schemaPath: "/api/v1/invoices/{month}")
            guard let invoice = (closed as? [[String: Any]])?.first else {
                Issue.record("no closed invoice: \(closed)")
                return
            }
            #expect(invoice["closedAt"] != nil && invoice["csv"] != nil)
        }
        // Money as the document says (10 decimals), and mistakes are caught.
        let cases = collected.withLock { $0 } + [
            try SchemaCase("money", "#/components/schemas/Money10", "12.3400000000"),
            try SchemaCase("short money", "#/components/schemas/Money10", "12.34"),
            try SchemaCase("extra member", "#/components/schemas/ClosedMonth", ["cluster": "api", "month": "2026-10", "total": "1.0000000000", "note": "x"]),
        ]
        let errors = try Self.schemaErrors(cases)
        #expect(cases.count >= 11)
        for name in cases.map(\.name) where !["short plan table", "short money", "extra member"].contains(name) {
            #expect(errors[name] == [], "\(name): \((errors[name] ?? ["no result"]).prefix(5).joined(separator: "\n"))")
        }
        for name in ["short plan table", "short money", "extra member"] { #expect(errors[name]?.isEmpty == false, "\(name) passed") }
    }

    @Test("every operation takes exactly the query parameters it documents: another is a 400 listing the documented ones, in their order")
    func parametersMatch() async throws {
        let (_, root) = try Self.documented()
        let paths = root["paths"] as? [String: [String: Any]] ?? [:]
        let shared = (root["components"] as? [String: Any])?["parameters"] as? [String: [String: Any]] ?? [:]
        func resolve(_ parameter: [String: Any]) -> [String: Any] {
            guard let reference = parameter["$ref"] as? String else { return parameter }
            return shared[String(reference.split(separator: "/").last ?? "")] ?? [:]
        }
        // Each operation's path, method, documented query parameters and whether it documents a 400.
        var operations: [(path: String, method: String, query: [String], documents400: Bool)] = []
        // The probes and /metrics are left lenient: an orchestrator's probe is no API client.
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) where !["/healthz", "/readyz", "/metrics"].contains(path) {
            for (method, value) in item.sorted(by: { $0.key < $1.key }) {
                guard let operation = value as? [String: Any], ["get", "post"].contains(method) else { continue }
                let parameters = ((item["parameters"] as? [[String: Any]] ?? []) + (operation["parameters"] as? [[String: Any]] ?? [])).map(resolve)
                let query = parameters.filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String }
                operations.append((path, method, query, (operation["responses"] as? [String: Any])?["400"] != nil))
            }
        }
        #expect(operations.count >= 14)
        let app = Application(router: try APIServerTests.server().router())
        try await app.test(.live) { [operations] client in
            for (path, method, query, documents400) in operations {
                #expect(documents400, "\(method) \(path) does not document its 400")
                let uri = path.replacingOccurrences(of: "{month}", with: "2026-10") + "?undocumented=1"
                try await client.execute(uri: uri, method: method == "get" ? .get : .post, headers: APIServerTests.headers("admin")) { response in
                    let error = (APIServerTests.json(response.body) as? [String: Any])?["error"] as? [String: Any]
                    #expect(response.status == .badRequest, "\(method) \(path): \(String(buffer: response.body))")
                    #expect(error?["message"] as? String == "undocumented: unknown parameter; \(QueryParameters.takes(query))", "\(method) \(path)")
                }
            }
        }
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
