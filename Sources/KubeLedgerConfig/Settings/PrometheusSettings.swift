import Foundation

/// A cluster's Prometheus HTTP API (inputs.md §1).
public struct PrometheusSettings: Sendable, Equatable {
    /// Base URL, http or https; `/api/v1/query_range` is appended to it.
    public var url: URL
    public var auth: SourceAuth

    public init(url: URL, auth: SourceAuth = .none) {
        self.url = url
        self.auth = auth
    }
}
