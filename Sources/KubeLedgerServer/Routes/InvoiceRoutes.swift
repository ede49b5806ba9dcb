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

    /// The month of the path; one that has not begun is a 400, since no invoice of it can exist yet.
    func month(_ context: APIContext) throws -> BillingMonth {
        let text = context.parameters.get("month") ?? ""
        guard let month = BillingMonth(text, timeZone: server.config.billing.timeZone) else {
            throw APIError.badParameter("month", "expected YYYY-MM such as 2026-10, found \"\(text)\"")
        }
        guard month.start <= server.now() else {
            throw APIError.badParameter("month", "\(text) has not started yet (in \(server.config.billing.timeZone.identifier))")
        }
        return month
    }

    /// Prices what the month and the closed months before it need, then builds each cluster's
    /// invoice; the clusters left out (or, closing, skipped) come apart.
    func invoices(_ parameters: QueryParameters, clusters: [String], month: BillingMonth, close: Bool) throws -> (invoices: [Invoice], skipped: [InvoiceSkip]) {
        let builder = InvoiceBuilder(store: server.store, config: server.config, currency: server.catalog.currency)
        return try Self.conflicts {
            try InvoiceSelection.collect(clusters: clusters, month: month, named: parameters.string("cluster") != nil) { cluster in
                try server.costs.updateForInvoice(cluster: cluster, month: month)
                return close
                    ? try builder.close(cluster: cluster, month: month, now: server.now()) { FocusCSV.render([$0], config: server.config) }
                    : try builder.invoice(cluster: cluster, month: month, now: server.now())
            }
        }
    }

    /// Runs `work`, answering what is wrong with a month's stored state (a month already
    /// closed, not over, or a closed invoice, CSV included, that cannot be read) as 409:
    /// the request was fine, the store is not as it needs to be.
    static func conflicts<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as InvoiceError {
            if case .noData = error { throw APIError(.notFound, "not_found", "month: \(error.description)") }
            throw APIError(.conflict, "conflict", error.description)
        } catch let error as StoreError {
            throw APIError(.conflict, "conflict", error.description)
        }
    }

    /// The clusters a close over every cluster skipped, and why: `lab (already closed)`.
    static let skippedHeader = "KubeLedger-Skipped"

    func add(to group: RouterGroup<APIContext>) {
        group.get("invoices/:month") { request, context in
            let caller = try context.requireCaller()
            let parameters = try QueryParameters(request, takes: ["format", "cluster", "tenant"])
            let month = try month(context)
            let format = try parameters.choice("format", ["csv": "csv", "json": "json"], default: "csv")
            let scope = try server.scope(parameters, caller: caller)
            let tenant = scope.tenant
            let invoices = try invoices(parameters, clusters: scope.clusters, month: month, close: false).invoices
            if format == "csv" {
                let name = [parameters.string("cluster") ?? "all-clusters", month.description] + (tenant.map { [$0] } ?? [])
                return Body.csv(try Self.conflicts { try FocusCSV.export(invoices, config: server.config, tenant: tenant) }, filename: name.joined(separator: "-"))
            }
            let shown = tenant.map { tenant in invoices.map { $0.only(tenant: tenant) } } ?? invoices
            return try Body.json(shown.map(\.forJSON))
        }
        group.post("invoices/:month/close") { request, context in
            let caller = try context.requireCaller()
            guard caller.role == .admin || caller.role == .finance else {
                throw APIError(.forbidden, "forbidden", "closing a month needs a finance or admin token")
            }
            let parameters = try QueryParameters(request, takes: ["cluster"], refused: [
                "tenant": "a close freezes the month for every tenant of the cluster, so it takes no tenant",
            ])
            let (closed, skipped) = try invoices(parameters, clusters: try server.clusters(parameters), month: try month(context), close: true)
            var response = try Body.json(closed.map { ["cluster": $0.cluster, "month": $0.month, "total": $0.forJSON.total] })
            if !skipped.isEmpty { response.headers[.init(Self.skippedHeader)!] = skipped.map(\.description).joined(separator: ", ") }
            return response
        }
    }
}
