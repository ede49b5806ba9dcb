import Foundation

/// Builds OpenMetrics text (one family after another, each series in time order) and
/// streams it to a file in large writes, since a large cluster's day runs to gigabytes.
struct OpenMetricsBuffer {
    private let handle: FileHandle
    private var bytes: [UInt8] = []
    private(set) var written = 0
    private(set) var samples = 0

    init(url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        bytes.reserveCapacity(1 << 21)
    }

    mutating func family(_ name: String, type: String, help: String) {
        append("# HELP \(name) \(help)\n# TYPE \(name) \(type)\n")
    }

    /// A sample line; `labels` is the rendered `{...}` part (see ``labels(_:)``).
    mutating func sample(_ name: String, _ labels: String, _ value: String, at seconds: Int64) {
        append(name)
        append(labels)
        bytes.append(0x20)
        append(value)
        bytes.append(0x20)
        append(String(seconds))
        bytes.append(0x0A)
        samples += 1
        if bytes.count >= 1 << 21 { flush() }
    }

    mutating func finish() throws {
        append("# EOF\n")
        flush()
        try handle.close()
    }

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func flush() {
        handle.write(Data(bytes))
        written += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    /// `{a="x",b="y"}` with OpenMetrics escaping of `\`, `"` and newlines.
    static func labels(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { key, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\(key)=\"\(escaped)\""
        }.joined(separator: ",") + "}"
    }

    /// A float as Prometheus prints it: shortest round-trip form.
    static func number(_ value: Double) -> String { value.description }
}
