/// What a node is for; cost pools follow the role (cost-model.md §5).
public enum NodeRole: String, Sendable, Hashable, Codable, CaseIterable {
    case controlPlane = "control-plane"
    case worker
    case storage
}
