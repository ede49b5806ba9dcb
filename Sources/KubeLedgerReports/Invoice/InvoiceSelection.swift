import KubeLedgerCore
import KubeLedgerStore

/// Which clusters an invoice request answers for, the same for the command and the API: a
/// month with no data is an error rather than an empty answer that looks like a zero
/// invoice. A cluster asked by name must have data (or be closed); when every cluster is
/// asked, those without data are left out, and it is an error only if none has any. A
/// close over every cluster closes each one it can, skipping those already closed or with
/// nothing priced, and is an error only when it closed none.
public enum InvoiceSelection {
    /// An invoice with something in it: closed, or with lines or priced hours.
    public static func hasData(_ invoice: Invoice) -> Bool {
        invoice.closedAt != nil || !invoice.lines.isEmpty || invoice.coverage.pricedHours > 0
    }

    /// Runs `make` for each cluster. `named` says the caller asked for these clusters by
    /// name: then any problem is an error. Clusters skipped (no data, nothing priced to
    /// close, already closed) are returned apart, in order, with the reason.
    public static func collect(
        clusters: [String], month: BillingMonth, named: Bool, _ make: (String) throws -> Invoice
    ) throws -> (invoices: [Invoice], skipped: [InvoiceSkip]) {
        var invoices: [Invoice] = []
        var skipped: [InvoiceSkip] = []
        var errors: [any Error] = []
        for cluster in clusters {
            do {
                let invoice = try make(cluster)
                guard hasData(invoice) else { throw InvoiceError.noData(clusters: [cluster], month: month.description) }
                invoices.append(invoice)
            } catch {
                guard !named, let reason = skipReason(error) else { throw error }
                skipped.append(InvoiceSkip(cluster: cluster, reason: reason))
                errors.append(error)
            }
        }
        guard invoices.isEmpty, let first = errors.first else { return (invoices, skipped) }
        if skipped.allSatisfy({ $0.reason == .noData }) {
            throw InvoiceError.noData(clusters: skipped.map(\.cluster), month: month.description)
        }
        // One cluster: its own error, as if it had been named.
        if errors.count == 1 { throw first }
        throw InvoiceError.noneClosed(month: month.description, skipped: skipped)
    }

    /// The reason to skip a cluster for `error`, nil when the error must stop the request.
    public static func skipReason(_ error: any Error) -> InvoiceSkip.Reason? {
        switch error {
        case InvoiceError.noData: .noData
        case InvoiceError.nothingPriced: .nothingPriced
        case StoreError.alreadyClosed: .alreadyClosed
        default: nil
        }
    }
}
