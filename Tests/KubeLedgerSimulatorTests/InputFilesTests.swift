import Foundation
import KubeLedgerCore
import KubeLedgerSimulator
import Testing

/// The files `simulate --out` writes: what promtool, the file import and reconciliation read.
@Suite struct InputFilesTests {
    struct Sample {
        let labels: String
        let value: Double
        let time: Int64
    }

    /// Samples of one family from an OpenMetrics file.
    static func samples(_ name: String, in text: String) -> [Sample] {
        text.split(separator: "\n").compactMap { line -> Sample? in
            guard line.hasPrefix(name + "{") else { return nil }
            let close = line.lastIndex(of: "}")!
            let rest = line[line.index(after: close)...].split(separator: " ")
            return Sample(labels: String(line[line.index(line.startIndex, offsetBy: name.count)...close]), value: Double(rest[0])!, time: Int64(rest[1])!)
        }
    }

    @Test("every family is declared once, every series is in time order, and the file ends with # EOF")
    func openMetricsShape() throws {
        let simulator = try Simulator(SimulatorFixtures.options(.devtest, containers: 20, days: 1))
        let directory = SimulatorFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try simulator.writeFiles(to: directory)
        for file in ["kubernetes-2026-11-02.om", "iaas-2026-11-02.om"] {
            let text = try String(contentsOf: directory.appendingPathComponent("openmetrics/\(file)"), encoding: .utf8)
            #expect(text.hasSuffix("# EOF\n"))
            let types = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
            #expect(types.count == Set(types).count, "\(file) declares a family twice")
            var last: [String: Int64] = [:]
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let parts = line.split(separator: " ")
                let series = String(parts[0])
                let time = Int64(parts[2])!
                #expect(time > last[series] ?? .min, "\(series) goes back in time")
                #expect(time % 300 != 0, "a sample on the 5-minute grid")
                last[series] = time
            }
        }
        #expect(text(directory, "openmetrics/kubernetes-2026-11-02.om").contains("kube_namespace_labels{namespace=\"acme-"))
    }

    func text(_ directory: URL, _ path: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    @Test("gauges carry the ground truth of their step, and the CPU counter grows at the step's rate",
          arguments: [Int64(60), 300])
    func valuesMatchGroundTruth(scrape: Int64) throws {
        let simulator = try Simulator(SimulatorFixtures.options(.devtest, containers: 20, days: 1, scrape: scrape))
        let directory = SimulatorFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try simulator.writeFiles(to: directory)
        let text = text(directory, "openmetrics/kubernetes-2026-11-02.om")
        let facts = simulator.facts(day: simulator.days[0], rawSince: 0)
        func labels(_ ref: ContainerRef) -> String {
            "{namespace=\"\(ref.namespace)\",pod=\"\(ref.pod)\",container=\"\(ref.container)\",node=\"\(ref.node)\"}"
        }
        let memory = Dictionary(grouping: Self.samples("container_memory_working_set_bytes", in: text), by: \.labels)
        let cpu = Dictionary(grouping: Self.samples("container_cpu_usage_seconds_total", in: text), by: \.labels)
        var checked = 0
        for series in facts.rawSeries {
            let truth = Dictionary(uniqueKeysWithValues: series.samples.map { ($0.step, $0.value) })
            if series.metric == .memoryWorkingSet {
                let samples = try #require(memory[labels(series.ref)])
                #expect(samples.count == series.samples.count * Int(300 / scrape))
                for sample in samples { #expect(Int64(sample.value) == truth[Step.containing(sample.time)]) }
            } else {
                let samples = try #require(cpu[labels(series.ref)])
                for (a, b) in zip(samples, samples.dropFirst()) where Step.containing(a.time) == Step.containing(b.time) {
                    let rate = (b.value - a.value) / Double(b.time - a.time) * 1e9
                    let expected = Double(truth[Step.containing(b.time)]!)
                    #expect(abs(rate - expected) <= max(1, expected * 1e-9))
                    checked += 1
                }
                // The counter starts at 0 when the container starts: the first sample is 1/4 interval in.
                if let first = samples.first, series.samples.first?.step == Step.containing(first.time), first.time - scrape / 4 == Step.containing(first.time) - 300 {
                    #expect(abs(first.value * 1e9 - Double(truth[Step.containing(first.time)]! * (scrape / 4))) < 1)
                }
            }
        }
        if scrape == 60 { #expect(checked > 1000) }
    }

    @Test("IaaS records: one per VM and hour, matching the node-hours")
    func iaasRecords() throws {
        let simulator = try Simulator(SimulatorFixtures.options(.production, containers: 40, days: 2))
        let directory = SimulatorFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try simulator.writeFiles(to: directory)
        let lines = text(directory, "iaas/records.jsonl").split(separator: "\n")
        let nodeHours = simulator.days.flatMap { simulator.facts(day: $0, rawSince: nil).nodeHours }
        #expect(lines.count == nodeHours.count)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        #expect(Set(first.keys) == ["hour", "cluster", "vm_id", "vm_name", "role", "zone", "vcpus", "memory_gib", "present", "running", "disks"])
        #expect(first["hour"] as? String == "2026-11-02T00:00:00Z")
        #expect(first["role"] as? String == "control-plane")
        #expect(first["memory_gib"] as? Double == 12)
        let partial = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { ($0["running"] as? Double ?? 1) < ($0["present"] as? Double ?? 1) }
        #expect(!partial.isEmpty, "the worker added mid-span runs less of its first hour than it exists")
    }

    @Test("OpenCost answers: code 200, one allocation set per hour, keyed by namespace with tenant labels")
    func openCost() throws {
        let simulator = try Simulator(SimulatorFixtures.options(.devtest, containers: 20, days: 1))
        let directory = SimulatorFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try simulator.writeFiles(to: directory)
        let data = try Data(contentsOf: directory.appendingPathComponent("opencost/allocation-2026-11-02.json"))
        let answer = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(answer["code"] as? Int == 200)
        let sets = try #require(answer["data"] as? [[String: [String: Any]]])
        #expect(sets.count == 24)
        let shop = try #require(sets[0].first { $0.key.hasPrefix("acme-") }?.value)
        let properties = try #require(shop["properties"] as? [String: Any])
        #expect((properties["namespaceLabels"] as? [String: String])?["capsule_clastix_io_tenant"] == "acme")
        let total = try #require(shop["totalCost"] as? Double)
        let parts = ["cpuCost", "ramCost", "pvCost"].compactMap { shop[$0] as? Double }.reduce(0, +)
        #expect(abs(total - parts) < 1e-9)
        #expect((shop["window"] as? [String: String])?["start"] == "2026-11-02T00:00:00Z")
    }
}
