import Foundation
import KubeLedgerCore
import KubeLedgerSources

extension Simulator {
    /// What ``writeFiles(to:)`` wrote.
    public struct FilesReport: Sendable {
        public var files = 0
        public var bytes = 0
        public var openMetricsSamples = 0
    }

    /// Writes the inputs of inputs.md §4 under `directory`:
    /// - `openmetrics/kubernetes-YYYY-MM-DD.om`: kube-state-metrics and cAdvisor series;
    /// - `openmetrics/iaas-YYYY-MM-DD.om`: the console's `vates_vm_*` series;
    /// - `iaas/records.jsonl`: one file-import record per VM and hour;
    /// - `opencost/allocation-YYYY-MM-DD.json`: OpenCost's hourly answer by namespace;
    /// - `manifest.json`: the options that made them.
    @discardableResult
    public func writeFiles(to directory: URL) throws -> FilesReport {
        let manager = FileManager.default
        for folder in ["openmetrics", "iaas", "opencost"] {
            try manager.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        var report = FilesReport()
        let recordsURL = directory.appendingPathComponent("iaas/records.jsonl")
        _ = manager.createFile(atPath: recordsURL.path, contents: nil)
        let records = try FileHandle(forWritingTo: recordsURL)
        defer { try? records.close() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let tenants = Dictionary(uniqueKeysWithValues: model.namespaces.compactMap { ns in ns.tenant.map { (ns.name, $0) } })
        var counters: [Int: Int64] = [:]
        for day in days {
            let frame = DayFrame(model: model, day: day)
            let date = String(UTCTime.format(day).prefix(10))
            var kubernetes = try OpenMetricsBuffer(url: directory.appendingPathComponent("openmetrics/kubernetes-\(date).om"))
            var writer = KubernetesMetricsWriter(model: model, frame: frame, counters: counters)
            writer.write(to: &kubernetes)
            counters = writer.counters
            try kubernetes.finish()
            var iaas = try OpenMetricsBuffer(url: directory.appendingPathComponent("openmetrics/iaas-\(date).om"))
            IaaSMetricsWriter(model: model, frame: frame).write(to: &iaas)
            try iaas.finish()
            report.openMetricsSamples += kubernetes.samples + iaas.samples
            report.bytes += kubernetes.written + iaas.written
            let facts = GroundTruth.facts(model: model, frame: frame, rawSince: nil)
            var lines = Data()
            for fact in facts.nodeHours {
                lines.append(try encoder.encode(IaaSRecord(fact)))
                lines.append(0x0A)
            }
            records.write(lines)
            report.bytes += lines.count
            let answer = try encoder.encode(OpenCostAnswer(cluster: options.clusterName, facts: facts, tenants: tenants))
            try answer.write(to: directory.appendingPathComponent("opencost/allocation-\(date).json"))
            report.bytes += answer.count
            report.files += 3
        }
        let manifest: [String: String] = [
            "cluster": options.clusterName, "architecture": options.architecture.rawValue, "seed": String(options.seed),
            "from": options.from.description, "to": options.to.description, "containers": String(options.containers),
            "scrape_interval_seconds": String(options.scrapeInterval),
        ]
        try encoder.encode(manifest).write(to: directory.appendingPathComponent("manifest.json"))
        report.files += 2
        return report
    }
}
