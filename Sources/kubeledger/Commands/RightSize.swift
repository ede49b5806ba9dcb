import ArgumentParser
import Foundation
import KubeLedgerCapacity
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerReports

/// `kubeledger rightsize`: recommended requests per workload (capacity-model.md §1).
struct RightSize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rightsize",
        abstract: "Recommend CPU and memory requests per workload from its 5-minute usage, largest savings first."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, patch }

    @Option(help: "Config file.") var config = ConfigLoader.defaultPath
    @Option(help: "Only this cluster (default: all).") var cluster: String?
    @Option(help: "Only this tenant's namespaces (__unassigned__: those without a tenant).") var tenant: String?
    @Option(help: "Only this namespace.") var namespace: String?
    // Unconditional, so `--window-days -5` is refused by validate() rather than read as an option.
    @Option(parsing: .unconditional, help: "Days of samples read, ending at the last full hour (default: capacity.window_days).") var windowDays: Int?
    @Option(help: "Also leave out this namespace or namespace/workload (repeatable; adds to capacity.exclude).") var exclude: [String] = []
    @Option(help: "table, json, csv or patch (kubectl strategic-merge patches).") var format: Format = .table
    @Option(help: .hidden) var now: TimeArgument?

    func validate() throws {
        try OptionRange.check(windowDays, "--window-days", atLeast: 1, expected: "whole days")
    }

    func run() async throws {
        let session = try LedgerSession(configPath: config)
        // The window reads 5-minute samples, which the store keeps this long.
        let retention = session.config.store.rawRetentionDays
        if let windowDays, windowDays > retention {
            throw ValidationError("--window-days: at most store.raw_retention_days (\(retention)) in \(config), found \(windowDays)")
        }
        let reports = session.capacity
        let window = reports.window(now: now?.epochSeconds ?? Int64(Date().timeIntervalSince1970), days: windowDays)
        var rows: [RightSizingOutput.Row] = []
        let clusters = try session.clusters(named: cluster)
        try session.checkFilters(clusters: clusters, tenant: tenant, namespace: namespace)
        var empty: [EmptyCapacityWindow] = []
        for name in clusters {
            try session.costs.update(cluster: name, hours: window)
            let loaded = try session.reporting { try reports.workloads(cluster: name, window: window, exclude: exclude, includingExcluded: true) }
            if let gap = EmptyCapacityWindow(cluster: name, window: window, workloads: loaded) {
                empty.append(gap)
                continue
            }
            let usage = loaded.filter { !$0.excluded }
                .filter { (tenant == nil || ($0.tenant ?? PseudoTenant.unassigned) == tenant) && (namespace == nil || $0.namespace == namespace) }
            rows += reports.recommendations(usage)
        }
        try EmptyCapacityWindow.report(empty, of: clusters, named: cluster != nil)
        rows.sort { (Money($0.monthlySavings) ?? .zero) > (Money($1.monthlySavings) ?? .zero) }
        switch format {
        case .table:
            print(reports.rightSizingHeader(window: window))
            print(RightSizingOutput.table(rows))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        case .csv:
            FileHandle.standardOutput.write(Data(RightSizingOutput.csv(rows).utf8))
        case .patch:
            FileHandle.standardOutput.write(Data(RightSizingOutput.patches(rows).utf8))
        }
    }
}
