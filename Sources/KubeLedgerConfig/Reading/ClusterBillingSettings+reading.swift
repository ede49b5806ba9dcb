extension ClusterBillingSettings {
    static let keys = ["account_id", "account_name"]

    /// Either field omitted takes the cluster name, so a one-cluster-per-account setup needs no billing block.
    static func read(_ node: NodeReader, clusterName: String) -> ClusterBillingSettings? {
        guard let map = node.mapping(known: keys) else { return nil }
        let id = map.optional("account_id").map { $0.nonEmptyString() } ?? clusterName
        let name = map.optional("account_name").map { $0.nonEmptyString() } ?? clusterName
        guard let id, let name else { return nil }
        return ClusterBillingSettings(accountID: id, accountName: name)
    }
}
