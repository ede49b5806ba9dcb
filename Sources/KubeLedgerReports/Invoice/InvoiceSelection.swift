import KubeLedgerCore
import KubeLedgerStore

/// Which clusters an invoice request answers for, the same for the command and the API: a
/// month with no data is an error rather than an empty answer that looks like a zero
/// invoice. A cluster asked by name must have data (or be closed); when every cluster is
/// asked, those without data are left out, and it is an error only if none has any.
public enum InvoiceSelection {
    /// An invoice with something in it: closed, or with lines or priced hours.
    public static func hasData(_ invoice: Invoice) -> Bool {
        invoice.closedAt != nil || !invoice.lines.isEmpty || invoice.coverage.pricedHours > 0
    }

    /// Runs `make` for each cluster. `named` says the caller asked for these clusters by
    /// name. Clusters skipped (no data, or nothing priced to close) are returned apart.
    public static func collect(
        clusters: [String], month: BillingMonth, named: Bool, _ make: (String) throws -> Invoice
    ) throws -> (invoices: [Invoice], skipped: [String]) {
        var invoices: [Invoice] = []
        var skipped: [String] = []
        var first: InvoiceError?
        for cluster in clusters {
            do {
                let invoice = try make(cluster)
                guard hasData(invoice) else { throw InvoiceError.noData(clusters: [cluster], month: month.description) }
                invoices.append(invoice)
            } catch let error as InvoiceError {
                switch error {
                case .noData, .nothingPriced:
                    if named { throw error }
                    first = first ?? error
                    skipped.append(cluster)
                default: throw error
                }
            }
        }
        if invoices.isEmpty, let first {
            if case .noData = first { throw InvoiceError.noData(clusters: skipped, month: month.description) }
            throw first
        }
        return (invoices, skipped)
    }
}
