/// A persistent volume claim's average requested size over one hour (cost-model.md §2).
public struct PVCHour: Sendable, Hashable, Codable {
    public var cluster: String
    public var hour: Hour
    public var namespace: String
    public var claim: String
    public var storageClass: String
    /// Average over the hour, an absent claim counting 0.
    public var requestedBytes: Int64

    public init(cluster: String, hour: Hour, namespace: String, claim: String, storageClass: String, requestedBytes: Int64) {
        self.cluster = cluster
        self.hour = hour
        self.namespace = namespace
        self.claim = claim
        self.storageClass = storageClass
        self.requestedBytes = requestedBytes
    }
}
