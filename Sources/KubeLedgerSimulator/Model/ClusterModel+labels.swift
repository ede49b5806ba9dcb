import KubeLedgerCore

/// The Kubernetes labels of the simulated pods and namespaces, as kube-state-metrics
/// writes them (`label_` and the sanitized name): what `label:<key>` aggregation groups by.
extension ClusterModel {
    static let teams = ["checkout", "search", "data", "platform"]

    /// `app` is the workload; `team` one of four, the same for every pod of a workload.
    /// The platform's own pods carry no team, so `label:team` has an unallocated group.
    func podLabels(_ pod: SimPod) -> [(key: String, value: String)] {
        let workload = workloads[pod.workload]
        var labels = [(key: "app", value: workload.name)]
        if namespaces.first(where: { $0.name == pod.namespace })?.kind == .tenant {
            labels.append((key: "team", value: Self.teams[Int(SimRandom.hash(UInt64(workload.name.utf8.count), UInt64(pod.workload)) % UInt64(Self.teams.count))]))
        }
        return labels
    }

    /// The Capsule tenant and, for tenant namespaces, a cost centre per tenant.
    func namespaceLabels(_ namespace: SimNamespace) -> [(key: String, value: String)] {
        guard let tenant = namespace.tenant else { return [] }
        return [(key: "capsule_clastix_io_tenant", value: tenant), (key: "cost_center", value: "cc-" + tenant)]
    }
}
