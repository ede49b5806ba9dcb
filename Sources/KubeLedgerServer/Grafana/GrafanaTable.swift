import Foundation
import KubeLedgerReports

/// A Grafana table answer (`{type:"table", columns, rows}`); money stays a decimal string,
/// as everywhere outside time series (outputs.md §2).
struct GrafanaTable {
    let columns: [(text: String, type: String)]
    let rows: [[Any]]

    var json: [String: Any] {
        ["type": "table", "columns": columns.map { ["text": $0.text, "type": $0.type] }, "rows": rows]
    }

    static func optional(_ value: (some Any)?) -> Any { value.map { $0 as Any } ?? NSNull() }

    static func rightSizing(_ rows: [RightSizingOutput.Row]) -> GrafanaTable {
        GrafanaTable(
            columns: [("cluster", "string"), ("namespace", "string"), ("workload", "string"), ("container", "string"), ("tenant", "string"),
                      ("status", "string"), ("current_cpu", "string"), ("recommended_cpu", "string"), ("current_memory", "string"),
                      ("recommended_memory", "string"), ("monthly_savings", "string"), ("cpu_efficiency", "number"),
                      ("memory_efficiency", "number"), ("autoscaled", "boolean")],
            rows: rows.map { row in
                [row.cluster, row.namespace, "\(row.controllerKind)/\(row.controllerName)", row.container, optional(row.tenant), row.status,
                 row.currentCPU, optional(row.recommendedCPU), row.currentMemory, optional(row.recommendedMemoryRequest), row.monthlySavings,
                 optional(row.cpuEfficiency), optional(row.memoryEfficiency), row.autoscaled]
            }
        )
    }

    static func plan(_ reports: [PlanReport]) -> GrafanaTable {
        var rows: [[Any]] = []
        for report in reports {
            var options: [(String, PlanReport.Option)] = report.cheapest.map { [("cheapest", $0)] } ?? []
            options += report.alternatives.enumerated().map { ("alternative \($0 + 1)", $1) }
            for (name, option) in options {
                let room = option.headroom
                rows.append([report.cluster, report.architecture, name, option.flavour, option.binding, NSNull(), option.workers,
                             option.storageNodes, option.monthlyCost, option.cpuUtilisation, option.memoryUtilisation, option.cephUtilisation,
                             room.cpu, room.memoryGiB, room.pods, room.cephRawGiB])
            }
            if let current = report.current {
                rows.append([report.cluster, report.architecture, "current", current.flavour, current.runwayConstraint, optional(current.runway),
                             current.workers, NSNull(), current.monthlyCost, current.cpuUtilisation, current.memoryUtilisation,
                             optional(current.cephUtilisation), NSNull(), NSNull(), NSNull(), NSNull()])
            }
            if let impossible = report.impossible {
                rows.append([report.cluster, report.architecture, "impossible", NSNull(), impossible] + Array(repeating: NSNull(), count: 11))
            }
        }
        return GrafanaTable(
            columns: [("cluster", "string"), ("architecture", "string"), ("option", "string"), ("flavour", "string"), ("binding", "string"),
                      ("runway", "string"), ("workers", "number"), ("storage_nodes", "number"), ("monthly_cost", "string"),
                      ("cpu_utilisation", "number"), ("memory_utilisation", "number"), ("ceph_utilisation", "number"),
                      // What a plan leaves at the horizon (capacity-model.md §4), null on `current`.
                      ("headroom_cpu", "number"), ("headroom_memory_gib", "number"), ("headroom_pods", "number"), ("headroom_ceph_raw_gib", "number")],
            rows: rows
        )
    }
}
