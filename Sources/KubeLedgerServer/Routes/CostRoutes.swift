import Hummingbird
import KubeLedgerConfig
import KubeLedgerIngest
import KubeLedgerCore
import KubeLedgerPricing
import KubeLedgerReports

/// `GET /api/v1/costs`: cost series from the stored hourly costs.
struct CostRoutes {
    let server: APIServer

    struct Answer: Encodable {
        let from: String
        let to: String
        let step: String
        let aggregate: String
        let currency: String
        let series: [Point]
    }

    /// One value of the series; money as decimal strings with 10 decimals.
    struct Point: Encodable {
        let cluster, start, key, tenant, cpu, ram, storage, shared, idle, total: String
        let efficiency: Double?

        init(cluster: String, point: CostReport.Point) {
            self.cluster = cluster
            start = point.start
            key = point.key
            tenant = point.tenant
            cpu = point.cpu
            ram = point.ram
            storage = point.storage
            shared = point.shared
            idle = point.idle
            total = point.total
            efficiency = point.efficiency
        }
    }

    func add(to group: RouterGroup<APIContext>) {
        group.get("costs") { request, context in
            let caller = try context.requireCaller()
            let parameters = try QueryParameters(request, takes: ["from", "to", "aggregate", "step", "cluster", "tenant", "namespace"])
            let from = try parameters.time("from")
            let to = try parameters.time("to")
            guard from < to else { throw APIError.badParameter("to", "must be after from") }
            guard to - from <= 400 * 86_400 else { throw APIError.badParameter("to", "at most 400 days after from") }
            let aggregateName = parameters.string("aggregate") ?? "tenant"
            let aggregate = try CostAggregate.parse(aggregateName, parameter: "aggregate")
            let step = try parameters.choice("step", ["1h": CostReport.Step.hour, "1d": .day, "month": .month], default: .day)
            if step == .hour, to - from > 31 * 86_400 { throw APIError.badParameter("step", "1h covers at most 31 days; use 1d or month") }
            let scope = try server.scope(parameters, caller: caller)
            let body = try CostAggregate.bounded(parameter: "step", limit: server.maxPoints) { try server.cached("costs \(caller.role) \(request.uri)") {
                var series: [Point] = []
                for cluster in scope.clusters {
                    let room = server.maxPoints - series.count
                    let hours = HourRange(covering: from, to: to)
                    try server.costs.update(cluster: cluster, hours: hours)
                    let report = try CostReport(store: server.store, cluster: cluster, from: from, to: to, step: step, by: aggregate,
                                                sharing: server.config.sharing, timeZone: server.config.billing.timeZone, onlyTenant: scope.tenant,
                                                namespaces: scope.namespace.map { wanted in { $0 == wanted } }, maxPoints: room)
                    series += report.points.map { Point(cluster: cluster, point: $0) }
                }
                return try Body.encode(Answer(from: UTCTime.format(from), to: UTCTime.format(to), step: step.rawValue, aggregate: aggregateName,
                                              currency: server.catalog.currency, series: series))
            } }
            return Body.json(buffer: body)
        }
    }
}
