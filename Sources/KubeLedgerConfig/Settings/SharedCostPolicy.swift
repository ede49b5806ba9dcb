/// How the shared pool (overhead and platform namespaces) is split between tenants (cost-model.md §7).
public enum SharedCostPolicy: String, Sendable, Equatable, CaseIterable {
    /// In proportion to each tenant's direct cost.
    case weighted
    /// In equal parts among tenants with direct cost.
    case even
}
