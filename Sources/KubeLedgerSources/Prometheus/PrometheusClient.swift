import Foundation

/// Reads `query_range` from a Prometheus-compatible API (a cluster's Prometheus, or Cloud
/// Temple's console metrics endpoint).
///
/// Long ranges are split so that no series exceeds Prometheus' 11,000 points per request,
/// and further into windows of at most `window` seconds; each window's answer is handed to
/// the caller before the next is fetched, so memory holds one window's answer at a time,
/// whatever the range.
public struct PrometheusClient: Sendable {
    public static let maxPointsPerSeries = 11_000

    public var baseURL: URL
    public var http: HTTPClient
    public var method: HTTPClient.Method
    /// Told of every request before it is sent (the benchmark replays them with curl).
    public var onRequest: (@Sendable (URL, [(String, String)]) -> Void)?

    public init(baseURL: URL, http: HTTPClient = HTTPClient(), method: HTTPClient.Method = .post) {
        self.baseURL = baseURL
        self.http = http
        self.method = method
    }

    var endpoint: URL { baseURL.appendingPathComponent("api/v1/query_range") }

    /// The series of `query` at steps `start, start + step, ... ≤ end` (Unix seconds).
    public func queryRange(_ query: String, start: Int64, end: Int64, step: Int64) async throws(SourceError) -> [MatrixSeries] {
        var series: [[String: String]: MatrixSeries] = [:]
        var order: [[String: String]] = []
        try await forEachWindow(query, start: start, end: end, step: step) { part in
            for item in part {
                if series[item.labels] == nil {
                    order.append(item.labels)
                    series[item.labels] = item
                } else {
                    series[item.labels]!.points += item.points
                }
            }
        }
        return order.map { series[$0]! }
    }

    /// Fetches the range window by window (each at most `window` seconds and
    /// ``maxPointsPerSeries`` steps) and calls `body` with each window's series in turn.
    public func forEachWindow(
        _ query: String, start: Int64, end: Int64, step: Int64, window: Int64? = nil,
        _ body: ([MatrixSeries]) throws(SourceError) -> Void
    ) async throws(SourceError) {
        precondition(step > 0, "step must be positive")
        let span = min(window ?? .max, step * Int64(Self.maxPointsPerSeries - 1))
        var from = start
        while from <= end {
            let to = min(end, from + span / step * step)
            let form = [("query", query), ("start", String(from)), ("end", String(to)), ("step", String(step))]
            onRequest?(endpoint, form)
            let answer = try await http.fetch(endpoint, method: method, form: form) { data, url throws(SourceError) in
                try MatrixResponse.decode(data, url: url)
            }
            try body(answer)
            from = to + step
        }
    }
}
