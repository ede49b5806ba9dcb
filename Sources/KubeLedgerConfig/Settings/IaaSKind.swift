/// The `iaas.type` values (inputs.md §2).
public enum IaaSKind: String, Sendable, Equatable, CaseIterable {
    /// Cloud Temple console metrics, a Prometheus-compatible endpoint (§2a).
    case cloudTempleMetrics = "cloudtemple-metrics"
    /// Xen Orchestra REST API (§2b).
    case xenOrchestra = "xen-orchestra"
    /// CSV or JSON Lines file import (§2c).
    case file
}
