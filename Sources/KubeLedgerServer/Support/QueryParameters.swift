import Foundation
import Hummingbird
import KubeLedgerCore

/// The query of a request, checked against the parameters its route takes before anything
/// is read, so that no input is silently ignored: a parameter the route does not take, one
/// given twice and one given empty are each a 400 naming it, and a malformed value is a 400
/// naming it too. The one place routes read their query parameters.
struct QueryParameters {
    /// What the route takes, in the order its errors list them.
    let names: [String]
    private let values: [String: String]

    /// Reads `request`'s query for a route that takes `names`. `refused` answers a parameter
    /// a caller might expect the route to take with the reason it does not (a close takes no
    /// tenant), instead of the generic "unknown parameter".
    init(_ request: Request, takes names: [String], refused: [String: String] = [:]) throws {
        self.names = names
        var values: [String: String] = [:]
        for (rawName, value) in request.uri.queryParameters {
            // Hummingbird decodes values, not names: `clust%65r` is `cluster`.
            let name = String(rawName).removingPercentEncoding ?? String(rawName)
            if name.isEmpty {
                // `?&cluster=a` or a trailing `&` carries nothing; `?=a` is a value without a name.
                if value.isEmpty { continue }
                throw APIError.badParameter("query", "a value without a parameter name (\"=\(value)\"); \(Self.takes(names))")
            }
            if let reason = refused[name] { throw APIError.badParameter(name, reason) }
            guard names.contains(name) else { throw APIError.badParameter(name, "unknown parameter; \(Self.takes(names))") }
            guard values[name] == nil else { throw APIError.badParameter(name, "given more than once; give it once") }
            guard !value.isEmpty else { throw APIError.badParameter(name, "must not be empty; leave it out for the default") }
            values[name] = String(value)
        }
        self.values = values
    }

    /// What a route takes, said in its errors.
    static func takes(_ names: [String]) -> String {
        names.isEmpty ? "this endpoint takes no query parameters" : "this endpoint takes \(names.joined(separator: ", "))"
    }

    /// The value of `name`, nil when absent; `name` must be one the route takes.
    func string(_ name: String) -> String? {
        assert(names.contains(name), "a route read the query parameter \(name), which it does not declare")
        return values[name]
    }

    /// The value of `name` when the route takes it, nil otherwise: for what several routes share.
    func ifTaken(_ name: String) -> String? {
        names.contains(name) ? values[name] : nil
    }

    func required(_ name: String) throws -> String {
        guard let value = string(name) else { throw APIError.badParameter(name, "is required") }
        return value
    }

    /// RFC 3339 or Unix milliseconds (what Grafana's `$__from` and `$__to` give), in seconds.
    func time(_ name: String) throws -> Int64 {
        let text = try required(name)
        if text.allSatisfy(\.isNumber), let milliseconds = Int64(text) { return milliseconds / 1000 }
        guard let seconds = UTCTime.parse(text) else {
            throw APIError.badParameter(name, "expected RFC 3339 (2026-10-01T00:00:00Z) or Unix milliseconds, found \"\(text)\"")
        }
        return seconds
    }

    func choice<T>(_ name: String, _ options: [String: T], default value: T) throws -> T {
        guard let text = string(name) else { return value }
        guard let chosen = options[text] else {
            throw APIError.badParameter(name, "expected one of \(options.keys.sorted().joined(separator: ", ")), found \"\(text)\"")
        }
        return chosen
    }
}

/// For route groups whose input is a JSON body (`/grafana`, what the simPod datasource
/// posts): any query parameter is one nothing reads, so it is a 400 naming it.
struct NoQueryParameters<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        _ = try QueryParameters(request, takes: [])
        return try await next(request, context)
    }
}
