import Foundation
import Hummingbird
import HummingbirdTesting
@testable import KubeLedgerServer
import Testing

/// Parameter hygiene over HTTP: a parameter a route does not take, one given twice or
/// empty is a 400 naming it; an unknown tenant or namespace is a 404 naming it; nothing
/// is silently ignored, and a tenant token learns no other tenant's names.
@Suite struct APIParameterTests {
    typealias Client = any TestClientProtocol

    static func error(_ buffer: ByteBuffer) -> (code: String, message: String) {
        let error = (APIServerTests.json(buffer) as? [String: Any])?["error"] as? [String: Any]
        return (error?["code"] as? String ?? "", error?["message"] as? String ?? "")
    }

    /// The status, error code and message of a request.
    static func answer(_ client: Client, _ uri: String, method: HTTPRequest.Method = .get, role: String = "viewer")
        async throws -> (status: HTTPResponse.Status, code: String, message: String, body: String) {
        var headers = APIServerTests.headers(role)
        var body: ByteBuffer?
        if method == .post, uri.hasPrefix("/grafana") {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: #"{"range":{"from":"2026-10-01T00:00:00Z","to":"2026-10-02T00:00:00Z"},"targets":[]}"#)
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            let (code, message) = Self.error(response.body)
            return (response.status, code, message, String(buffer: response.body))
        }
    }

    static let range = "from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z"

    @Test("a parameter the route does not take is a 400 naming it and what the route takes, on every route")
    func unknownParameters() async throws {
        let app = Application(router: try APIServerTests.server().router())
        try await app.test(.live) { client in
            let cases: [(String, HTTPRequest.Method, String)] = [
                ("/api/v1/rightsizing?window=5d", .get, "window: unknown parameter; this endpoint takes cluster, tenant, namespace, format"),
                ("/api/v1/capacity/plan?format=csv", .get, "format: unknown parameter; this endpoint takes cluster, architecture, horizon"),
                ("/api/v1/costs?\(Self.range)&clustr=api", .get,
                 "clustr: unknown parameter; this endpoint takes from, to, aggregate, step, cluster, tenant, namespace"),
                // Names are read percent-decoded, as values are.
                ("/api/v1/costs?\(Self.range)&clust%65r=api&x%20y=1", .get,
                 "x y: unknown parameter; this endpoint takes from, to, aggregate, step, cluster, tenant, namespace"),
                ("/api/v1/invoices/2026-10?namespace=acme-search", .get, "namespace: unknown parameter; this endpoint takes format, cluster, tenant"),
                ("/api/v1/reconciliation?\(Self.range)&tenant=acme", .get, "tenant: unknown parameter; this endpoint takes from, to, cluster"),
                ("/api/v1/ingest/status?cluster=api", .get, "cluster: unknown parameter; this endpoint takes no query parameters"),
                // A cache-busting parameter (jQuery's `_`) is no exception.
                ("/api/v1/rightsizing?_=1790812800000", .get, "_: unknown parameter; this endpoint takes cluster, tenant, namespace, format"),
                ("/api/v1/invoices/2026-10/close?format=json", .post, "format: unknown parameter; this endpoint takes cluster"),
                // The Grafana datasource sends JSON bodies; a query parameter there is read by nothing.
                ("/grafana?test=1", .get, "test: unknown parameter; this endpoint takes no query parameters"),
                ("/grafana/query?from=now-7d", .post, "from: unknown parameter; this endpoint takes no query parameters"),
                ("/api/v1/costs?\(Self.range)&=x", .get, "query: a value without a parameter name (\"=x\"); this endpoint takes from, to, aggregate, step, cluster, tenant, namespace"),
            ]
            for (uri, method, message) in cases {
                let role = method == .post && uri.hasPrefix("/api") ? "admin" : "viewer"
                let answer = try await Self.answer(client, uri, method: method, role: role)
                #expect(answer.status == .badRequest && answer.code == "bad_parameter", "\(uri): \(answer.body)")
                #expect(answer.message == message, "\(uri)")
            }
            // The refused close answered 400 before closing anything: October still closes.
            #expect(try await Self.answer(client, "/api/v1/invoices/2026-10/close", method: .post, role: "admin").status == .ok)
            // A stray `&` carries no parameter and is no error.
            #expect(try await Self.answer(client, "/api/v1/rightsizing?&cluster=api&").status == .ok)
        }
    }

    @Test("a parameter given twice or empty is a 400 naming it, never one value silently chosen or every cluster answered")
    func repeatedAndEmptyParameters() async throws {
        let app = Application(router: try APIServerTests.server().router())
        try await app.test(.live) { client in
            let cases: [(String, String)] = [
                ("/api/v1/rightsizing?cluster=api&cluster=other", "cluster: given more than once; give it once"),
                ("/api/v1/costs?\(Self.range)&tenant=acme&tenant=acme", "tenant: given more than once; give it once"),
                ("/api/v1/costs?\(Self.range)&from=2026-10-02T00:00:00Z", "from: given more than once; give it once"),
                ("/api/v1/invoices/2026-10?format=json&format=csv", "format: given more than once; give it once"),
                ("/api/v1/rightsizing?cluster=", "cluster: must not be empty; leave it out for the default"),
                ("/api/v1/rightsizing?namespace", "namespace: must not be empty; leave it out for the default"),
                ("/api/v1/costs?\(Self.range)&tenant=", "tenant: must not be empty; leave it out for the default"),
                ("/api/v1/costs?from=&to=2026-10-03T00:00:00Z", "from: must not be empty; leave it out for the default"),
                ("/api/v1/invoices/2026-10?cluster=", "cluster: must not be empty; leave it out for the default"),
                ("/api/v1/capacity/plan?horizon=", "horizon: must not be empty; leave it out for the default"),
            ]
            for (uri, message) in cases {
                let answer = try await Self.answer(client, uri)
                #expect(answer.status == .badRequest && answer.code == "bad_parameter", "\(uri): \(answer.body)")
                #expect(answer.message == message, "\(uri)")
            }
            // A tenant token's empty tenant is refused too, not read as its own.
            let empty = try await Self.answer(client, "/api/v1/rightsizing?tenant=", role: "tenant:acme")
            #expect(empty.status == .badRequest && empty.message.hasPrefix("tenant: must not be empty"))
        }
    }

    @Test("an unknown tenant or namespace is a 404 naming it and the known ones, on every route that takes them")
    func unknownTenantAndNamespace() async throws {
        let app = Application(router: try APIServerTests.server().router())
        try await app.test(.live) { client in
            let tenants = "(tenants: __idle__, __unassigned__, acme, globex)"
            for uri in ["/api/v1/rightsizing?tenant=nosuch", "/api/v1/costs?\(Self.range)&tenant=nosuch", "/api/v1/invoices/2026-10?tenant=nosuch",
                        "/api/v1/invoices/2026-10?format=json&cluster=api&tenant=nosuch"] {
                let answer = try await Self.answer(client, uri)
                #expect(answer.status == .notFound && answer.code == "not_found", "\(uri): \(answer.body)")
                #expect(answer.message == "tenant: no tenant \"nosuch\" in cluster api \(tenants)", "\(uri)")
            }
            for uri in ["/api/v1/rightsizing?namespace=nosuch", "/api/v1/costs?\(Self.range)&namespace=nosuch&aggregate=namespace"] {
                let answer = try await Self.answer(client, uri)
                #expect(answer.status == .notFound && answer.code == "not_found", "\(uri): \(answer.body)")
                #expect(answer.message.hasPrefix("namespace: no namespace \"nosuch\" in cluster api (namespaces: "), "\(uri): \(answer.message)")
                #expect(answer.message.contains("kube-system") && answer.message.contains("globex"), "\(answer.message)")
            }
            // The unknown cluster answers as before, and comes first.
            let cluster = try await Self.answer(client, "/api/v1/rightsizing?cluster=nope&tenant=nosuch")
            #expect(cluster.status == .notFound && cluster.message == "cluster: no cluster \"nope\"")
        }
    }

    @Test("a known tenant or namespace without data in the range is an empty answer, not an error; the pseudo tenants are always valid")
    func knownButEmpty() async throws {
        let app = Application(router: try APIServerTests.server().router())
        try await app.test(.live) { client in
            // September holds no hour of the test store.
            for query in ["tenant=acme", "namespace=kube-system", "tenant=__unassigned__", "tenant=__idle__"] {
                let answer = try await Self.answer(client, "/api/v1/costs?from=2026-09-01T00:00:00Z&to=2026-09-03T00:00:00Z&\(query)")
                #expect(answer.status == .ok, "\(query): \(answer.body)")
                let series = (APIServerTests.json(ByteBuffer(string: answer.body)) as? [String: Any])?["series"] as? [Any]
                #expect(series?.isEmpty == true, "\(query): \(answer.body.prefix(300))")
            }
            // No workload is idle capacity: an empty right-sizing, not a 404.
            let idle = try await Self.answer(client, "/api/v1/rightsizing?tenant=__idle__")
            #expect(idle.status == .ok && idle.body == "[]", "\(idle.body.prefix(300))")
            // A known tenant with a namespace of another: a normal, empty answer.
            let crossed = try await Self.answer(client, "/api/v1/rightsizing?tenant=acme&namespace=kube-system")
            #expect(crossed.status == .ok && crossed.body == "[]", "\(crossed.body.prefix(300))")
        }
    }

    @Test("a tenant token asking for an unknown tenant gets the 403 of any other tenant; unknown and other tenants' namespaces look alike")
    func tenantTokens() async throws {
        let app = Application(router: try APIServerTests.server().router())
        try await app.test(.live) { client in
            for uri in ["/api/v1/rightsizing?tenant=nosuch", "/api/v1/rightsizing?tenant=globex", "/api/v1/costs?\(Self.range)&tenant=nosuch",
                        "/api/v1/invoices/2026-10?tenant=nosuch"] {
                let answer = try await Self.answer(client, uri, role: "tenant:acme")
                #expect(answer.status == .forbidden && answer.code == "forbidden", "\(uri): \(answer.body)")
                #expect(answer.message == "tenant: a token of tenant acme sees only tenant acme", "\(uri)")
            }
            // Its own tenant, named or not, is fine.
            #expect(try await Self.answer(client, "/api/v1/rightsizing?tenant=acme", role: "tenant:acme").status == .ok)
            // Another tenant's namespace is as unknown to it as a typo; the list is its own namespaces only.
            var messages: [String] = []
            for namespace in ["nosuch", "kube-system"] {
                let answer = try await Self.answer(client, "/api/v1/rightsizing?namespace=\(namespace)", role: "tenant:acme")
                #expect(answer.status == .notFound && answer.code == "not_found", "\(namespace): \(answer.body)")
                #expect(answer.message.hasPrefix("namespace: no namespace \"\(namespace)\" of tenant acme in cluster api (namespaces: acme"), "\(answer.message)")
                #expect(!answer.body.contains("globex") && !answer.body.contains("__unassigned__"), "\(answer.body)")
                messages.append(answer.message.replacingOccurrences(of: namespace, with: "X"))
            }
            #expect(messages[0] == messages[1])
            let own = try await Self.answer(client, "/api/v1/costs?\(Self.range)", role: "tenant:acme")
            let firstNamespace = messages[0].split(separator: "namespaces: ").last?.split(separator: ",").first.map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ")")) }
            #expect(own.status == .ok && firstNamespace?.hasPrefix("acme") == true)
            if let firstNamespace {
                #expect(try await Self.answer(client, "/api/v1/rightsizing?namespace=\(firstNamespace)", role: "tenant:acme").status == .ok)
            }
        }
    }
}
