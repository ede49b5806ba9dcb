/// Which Capsule tenant a namespace belonged to in one hour (cost-model.md §2).
///
/// Kept per hour because a namespace can be labelled, relabelled or deleted mid-month and
/// each hour's cost goes to the tenant of that hour.
public struct NamespaceHour: Sendable, Hashable, Codable {
    public var cluster: String
    public var hour: Hour
    public var namespace: String
    /// The `capsule.clastix.io/tenant` label; nil when unlabelled.
    public var tenant: String?

    public init(cluster: String, hour: Hour, namespace: String, tenant: String?) {
        self.cluster = cluster
        self.hour = hour
        self.namespace = namespace
        self.tenant = tenant
    }
}
