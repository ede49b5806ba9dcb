/// Ceph replica counts per Kubernetes storage class, which turn requested bytes into raw bytes (cost-model.md §6).
///
/// Entries in the file are merged over the defaults: a file that sets only `ceph-block: 2`
/// keeps `ceph-block-norepl: 1`, so an override cannot silently triple-bill a class it did
/// not mention. Any class in neither gets `defaultReplicas`.
public struct StorageClassSettings: Sendable, Equatable {
    public static let defaultReplicaMap = ["ceph-block": 3, "ceph-filesystem": 3, "ceph-block-norepl": 1]
    public static let defaultDefaultReplicas = 3

    /// Replicas per storage class name, defaults included. Each at least 1.
    public var replicas: [String: Int]
    /// Replicas for a class missing from ``replicas``. At least 1.
    public var defaultReplicas: Int

    public init(
        replicas: [String: Int] = StorageClassSettings.defaultReplicaMap,
        defaultReplicas: Int = StorageClassSettings.defaultDefaultReplicas
    ) {
        self.replicas = replicas
        self.defaultReplicas = defaultReplicas
    }

    /// The replica count for a storage class.
    public func replicas(for storageClass: String) -> Int {
        replicas[storageClass] ?? defaultReplicas
    }
}
