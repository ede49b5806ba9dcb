extension StorageClassSettings {
    static let keys = ["replicas", "default_replicas"]

    static func read(_ node: NodeReader) -> StorageClassSettings? {
        guard let map = node.mapping(known: keys) else { return nil }
        let overrides =
            map.optional("replicas").map { replicasNode in
                replicasNode.dictionary(expected: "a mapping of storage class to replica count") { $0.int(expected: "an integer >= 1") { $0 >= 1 } }
            } ?? [:]
        let fallback = map.optional("default_replicas").map { $0.int(expected: "an integer >= 1") { $0 >= 1 } } ?? defaultDefaultReplicas
        guard let overrides, let fallback else { return nil }
        return StorageClassSettings(replicas: defaultReplicaMap.merging(overrides) { _, new in new }, defaultReplicas: fallback)
    }
}
