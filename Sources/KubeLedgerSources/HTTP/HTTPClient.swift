import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches from an upstream over HTTP with auth, a time limit per request and bounded retries.
///
/// Built on Foundation's `URLSession` (libcurl on Linux), which covers what the sources
/// need (GET and form POST, Basic and Bearer auth, timeouts) without another dependency.
public struct HTTPClient: Sendable {
    public var auth: HTTPAuth
    public var timeout: Duration
    public var retry: RetryPolicy

    public init(auth: HTTPAuth = .none, timeout: Duration = .seconds(60), retry: RetryPolicy = RetryPolicy()) {
        self.auth = auth
        self.timeout = timeout
        self.retry = retry
    }

    public enum Method: String, Sendable { case get = "GET", post = "POST" }

    /// Sends the request, retrying what ``SourceError/isRetriable`` allows, and hands the body
    /// of a 2xx answer to `decode`; a decoding error that is retriable is retried too.
    public func fetch<T: Sendable>(
        _ url: URL, method: Method = .get, form: [(String, String)] = [], headers: [String: String] = [:],
        decode: @Sendable (Data, String) throws(SourceError) -> T
    ) async throws(SourceError) -> T {
        let clock = ContinuousClock()
        let started = clock.now
        var attempt = 0
        while true {
            attempt += 1
            // A cancelled run (a shutdown) starts no new request, first or retry.
            if Task.isCancelled { throw .cancelled(url: url.absoluteString) }
            do {
                let data = try await once(url, method: method, form: form, headers: headers)
                return try decode(data, url.absoluteString)
            } catch {
                guard error.isRetriable, !Task.isCancelled else { throw Task.isCancelled ? .cancelled(url: url.absoluteString) : error }
                if attempt >= retry.attempts || clock.now - started >= retry.budget {
                    throw attempt == 1 ? error : .gaveUp(attempts: attempt, last: error.description)
                }
                try? await Task.sleep(for: retry.delay(after: attempt))
            }
        }
    }

    /// A session that keeps no answers: query answers are read once, and a response cache
    /// (URLSession.shared has one) would only hold memory.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        return URLSession(configuration: configuration)
    }()

    /// Sends one request on ``session``, cancelling its URLSession task when the awaiting
    /// task is cancelled, so a shutdown does not wait for a stalled upstream's time-out.
    static func send(_ request: URLRequest) async throws -> (Data, URLResponse) {
        let handle = CancellableDataTask()
        return try await withTaskCancellationHandler {
            try Task.checkCancellation()
            return try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request) { data, response, error in
                    if let data, let response, error == nil {
                        continuation.resume(returning: (data, response))
                    } else {
                        continuation.resume(throwing: error ?? URLError(.badServerResponse))
                    }
                }
                handle.start(task)
            }
        } onCancel: {
            handle.cancel()
        }
    }

    /// One attempt: a 2xx body, or the error the answer amounts to.
    func once(_ url: URL, method: Method, form: [(String, String)], headers: [String: String]) async throws(SourceError) -> Data {
        var request = URLRequest(url: url)
        if method == .get, !form.isEmpty, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            components.percentEncodedQueryItems = (components.percentEncodedQueryItems ?? []) + form.map {
                URLQueryItem(name: Self.formEncode($0.0), value: Self.formEncode($0.1))
            }
            if let target = components.url { request = URLRequest(url: target) }
        }
        request.httpMethod = method.rawValue
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        request.timeoutInterval = seconds
        if method == .post {
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(form.map { Self.formEncode($0.0) + "=" + Self.formEncode($0.1) }.joined(separator: "&").utf8)
        }
        if let authorization = auth.header { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let name = url.absoluteString
        let result: (Data, URLResponse)
        let prepared = request
        do {
            result = try await withDeadline(timeout) { try await Self.send(prepared) }
        } catch let error as SourceError {
            throw error
        } catch _ where Task.isCancelled {
            throw .cancelled(url: name)
        } catch let error as URLError where error.code == .timedOut {
            throw .timeout(url: name, seconds: seconds)
        } catch is DeadlineExceeded {
            throw .timeout(url: name, seconds: seconds)
        } catch {
            throw TransportFailure.error(error, url: name)
        }
        guard let response = result.1 as? HTTPURLResponse else { throw .malformed(url: name, reason: "not an HTTP answer") }
        guard (200..<300).contains(response.statusCode) else {
            throw Self.statusError(url: name, status: response.statusCode, body: result.0)
        }
        return result.0
    }

    /// A non-2xx answer: Prometheus' error document when the body is one, else the status.
    static func statusError(url: String, status: Int, body: Data) -> SourceError {
        if let document = try? JSONDecoder().decode(PrometheusErrorDocument.self, from: body), document.status == "error" {
            return .prometheus(url: url, errorType: document.errorType ?? "unknown", message: document.error ?? "")
        }
        return .http(url: url, status: status, body: String(decoding: body.prefix(200), as: UTF8.self))
    }

    /// `application/x-www-form-urlencoded` escaping (RFC 3986 unreserved characters kept).
    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

struct PrometheusErrorDocument: Decodable {
    let status: String
    let errorType: String?
    let error: String?
}

struct DeadlineExceeded: Error {}

/// Runs `work`, abandoning it once `limit` has passed (URLSession's own timeout only
/// covers idle time, not a server that trickles bytes).
func withDeadline<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw DeadlineExceeded()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
