/// The two shapes of a Cloud Temple Managed Kubernetes cluster (cost-model.md, header table).
///
/// The architecture decides how many zones there are, where Ceph runs and how workers
/// may be added, so pricing (service fees) and the capacity planner both branch on it.
public enum Architecture: String, Sendable, Hashable, Codable, CaseIterable {
    /// One zone, one control-plane node, Ceph OSDs on the workers.
    case devtest
    /// Three zones, three control-plane nodes, three dedicated storage nodes, workers in batches of 3.
    case production

    /// The availability zones the architecture spreads over, in order.
    public var zones: [String] {
        switch self {
        case .devtest: ["AZ05"]
        case .production: ["AZ05", "AZ06", "AZ07"]
        }
    }
}
