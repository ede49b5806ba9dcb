/// The ingest jobs, each with its own watermark per cluster (inputs.md).
public enum IngestJobKind: String, Sendable, CaseIterable {
    /// Kubernetes series from the cluster's Prometheus.
    case clusterMetrics = "cluster-metrics"
    /// IaaS node-hours, from the console metrics, Xen Orchestra or a file.
    case iaas
    /// OpenCost or Kubecost allocations, kept for reconciliation.
    case opencost
}
