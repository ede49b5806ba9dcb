import Foundation
import Hummingbird
import KubeLedgerCore

/// Query parameters read with a 400 that names the parameter when one is malformed.
struct QueryParameters {
    let request: Request

    func string(_ name: String) -> String? {
        request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
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
