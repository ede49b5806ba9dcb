import CSV
import Foundation
import KubeLedgerConfig
import KubeLedgerCore

/// Writes invoices as the FOCUS 1.2 CSV of outputs.md §1: RFC 4180 with CRLF, a header
/// row, nulls as unquoted empty fields, text cells that a spreadsheet would run as a
/// formula prefixed with `'`, numbers and dates as written.
public enum FocusCSV {
    public static let columns = [
        "BillingAccountId", "BillingAccountName", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd",
        "BillingCurrency", "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "ChargeCategory", "ChargeClass",
        "ChargeDescription", "ChargeFrequency", "ConsumedQuantity", "ConsumedUnit", "PricingQuantity", "PricingUnit",
        "ListUnitPrice", "ContractedUnitPrice", "InvoiceId", "InvoiceIssuerName", "ProviderName", "PublisherName", "ServiceName",
        "ServiceCategory", "ServiceSubcategory", "RegionId", "AvailabilityZone", "ResourceId", "ResourceName", "ResourceType",
        "SubAccountId", "SubAccountName", "Tags", "x_Cluster", "x_Namespace", "x_Tenant", "x_CostComponent",
    ]

    /// What an export sends: the rows of each invoice under one header, a closed invoice's
    /// exactly as it was closed (its stored bytes, when it is the whole export), whatever
    /// the config says now; optionally one tenant's rows only.
    /// - Throws: ``InvoiceError/unreadableClosedInvoice(cluster:month:reason:)`` when a
    ///   closed invoice's stored CSV is not FOCUS rows, even when its bytes would be sent
    ///   as they are: a damaged stored invoice is reported, never passed on.
    public static func export(_ invoices: [Invoice], config: KubeLedgerConfig, tenant: String? = nil) throws -> String {
        if tenant == nil, invoices.count == 1, let stored = invoices[0].csv {
            _ = try storedRows(stored, of: invoices[0], tenant: nil)
            return stored
        }
        return write(try invoices.flatMap { invoice in
            try invoice.csv.map { try storedRows($0, of: invoice, tenant: tenant) } ?? renderedRows(invoice, config: config, tenant: tenant)
        })
    }

    /// The CSV of the invoices' lines as the config says now, optionally of one tenant only:
    /// what a month is closed with.
    public static func render(_ invoices: [Invoice], config: KubeLedgerConfig, tenant: String? = nil) -> String {
        write(invoices.flatMap { renderedRows($0, config: config, tenant: tenant) })
    }

    /// An invoice's lines (one tenant's, or all) as rows, with the config's account, region and provider.
    static func renderedRows(_ invoice: Invoice, config: KubeLedgerConfig, tenant: String?) -> [[String]] {
        invoice.lines.filter { tenant == nil || $0.tenant == tenant }.map { row($0, invoice: invoice, config: config) }
    }

    /// The rows of a closed month's stored CSV, of one tenant (by `x_Tenant`) or all.
    static func storedRows(_ csv: String, of invoice: Invoice, tenant: String?) throws -> [[String]] {
        let unreadable = { (reason: String) in InvoiceError.unreadableClosedInvoice(cluster: invoice.cluster, month: invoice.month, reason: reason) }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: csv, hasHeaderRow: true)
        } catch {
            throw unreadable("\(error)")
        }
        guard reader.headerRow == columns else { throw unreadable("its CSV header is not the FOCUS columns") }
        let column = columns.firstIndex(of: "x_Tenant")!
        var rows: [[String]] = []
        var number = 1
        while let row = reader.next() {
            number += 1
            if row == [""] { continue }  // the closing CRLF
            guard row.count == columns.count else { throw unreadable("CSV row \(number) has \(row.count) fields, not \(columns.count)") }
            if tenant == nil || row[column] == tenant { rows.append(row) }
        }
        if let error = reader.error { throw unreadable("\(error)") }
        return rows
    }

    static func write(_ rows: [[String]]) -> String { CSVText.render(header: columns, rows: rows) }

    static func row(_ line: InvoiceLine, invoice: Invoice, config: KubeLedgerConfig) -> [String] {
        let cluster = config.cluster(named: invoice.cluster)
        let account = cluster?.billing
        let isStorage = line.component == "storage"
        let provider = config.billing.providerName
        let date = { (seconds: Int64) in UTCTime.format(seconds) }
        let text = { (value: String?) in neutralised(value ?? "") }
        var tags: [String: String] = ["tenant": line.tenant]
        if let namespace = line.namespace { tags["namespace"] = namespace }
        let tagText = String(decoding: try! JSONSerialization.data(withJSONObject: tags, options: [.sortedKeys]), as: UTF8.self)
        return [
            text(account?.accountID ?? invoice.cluster), text(account?.accountName ?? invoice.cluster),
            date(invoice.periodStart), date(invoice.periodEnd), date(line.chargePeriodStart), date(line.chargePeriodEnd),
            invoice.currency, line.rounded, line.rounded, line.rounded, line.rounded,
            line.correctionOf == nil ? "Usage" : "Adjustment", line.correctionOf == nil ? "" : "Correction",
            text(description(line)), "Usage-Based",
            line.quantity ?? "", line.unit ?? "", line.quantity ?? "", line.unit ?? "", line.unitPrice ?? "", line.unitPrice ?? "",
            text("KL-\(invoice.cluster)-\(invoice.month)"), text(provider), text(provider), text(provider),
            isStorage ? "Managed Kubernetes Storage" : "Managed Kubernetes", isStorage ? "Storage" : "Compute",
            isStorage ? "Block Storage" : "Containers", text(cluster?.region ?? "FR1"), text(line.zone),
            text(line.namespace.map { "\(invoice.cluster)/\($0)" }), text(line.namespace), line.namespace == nil ? "" : "Namespace",
            text(line.tenant), text(line.tenant), text(tagText), text(invoice.cluster), text(line.namespace), text(line.tenant), line.component,
        ]
    }

    /// `CPU of namespace shop`, `Share of platform and overhead`, `Share of idle capacity`,
    /// and for a correction the same followed by the month it corrects.
    static func description(_ line: InvoiceLine) -> String {
        let base: String
        switch line.component {
        case "cpu": base = "CPU of namespace \(line.namespace ?? "")"
        case "ram": base = "RAM of namespace \(line.namespace ?? "")"
        case "storage": base = "Storage of namespace \(line.namespace ?? "")"
        case "shared": base = "Share of platform and overhead"
        default: base = line.tenant == "__idle__" ? "Idle capacity" : "Share of idle capacity"
        }
        return line.correctionOf.map { "Correction of \($0): \(base)" } ?? base
    }

    /// A text cell a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, carriage return
    /// first) gets a leading `'`.
    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }
}
