import Foundation
import Hummingbird
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerPricing
import KubeLedgerReports
import KubeLedgerStore

/// The simPod JSON datasource protocol under `/grafana` (outputs.md §3, docs/grafana.md):
/// the figures of `/api/v1` as Grafana time series and tables, with the same tokens and
/// the same tenant isolation.
struct GrafanaRoutes {
    let server: APIServer
    /// The largest request body a route reads.
    static let bodyLimit = 64 * 1024

    func add(to group: RouterGroup<APIContext>) {
        group.get("") { _, context -> String in
            _ = try context.requireCaller()
            return "ok\n"
        }
        group.post("metrics") { _, context in
            _ = try context.requireCaller()
            return try Self.json(GrafanaMetrics.all.map { metric in
                ["value": metric.value, "label": metric.label, "payloads": metric.fields.map { field -> [String: Any] in
                    var entry: [String: Any] = ["name": field.name, "label": field.label, "type": field.options == nil ? "input" : "select"]
                    if let options = field.options { entry["options"] = options.map { ["label": $0, "value": $0] } }
                    return entry
                }] as [String: Any]
            })
        }
        group.post("metric-payload-options") { request, context in
            let caller = try context.requireCaller()
            let body = try await JSONBody.read(request, context: context, limit: Self.bodyLimit)
            let name = try body.requiredString("metric")
            guard let metric = GrafanaMetrics.metric(name) else { throw APIError.badParameter("metric", "no metric \"\(name)\"") }
            let fieldName = try body.requiredString("name")
            guard let field = metric.fields.first(where: { $0.name == fieldName }) else {
                throw APIError.badParameter("name", "metric \(name) has no payload field \"\(fieldName)\"")
            }
            var options = try field.options ?? values(of: fieldName, caller: caller, tenant: nil)
            if fieldName == "aggregate" {
                // The labels the store has seen, each a way to group costs.
                let keys = try Set(server.config.clusters.flatMap { try server.store.labelKeys(cluster: $0.name) })
                options += keys.sorted().map { "label:" + $0 }
            }
            return try Self.json(options.map { ["label": $0, "value": $0] })
        }
        group.post("variable") { request, context in
            let caller = try context.requireCaller()
            let body = try await JSONBody.read(request, context: context, limit: Self.bodyLimit)
            let payload = try body.object("payload") ?? JSONBody(value: [String: Any](), path: "payload")
            let target = try payload.requiredString("target")
            let names = ["clusters": "cluster", "tenants": "tenant", "namespaces": "namespace"]
            guard let key = names[target] else { throw APIError.badParameter("payload.target", "expected clusters, tenants or namespaces, found \"\(target)\"") }
            let tenant = GrafanaSelection.value(try payload.string("tenant"))
            return try Self.json(try values(of: key, caller: caller, tenant: tenant).map { ["__text": $0, "__value": $0] })
        }
        group.post("tag-keys") { _, context in
            _ = try context.requireCaller()
            return try Self.json(AdHocFilter.Key.allCases.map { ["type": "string", "text": $0.rawValue] })
        }
        group.post("tag-values") { request, context in
            let caller = try context.requireCaller()
            let body = try await JSONBody.read(request, context: context, limit: Self.bodyLimit)
            let key = try body.requiredString("key")
            guard AdHocFilter.Key(rawValue: key) != nil else { throw APIError.badParameter("key", "expected cluster, tenant or namespace, found \"\(key)\"") }
            return try Self.json(try values(of: key, caller: caller, tenant: nil).map { ["text": $0] })
        }
        group.post("query") { request, context in
            let caller = try context.requireCaller()
            let body = try await JSONBody.read(request, context: context, limit: Self.bodyLimit)
            let query = try GrafanaQuery(body, timeZone: server.config.billing.timeZone)
            // What the answer depends on: the whole hours of the range (a dashboard's "now"
            // moves each refresh, its hours do not), the bucket, the targets and filters, the
            // caller, and the hour of now (right-sizing and plans look back from it).
            let object = body.value as? [String: Any] ?? [:]
            let asked = try JSONSerialization.data(withJSONObject: ["targets": object["targets"] ?? [], "filters": object["filters"] ?? object["adhocFilters"] ?? []],
                                                   options: [.sortedKeys])
            let key = "grafana \(caller.role) \(server.now() / 3600) \(query.from / 3600) \(query.to / 3600) \((query.to + 3599) / 3600) \(query.bucketHours) "
                + String(decoding: asked, as: UTF8.self)
            return Body.json(buffer: try CostAggregate.bounded(parameter: "targets", limit: server.maxPoints) { try server.cached(key) {
                var answers: [Any] = []
                // One budget of points for the whole answer, every target and cluster.
                var room = server.maxPoints
                for target in query.targets {
                    answers += try answer(target, query: query, caller: caller, room: &room)
                }
                return try JSONSerialization.data(withJSONObject: answers, options: [.sortedKeys])
            } })
        }
    }

    /// Clusters, tenants or namespaces the caller may see (namespaces of `tenant` when given).
    func values(of key: String, caller: Caller, tenant: String?) throws -> [String] {
        let clusters = server.config.clusters.map(\.name)
        if key == "cluster" { return clusters }
        let wanted = try caller.visibleTenant(asked: tenant, parameter: "tenant")
        let directory = try TenantDirectory(store: server.store, clusters: clusters)
        return key == "tenant" ? directory.tenants.filter { wanted == nil || $0 == wanted } : directory.namespaces(of: wanted)
    }

    /// The selection of a target: payload values, ad-hoc filters, and the caller's limits.
    func selection(_ target: GrafanaQuery.Target, filters: [AdHocFilter], caller: Caller) throws -> GrafanaSelection {
        var clusters = server.config.clusters.map(\.name)
        if let cluster = GrafanaSelection.value(try target.payload.string("cluster")) {
            guard clusters.contains(cluster) else { throw APIError(.notFound, "not_found", "\(target.payload.path).cluster: no cluster \"\(cluster)\"") }
            clusters = [cluster]
        }
        let tenant = try caller.visibleTenant(asked: GrafanaSelection.value(try target.payload.string("tenant")),
                                              parameter: "\(target.payload.path).tenant")
        var selection = GrafanaSelection(clusters: clusters, tenant: tenant, filters: filters,
                                         namespace: GrafanaSelection.value(try target.payload.string("namespace")))
        selection.clusters = clusters.filter { selection.keeps(.cluster, $0) }
        return selection
    }

    func answer(_ target: GrafanaQuery.Target, query: GrafanaQuery, caller: Caller, room: inout Int) throws -> [Any] {
        let selection = try selection(target, filters: query.filters, caller: caller)
        switch target.metric {
        case "costs", "cost_table":
            let aggregate = try CostAggregate.parse(try target.payload.string("aggregate"), parameter: "\(target.payload.path).aggregate")
            if target.metric == "cost_table" {
                return [try costTable(selection, aggregate: aggregate, query: query, room: &room)]
            }
            let componentText = try target.payload.string("component") ?? "total"
            guard GrafanaMetrics.components.contains(componentText) else {
                throw APIError.badParameter("\(target.payload.path).component", "expected one of \(GrafanaMetrics.components.joined(separator: ", ")), found \"\(componentText)\"")
            }
            return try costSeries(selection, aggregate: aggregate, component: componentText, query: query, room: &room)
        case "rightsizing":
            let rows = try server.rightSizingRows(clusters: selection.clusters, tenant: selection.tenant, namespace: selection.namespaces)
                .filter { row in selection.keeps(.tenant, row.tenant ?? "__unassigned__") }
            return [GrafanaTable.rightSizing(rows).json]
        case "capacity_plan":
            guard caller.tenant == nil else { throw APIError(.forbidden, "forbidden", "\(target.path).target: capacity plans are not for tenant tokens") }
            return [GrafanaTable.plan(try server.planReports(clusters: selection.clusters, architecture: nil, horizonDays: nil)).json]
        default:
            throw APIError.badParameter("\(target.path).target", "expected one of \(GrafanaMetrics.all.map(\.value).joined(separator: ", ")), found \"\(target.metric)\"")
        }
    }

    /// One cluster's points, taken from what is left of the answer's budget of points.
    func report(_ selection: GrafanaSelection, cluster: String, aggregate: CostBreakdown.Aggregate, buckets: [HourRange], room: inout Int) throws -> [CostReport.Point] {
        guard let first = buckets.first, let last = buckets.last else { return [] }
        try server.costs.update(cluster: cluster, hours: HourRange(from: first.from, to: last.to))
        let points = try CostReport(store: server.store, cluster: cluster, buckets: buckets, by: aggregate, sharing: server.config.sharing,
                                    onlyTenant: selection.tenant, tenants: selection.tenants, namespaces: selection.namespaces, maxPoints: room).points
        room -= points.count
        return points
    }

    func costSeries(_ selection: GrafanaSelection, aggregate: CostBreakdown.Aggregate, component: String, query: GrafanaQuery, room: inout Int) throws -> [Any] {
        let buckets = CostReport.buckets(from: query.from, to: query.to, everyHours: query.bucketHours, timeZone: server.config.billing.timeZone)
        var series: [String: [[Any]]] = [:]
        for cluster in selection.clusters {
            for point in try report(selection, cluster: cluster, aggregate: aggregate, buckets: buckets, room: &room) {
                let value: Double? = switch component {
                case "cpu": Double(point.cpu)
                case "ram": Double(point.ram)
                case "storage": Double(point.storage)
                case "shared": Double(point.shared)
                case "idle": Double(point.idle)
                case "efficiency": point.efficiency
                default: Double(point.total)
                }
                guard let value, let start = UTCTime.parse(point.start) else { continue }
                let name = selection.clusters.count > 1 && aggregate != .cluster ? "\(cluster)/\(point.key)" : point.key
                series[name, default: []].append([value, start * 1000])
            }
        }
        return series.keys.sorted().map { ["target": $0, "datapoints": series[$0]!] as [String: Any] }
    }

    func costTable(_ selection: GrafanaSelection, aggregate: CostBreakdown.Aggregate, query: GrafanaQuery, room: inout Int) throws -> Any {
        let whole = [HourRange(covering: query.from, to: query.to)]
        var rows: [[Any]] = []
        for cluster in selection.clusters {
            for point in try report(selection, cluster: cluster, aggregate: aggregate, buckets: whole, room: &room) {
                rows.append([cluster, point.key, point.tenant, point.cpu, point.ram, point.storage, point.shared, point.idle, point.total,
                             point.efficiency.map { $0 as Any } ?? NSNull()])
            }
        }
        return GrafanaTable(columns: [("cluster", "string"), ("key", "string"), ("tenant", "string"), ("cpu", "string"), ("ram", "string"),
                                      ("storage", "string"), ("shared", "string"), ("idle", "string"), ("total", "string"), ("efficiency", "number")],
                            rows: rows).json
    }

    static func json(_ value: Any) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
