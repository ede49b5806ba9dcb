import Foundation
import KubeLedgerCore

/// Turns the node series of kube-state-metrics into node facts per hour (inputs.md §1).
///
/// A node exists in an hour when any of its capacity steps answered; its sizes are the
/// mean of the steps that answered (a node is not half as big for joining mid-hour), and
/// its role and zone are the labels at the last step that carried them.
enum KubeNodeFacts {
    struct Series {
        var capacity: [MatrixSeries]
        var allocatable: [MatrixSeries]
        var labels: [MatrixSeries]
        var roles: [MatrixSeries]
    }

    static func hours(cluster: String, grid: StepGrid, series: Series) -> [KubeNodeHour] {
        var sizes: [String: [String: [Int: (sum: Int64, count: Int64)]]] = [:]
        func collect(_ items: [MatrixSeries], prefix: String) {
            for item in items {
                let node = item["node"]
                let scale: Double
                switch item["resource"] {
                case "cpu": scale = 1e9
                case "memory", "pods": scale = 1
                default: continue
                }
                guard !node.isEmpty else { continue }
                for point in item.points where point.value.isFinite {
                    guard let index = grid.index(of: point.time) else { continue }
                    let key = prefix + item["resource"]
                    let value = max(0, Int64((point.value * scale).rounded()))
                    let seen = sizes[node, default: [:]][key, default: [:]][index / Step.perHour] ?? (0, 0)
                    sizes[node, default: [:]][key, default: [:]][index / Step.perHour] = (seen.sum + value, seen.count + 1)
                }
            }
        }
        collect(series.capacity, prefix: "capacity.")
        collect(series.allocatable, prefix: "allocatable.")
        let roles = latestPerHour(grid: grid, series: series.roles) { role(named: $0["role"]) }
        let labelRoles = latestPerHour(grid: grid, series: series.labels) { labelledRole($0.labels) }
        let zones = latestPerHour(grid: grid, series: series.labels) { item in
            item.labels["label_topology_kubernetes_io_zone"].flatMap { $0.isEmpty ? nil : $0 }
        }
        var facts: [KubeNodeHour] = []
        for node in sizes.keys.sorted() {
            let values = sizes[node]!
            let hours = Set(values.values.flatMap(\.keys)).sorted()
            for hour in hours {
                func mean(_ key: String) -> Int64 {
                    guard let seen = values[key]?[hour], seen.count > 0 else { return 0 }
                    return (seen.sum + seen.count / 2) / seen.count
                }
                facts.append(KubeNodeHour(
                    cluster: cluster, hour: grid.hours.from.advanced(by: hour), node: node,
                    role: labelRoles[node]?[hour] ?? roles[node]?[hour], zone: zones[node]?[hour],
                    cpuCapacityNanocores: mean("capacity.cpu"), cpuAllocatableNanocores: mean("allocatable.cpu"),
                    memoryCapacityBytes: mean("capacity.memory"), memoryAllocatableBytes: mean("allocatable.memory"),
                    podsAllocatable: mean("allocatable.pods")
                ))
            }
        }
        return facts
    }

    /// Per node and hour, the value `extract` gives for the series with the latest step.
    private static func latestPerHour<Value>(
        grid: StepGrid, series: [MatrixSeries], extract: (MatrixSeries) -> Value?
    ) -> [String: [Int: Value]] {
        var latest: [String: [Int: (step: Int64, value: Value)]] = [:]
        for item in series {
            let node = item["node"]
            guard !node.isEmpty, let value = extract(item) else { continue }
            for point in item.points {
                guard let index = grid.index(of: point.time) else { continue }
                let hour = index / Step.perHour
                if let seen = latest[node]?[hour], seen.step > point.time { continue }
                latest[node, default: [:]][hour] = (point.time, value)
            }
        }
        return latest.mapValues { $0.mapValues(\.value) }
    }

    /// The role a `node-role.kubernetes.io/<role>` label names; control plane first, then
    /// storage, then worker, when a node carries several.
    static func labelledRole(_ labels: [String: String]) -> NodeRole? {
        let prefix = "label_node_role_kubernetes_io_"
        let named = labels.compactMap { key, value -> NodeRole? in
            guard key.hasPrefix(prefix), value != "false" else { return nil }
            return role(named: String(key.dropFirst(prefix.count)))
        }
        return [NodeRole.controlPlane, .storage, .worker].first(where: named.contains)
    }

    /// `control-plane`, `control_plane` and `master` are the control plane; `storage`,
    /// `ceph` and `storage-node` storage; `worker` a worker.
    static func role(named name: String) -> NodeRole? {
        switch name.replacingOccurrences(of: "_", with: "-") {
        case "control-plane", "master": .controlPlane
        case "storage", "ceph", "storage-node": .storage
        case "worker": .worker
        default: nil
        }
    }
}
