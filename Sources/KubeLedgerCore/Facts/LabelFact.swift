/// A Kubernetes label of a workload (its pods' `kube_pod_labels`) or of a namespace
/// (`kube_namespace_labels`), as last seen: what `label:<key>` cost aggregation groups by.
///
/// Kept as the newest value per workload or namespace and key, not per hour: costs are
/// stored per workload, so a label only needs to name the workload's group, and a label
/// that changes moves the workload's whole history to its new group, as OpenCost does.
public struct LabelFact: Sendable, Hashable, Codable {
    public enum Scope: String, Sendable, Hashable, Codable { case workload, namespace }

    public var cluster: String
    /// The last hour the label was seen with this value.
    public var hour: Hour
    public var scope: Scope
    public var namespace: String
    /// Empty for a namespace's label.
    public var controllerKind: String
    public var controllerName: String
    /// The label's name as kube-state-metrics writes it, without `label_`
    /// (`app.kubernetes.io/name` is `app_kubernetes_io_name`).
    public var key: String
    public var value: String

    public init(cluster: String, hour: Hour, scope: Scope, namespace: String, controllerKind: String = "", controllerName: String = "",
                key: String, value: String) {
        self.cluster = cluster
        self.hour = hour
        self.scope = scope
        self.namespace = namespace
        self.controllerKind = controllerKind
        self.controllerName = controllerName
        self.key = key
        self.value = value
    }

    /// A label name as kube-state-metrics turns it into a Prometheus label (without the
    /// `label_` prefix): every character but letters, digits and `_` becomes `_`.
    public static func sanitized(_ key: String) -> String {
        String(key.unicodeScalars.map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_") ? Character(scalar) : "_"
        })
    }

    /// The newest fact of each workload or namespace and key.
    public static func newest(_ facts: [LabelFact]) -> [LabelFact] {
        struct Key: Hashable {
            let cluster: String, scope: Scope, namespace: String, kind: String, name: String, key: String
        }
        var newest: [Key: LabelFact] = [:]
        for fact in facts {
            let key = Key(cluster: fact.cluster, scope: fact.scope, namespace: fact.namespace, kind: fact.controllerKind, name: fact.controllerName, key: fact.key)
            if let seen = newest[key], seen.hour > fact.hour { continue }
            newest[key] = fact
        }
        return newest.values.sorted { ($0.namespace, $0.controllerName, $0.key) < ($1.namespace, $1.controllerName, $1.key) }
    }
}
