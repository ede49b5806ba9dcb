/// Which allocation API answers at an OpenCost URL (inputs.md §3); the paths differ.
public enum OpenCostKind: String, Sendable, Equatable, CaseIterable {
    /// OpenCost: `GET /allocation`.
    case opencost
    /// Kubecost: `GET /model/allocation`.
    case kubecost
}
