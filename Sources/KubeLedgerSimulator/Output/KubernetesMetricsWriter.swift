import Foundation
import KubeLedgerCore

/// One day of the series kube-state-metrics and cAdvisor would expose (inputs.md §1), as
/// OpenMetrics for `promtool tsdb create-blocks-from openmetrics`.
///
/// Scrapes happen every `scrapeInterval` seconds, a quarter interval after the 5-minute
/// grid, so every step `(t - 5m, t]` of a running container holds at least one sample and
/// no sample of a pod lies on the grid point where it starts. A gauge's sample carries the
/// value of the step holding it; the CPU counter starts at 0 with the container and grows
/// within each step at that step's rate. So with scrapes every 150 s or less, `rate()` over
/// 5 minutes gives each step's ground truth; at 300 s the 10-minute window blends a step
/// with the one before (three quarters of the previous, one of the current).
struct KubernetesMetricsWriter {
    let model: ClusterModel
    let frame: DayFrame
    /// CPU nanoseconds used by each (pod, container) before the day.
    var counters: [Int: Int64]

    var interval: Int64 { model.options.scrapeInterval }

    /// Scrape instants `s` of the day (`day < s <= day + 24h`) inside the span with `from < s <= to`.
    func scrapes(from: Int64, to: Int64) -> StrideThrough<Int64> {
        Self.scrapes(interval: interval, from: max(frame.day, model.horizon.start, from), to: min(frame.day + 86_400, model.horizon.end, to))
    }

    /// Instants `phase + k × interval` in `(from, to]`, the phase a quarter interval.
    static func scrapes(interval: Int64, from: Int64, to: Int64) -> StrideThrough<Int64> {
        let phase = SimulationOptions.scrapePhase(interval)
        var first = from + ((phase - from) % interval + interval) % interval
        if first == from { first += interval }
        return stride(from: first, through: to, by: Int(interval))
    }

    func index(of scrape: Int64) -> Int { Int((Step.containing(scrape) - frame.day) / Step.seconds) - 1 }

    static func key(_ container: DayFrame.ContainerDay) -> Int { container.pod << 4 | container.container }

    mutating func write(to out: inout OpenMetricsBuffer) {
        let pods = model.pods
        out.family("container_cpu_usage_seconds", type: "counter", help: "Cumulative cpu time consumed in seconds.")
        for container in frame.containers {
            let pod = pods[container.pod]
            let labels = Self.containerLabels(container.ref)
            var sums: [Int64] = []  // nanoseconds before each active index
            sums.reserveCapacity(container.cpu.count)
            var running = counters[Self.key(container)] ?? 0
            for value in container.cpu {
                sums.append(running)
                running += value * Step.seconds
            }
            for scrape in scrapes(from: pod.start, to: pod.end) {
                let index = index(of: scrape)
                guard let value = container.cpu(at: index) else { continue }
                let offset = index - container.active.lowerBound
                let within = scrape - (DayFrame.step(index, of: frame.day) - Step.seconds)
                let nanoseconds = sums[offset] + value * within
                out.sample("container_cpu_usage_seconds_total", labels, OpenMetricsBuffer.number(Double(nanoseconds) / 1e9), at: scrape)
            }
            counters[Self.key(container)] = running
        }
        out.family("container_memory_working_set_bytes", type: "gauge", help: "Current working set in bytes.")
        for container in frame.containers {
            let labels = Self.containerLabels(container.ref)
            for scrape in scrapes(from: pods[container.pod].start, to: pods[container.pod].end) {
                guard let value = container.memory(at: index(of: scrape)) else { continue }
                out.sample("container_memory_working_set_bytes", labels, String(value), at: scrape)
            }
        }
        out.family("kube_pod_container_resource_requests", type: "gauge", help: "The number of requested request resource by a container.")
        for container in frame.containers {
            writeRequests(pods[container.pod], container.ref, cpu: container.cpuRequest, memory: container.memoryRequest, to: &out)
        }
        // Completed pods that ended before the day and are still kept: not in the day's frame.
        for pod in pods where pod.end <= frame.day && pod.end + Self.keptAfterCompletion(pod) > frame.day {
            for spec in model.workloads[pod.workload].containers {
                let ref = ContainerRef(
                    cluster: model.options.clusterName, namespace: pod.namespace, pod: pod.name, container: spec.name, node: pod.node,
                    controllerKind: pod.controllerKind, controllerName: pod.controllerName
                )
                writeRequests(pod, ref, cpu: spec.cpuRequestNanocores, memory: spec.memoryRequestBytes, to: &out)
            }
        }
        writePhases(to: &out)
        writeOwners(to: &out)
        writeNodes(to: &out)
        writeNamespacesAndClaims(to: &out)
    }

    /// How long a pod stays after it completed: a Job's pod is deleted an hour after it
    /// succeeds (`ttlSecondsAfterFinished: 3600`); until then kube-state-metrics still exposes
    /// its requests, as upstream does, with `kube_pod_status_phase{phase="Succeeded"}` 1.
    /// Other pods are deleted when they stop.
    static func keptAfterCompletion(_ pod: SimPod) -> Int64 { pod.ownerKind == "Job" ? Hour.seconds : 0 }

    /// A container's two request series, while its pod runs and while it is kept completed.
    func writeRequests(_ pod: SimPod, _ ref: ContainerRef, cpu: Int64, memory: Int64, to out: inout OpenMetricsBuffer) {
        let base: [(String, String)] = [("namespace", ref.namespace), ("pod", ref.pod), ("container", ref.container), ("node", ref.node)]
        for (resource, unit, value) in [("cpu", "core", OpenMetricsBuffer.number(Double(cpu) / 1e9)), ("memory", "byte", String(memory))] {
            let labels = OpenMetricsBuffer.labels(base + [("resource", resource), ("unit", unit)])
            for scrape in scrapes(from: pod.start, to: pod.end + Self.keptAfterCompletion(pod)) {
                out.sample("kube_pod_container_resource_requests", labels, value, at: scrape)
            }
        }
    }

    /// `kube_pod_status_phase` of the pods that complete (Jobs'): `Running` 1 while they
    /// run, then `Succeeded` 1 while they are kept.
    func writePhases(to out: inout OpenMetricsBuffer) {
        out.family("kube_pod_status_phase", type: "gauge", help: "The pods current phase.")
        for pod in model.pods where Self.keptAfterCompletion(pod) > 0 && pod.start < frame.day + 86_400 && pod.end + Self.keptAfterCompletion(pod) > frame.day {
            let kept = pod.end + Self.keptAfterCompletion(pod)
            for (phase, running, completed) in [("Running", "1", "0"), ("Succeeded", "0", "1")] {
                let labels = OpenMetricsBuffer.labels([("namespace", pod.namespace), ("pod", pod.name), ("phase", phase)])
                for scrape in scrapes(from: pod.start, to: kept) {
                    out.sample("kube_pod_status_phase", labels, scrape <= pod.end ? running : completed, at: scrape)
                }
            }
        }
    }

    static func containerLabels(_ ref: ContainerRef) -> String {
        OpenMetricsBuffer.labels([("namespace", ref.namespace), ("pod", ref.pod), ("container", ref.container), ("node", ref.node)])
    }

    func podsOfDay() -> [SimPod] {
        model.pods.filter { $0.start < frame.day + 86_400 && $0.end > frame.day }
    }

    func writeOwners(to out: inout OpenMetricsBuffer) {
        let pods = podsOfDay()
        out.family("kube_pod_owner", type: "gauge", help: "Information about the Pod's owner.")
        for pod in pods {
            let labels = OpenMetricsBuffer.labels([
                ("namespace", pod.namespace), ("pod", pod.name), ("owner_kind", pod.ownerKind), ("owner_name", pod.ownerName),
                ("owner_is_controller", "true"),
            ])
            for scrape in scrapes(from: pod.start, to: pod.end) { out.sample("kube_pod_owner", labels, "1", at: scrape) }
        }
        out.family("kube_pod_labels", type: "gauge", help: "Kubernetes labels converted to Prometheus labels.")
        for pod in pods {
            let labels = OpenMetricsBuffer.labels([("namespace", pod.namespace), ("pod", pod.name)] + model.podLabels(pod).map { ("label_" + $0.key, $0.value) })
            for scrape in scrapes(from: pod.start, to: pod.end) { out.sample("kube_pod_labels", labels, "1", at: scrape) }
        }
        // A ReplicaSet exists from its first pod's start to its last pod's end.
        var replicaSets: [String: (namespace: String, deployment: String, from: Int64, to: Int64)] = [:]
        var order: [String] = []
        for pod in pods where pod.ownerKind == "ReplicaSet" {
            let key = pod.namespace + "/" + pod.ownerName
            if let existing = replicaSets[key] {
                replicaSets[key] = (pod.namespace, pod.controllerName, min(existing.from, pod.start), max(existing.to, pod.end))
            } else {
                order.append(key)
                replicaSets[key] = (pod.namespace, pod.controllerName, pod.start, pod.end)
            }
        }
        out.family("kube_replicaset_owner", type: "gauge", help: "Information about the ReplicaSet's owner.")
        for key in order {
            let set = replicaSets[key]!
            let labels = OpenMetricsBuffer.labels([
                ("namespace", set.namespace), ("replicaset", String(key.split(separator: "/")[1])), ("owner_kind", "Deployment"),
                ("owner_name", set.deployment), ("owner_is_controller", "true"),
            ])
            for scrape in scrapes(from: set.from, to: set.to) { out.sample("kube_replicaset_owner", labels, "1", at: scrape) }
        }
        out.family("kube_horizontalpodautoscaler_info", type: "gauge", help: "Information about this autoscaler.")
        for workload in model.workloads where workload.autoscaled {
            let born = model.namespaces.first { $0.name == workload.namespace }?.createdAt ?? model.horizon.start
            let labels = OpenMetricsBuffer.labels([
                ("namespace", workload.namespace), ("horizontalpodautoscaler", workload.name),
                ("scaletargetref_kind", "Deployment"), ("scaletargetref_name", workload.name),
            ])
            for scrape in scrapes(from: born, to: .max) { out.sample("kube_horizontalpodautoscaler_info", labels, "1", at: scrape) }
        }
    }

    func writeNodes(to out: inout OpenMetricsBuffer) {
        for (family, help, cpuLess, memoryLess) in [
            ("kube_node_status_capacity", "The capacity for different resources of a node.", 0.0, Int64(0)),
            ("kube_node_status_allocatable", "The allocatable for different resources of a node.",
             Double(GroundTruth.reservedNanocores) / 1e9, GroundTruth.reservedBytes),
        ] {
            out.family(family, type: "gauge", help: help)
            for node in model.nodes {
                for (resource, unit, value) in [
                    ("cpu", "core", OpenMetricsBuffer.number(Double(node.vcpus) - cpuLess)),
                    ("memory", "byte", String(node.memoryBytes - memoryLess)),
                    ("pods", "integer", String(GroundTruth.podsPerNode)),
                ] {
                    let labels = OpenMetricsBuffer.labels([("node", node.name), ("resource", resource), ("unit", unit)])
                    for scrape in scrapes(from: node.poweredOnAt, to: node.removedAt) { out.sample(family, labels, value, at: scrape) }
                }
            }
        }
        out.family("kube_node_labels", type: "gauge", help: "Kubernetes labels converted to Prometheus labels.")
        for node in model.nodes {
            let role = node.role == .controlPlane ? "control_plane" : node.role.rawValue
            let labels = OpenMetricsBuffer.labels([
                ("node", node.name), ("label_kubernetes_io_hostname", node.name), ("label_node_role_kubernetes_io_\(role)", "true"),
                ("label_topology_kubernetes_io_zone", node.zone),
            ])
            for scrape in scrapes(from: node.poweredOnAt, to: node.removedAt) { out.sample("kube_node_labels", labels, "1", at: scrape) }
        }
        out.family("kube_node_role", type: "gauge", help: "The role of a cluster node.")
        for node in model.nodes {
            let labels = OpenMetricsBuffer.labels([("node", node.name), ("role", node.role.rawValue)])
            for scrape in scrapes(from: node.poweredOnAt, to: node.removedAt) { out.sample("kube_node_role", labels, "1", at: scrape) }
        }
    }

    func writeNamespacesAndClaims(to out: inout OpenMetricsBuffer) {
        out.family("kube_namespace_labels", type: "gauge", help: "Kubernetes labels converted to Prometheus labels.")
        for namespace in model.namespaces {
            let pairs = [("namespace", namespace.name)] + model.namespaceLabels(namespace).map { ("label_" + $0.key, $0.value) }
            let labels = OpenMetricsBuffer.labels(pairs)
            for scrape in scrapes(from: namespace.createdAt, to: .max) { out.sample("kube_namespace_labels", labels, "1", at: scrape) }
        }
        out.family("kube_persistentvolumeclaim_resource_requests_storage_bytes", type: "gauge", help: "The capacity of storage requested by the persistent volume claim.")
        for claim in model.claims {
            let labels = OpenMetricsBuffer.labels([("namespace", claim.namespace), ("persistentvolumeclaim", claim.name)])
            for scrape in scrapes(from: claim.start, to: claim.end) {
                out.sample("kube_persistentvolumeclaim_resource_requests_storage_bytes", labels, String(claim.bytes), at: scrape)
            }
        }
        out.family("kube_persistentvolumeclaim_info", type: "gauge", help: "Information about persistent volume claim.")
        for claim in model.claims {
            let labels = OpenMetricsBuffer.labels([
                ("namespace", claim.namespace), ("persistentvolumeclaim", claim.name), ("storageclass", claim.storageClass),
                ("volumename", "pvc-" + String(SimRandom.hash(UInt64(claim.name.utf8.count), UInt64(claim.bytes)), radix: 16)),
            ])
            for scrape in scrapes(from: claim.start, to: claim.end) { out.sample("kube_persistentvolumeclaim_info", labels, "1", at: scrape) }
        }
    }
}
