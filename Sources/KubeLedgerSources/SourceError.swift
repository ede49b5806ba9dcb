/// Why a source could not be read, each case naming what was asked, so a job status and a
/// log line say which upstream failed and how.
public enum SourceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The upstream answered with an HTTP error status.
    case http(url: String, status: Int, body: String)
    /// Prometheus answered `status: error` (`errorType` is bad_data, execution, timeout,
    /// canceled, internal, not_found, or what a newer server says).
    case prometheus(url: String, errorType: String, message: String)
    /// The answer is not what the API promises (truncated JSON, wrong result type, a bad value).
    case malformed(url: String, reason: String)
    /// No answer within the time allowed.
    case timeout(url: String, seconds: Double)
    /// No connection could be made (refused, unknown host, TLS handshake).
    case connection(url: String, reason: String)
    /// The connection failed once made (reset, lost mid-answer).
    case transport(url: String, reason: String)
    /// The run was cancelled (a graceful shutdown) before the answer came; not retried.
    case cancelled(url: String)
    /// A retriable error persisted through every attempt.
    case gaveUp(attempts: Int, last: String)
    /// A record of an import file is invalid; nothing of the file was kept.
    case badRecord(file: String, line: Int, field: String, reason: String)
    /// A file could not be read.
    case unreadable(file: String, reason: String)
    /// An IaaS job found no Kubernetes node of its cluster in the store, so it cannot tell
    /// the cluster's VMs from the others the account sees.
    case noKubernetesNodes(cluster: String)

    public var description: String {
        switch self {
        case let .http(url, status, body): "\(url): HTTP \(status)\(body.isEmpty ? "" : ": \(body)")"
        case let .prometheus(url, errorType, message): "\(url): Prometheus error \(errorType): \(message)"
        case let .malformed(url, reason): "\(url): malformed answer: \(reason)"
        case let .timeout(url, seconds): "\(url): no answer within \(seconds) s"
        case let .connection(url, reason): "could not connect to \(url): \(reason)"
        case let .transport(url, reason): "\(url): \(reason)"
        case let .cancelled(url): "\(url): request cancelled, the run is stopping"
        case let .gaveUp(attempts, last): "gave up after \(attempts) attempts: \(last)"
        case let .badRecord(file, line, field, reason): "\(file):\(line): \(field): \(reason); nothing of this file was imported"
        case let .unreadable(file, reason): "\(file): \(reason)"
        case let .noKubernetesNodes(cluster):
            "cluster \(cluster): no Kubernetes node is stored yet (cluster-metrics has not run, or found none), so no VM can be matched to the cluster; the IaaS job waits for it"
        }
    }

    /// Whether trying again may succeed: overload, outage and time-outs, not a bad query.
    public var isRetriable: Bool {
        switch self {
        case let .http(_, status, _): status == 429 || status >= 500
        case let .prometheus(_, errorType, _): ["timeout", "internal", "unavailable"].contains(errorType)
        case .timeout, .connection, .transport: true
        case .malformed: true
        case .cancelled, .gaveUp, .badRecord, .unreadable, .noKubernetesNodes: false
        }
    }
}
