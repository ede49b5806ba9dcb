import Foundation
import Hummingbird
import KubeLedgerCapacity
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerReports

/// `GET /api/v1/rightsizing`, `GET /api/v1/capacity/plan`, `GET /api/v1/reconciliation`:
/// the reports of the command line, from the same functions.
struct ReportRoutes {
    let server: APIServer

    func add(to group: RouterGroup<APIContext>) {
        group.get("rightsizing") { request, context in
            let caller = try context.requireCaller()
            let parameters = try QueryParameters(request, takes: ["cluster", "tenant", "namespace", "format"])
            let format = try parameters.choice("format", ["json": "json", "csv": "csv"], default: "json")
            let scope = try server.scope(parameters, caller: caller)
            let rows = try server.rightSizingRows(clusters: scope.clusters, tenant: scope.tenant, namespace: scope.namespace.map { wanted in { $0 == wanted } })
            let name = ["rightsizing", parameters.string("cluster") ?? "all-clusters"] + (scope.tenant.map { [$0] } ?? [])
            return format == "csv" ? Body.csv(RightSizingOutput.csv(rows), filename: name.joined(separator: "-")) : try Body.json(rows)
        }
        group.get("capacity/plan") { request, context in
            let caller = try context.requireCaller()
            guard caller.tenant == nil else { throw APIError(.forbidden, "forbidden", "capacity plans are not for tenant tokens") }
            let parameters = try QueryParameters(request, takes: ["cluster", "architecture", "horizon"])
            let architectures: [String: Architecture?] = ["devtest": .devtest, "production": .production]
            let chosen = try parameters.choice("architecture", architectures, default: nil)
            var horizon: Int?
            if let text = parameters.string("horizon") {
                guard let days = CapacityReports.horizonDays(text) else {
                    throw APIError.badParameter("horizon", "\(CapacityReports.horizonExpected), found \"\(text)\"")
                }
                horizon = days
            }
            let reports = try server.planReports(clusters: try server.clusters(parameters), architecture: chosen, horizonDays: horizon)
            return try Body.json(reports)
        }
        group.get("reconciliation") { request, context in
            let caller = try context.requireCaller()
            guard caller.tenant == nil else { throw APIError(.forbidden, "forbidden", "reconciliation is not for tenant tokens") }
            let parameters = try QueryParameters(request, takes: ["from", "to", "cluster"])
            let from = try parameters.time("from")
            let to = try parameters.time("to")
            guard from < to else { throw APIError.badParameter("to", "must be after from") }
            guard to - from <= 93 * 86_400 else { throw APIError.badParameter("to", "at most 93 days after from") }
            let timeZone = server.config.billing.timeZone
            let days = Reconciliation.days(from: from, to: to, timeZone: timeZone)
            var rows: [ReconciliationRow] = []
            for cluster in try server.clusters(parameters) {
                if let first = days.first, let last = days.last {
                    try server.costs.update(cluster: cluster, hours: HourRange(from: first.from, to: last.to))
                }
                rows += try Reconciliation(store: server.store, cluster: cluster, days: days, timeZone: timeZone).rows
            }
            return try Body.json(rows)
        }
    }
}
