/// The PromQL of the `cluster-metrics` job (inputs.md §1), in one place so the docs, the
/// tests and the benchmark name the same queries.
public enum ClusterMetricsQueries {
    static let containers = #"container!="",container!="POD""#

    /// CPU usage at each step: the rate over `max(5m, 2 × scrape interval)`, so a
    /// 5-minute scrape still has two samples in its window.
    public static func cpuUsage(scrapeInterval: Int64) -> String {
        "rate(container_cpu_usage_seconds_total{\(containers)}[\(max(300, 2 * scrapeInterval))s])"
    }

    /// The CPU counter itself and the time of its sample, read only when the rate window is
    /// longer than a step, to recover the usage `rate()` cannot see at a container's edges.
    public static let cpuCounter = "container_cpu_usage_seconds_total{\(containers)}"
    public static let cpuCounterTime = "timestamp(container_cpu_usage_seconds_total{\(containers)})"

    public static let memoryUsage = "container_memory_working_set_bytes{\(containers)}"
    /// Requests of pods that have not completed: kube-state-metrics keeps exposing a
    /// completed pod's requests until the pod is deleted (a Job's, for as long as its TTL or
    /// history limit keeps it), though it holds no capacity any more.
    public static let requests = #"kube_pod_container_resource_requests{resource=~"cpu|memory",unit=~"core|byte"} unless on(namespace, pod) (kube_pod_status_phase{phase=~"Succeeded|Failed"} == 1)"#
    public static let podOwners = "kube_pod_owner"
    public static let replicaSetOwners = "kube_replicaset_owner"
    public static let namespaces = "kube_namespace_labels"
    public static let claimRequests = "kube_persistentvolumeclaim_resource_requests_storage_bytes"
    public static let claimInfo = "kube_persistentvolumeclaim_info"
    public static let nodeCapacity = #"kube_node_status_capacity{resource=~"cpu|memory|pods"}"#
    public static let nodeAllocatable = #"kube_node_status_allocatable{resource=~"cpu|memory|pods"}"#
    public static let nodeLabels = "kube_node_labels"
    public static let nodeRoles = "kube_node_role"
    public static let autoscalers = "kube_horizontalpodautoscaler_info"
    public static let podLabels = "kube_pod_labels"
    /// Samples per hour of the CPU counter, whose median tells the scrape interval.
    public static let samplesPerHour = #"quantile(0.5, count_over_time(container_cpu_usage_seconds_total{container!="",container!="POD"}[1h]))"#
}
