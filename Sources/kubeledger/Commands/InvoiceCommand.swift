import ArgumentParser
import Foundation
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerReports
import KubeLedgerStore

/// `kubeledger invoice`: the FOCUS CSV of a billing month (outputs.md §1), with the
/// tenant summary and data coverage on standard error, or all of it as JSON.
struct InvoiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice",
        abstract: "Export a month's invoice as FOCUS 1.2 CSV (or JSON); --close freezes the month.",
        discussion: """
            Costs come from the hourly costs stored as data lands; hours not yet priced, or priced \
            under another catalog or policy, are priced first. A closed month is exported exactly as \
            it was closed. Differences that arrived later for a closed month appear as Adjustment \
            lines in the first open month after it. The current month gives month-to-date lines and \
            a forecast in the summary.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @Option(help: "Config file.") var config = ConfigLoader.defaultPath
    @Option(help: "Billing month, YYYY-MM, in the billing time zone.") var month: String
    @Option(help: "Only this cluster (default: all).") var cluster: String?
    @Option(help: "Only this tenant's lines.") var tenant: String?
    @Option(help: "csv or json.") var format: Format = .csv
    @Option(help: "Write the invoice here instead of standard output.") var out: String?
    @Flag(help: "Close the month: store the invoice so it never changes again.") var close = false
    @Option(help: .hidden) var now: TimeArgument?

    func run() async throws {
        let session = try LedgerSession(configPath: config)
        let timeZone = session.config.billing.timeZone
        guard let billingMonth = BillingMonth(month, timeZone: timeZone) else {
            throw ValidationError("--month: expected YYYY-MM such as 2026-10, found \"\(month)\"")
        }
        let now = self.now?.epochSeconds ?? Int64(Date().timeIntervalSince1970)
        guard billingMonth.start <= now else {
            throw ValidationError("--month: \(month) has not started yet (in \(timeZone.identifier)); an invoice covers a month that has begun")
        }
        if close, tenant != nil {
            throw ValidationError("--close and --tenant: closing a month closes it for every tenant of the cluster; close without --tenant, then export one tenant's lines")
        }
        if close, now < billingMonth.next.start {
            throw ValidationError("--close: \(InvoiceError.monthNotOver(month: billingMonth.description))")
        }
        let clusters = try session.clusters(named: cluster)
        try session.checkFilters(clusters: clusters, tenant: tenant)
        let builder = InvoiceBuilder(store: session.store, config: session.config, currency: session.catalog.currency)
        let invoices: [Invoice]
        do {
            let selection = try InvoiceSelection.collect(clusters: clusters, month: billingMonth, named: cluster != nil) { name in
                do {
                    try session.costs.updateForInvoice(cluster: name, month: billingMonth)
                    return close
                        ? try builder.close(cluster: name, month: billingMonth, now: now) { FocusCSV.render([$0], config: session.config) }
                        : try builder.invoice(cluster: name, month: billingMonth, now: now)
                } catch let error as InvoiceError {
                    throw error
                } catch let error where cluster == nil && InvoiceSelection.skipReason(error) != nil {
                    throw error // skipped among all clusters (already closed)
                } catch {
                    printError("\(name): \(error)")
                    throw ExitCode.failure
                }
            }
            invoices = selection.invoices
            for skip in selection.skipped {
                switch skip.reason {
                case .noData: printError("\(skip.cluster): no data for \(billingMonth); left out")
                case .nothingPriced: printError("\(skip.cluster): \(billingMonth) has no priced hour; not closed")
                case .alreadyClosed: printError("\(skip.cluster): \(billingMonth) is already closed; left as it was")
                }
            }
            if close, !selection.skipped.isEmpty {
                printError("closed \(billingMonth): \(invoices.map(\.cluster).joined(separator: ", ")); skipped: \(selection.skipped.map(\.description).joined(separator: ", "))")
            }
        } catch let error as InvoiceError {
            printError(close ? "--close: \(error)" : "\(error)")
            throw ExitCode.failure
        } catch let error as StoreError {
            printError("--close: \(error)")
            throw ExitCode.failure
        }
        if close {
            for invoice in invoices where invoice.coverage.pricedHours < invoice.coverage.hours {
                printError("warning: \(invoice.cluster) \(invoice.month) closed with \(invoice.coverage.pricedHours) of \(invoice.coverage.hours) hours priced")
            }
        }
        let output: String
        switch format {
        case .csv:
            output = try FocusCSV.export(invoices, config: session.config, tenant: tenant)
            printError(InvoiceSummaryText(invoices: invoices, tenant: tenant).text)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let shown = tenant.map { tenant in invoices.map { $0.only(tenant: tenant) } } ?? invoices
            output = String(decoding: try encoder.encode(shown.map(\.forJSON)), as: UTF8.self) + "\n"
        }
        if let out {
            do {
                try Data(output.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw ValidationError("--out: cannot write \(out): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }
}

/// The summary and coverage printed beside the CSV.
struct InvoiceSummaryText {
    let invoices: [Invoice]
    let tenant: String?

    var text: String {
        var lines: [String] = []
        for invoice in invoices {
            let state = invoice.closedAt.map { "closed \(UTCTime.format($0))" }
                ?? (invoice.hoursElapsed < invoice.hoursInMonth ? "open, month to date (\(invoice.hoursElapsed) of \(invoice.hoursInMonth) hours)" : "open")
            let shown = invoice.summary.filter { tenant == nil || $0.tenant == tenant }
            // With --tenant, the tenant's own total, as the JSON gives it.
            let total = tenant.map { invoice.only(tenant: $0).total } ?? invoice.total
            var head = "\(invoice.cluster) \(invoice.month) (\(state)): total \(total) \(invoice.currency)"
            if let tenant { head += " for tenant \(tenant)" }
            let corrections = shown.compactMap { $0.adjustments.flatMap(Money.init) }
            if !corrections.isEmpty {
                let usage = shown.map { Money($0.usage ?? $0.total) ?? .zero }.sum()
                head += " (usage \(usage.formatted(decimals: 2)), adjustments \(corrections.sum().formatted(decimals: 2)))"
            }
            lines.append(head)
            lines += table(shown).map { "  " + $0 }
            let adjustments = invoice.lines.filter { $0.correctionOf != nil }.count
            if adjustments > 0 { lines.append("  \(adjustments) adjustment lines correct closed months") }
            let c = invoice.coverage
            lines.append("  coverage: \(c.pricedHours) of \(c.hours) hours priced, \(c.hoursWithIaaS) with IaaS data, "
                + "\(c.hoursWithKubernetes) with Kubernetes metrics, \(c.unpricedContainerHours) of \(c.containerHours) container-hours unpriced")
        }
        return lines.joined(separator: "\n")
    }

    /// The tenant lines as a table whose columns are as wide as their widest cell, so long
    /// figures never run together. Usage and adjustments get their own columns only when
    /// the month carries adjustments; otherwise the total is the usage.
    func table(_ items: [TenantSummary]) -> [String] {
        let adjusted = items.contains { $0.adjustments != nil }
        var header = ["tenant", "total", "share", "previous", "change", "forecast"]
        if adjusted { header.insert(contentsOf: ["usage", "adjustments"], at: 1) }
        let rows = items.map { item in
            var row = [item.tenant, item.total, item.share + " %", item.previousTotal ?? "-", item.change.map { $0 + " %" } ?? "-", item.forecast ?? "-"]
            if adjusted { row.insert(contentsOf: [item.usage ?? item.total, item.adjustments ?? "-"], at: 1) }
            return row
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.indices.map { column in
                column == 0 ? row[0] + String(repeating: " ", count: widths[0] - row[0].count) : "   " + pad(row[column], widths[column])
            }.joined()
        }
    }

    func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
}
