import Foundation
import KubeLedgerCore
import KubeLedgerStore

/// The store summary as a person reads it on a terminal.
struct StoreSummaryText {
    let text: String

    init(_ summary: StoreSummary) {
        var lines = ["store: \(String(format: "%.1f", Double(summary.fileBytes) / 1_048_576)) MiB"]
        for cluster in summary.clusters {
            lines.append("""
                  \(cluster.cluster): \(cluster.firstHour.map(String.init(describing:)) ?? "-") to \(cluster.lastHour.map { String(describing: $0.next) } ?? "-"), \
                \(cluster.nodes) nodes, \(cluster.containers) containers, tenants \(cluster.tenants.joined(separator: ", "))
                    hourly facts: \(cluster.nodeHours) node-hours, \(cluster.containerHours) container-hours, \
                \(cluster.pvcHours) pvc-hours, \(cluster.namespaceHours) namespace-hours; raw samples: \(cluster.rawSamples)
                """)
        }
        if let perSample = summary.bytesPerRawSample {
            lines.append(String(format: "  raw samples: %d in %.1f MiB, %.2f bytes per sample", summary.rawSamples,
                                Double(summary.rawBytes ?? 0) / 1_048_576, perSample))
        }
        text = lines.joined(separator: "\n")
    }
}
