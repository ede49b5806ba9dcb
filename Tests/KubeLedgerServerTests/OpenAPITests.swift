import Foundation
import Hummingbird
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
