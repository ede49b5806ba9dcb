import ArgumentParser
import Foundation
import Synchronization
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerSimulator
import KubeLedgerSources
import KubeLedgerStore
import KubeLedgerTesting

/// `kubeledger bench`: measurements against baselines taken in the same run. Not tests:
/// they report figures, they do not pass or fail.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks, each reported against a baseline measured in the same run.",
        subcommands: [BenchIngest.self, BenchIngestWindow.self, BenchEdges.self, BenchDecode.self, BenchPricing.self, BenchRightSizing.self]
    )
}

/// Ingest from a real Prometheus against `curl` downloading the same answers.
struct BenchIngest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "cluster-metrics ingest of a simulated production cluster from a real Prometheus, against curl fetching the same queries.",
        discussion: """
            Simulates the cluster at a 5-minute scrape, backfills it with promtool, starts Prometheus on \
            127.0.0.1 and ingests the span once, untimed, to warm the server and record its requests. Then \
            curl replays those requests one after the other, and the ingest runs again, a day at a time into \
            a fresh store as `ingest` does. Reports the ratio of the two wall times, samples per second and \
            the peak memory after each day (it should stay flat).
            """
    )

    @Option(help: "Containers of the simulated production cluster.") var containers = 3000
    @Option(help: "Days ingested.") var days = 7
    @Option(help: "Seconds between scrapes.") var scrapeInterval: Int64 = 300
    @Option(parsing: .upToNextOption, help: "Windows (days) each ingested by a separate process, for its peak memory.")
    var windows: [Int] = [1, 2, 4, 7]
    @Flag(help: "Also time an ingest that reads one day at a time (no read beside the write), and run the windows so too.")
    var sequential = false
    @Flag(help: "Also run the windows with glibc's own arena limit (MALLOC_ARENA_MAX=16, 8 per core here) instead of kubeledger's 2.")
    var arenas = false

    func run() async throws {
        let clock = ContinuousClock()
        let from = Hour(containing: 1_790_899_200)  // 2026-10-02T00:00:00Z
        let simulator = try Simulator(SimulationOptions(
            clusterName: "bench", architecture: .production, seed: 1, from: from, to: from.advanced(by: 24 * days),
            containers: containers, scrapeInterval: scrapeInterval
        ))
        print(SimulationSummary(simulator.model).text)
        var started = clock.now
        let prometheus = try await PrometheusHarness(simulator: simulator, lifetime: 7200)
        defer { prometheus.stop() }
        print("simulated, backfilled and started Prometheus in \(clock.now - started)")
        let recorded = RequestLog()
        var client = PrometheusClient(baseURL: prometheus.url, http: HTTPClient(timeout: .seconds(600)))
        client.onRequest = { url, form in recorded.append(url, form) }
        let reader = ClusterMetricsReader(cluster: "bench", client: client, scrapeInterval: scrapeInterval)
        // A first, untimed ingest warms Prometheus and the page cache and records the
        // requests; then curl and the timed ingest meet the same warm server.
        started = clock.now
        _ = try await ingestOnce(reader, into: prometheus.directory.appendingPathComponent("warm.sqlite").path, from: from)
        let cold = clock.now - started
        let requests = recorded.requests
        started = clock.now
        for request in requests {
            var arguments = ["-s", "-o", "/dev/null", "--fail", "-X", "POST", request.url.absoluteString]
            for (name, value) in request.form { arguments += ["--data-urlencode", "\(name)=\(value)"] }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = arguments
            try process.run()
            while process.isRunning { try await Task.sleep(for: .milliseconds(2)) }
            guard process.terminationStatus == 0 else { throw ValidationError("curl failed on \(request.form[0].1)") }
        }
        let curl = clock.now - started
        started = clock.now
        let run = try await ingestOnce(reader, into: prometheus.directory.appendingPathComponent("bench.sqlite").path, from: from)
        let ingest = clock.now - started
        var oneAtATime: (Duration, Run)?
        if sequential {
            started = clock.now
            let run = try await ingestOnce(reader, into: prometheus.directory.appendingPathComponent("sequential.sqlite").path, from: from, overlap: false)
            oneAtATime = (clock.now - started, run)
        }
        let (samples, facts, reading, fetching, peaks) = (run.samples, run.facts, run.reading, run.fetching, run.peaks)
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        print(String(format: "ingest: %.2f s for %d days (%d requests, %d raw samples, %d facts); the first, cold run took %.2f s",
                     seconds(ingest), days, requests.count, samples, facts, seconds(cold)))
        print(String(format: "  reads: fetching and decoding %.2f s, converting %.2f s; writing the store %.2f s, beside the next read",
                     seconds(fetching), seconds(reading - fetching), seconds(run.writing)))
        print(String(format: "curl, same requests: %.2f s", seconds(curl)))
        print(String(format: "ratio ingest / curl: %.2f (goal <= 1.5)", seconds(ingest) / seconds(curl)))
        print(String(format: "raw samples per second: %.0f", Double(samples) / seconds(ingest)))
        print("peak resident memory after each day (MiB): \(peaks.map { String($0 / 1024) }.joined(separator: ", "))")
        if let (time, run) = oneAtATime {
            print(String(format: "one day at a time: %.2f s, ratio to curl %.2f (fetching and decoding %.2f s, writing %.2f s); reading beside writing saves %.0f %%",
                         seconds(time), seconds(time) / seconds(curl), seconds(run.fetching), seconds(run.writing), 100 * (1 - seconds(ingest) / seconds(time))))
        }
        // The process above also simulated and warmed up; a clean figure per window comes
        // from a fresh process that only ingests.
        var variants: [(name: String, arguments: [String], environment: [String: String])] = [("", [], [:])]
        if sequential { variants.append((", one day at a time", ["--sequential"], [:])) }
        if arenas {
            let cores = ProcessInfo.processInfo.activeProcessorCount
            variants.append((", glibc's \(8 * cores) arenas", [], ["MALLOC_ARENA_MAX": String(8 * cores)]))
        }
        for variant in variants {
            for window in windows where window <= days {
                let process = Process()
                let output = Pipe()
                process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
                process.arguments = [
                    "bench", "ingest-window", "--url", prometheus.url.absoluteString, "--from", String(from.start), "--days", String(window),
                    "--scrape-interval", String(scrapeInterval),
                    "--store", prometheus.directory.appendingPathComponent("window-\(window)-\(UUID().uuidString).sqlite").path,
                ] + variant.arguments
                process.environment = ProcessInfo.processInfo.environment.merging(variant.environment) { $1 }
                process.standardOutput = output
                try process.run()
                let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
                print("window of \(window) day(s), own process\(variant.name): \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
    }

    struct Run: Sendable {
        var samples = 0
        var facts = 0
        var reading = Duration.zero
        var fetching = Duration.zero
        var writing = Duration.zero
        var peaks: [Int] = []
    }

    /// One ingest of the span into a fresh store, as `ingest` runs it, with its timings.
    func ingestOnce(_ reader: ClusterMetricsReader, into path: String, from: Hour, overlap: Bool = true) async throws -> Run {
        let clock = ContinuousClock()
        var runner = IngestRunner(store: try LedgerStore(path: path), lookback: 0, settle: 0, start: from.start)
        runner.overlapReads = overlap
        let tally = Tally()
        var peaks: [Int] = []
        let outcome = await runner.run(job: "cluster-metrics", cluster: "bench", now: from.start + Int64(days) * 86_400) { hours in
            let started = clock.now
            let (batch, report) = try await reader.read(hours: hours)
            let elapsed = clock.now - started
            tally.run.withLock {
                $0.reading += elapsed
                $0.fetching += report.fetching
                $0.samples += batch.rawSeries.reduce(0) { $0 + $1.samples.count }
            }
            return batch
        } progress: { _ in peaks.append(Self.peakResidentKiB()) }
        if let error = outcome.error { throw ValidationError("ingest failed: \(error)") }
        var run = tally.run.withLock { $0 }
        run.facts = outcome.facts
        run.peaks = peaks
        run.writing = outcome.writing
        return run
    }

    /// What the reads of one ingest add up to, as they run beside its writes.
    final class Tally: Sendable {
        let run = Mutex(Run())
    }

    static func peakResidentKiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
}

/// One ingest window in a process of its own, so its peak memory is the ingest's alone.
struct BenchIngestWindow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest-window", abstract: "One window of `bench ingest`, run by it in a separate process.", shouldDisplay: false
    )

    @Option var url: String
    @Option var from: Int64
    @Option var days: Int
    @Option var scrapeInterval: Int64 = 300
    @Option var store: String
    @Flag var sequential = false

    func run() async throws {
        guard let base = URL(string: url) else { throw ValidationError("--url: not a URL: \(url)") }
        let clock = ContinuousClock()
        let reader = ClusterMetricsReader(
            cluster: "bench", client: PrometheusClient(baseURL: base, http: HTTPClient(timeout: .seconds(600))), scrapeInterval: scrapeInterval
        )
        let started = clock.now
        var bench = BenchIngest()
        bench.days = days
        let run = try await bench.ingestOnce(reader, into: store, from: Hour(containing: from), overlap: !sequential)
        let elapsed = clock.now - started
        print("\(run.samples) raw samples in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))), "
              + "peak resident \(BenchIngest.peakResidentKiB() / 1024) MiB")
    }
}

/// The requests an ingest made, in order.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var requests: [(url: URL, form: [(String, String)])] = []

    func append(_ url: URL, _ form: [(String, String)]) {
        lock.lock()
        requests.append((url, form))
        lock.unlock()
    }
}

/// The matrix decoding of one saved Prometheus answer: the scanner against `JSONDecoder`.
struct BenchDecode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode a saved query_range answer with the scanner and with JSONDecoder, and compare."
    )

    @Argument(help: "A query_range answer saved with curl.") var file: String
    @Option(help: "Decodings of each kind.") var repetitions = 20

    func run() async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let clock = ContinuousClock()
        let reference = try MatrixDecoding.foundation(data)
        guard try MatrixDecoding.scanner(data) == reference else { throw ValidationError("the two decodings differ on \(file)") }
        var timings: [(String, Duration)] = []
        for (name, decode) in [("JSONDecoder", MatrixDecoding.foundation), ("scanner", MatrixDecoding.scanner)] {
            let started = clock.now
            for _ in 0..<repetitions { _ = try decode(data) }
            timings.append((name, (clock.now - started) / repetitions))
        }
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let megabytes = Double(data.count) / 1_048_576
        for (name, time) in timings {
            print(String(format: "%@: %.1f ms per decoding, %.0f MiB/s", name, seconds(time) * 1000, megabytes / seconds(time)))
        }
        print(String(format: "scanner is %.1fx faster, %d series, %d points, same result", seconds(timings[0].1) / seconds(timings[1].1),
                     reference.count, reference.reduce(0) { $0 + $1.points.count }))
    }
}
