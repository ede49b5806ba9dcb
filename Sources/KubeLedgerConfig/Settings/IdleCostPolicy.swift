/// How idle capacity is charged (cost-model.md §7).
public enum IdleCostPolicy: String, Sendable, Equatable, CaseIterable {
    /// In proportion to each tenant's direct cost.
    case weighted
    /// In equal parts among tenants with direct cost.
    case even
    /// Not shared: invoiced as its own line under `__idle__`.
    case separate
}
