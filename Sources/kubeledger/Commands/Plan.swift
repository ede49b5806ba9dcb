import ArgumentParser
import Foundation
import KubeLedgerCapacity
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerReports

/// `kubeledger plan`: worker and storage sizing for the demand at the horizon (capacity-model.md §2-4).
struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The cheapest worker and storage plan for the demand at the horizon, two alternatives, and the current cluster's runway."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "Config file.") var config = ConfigLoader.defaultPath
    @Option(help: "Only this cluster (default: all).") var cluster: String?
    @Option(help: "devtest or production (default: each cluster's own).") var architecture: Architecture?
    @Option(help: "Days ahead (default: capacity.horizon_days).") var horizonDays: Int?
    @Option(help: "table or json.") var format: Format = .table
    @Option(help: .hidden) var now: TimeArgument?

    func validate() throws {
        if let horizonDays, horizonDays < 1 { throw ValidationError("--horizon-days: at least 1, found \(horizonDays)") }
    }

    func run() async throws {
        let session = try LedgerSession(configPath: config)
        let settings = session.config
        let end = Hour(containing: now?.epochSeconds ?? Int64(Date().timeIntervalSince1970))
        let window = HourRange(from: end.advanced(by: -24 * settings.capacity.windowDays), to: end)
        var reports: [PlanReport] = []
        for name in try session.clusters(named: cluster) {
            let architecture = self.architecture ?? settings.cluster(named: name)!.architecture
            guard let prices = PlanningInputLoader.prices(session.catalog, architecture: architecture, at: end.advanced(by: -1)) else {
                printError("\(session.catalog.source): no price version with a \(architecture.rawValue) service fee in effect at \(end)")
                throw ExitCode.failure
            }
            try session.costs.update(cluster: name, hours: window)
            let fallback = (prices.vcpuHour, prices.ramGiBHour)
            let workloads = try WorkloadUsageLoader.load(store: session.store, cluster: name, window: window, fallbackPrices: fallback,
                                                         exclude: settings.capacity.exclude)
            let input = try PlanningInputLoader.load(
                store: session.store, config: settings, cluster: name, architecture: architecture, window: window,
                horizonDays: horizonDays ?? settings.capacity.horizonDays, workloads: workloads, basis: settings.capacity.basis
            )
            let result = CapacityPlanner.plan(input, rules: PlanningRules.defaults(for: architecture), prices: prices)
            reports.append(PlanReport(cluster: name, input: input, result: result))
        }
        switch format {
        case .table:
            print(reports.map(\.text).joined(separator: "\n\n"))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(reports), as: UTF8.self))
        }
    }
}
