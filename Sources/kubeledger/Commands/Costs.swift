import ArgumentParser
import Foundation
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerPricing
import KubeLedgerReports

/// `kubeledger costs`: cost series by hour, day or month, as the API will serve them.
struct Costs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cost per hour, day or month by cluster, tenant, namespace, node, controller or label, with shares and efficiency."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "Config file.") var config = ConfigLoader.defaultPath
    @Option(help: "First instant (RFC 3339 or YYYY-MM-DD).") var from: TimeArgument
    @Option(help: "End, exclusive (RFC 3339 or YYYY-MM-DD).") var to: TimeArgument
    @Option(help: "cluster, tenant, namespace, node, controller or label:<key> (a pod or namespace label, such as label:team).")
    var aggregate = "tenant"
    @Option(help: "hour, day or month (days and months of the billing time zone).") var step: CostReport.Step = .day
    @Option(help: "Only this cluster (default: all).") var cluster: String?
    @Option(help: "Only this tenant's costs, its part of shared nodes included.") var tenant: String?
    @Option(help: "Only this namespace.") var namespace: String?
    @Option(help: "table or json.") var format: Format = .table

    func validate() throws {
        guard from.epochSeconds < to.epochSeconds else { throw ValidationError("--to must be after --from") }
        _ = try by()
    }

    func by() throws -> CostBreakdown.Aggregate {
        do {
            return try CostAggregateName.parse(aggregate)
        } catch {
            throw ValidationError("--aggregate: \(error)")
        }
    }

    func run() async throws {
        let session = try LedgerSession(configPath: config)
        let by = try by()
        let namespace = self.namespace
        var report: [(String, CostReport.Point)] = []
        let clusters = try session.clusters(named: cluster)
        try session.checkFilters(clusters: clusters, tenant: tenant, namespace: namespace)
        for name in clusters {
            try session.costs.update(cluster: name, hours: HourRange(covering: from.epochSeconds, to: to.epochSeconds))
            let costs = try CostReport(store: session.store, cluster: name, from: from.epochSeconds, to: to.epochSeconds, step: step, by: by,
                                       sharing: session.config.sharing, timeZone: session.config.billing.timeZone, onlyTenant: tenant,
                                       namespaces: namespace.map { wanted in { $0 == wanted } })
            report += costs.points.map { (name, $0) }
        }
        switch format {
        case .json:
            struct Item: Encodable { let cluster: String; let point: CostReport.Point }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report.map { Item(cluster: $0.0, point: $0.1) }), as: UTF8.self))
        case .table:
            print("cluster            start                 \(aggregate.padding(toLength: 28, withPad: " ", startingAt: 0))       cpu        ram    storage     shared       idle      total  efficiency")
            for (name, point) in report {
                let money = [point.cpu, point.ram, point.storage, point.shared, point.idle, point.total].map {
                    let text = Money($0)!.formatted(decimals: 2)
                    return String(repeating: " ", count: max(0, 11 - text.count)) + text
                }
                print(name.padding(toLength: 19, withPad: " ", startingAt: 0) + point.start.padding(toLength: 22, withPad: " ", startingAt: 0)
                      + point.key.padding(toLength: 28, withPad: " ", startingAt: 0) + money.joined()
                      + (point.efficiency.map { String(format: "  %9.1f %%", $0 * 100) } ?? "           -"))
            }
        }
    }
}

extension CostReport.Step: ExpressibleByArgument {}
