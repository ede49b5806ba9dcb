import KubeLedgerCore
import KubeLedgerStore

/// One cluster's invoice for a billing month: the rounded FOCUS lines of outputs.md §1
/// with their exact amounts, the per-tenant summary and the data coverage.
///
/// Codable because a closed month is stored as this document, CSV included, and never
/// recomputed: re-exports of a closed month are the stored bytes. That Codable form (times
/// in seconds, exact amounts at 15 decimals) is the stored one and stays so; JSON answers
/// are written from ``forJSON``.
public struct Invoice: Sendable, Codable, Equatable {
    public var cluster: String
    public var month: String
    public var currency: String
    /// UTC bounds of the billing period, seconds since the epoch (RFC 3339 in JSON answers).
    public var periodStart: Int64
    public var periodEnd: Int64
    public var lines: [InvoiceLine]
    public var summary: [TenantSummary]
    public var coverage: Coverage
    /// Rounded cluster total (2 decimals; 10 in JSON answers), equal to the sum of the rounded lines.
    public var total: String
    /// Set once the month is closed.
    public var closedAt: Int64?
    /// The FOCUS CSV as exported when closed; nil while open.
    public var csv: String?
    /// Month to date, for the open month: the hours elapsed and in the month.
    public var hoursElapsed: Int
    public var hoursInMonth: Int
}

/// One row of the invoice.
public struct InvoiceLine: Sendable, Codable, Equatable {
    public var tenant: String
    /// Nil on shared and idle lines.
    public var namespace: String?
    /// `cpu`, `ram`, `storage`, `shared` or `idle`.
    public var component: String
    /// The exact amount (15 decimals) and the invoiced, rounded one (2 decimals); JSON
    /// answers write both with 10 (``Invoice/forJSON``).
    public var exact: String
    public var rounded: String
    /// Allocated quantity over the period in the pricing unit, up to 10 decimals; nil on shared, idle and adjustments.
    public var quantity: String?
    public var unit: String?
    public var unitPrice: String?
    public var zone: String?
    /// The closed month this line corrects (`ChargeCategory` `Adjustment`); nil for usage.
    public var correctionOf: String?
    public var chargePeriodStart: Int64
    public var chargePeriodEnd: Int64
}

/// One tenant's line of the summary printed beside the CSV.
public struct TenantSummary: Sendable, Codable, Equatable {
    public var tenant: String
    /// What the tenant is invoiced: its rounded lines, adjustments included.
    public var total: String
    /// The month's own charges (its usage lines), which share, change and forecast are
    /// computed on. Nil only in documents closed before it existed.
    public var usage: String?
    /// The tenant's corrections of closed months (its `Adjustment` lines); nil when none.
    public var adjustments: String?
    /// Percent of the cluster's own charges (`usage`), 2 decimals.
    public var share: String
    /// The previous month's own charges (as invoiced, when closed), when there are any, and
    /// the change of `usage` in percent (of the forecast, for the open month).
    public var previousTotal: String?
    public var change: String?
    /// For the open month: `usage` × hours in month ÷ hours elapsed; adjustments are not in it.
    public var forecast: String?
}

extension Invoice {
    /// The invoice as one tenant sees it: its lines and summary only, its own total, no CSV.
    public func only(tenant: String) -> Invoice {
        var copy = self
        copy.lines.removeAll { $0.tenant != tenant }
        copy.summary.removeAll { $0.tenant != tenant }
        copy.csv = nil
        copy.total = copy.summary.first?.total ?? "0.00"
        return copy
    }
}
