/// Home of the pricing engine (cost-model.md): per-node IaaS cost into per-namespace and
/// per-tenant cost on fixed-point money. A pure module, free of I/O, so that it tests fast;
/// it receives hourly facts and a catalog and returns allocations. Filled by the
/// "Pricing engine" issue.
public enum PricingEngine {
    /// The cost-model version this module implements.
    public static let costModelVersion = "cost-model.md (2026)"
}
