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
    // Taken whatever it looks like, so `--horizon -5d` is refused by validate() as days,
    // not read as an unknown option leaving --horizon without a value.
    @Option(parsing: .unconditional, help: "How far ahead, in days such as 90d (default: capacity.horizon_days).") var horizon: String?
    // Unconditional too, so `--horizon-days -5` is refused by validate() as days.
    @Option(parsing: .unconditional, help: .hidden) var horizonDays: Int?
    @Option(help: "table or json.") var format: Format = .table
    @Option(help: .hidden) var now: TimeArgument?

    func validate() throws {
        try OptionRange.check(horizonDays, "--horizon-days", in: CapacityReports.horizonRange, expected: "whole days")
        if let horizon, CapacityReports.horizonDays(horizon) == nil {
            throw ValidationError("--horizon: \(CapacityReports.horizonExpected), found \"\(horizon)\"")
        }
        if horizon != nil, horizonDays != nil { throw ValidationError("--horizon and --horizon-days: give one of them") }
    }

    /// `--horizon`, else the older `--horizon-days`, else nil for the config's.
    var days: Int? { horizon.flatMap(CapacityReports.horizonDays) ?? horizonDays }

    func run() async throws {
        let session = try LedgerSession(configPath: config)
        let settings = session.config
        let capacity = session.capacity
        let window = capacity.window(now: now?.epochSeconds ?? Int64(Date().timeIntervalSince1970))
        var reports: [PlanReport] = []
        let clusters = try session.clusters(named: cluster)
        var empty: [EmptyCapacityWindow] = []
        for name in clusters {
            let architecture = self.architecture ?? settings.cluster(named: name)!.architecture
            try session.costs.update(cluster: name, hours: window)
            let workloads = try session.reporting { try capacity.workloads(cluster: name, window: window, includingExcluded: true) }
            if let gap = EmptyCapacityWindow(cluster: name, window: window, workloads: workloads) {
                empty.append(gap)
                continue
            }
            reports.append(try session.reporting {
                try capacity.plan(cluster: name, architecture: architecture, window: window, horizonDays: days, workloads: workloads)
            })
        }
        try EmptyCapacityWindow.report(empty, of: clusters, named: cluster != nil)
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
