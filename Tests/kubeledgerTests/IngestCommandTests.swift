import Foundation
import KubeLedgerCore
import KubeLedgerSimulator
import KubeLedgerStore
import KubeLedgerTesting
import Testing

/// `kubeledger ingest` as a user runs it, against a real Prometheus and an import file.
@Suite(.serialized) struct IngestCommandTests {
    static let from = Hour(containing: 1_793_577_600)  // 2026-11-02T00:00:00Z

    /// Samples are kept for ten years: retention counts back from the real clock, and the
    /// data is of November 2026, so the default 35 days would delete more of it the later
    /// the test runs (and differently in two runs a few minutes apart).
    static func config(store: String, prometheus: URL, records: String) -> String {
        """
        store: { path: \(store), raw_retention_days: 3650 }
        clusters:
          - name: it-devtest
            architecture: devtest
            prometheus: { url: \(prometheus.absoluteString) }
            iaas: { type: file, path: \(records) }
        ingest: { start: "\(from)", lookback: 2h, settle: 10m }
        """
    }

    /// Everything a run leaves in the store, except when it ran.
    struct Dump: Equatable {
        var nodeHours: [NodeHour]
        var containerHours: [ContainerHour]
        var pvcHours: [PVCHour]
        var namespaceHours: [NamespaceHour]
        var cpu: [RawSeries]
        var memory: [RawSeries]
        var costs: [CostRow]
        var coverage: Coverage

        init(_ path: String) throws {
            let store = try LedgerStore(path: path)
            let hours = HourRange(from: IngestCommandTests.from, to: IngestCommandTests.from.advanced(by: 24 * 60))
            nodeHours = try store.nodeHours(cluster: "it-devtest", hours: hours)
            containerHours = try store.containerHours(cluster: "it-devtest", hours: hours)
            pvcHours = try store.pvcHours(cluster: "it-devtest", hours: hours)
            namespaceHours = try store.namespaceHours(cluster: "it-devtest", hours: hours)
            cpu = try store.rawSeries(cluster: "it-devtest", metric: .cpuUsage, fromStep: 0, toStep: .max)
            memory = try store.rawSeries(cluster: "it-devtest", metric: .memoryWorkingSet, fromStep: 0, toStep: .max)
            costs = try store.costRows(cluster: "it-devtest", hours: hours, by: .controller) + store.costRows(cluster: "it-devtest", hours: hours, by: .node)
            coverage = try store.coverage(cluster: "it-devtest", hours: hours)
        }

        /// What differs from `other`, field by field, with a first differing element: a
        /// failure message a person can read (the dumps themselves run to megabytes).
        func differences(from other: Dump) -> String {
            func compare<T: Equatable>(_ name: String, _ mine: [T], _ theirs: [T]) -> String? {
                guard mine != theirs else { return nil }
                let first = zip(mine, theirs).first { $0 != $1 }
                return "\(name): \(mine.count) against \(theirs.count)" + (first.map { ", first differing: \($0.0) against \($0.1)" } ?? "")
            }
            func samples(_ name: String, _ mine: [RawSeries], _ theirs: [RawSeries]) -> String? {
                guard mine != theirs else { return nil }
                guard let (one, two) = zip(mine, theirs).first(where: { $0 != $1 }), one.ref == two.ref else { return compare(name, mine.map(\.ref), theirs.map(\.ref)) }
                let first = zip(one.samples, two.samples).first { $0 != $1 }
                return "\(name) of \(one.ref.namespace)/\(one.ref.pod)/\(one.ref.container): \(one.samples.count) samples against \(two.samples.count)"
                    + (first.map { ", first differing: \($0.0) against \($0.1)" } ?? "")
                    + ", steps \(one.samples.first?.step ?? 0)...\(one.samples.last?.step ?? 0) against \(two.samples.first?.step ?? 0)...\(two.samples.last?.step ?? 0)"
            }
            return [
                compare("nodeHours", nodeHours, other.nodeHours), compare("containerHours", containerHours, other.containerHours),
                compare("pvcHours", pvcHours, other.pvcHours), compare("namespaceHours", namespaceHours, other.namespaceHours),
                samples("cpu", cpu, other.cpu), samples("memory", memory, other.memory), compare("costs", costs, other.costs),
                coverage == other.coverage ? nil : "coverage: \(coverage) against \(other.coverage)",
            ].compactMap { $0 }.joined(separator: "; ")
        }
    }

    @Test("ingest fills the store from Prometheus and the file; killed at any point and run again, it ends as one uninterrupted run")
    func crashSafety() async throws {
        let simulator = try Simulator(SimulationOptions(
            clusterName: "it-devtest", architecture: .devtest, seed: 5, from: Self.from, to: Self.from.advanced(by: 72), containers: 25,
            scrapeInterval: 60
        ))
        let prometheus = try await PrometheusHarness(simulator: simulator)
        defer { prometheus.stop() }
        let records = prometheus.directory.appendingPathComponent("input/iaas/records.jsonl").path
        let work = try CommandRunner.temporaryFile("x").deletingLastPathComponent()
        func configFile(_ name: String) throws -> String {
            let store = work.appendingPathComponent("\(name).sqlite").path
            let url = work.appendingPathComponent("\(name).yaml")
            try Self.config(store: store, prometheus: prometheus.url, records: records).write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        // The uninterrupted run.
        let clock = ContinuousClock()
        let started = clock.now
        let reference = try CommandRunner.run(["ingest", "--config", try configFile("reference")])
        let duration = clock.now - started
        #expect(reference.status == 0, "\(reference.stderr)")
        #expect(reference.stdout.contains("cluster-metrics it-devtest: 2026-11-02T00:00:00Z to"))
        #expect(reference.stdout.contains("iaas it-devtest: 2026-11-02T00:00:00Z to 2026-11-05T00:00:00Z"))
        let expected = try Dump(work.appendingPathComponent("reference.sqlite").path)
        let truth = simulator.days.map { simulator.facts(day: $0, rawSince: nil) }.reduce(into: FactBatch()) { $0.append(contentsOf: $1) }
        #expect(expected.nodeHours.count == truth.nodeHours.count)
        #expect(Set(expected.nodeHours) == Set(truth.nodeHours))
        #expect(expected.namespaceHours.count == truth.namespaceHours.count)
        #expect(expected.containerHours.count == truth.containerHours.count)
        #expect(!expected.cpu.isEmpty)
        #expect(expected.coverage.pricedHours == 72 && !expected.costs.isEmpty, "every ingested hour is priced")

        // Killed with SIGKILL at several points of the run, then run again to the end.
        var interrupted = 0
        // Kill points within the first three quarters of the reference run: a warm rerun is
        // faster than the reference, so a later point can land after it ended.
        for (index, fraction) in [0.1, 0.25, 0.4, 0.55, 0.75].enumerated() {
            let config = try configFile("killed-\(index)")
            let process = Process()
            process.executableURL = CommandRunner.executable
            process.arguments = ["ingest", "--config", config]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            try await Task.sleep(for: duration * fraction)
            kill(process.processIdentifier, SIGKILL)
            for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            let path = work.appendingPathComponent("killed-\(index).sqlite").path
            if try !FileManager.default.fileExists(atPath: path) || Dump(path) != expected { interrupted += 1 }
            let rerun = try CommandRunner.run(["ingest", "--config", config])
            #expect(rerun.status == 0, "\(rerun.stderr)")
            let dump = try Dump(work.appendingPathComponent("killed-\(index).sqlite").path)
            #expect(dump == expected, "killed at \(fraction) of the run: the store differs from an uninterrupted run: \(dump.differences(from: expected))")
        }
        #expect(interrupted >= 3, "the kills must land before the run ends")
    }

    @Test("ingest names a missing config, an unknown cluster, and refuses half a span")
    func badInput() throws {
        let missing = try CommandRunner.run(["ingest", "--config", "/nonexistent/kubeledger.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/kubeledger.yaml"))
        let half = try CommandRunner.run(["ingest", "--from", "2026-11-01"])
        #expect(half.status != 0)
        #expect(half.stderr.contains("--from and --to go together"))
    }

    @Test("plain lines say each day's hours and facts; an unchanged import file is skipped, saying so, unless a span is asked")
    func plainLinesAndUnchangedFile() throws {
        let records = try CommandRunner.temporaryFile("records.jsonl", contents: (0..<3).map { hour in
            #"{"hour":"2026-11-02T0\#(hour):00:00Z","cluster":"it-devtest","vm_id":"a","vm_name":"w1","role":"worker","zone":"AZ05","vcpus":12,"memory_gib":24,"running":1,"disks":[]}"#
        }.joined(separator: "\n"))
        let store = records.deletingLastPathComponent().appendingPathComponent("s.sqlite").path
        let config = try CommandRunner.temporaryFile("kubeledger.yaml", contents: Self.config(store: store, prometheus: URL(string: "http://127.0.0.1:9")!, records: records.path))
        let ingest = ["ingest", "--config", config.path, "--job", "iaas"]
        let first = try CommandRunner.run(ingest)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("iaas it-devtest: day 1/1 stored, 2026-11-02T00:00:00Z to 2026-11-02T03:00:00Z, 3 facts"), "\(first.stderr)")
        #expect(first.stdout.contains("iaas it-devtest: 2026-11-02T00:00:00Z to 2026-11-02T03:00:00Z, 3 facts from \(records.path)"), "\(first.stdout)")
        let again = try CommandRunner.run(ingest)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("iaas it-devtest: \(records.path) unchanged since its last import; skipped"), "\(again.stdout)")
        #expect(!again.stderr.contains("stored") && !again.stdout.contains("hours priced"), "\(again.stderr)\n\(again.stdout)")
        let span = try CommandRunner.run(ingest + ["--from", "2026-11-02T00:00:00Z", "--to", "2026-11-02T02:00:00Z"])
        #expect(span.status == 0, "\(span.stderr)")
        #expect(span.stderr.contains("iaas it-devtest: day 1/1 stored, 2026-11-02T00:00:00Z to 2026-11-02T02:00:00Z, 2 facts"), "\(span.stderr)")
        #expect(span.stdout.contains("iaas it-devtest: 2026-11-02T00:00:00Z to 2026-11-02T02:00:00Z, 2 facts from \(records.path)"), "\(span.stdout)")
    }

    @Test("a bad import file fails the iaas job with its line and field and writes nothing of it")
    func badImportFile() throws {
        let records = try CommandRunner.temporaryFile("records.jsonl", contents: """
            {"hour":"2026-11-02T00:00:00Z","cluster":"it-devtest","vm_id":"a","vm_name":"w1","role":"worker","zone":"AZ05","vcpus":12,"memory_gib":24,"running":1,"disks":[]}
            {"hour":"2026-11-02T01:00:00Z","cluster":"it-devtest","vm_id":"a","vm_name":"w1","role":"worker","zone":"AZ05","vcpus":12,"memory_gib":24,"running":2,"disks":[]}
            """)
        let store = records.deletingLastPathComponent().appendingPathComponent("s.sqlite").path
        let config = try CommandRunner.temporaryFile("kubeledger.yaml", contents: Self.config(store: store, prometheus: URL(string: "http://127.0.0.1:9")!, records: records.path))
        let result = try CommandRunner.run(["ingest", "--config", config.path, "--job", "iaas"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("iaas it-devtest: failed: \(records.path):2: running: must be between 0.0 and 1.0, found 2.0; nothing of this file was imported"))
        #expect(try LedgerStore(path: store).summary().clusters.isEmpty)
    }
}
