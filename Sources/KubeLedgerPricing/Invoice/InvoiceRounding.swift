import KubeLedgerCore

/// The rounding of an invoice (cost-model.md §8): the cluster total half away from zero,
/// then tenants by largest remainder to that total, then each tenant's lines by largest
/// remainder to the tenant's rounded total. So every tenant is within a cent of its exact
/// amount and the invoice equals the sum of its rows.
public struct InvoiceRounding: Sendable {
    public struct Line: Sendable, Equatable {
        public var line: ChargeLine
        public var rounded: Money
    }

    /// Tenants in the order given, each with its lines in the order given.
    public var lines: [Line]
    /// Tenant names in byte order, with their rounded totals.
    public var tenantNames: [String]
    public var tenantTotals: [Money]
    public var total: Money

    /// Rounds the chargeback's lines; `extra` lines per tenant (adjustments) are rounded
    /// together with the tenant's own, after them.
    public init(_ charge: Chargeback, extra: [String: [ChargeLine]] = [:]) {
        var tenants = charge.tenants
        for (name, lines) in extra {
            if let index = tenants.firstIndex(where: { $0.name == name }) {
                tenants[index].lines += lines
            } else {
                tenants.append(TenantCharge(name: name, lines: lines))
            }
        }
        tenants.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        tenantNames = tenants.map(\.name)
        let exactTotals = tenants.map(\.total)
        total = exactTotals.sum().rounded(decimals: 2)
        tenantTotals = LargestRemainder.round(exactTotals, to: total)
        lines = zip(tenants, tenantTotals).flatMap { tenant, rounded in
            zip(tenant.lines, LargestRemainder.round(tenant.lines.map(\.amount), to: rounded)).map { Line(line: $0, rounded: $1) }
        }
    }
}
