import Foundation
import KubeLedgerCapacity
import KubeLedgerCore

/// The right-sizing report as JSON rows, CSV, a terminal table and `kubectl patch` YAML.
public enum RightSizingOutput {
    public struct Row: Sendable, Codable, Equatable {
        public var cluster, namespace, controllerKind, controllerName, container: String
        public var tenant: String?
        public var status: String
        public var points: Int
        public var currentCPU: String
        public var currentMemory: String
        public var recommendedCPU: String?
        public var recommendedMemoryRequest: String?
        public var recommendedMemoryLimit: String?
        public var monthlySavings: String
        public var cpuEfficiency: Double?
        public var memoryEfficiency: Double?
        public var averageReplicas: Double
        public var autoscaled: Bool
    }

    public static func rows(_ report: [Recommendation]) -> [Row] {
        report.map { item in
            // Both warnings when both hold: an autoscaled workload short of its usage still
            // needs the "do not apply blindly" in the table and on its patch.
            var warnings: [String] = []
            if item.underProvisioned { warnings.append("under-provisioned: risk of throttling or OOM kill") }
            if item.autoscaled { warnings.append("autoscaled: CPU recommendation per replica, do not apply blindly") }
            let status = item.insufficientData ? "insufficient data" : warnings.isEmpty ? "ok" : warnings.joined(separator: "; ")
            return Row(
                cluster: item.workload.cluster, namespace: item.workload.namespace, controllerKind: item.workload.controllerKind,
                controllerName: item.workload.controllerName, container: item.workload.container, tenant: item.tenant, status: status,
                points: item.points, currentCPU: cpu(item.currentCPU), currentMemory: memory(item.currentMemory),
                recommendedCPU: item.recommendedCPU.map(cpu), recommendedMemoryRequest: item.recommendedMemory.map(memory),
                recommendedMemoryLimit: item.recommendedMemory.map(memory), monthlySavings: MoneyText.json(item.monthlySavings),
                cpuEfficiency: item.cpuEfficiency, memoryEfficiency: item.memoryEfficiency, averageReplicas: item.averageReplicas,
                autoscaled: item.autoscaled
            )
        }
    }

    /// Kubernetes quantities: millicores (`250m`) and mebibytes (`512Mi`).
    static func cpu(_ nanocores: Int64) -> String { "\((nanocores + 999_999) / 1_000_000)m" }
    static func memory(_ bytes: Int64) -> String { "\((bytes + ByteSize.mib - 1) / ByteSize.mib)Mi" }

    public static func csv(_ rows: [Row]) -> String {
        CSVText.render(
            header: ["cluster", "namespace", "controller_kind", "controller", "container", "tenant", "status", "points",
                     "current_cpu", "current_memory", "recommended_cpu", "recommended_memory_request", "recommended_memory_limit",
                     "monthly_savings", "cpu_efficiency", "memory_efficiency", "average_replicas", "autoscaled"],
            rows: rows.map { row in
                // Only the text columns (names, tenant, status) can carry a formula; numbers and
                // quantities are never altered: a negative saving stays `-3.12…` (outputs.md).
                [row.cluster, row.namespace, row.controllerKind, row.controllerName, row.container, row.tenant ?? "", row.status].map(FocusCSV.neutralised)
                    + [
                        String(row.points), row.currentCPU, row.currentMemory, row.recommendedCPU ?? "", row.recommendedMemoryRequest ?? "",
                        row.recommendedMemoryLimit ?? "", row.monthlySavings, row.cpuEfficiency.map { String(format: "%.4f", $0) } ?? "",
                        row.memoryEfficiency.map { String(format: "%.4f", $0) } ?? "", String(format: "%.2f", row.averageReplicas),
                        row.autoscaled ? "true" : "false",
                    ]
            }
        )
    }

    public static func table(_ rows: [Row]) -> String {
        var lines = ["workload                                              cpu now → rec      memory now → rec        savings/month  status"]
        for row in rows {
            let savings = MoneyText.cents(row.monthlySavings)
            let name = "\(row.namespace)/\(row.controllerName)/\(row.container)"
            let cpu = "\(row.currentCPU) → \(row.recommendedCPU ?? "-")"
            let memory = "\(row.currentMemory) → \(row.recommendedMemoryRequest ?? "-")"
            lines.append(name.padding(toLength: 54, withPad: " ", startingAt: 0) + cpu.padding(toLength: 19, withPad: " ", startingAt: 0)
                         + memory.padding(toLength: 22, withPad: " ", startingAt: 0)
                         + String(repeating: " ", count: max(1, 14 - savings.count)) + savings + "  " + row.status)
        }
        return lines.joined(separator: "\n")
    }

    /// One `kubectl patch` per Deployment, StatefulSet, DaemonSet or CronJob with a
    /// recommendation: a strategic-merge patch setting the container's requests and memory
    /// limit (no CPU limit is recommended), in a CronJob's job template. A bare Job is not
    /// patched: its pods never run again.
    public static func patches(_ rows: [Row]) -> String {
        var out: [String] = []
        for row in rows {
            guard let cpu = row.recommendedCPU, let memory = row.recommendedMemoryRequest, let limit = row.recommendedMemoryLimit,
                  ["Deployment", "StatefulSet", "DaemonSet", "CronJob"].contains(row.controllerKind) else { continue }
            let kind = row.controllerKind.lowercased()
            // The pod template: `spec.template`, or `spec.jobTemplate.spec.template` for a CronJob.
            let podTemplate = row.controllerKind == "CronJob" ? "spec:\n  jobTemplate:\n    spec:\n      template:" : "spec:\n  template:"
            let indent = String(repeating: " ", count: row.controllerKind == "CronJob" ? 8 : 4)
            let containers = """
                spec:
                  containers:
                    - name: \(row.container)
                      resources:
                        requests:
                          cpu: \(cpu)
                          memory: \(memory)
                        limits:
                          memory: \(limit)
                """.split(separator: "\n").map { indent + $0 }.joined(separator: "\n")
            out.append("""
                # \(row.namespace)/\(row.controllerName)/\(row.container): saves \(MoneyText.cents(row.monthlySavings)) a month (\(row.status))
                # kubectl -n \(row.namespace) patch \(kind) \(row.controllerName) --type strategic --patch-file <this document>
                \(podTemplate)
                \(containers)
                """)
        }
        return out.joined(separator: "\n---\n") + "\n"
    }
}
