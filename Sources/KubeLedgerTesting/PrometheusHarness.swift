import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KubeLedgerSimulator
import KubeLedgerSources

/// Test support, shared by the test targets: a real Prometheus (Debian's package) on 127.0.0.1, serving blocks that `promtool` built
/// from the simulator's OpenMetrics files. It is stopped by `stop()`, and in any case by
/// `timeout` after `lifetime` seconds (ten minutes by default), so no test leaves it running.
public final class PrometheusHarness: @unchecked Sendable {
    public let directory: URL
    public let port: Int
    private let process: Process

    public var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    enum HarnessError: Error, CustomStringConvertible {
        case promtool(String)
        case notReady(String)
        var description: String {
            switch self {
            case let .promtool(text): "promtool failed: \(text)"
            case let .notReady(text): "prometheus did not become ready: \(text)"
            }
        }
    }

    /// Writes the simulator's files, backfills them and starts Prometheus on a free port.
    public convenience init(simulator: Simulator, lifetime: Int = 600) async throws {
        try await self.init(lifetime: lifetime) { input in try simulator.writeFiles(to: input) }
    }

    /// Backfills OpenMetrics written for one test (series the simulator does not make, such
    /// as an upstream's own label layout) and starts Prometheus on a free port.
    public convenience init(openMetrics: String, lifetime: Int = 600) async throws {
        try await self.init(lifetime: lifetime) { input in
            let folder = input.appendingPathComponent("openmetrics")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try openMetrics.write(to: folder.appendingPathComponent("series.om"), atomically: true, encoding: .utf8)
        }
    }

    /// `write` puts the files under the given folder, OpenMetrics in its `openmetrics/`.
    private init(lifetime: Int, write: (URL) throws -> Void) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-prom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write(directory.appendingPathComponent("input"))
        let data = directory.appendingPathComponent("data")
        let openMetrics = directory.appendingPathComponent("input/openmetrics")
        for file in try FileManager.default.contentsOfDirectory(atPath: openMetrics.path).sorted() {
            let (status, output) = try Self.run("/usr/bin/promtool", ["tsdb", "create-blocks-from", "openmetrics", openMetrics.appendingPathComponent(file).path, data.path])
            guard status == 0 else { throw HarnessError.promtool(output) }
        }
        let config = directory.appendingPathComponent("prometheus.yml")
        try "global:\n  scrape_interval: 1m\nscrape_configs: []\n".write(to: config, atomically: true, encoding: .utf8)
        port = try Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [
            String(lifetime), "/usr/bin/prometheus", "--config.file=\(config.path)", "--storage.tsdb.path=\(data.path)",
            "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
        ]
        let log = directory.appendingPathComponent("prometheus.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try await waitUntilReady(log: log)
    }

    private func waitUntilReady(log: URL) async throws {
        let ready = url.appendingPathComponent("-/ready")
        let http = HTTPClient(timeout: .seconds(2), retry: RetryPolicy(attempts: 1))
        for _ in 0..<150 {
            if (try? await http.fetch(ready) { data, _ in data }) != nil { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        stop()
        throw HarnessError.notReady((try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// Stops Prometheus: SIGTERM to the process group `timeout` leads (Prometheus is in it),
    /// then SIGKILL to the group if anything is still there after ten seconds.
    /// (`Process.waitUntilExit` can spin forever off the main thread on Linux; polling cannot.)
    public func stop() {
        let group = -process.processIdentifier
        if process.isRunning {
            kill(group, SIGTERM)
            for _ in 0..<100 where process.isRunning { usleep(100_000) }
        }
        kill(group, SIGKILL)
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs a program to its end: its exit status and what it printed (both streams).
    public static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        while process.isRunning { usleep(10_000) }
        return (process.terminationStatus, output)
    }

    /// A port the kernel just handed out on 127.0.0.1 and that is free again.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
