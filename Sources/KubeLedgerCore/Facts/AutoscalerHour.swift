/// A HorizontalPodAutoscaler seen in an hour (`kube_horizontalpodautoscaler_info`).
///
/// Right-sizing flags the workloads it scales: their replica count follows load, so a
/// per-replica CPU recommendation is not to be applied blindly (capacity-model.md §1).
public struct AutoscalerHour: Sendable, Hashable, Codable {
    public var cluster: String
    public var hour: Hour
    public var namespace: String
    public var targetKind: String
    public var targetName: String

    public init(cluster: String, hour: Hour, namespace: String, targetKind: String, targetName: String) {
        self.cluster = cluster
        self.hour = hour
        self.namespace = namespace
        self.targetKind = targetKind
        self.targetName = targetName
    }
}
