import Foundation
import Hummingbird
import HummingbirdTesting
@testable import KubeLedgerServer
import Testing

/// Parameter hygiene over HTTP: a parameter a route does not take, one given twice or
/// empty is a 400 naming it; nothing is silently ignored.
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
}
