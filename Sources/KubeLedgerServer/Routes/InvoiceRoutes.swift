import Foundation
import Hummingbird
import KubeLedgerConfig
import KubeLedgerIngest
import KubeLedgerCore
import KubeLedgerReports
import KubeLedgerStore

/// `GET /api/v1/invoices/{month}` and `POST /api/v1/invoices/{month}/close`.
struct InvoiceRoutes {
    let server: APIServer

    func month(_ context: APIContext) throws -> BillingMonth {
        let text = context.parameters.get("month") ?? ""
        guard let month = BillingMonth(text, timeZone: server.config.billing.timeZone) else {
            throw APIError.badParameter("month", "expected YYYY-MM such as 2026-10, found \"\(text)\"")
        }
        return month
    }

    /// Prices what the month and the closed months before it need, then builds each cluster's invoice.
    func invoices(_ parameters: QueryParameters, month: BillingMonth, close: Bool) throws -> [Invoice] {
        let builder = InvoiceBuilder(store: server.store, config: server.config, currency: server.catalog.currency)
        var invoices: [Invoice] = []
        for cluster in try server.clusters(parameters) {
            let closed = try server.store.closedInvoices(cluster: cluster).keys.compactMap { BillingMonth($0, timeZone: month.timeZone) }
            let first = ([month] + closed).min()!
            try server.costs.update(cluster: cluster, hours: HourRange(from: first.hours.from, to: month.hours.to))
            do {
                invoices.append(close
                    ? try builder.close(cluster: cluster, month: month, now: server.now()) { FocusCSV.render([$0], config: server.config) }
                    : try builder.invoice(cluster: cluster, month: month, now: server.now()))
            } catch let error as InvoiceError {
                throw APIError(.conflict, "conflict", error.description)
            } catch let error as StoreError {
                throw APIError(.conflict, "conflict", error.description)
            }
        }
        return invoices
    }

    func add(to group: RouterGroup<APIContext>) {
        group.get("invoices/:month") { request, context in
            let caller = try context.requireCaller()
            let parameters = QueryParameters(request: request)
            let month = try month(context)
            let format = try parameters.choice("format", ["csv": "csv", "json": "json"], default: "csv")
            let tenant = try server.tenant(parameters, caller: caller)
            let invoices = try invoices(parameters, month: month, close: false)
            if format == "csv" {
                if tenant == nil, invoices.count == 1, let stored = invoices[0].csv { return Body.csv(stored) }
                return Body.csv(FocusCSV.render(invoices, config: server.config, tenant: tenant))
            }
            var shown = invoices
            if let tenant {
                for index in shown.indices {
                    shown[index].lines.removeAll { $0.tenant != tenant }
                    shown[index].summary.removeAll { $0.tenant != tenant }
                    shown[index].csv = nil
                    shown[index].total = shown[index].summary.first?.total ?? "0.00"
                }
            }
            return try Body.json(shown)
        }
        group.post("invoices/:month/close") { request, context in
            let caller = try context.requireCaller()
            guard caller.role == .admin || caller.role == .finance else {
                throw APIError(.forbidden, "forbidden", "closing a month needs a finance or admin token")
            }
            let closed = try invoices(QueryParameters(request: request), month: try month(context), close: true)
            return try Body.json(closed.map { ["cluster": $0.cluster, "month": $0.month, "total": $0.total] })
        }
    }
}
