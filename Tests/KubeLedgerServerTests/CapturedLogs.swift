import Logging
import Synchronization

/// The messages a logger emitted, so a test can check what the service said.
final class CapturedLogs: Sendable {
    private let kept = Mutex<[String]>([])

    var messages: [String] { kept.withLock { $0 } }

    func append(_ message: String) { kept.withLock { $0.append(message) } }

    /// A handler that keeps every message in `self`.
    var handler: Handler { Handler(logs: self) }

    struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) { logs.append(event.message.description) }
    }
}
