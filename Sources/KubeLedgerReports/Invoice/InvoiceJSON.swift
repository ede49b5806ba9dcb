import KubeLedgerCore
import KubeLedgerStore

/// The invoice as JSON answers write it (`GET /api/v1/invoices/{month}?format=json`,
/// `kubeledger invoice --format json`): the members of ``Invoice``, with times as RFC 3339
/// UTC strings like the rest of the API (`2026-11-01T00:00:00Z`) and money with 10 decimals.
///
/// A type of its own, not another encoding of ``Invoice``, because ``Invoice``'s Codable
/// form is the stored document of a closed month (Unix seconds, exact amounts at 15
/// decimals), which must keep reading and re-exporting byte for byte. With two types the
/// compiler keeps the two forms apart: the store only ever takes an ``Invoice``, and an
/// answer can only be written from this view (``Invoice/forJSON``).
public struct InvoiceJSON: Sendable, Codable, Equatable {
    public var cluster: String
    public var month: String
    public var currency: String
    /// UTC bounds of the billing period; the end is exclusive.
    public var periodStart: String
    public var periodEnd: String
    public var lines: [Line]
    public var summary: [TenantSummary]
    public var coverage: Coverage
    public var total: String
    /// When the month was closed; nil while open.
    public var closedAt: String?
    public var csv: String?
    public var hoursElapsed: Int
    public var hoursInMonth: Int

    /// One row of the invoice, as ``InvoiceLine`` with its charge period in RFC 3339.
    public struct Line: Sendable, Codable, Equatable {
        public var tenant: String
        public var namespace: String?
        public var component: String
        public var exact: String
        public var rounded: String
        public var quantity: String?
        public var unit: String?
        public var unitPrice: String?
        public var zone: String?
        public var correctionOf: String?
        public var chargePeriodStart: String
        public var chargePeriodEnd: String
    }
}
