import Foundation
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerPricing
import KubeLedgerStore

/// Builds a month's invoice from the stored hourly costs (outputs.md §1): closed months
/// from their stored document, open ones by adding up stored rows, sharing and rounding,
/// with the corrections of closed months as `Adjustment` lines in the first open month.
public struct InvoiceBuilder: Sendable {
    public var store: LedgerStore
    public var config: KubeLedgerConfig
    public var currency: String

    public init(store: LedgerStore, config: KubeLedgerConfig, currency: String) {
        self.store = store
        self.config = config
        self.currency = currency
    }

    public func invoice(cluster: String, month: BillingMonth, now: Int64) throws -> Invoice {
        let closed = try closedDocuments(cluster: cluster)
        if let document = closed[month.description] { return document }
        let hours = month.hours
        let charge = Chargeback(rows: try store.costRows(cluster: cluster, hours: hours), sharing: config.sharing)
        let adjustments = try self.adjustments(cluster: cluster, month: month, closed: closed)
        let rounding = InvoiceRounding(charge, extra: Dictionary(grouping: adjustments, by: \.tenant))
        var lines: [InvoiceLine] = []
        for item in rounding.lines {
            let line = item.line
            let period = line.correctionOf.flatMap { BillingMonth($0, timeZone: month.timeZone) } ?? month
            let unit = FocusUnits.unit(line.component)
            let quantity = line.correctionOf == nil && unit != nil ? FocusUnits.quantity(line) : nil
            lines.append(InvoiceLine(
                tenant: line.tenant, namespace: line.namespace, component: line.component.rawValue, exact: line.amount.description,
                rounded: item.rounded.formatted(decimals: 2), quantity: quantity.map { FocusUnits.format($0) }, unit: quantity == nil ? nil : unit,
                unitPrice: quantity.flatMap { FocusUnits.unitPrice(line.amount, quantity: $0) }, zone: line.zone,
                correctionOf: line.correctionOf, chargePeriodStart: period.start, chargePeriodEnd: period.next.start
            ))
        }
        let elapsed = max(0, min(hours.count, Int((now - month.start) / Hour.seconds)))
        let previous = try previousUsage(cluster: cluster, month: month.previous, closed: closed)
        // Share, change and forecast read the month's own charges: an adjustment corrects a
        // closed month, once, and says nothing of this month's use (docs/cost-model.md).
        var usage: [String: Money] = [:]
        var corrections: [String: Money] = [:]
        for item in rounding.lines {
            if item.line.correctionOf == nil {
                usage[item.line.tenant, default: .zero] += item.rounded
            } else {
                corrections[item.line.tenant, default: .zero] += item.rounded
            }
        }
        let clusterUsage = usage.values.sum()
        let summary = zip(rounding.tenantNames, rounding.tenantTotals).map { name, total in
            InvoiceSummaries.tenant(
                name, total: total, usage: usage[name] ?? .zero, adjustments: corrections[name], clusterUsage: clusterUsage,
                previous: previous[name], forecastFactor: elapsed > 0 && elapsed < hours.count ? (hours.count, elapsed) : nil
            )
        }
        return Invoice(
            cluster: cluster, month: month.description, currency: currency, periodStart: month.start, periodEnd: month.next.start,
            lines: lines, summary: summary, coverage: try store.coverage(cluster: cluster, hours: hours),
            total: rounding.total.formatted(decimals: 2), closedAt: nil, csv: nil, hoursElapsed: elapsed, hoursInMonth: hours.count
        )
    }

    /// Freezes the month: its invoice, adjustments included, stored with its CSV.
    /// Only a month that has ended, and has priced hours, can be closed: a closed month never
    /// changes, so closing one before its data is in would invoice it at zero for good.
    public func close(cluster: String, month: BillingMonth, now: Int64, csv: (Invoice) -> String) throws -> Invoice {
        guard now >= month.next.start else { throw InvoiceError.monthNotOver(month: month.description) }
        var invoice = try invoice(cluster: cluster, month: month, now: now)
        guard invoice.closedAt == nil else { throw StoreError.alreadyClosed(cluster: cluster, month: month.description) }
        guard invoice.coverage.pricedHours > 0 else {
            throw InvoiceError.nothingPriced(cluster: cluster, month: month.description, hours: invoice.coverage.hours)
        }
        invoice.closedAt = now
        invoice.csv = csv(invoice)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try store.closeInvoice(cluster: cluster, month: month.description, closedAt: now, content: try encoder.encode(invoice))
        return invoice
    }

    func closedDocuments(cluster: String) throws -> [String: Invoice] {
        var result: [String: Invoice] = [:]
        for (month, data) in try store.closedInvoices(cluster: cluster) {
            do {
                result[month] = try JSONDecoder().decode(Invoice.self, from: data)
            } catch {
                throw InvoiceError.unreadableClosedInvoice(cluster: cluster, month: month, reason: String(describing: error))
            }
        }
        return result
    }

    /// Adjustment lines for `month` when it is the first open month after the last closed
    /// one: per line key of each closed month, the recomputed exact amount less what that
    /// month and the adjustments since have invoiced.
    func adjustments(cluster: String, month: BillingMonth, closed: [String: Invoice]) throws -> [ChargeLine] {
        let closedMonths = closed.keys.compactMap { BillingMonth($0, timeZone: month.timeZone) }.sorted()
        guard let last = closedMonths.last, last.next == month else { return [] }
        struct Key: Hashable { let tenant: String, namespace: String?, component: String }
        var result: [ChargeLine] = []
        for corrected in closedMonths {
            var invoiced: [Key: Money] = [:]
            for document in closed.values {
                for line in document.lines where (line.correctionOf ?? document.month) == corrected.description {
                    invoiced[Key(tenant: line.tenant, namespace: line.namespace, component: line.component), default: .zero] += Money(line.exact) ?? .zero
                }
            }
            let now = Chargeback(rows: try store.costRows(cluster: cluster, hours: corrected.hours), sharing: config.sharing)
            var recomputed: [Key: Money] = [:]
            for tenant in now.tenants {
                for line in tenant.lines {
                    recomputed[Key(tenant: line.tenant, namespace: line.namespace, component: line.component.rawValue), default: .zero] += line.amount
                }
            }
            for key in Set(invoiced.keys).union(recomputed.keys) {
                let difference = (recomputed[key] ?? .zero) - (invoiced[key] ?? .zero)
                guard difference != .zero, let component = ChargeLine.Component(rawValue: key.component) else { continue }
                result.append(ChargeLine(tenant: key.tenant, namespace: key.namespace, component: component, amount: difference,
                                         correctionOf: corrected.description))
            }
        }
        return result.sorted(by: Self.adjustmentOrder)
    }

    /// Adjustments per tenant (bytes) and corrected month, each in the §8 order of a
    /// tenant's lines, so a largest-remainder tie goes where cost-model.md §8 says.
    static func adjustmentOrder(_ a: ChargeLine, _ b: ChargeLine) -> Bool {
        if a.tenant != b.tenant { return a.tenant.utf8.lexicographicallyPrecedes(b.tenant.utf8) }
        if a.correctionOf != b.correctionOf { return (a.correctionOf ?? "") < (b.correctionOf ?? "") }
        return ChargeLine.invoiceOrder(a, b)
    }

    /// The previous month's own charges per tenant, what the summary compares with: from
    /// its stored document when it is closed (what was invoiced, its adjustments left out),
    /// else recomputed from its stored rows, which the caller has priced first.
    func previousUsage(cluster: String, month: BillingMonth, closed: [String: Invoice]) throws -> [String: Money] {
        if let document = closed[month.description] {
            var usage: [String: Money] = [:]
            for line in document.lines where line.correctionOf == nil {
                usage[line.tenant, default: .zero] += Money(line.rounded) ?? .zero
            }
            return usage
        }
        let rows = try store.costRows(cluster: cluster, hours: month.hours)
        guard !rows.isEmpty else { return [:] }
        let rounding = InvoiceRounding(Chargeback(rows: rows, sharing: config.sharing))
        return Dictionary(zip(rounding.tenantNames, rounding.tenantTotals).map { ($0, $1) }) { $1 }
    }
}

/// Why an invoice cannot be produced or closed. The descriptions name no command-line
/// option: the API answers with them too, and the command adds its option itself.
public enum InvoiceError: Error, Equatable, CustomStringConvertible {
    case monthNotOver(month: String)
    case nothingPriced(cluster: String, month: String, hours: Int)
    case noData(clusters: [String], month: String)
    case unreadableClosedInvoice(cluster: String, month: String, reason: String)
    /// A close over every cluster found none it could close.
    case noneClosed(month: String, skipped: [InvoiceSkip])

    public var description: String {
        switch self {
        case let .monthNotOver(month): "\(month) has not ended yet; only a finished month can be closed"
        case let .nothingPriced(cluster, month, hours):
            "\(month) of cluster \(cluster) has no priced hour (0 of \(hours)); a month is closed only once its data is in"
        case let .noData(clusters, month):
            "no data for \(month) in cluster \(clusters.joined(separator: ", ")): no hour of the month is stored and it carries no adjustment"
        case let .unreadableClosedInvoice(cluster, month, reason): "the stored closed invoice of \(cluster) for \(month) cannot be read: \(reason)"
        case let .noneClosed(month, skipped):
            "nothing closed for \(month): \(skipped.map(\.description).joined(separator: ", "))"
        }
    }
}
