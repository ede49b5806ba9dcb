import KubeLedgerCapacity
import KubeLedgerCore

/// A window that gives a cluster nothing to right-size or plan from: no container-hours
/// stored in it, or container-hours without the raw 5-minute samples both reports read.
/// Reported as such, naming the cluster and the window, because an empty right-sizing table
/// or a plan for zero demand would read as "nothing to save" or "no demand".
public struct EmptyCapacityWindow: Error, Equatable, CustomStringConvertible {
    public enum Missing: Equatable, Sendable {
        /// No container-hour (nor raw sample) of the cluster in the window.
        case containerHours
        /// Container-hours, but not one raw sample (older than the raw retention, or never ingested).
        case rawSamples
    }

    public var cluster: String
    public var window: HourRange
    public var missing: Missing

    /// What the window lacks, from the workloads loaded for it (excluded ones included);
    /// nil when it holds samples to report on.
    public init?(cluster: String, window: HourRange, workloads: [WorkloadUsage]) {
        if workloads.isEmpty {
            missing = .containerHours
        } else if workloads.allSatisfy({ $0.cpuSteps.isEmpty && $0.memorySteps.isEmpty }) {
            missing = .rawSamples
        } else {
            return nil
        }
        self.cluster = cluster
        self.window = window
    }

    public var description: String {
        let span = "the window \(window.from) to \(window.to)"
        return switch missing {
        case .containerHours:
            "cluster \(cluster): no container-hours and no raw samples stored in \(span); ingest cluster-metrics for it first"
        case .rawSamples:
            "cluster \(cluster): no raw samples stored in \(span), only hourly container-hours; right-sizing and planning read "
                + "the 5-minute samples, which the store keeps store.raw_retention_days"
        }
    }
}
