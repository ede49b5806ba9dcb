import Foundation
import Metrics
import Prometheus

/// The service's own operational figures for `GET /metrics` (outputs.md §2): requests,
/// ingest runs, lag and pricing, through swift-metrics with swift-prometheus behind it.
/// Never cost data: labels are job, cluster and outcome only.
public enum ServiceMetrics {
    /// The registry `/metrics` renders; swift-metrics is bootstrapped onto it once per
    /// process, so Hummingbird's request metrics land here too.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Makes sure the metrics system is bootstrapped before the first request.
    public static func start() { _ = registry }

    static func ingestRun(job: String, cluster: String, failed: Bool, facts: Int) {
        Counter(label: "kubeledger_ingest_runs_total", dimensions: [("job", job), ("cluster", cluster), ("outcome", failed ? "error" : "ok")]).increment()
        Counter(label: "kubeledger_ingest_facts_total", dimensions: [("job", job), ("cluster", cluster)]).increment(by: facts)
    }

    static func ingestLag(job: String, cluster: String, seconds: Int64) {
        Gauge(label: "kubeledger_ingest_lag_seconds", dimensions: [("job", job), ("cluster", cluster)]).record(seconds)
    }

    static func pricedHours(cluster: String, hours: Int) {
        Counter(label: "kubeledger_priced_hours_total", dimensions: [("cluster", cluster)]).increment(by: hours)
    }

    static func exposition() -> String { registry.emitToString() }
}
