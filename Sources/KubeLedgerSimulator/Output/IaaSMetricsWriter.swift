import Foundation
import KubeLedgerCore

/// One day of the OpenIaaS VM series that Cloud Temple's console exposes (inputs.md §2a),
/// as OpenMetrics, for a second Prometheus standing in for the console endpoint.
///
/// A power change ends the `vates_vm_running_gauge` series of one `power_state` and starts
/// the other, as the console does.
struct IaaSMetricsWriter {
    let model: ClusterModel
    let frame: DayFrame

    func write(to out: inout OpenMetricsBuffer) {
        let interval = model.options.scrapeInterval
        let dayEnd = min(frame.day + 86_400, model.horizon.end)
        let dayStart = max(frame.day, model.horizon.start)
        func scrapes(_ from: Int64, _ to: Int64) -> StrideThrough<Int64> {
            KubernetesMetricsWriter.scrapes(interval: interval, from: max(dayStart, from), to: min(dayEnd, to))
        }
        var cpuByNode: [String: [Int64]] = [:]
        var memoryByNode: [String: [Int64]] = [:]
        for container in frame.containers {
            var cpu = cpuByNode[container.ref.node] ?? Array(repeating: 0, count: Step.perDay)
            var memory = memoryByNode[container.ref.node] ?? Array(repeating: 0, count: Step.perDay)
            for index in container.active {
                cpu[index] += container.cpu(at: index)!
                memory[index] += container.memory(at: index)!
            }
            cpuByNode[container.ref.node] = cpu
            memoryByNode[container.ref.node] = memory
        }
        func labels(_ node: SimNode, _ extra: [(String, String)] = []) -> String {
            OpenMetricsBuffer.labels([
                ("tenant_name", model.options.clusterName), ("xoa_hostname", "xoa-\(node.zone.lowercased())"),
                ("pool_name", "pool-\(node.zone.lowercased())"), ("vm_name", node.name), ("az", node.zone),
            ] + extra)
        }
        let gauges: [(String, String, (SimNode) -> String)] = [
            ("vates_vm_vcpus_gauge", "Number of vCPUs of the VM.", { String($0.vcpus) }),
            ("vates_vm_memory_total_bytes_gauge", "Memory of the VM in bytes.", { String($0.memoryBytes) }),
            ("vates_vm_disk_total_size_bytes_gauge", "Total size of the VM's disks in bytes.", { String($0.disks.reduce(0) { $0 + $1.sizeBytes }) }),
        ]
        for (name, help, value) in gauges {
            out.family(name, type: "gauge", help: help)
            for node in model.nodes {
                let rendered = labels(node)
                for scrape in scrapes(node.createdAt, node.removedAt) { out.sample(name, rendered, value(node), at: scrape) }
            }
        }
        out.family("vates_vm_running_gauge", type: "gauge", help: "1 when the VM is running.")
        for node in model.nodes {
            let halted = labels(node, [("power_state", "Halted")])
            for scrape in scrapes(node.createdAt, node.poweredOnAt) { out.sample("vates_vm_running_gauge", halted, "0", at: scrape) }
            let running = labels(node, [("power_state", "Running")])
            for scrape in scrapes(node.poweredOnAt, node.removedAt) { out.sample("vates_vm_running_gauge", running, "1", at: scrape) }
        }
        out.family("vates_vm_cpu_usage_percent_gauge", type: "gauge", help: "CPU usage of the VM in percent.")
        for node in model.nodes {
            let rendered = labels(node, [("stat", "avg")])
            let cpu = cpuByNode[node.name]
            for scrape in scrapes(node.poweredOnAt, node.removedAt) {
                let used = Double(cpu?[index(scrape)] ?? 0) / 1e9 + 0.05 * Double(node.vcpus)
                out.sample("vates_vm_cpu_usage_percent_gauge", rendered, OpenMetricsBuffer.number((100 * used / Double(node.vcpus) * 100).rounded() / 100), at: scrape)
            }
        }
        out.family("vates_vm_memory_used_bytes_gauge", type: "gauge", help: "Memory used by the VM in bytes.")
        for node in model.nodes {
            let rendered = labels(node, [("stat", "avg")])
            let memory = memoryByNode[node.name]
            for scrape in scrapes(node.poweredOnAt, node.removedAt) {
                let used = min(node.memoryBytes, (memory?[index(scrape)] ?? 0) + ByteSize.gib)
                out.sample("vates_vm_memory_used_bytes_gauge", rendered, String(used), at: scrape)
            }
        }
    }

    private func index(_ scrape: Int64) -> Int { Int((Step.containing(scrape) - frame.day) / Step.seconds) - 1 }
}
