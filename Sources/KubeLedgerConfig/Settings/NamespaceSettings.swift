/// Namespaces whose cost is not a tenant's own (cost-model.md §6).
///
/// A list given in the file replaces the default list entirely, so a platform owner can
/// drop a default namespace as well as add one.
public struct NamespaceSettings: Sendable, Equatable {
    /// Default storage namespaces: the Rook-Ceph operator and daemons.
    public static let defaultStorage = ["rook-ceph"]
    /// Default platform namespaces, in the order of cost-model.md §6.
    public static let defaultPlatform = [
        "kube-system", "monitoring", "argocd", "harbor", "kasten-io", "kyverno", "capsule-system",
        "cert-manager", "metallb-system", "ingress-nginx", "opencost", "kubecost", "cilium",
        "hubble", "loki", "promtail",
    ]

    /// Namespaces whose CPU and RAM cost joins the storage pool.
    public var storage: [String]
    /// Namespaces whose direct cost is shared; this wins over a tenant label.
    public var platform: [String]

    public init(storage: [String] = NamespaceSettings.defaultStorage, platform: [String] = NamespaceSettings.defaultPlatform) {
        self.storage = storage
        self.platform = platform
    }
}
