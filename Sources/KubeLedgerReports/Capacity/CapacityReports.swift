import KubeLedgerCapacity
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerStore

/// Right-sizing and the capacity plan of one cluster from the store, as the command line,
/// the demo and the API all ask for them: one window, one price lookup, one set of loaders.
public struct CapacityReports: Sendable {
    public var store: LedgerStore
    public var config: KubeLedgerConfig
    public var catalog: PriceCatalog

    public init(store: LedgerStore, config: KubeLedgerConfig, catalog: PriceCatalog) {
        self.store = store
        self.config = config
        self.catalog = catalog
    }

    /// The horizons a plan takes, in days: the API's `horizon`, `plan --horizon` and the older `plan --horizon-days`.
    public static let horizonRange = 1...3650

    /// Days of a horizon written `90d` (1d to 3650d), as the API's `horizon` and `plan --horizon` take it.
    public static func horizonDays(_ text: String) -> Int? {
        let digits = text.dropLast()
        guard text.hasSuffix("d"), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let days = Int(digits),
              horizonRange.contains(days) else { return nil }
        return days
    }

    /// What a horizon out of ``horizonRange`` is told, after the parameter or option's name.
    public static let horizonExpected = "expected days such as 90d (\(horizonRange.lowerBound)d to \(horizonRange.upperBound)d)"

    /// The `days` (default `capacity.window_days`) full days ending at the hour holding `now`.
    public func window(now: Int64, days: Int? = nil) -> HourRange {
        let end = Hour(containing: now)
        return HourRange(from: end.advanced(by: -24 * (days ?? config.capacity.windowDays)), to: end)
    }

    /// The workloads of a cluster over the window; those without stored costs are priced at
    /// the catalog version in force at the window's end. `capacity.exclude` and `exclude`
    /// leave workloads out, or with `includingExcluded` mark them `excluded` (what a plan
    /// needs: excluded workloads still run).
    public func workloads(cluster: String, window: HourRange, exclude: [String] = [], includingExcluded: Bool = false) throws -> [WorkloadUsage] {
        guard let version = catalog.version(at: window.to.advanced(by: -1)) else {
            throw CapacityReportError.noPrices("\(catalog.source): no price version in effect at \(window.to)")
        }
        return try WorkloadUsageLoader.load(store: store, cluster: cluster, window: window,
                                            fallbackPrices: (version.vcpuHour, version.ramGiBHour), exclude: config.capacity.exclude + exclude,
                                            keepExcluded: includingExcluded)
    }

    /// The plan of a cluster for the architecture at the horizon, from the window's workloads:
    /// all of them, the excluded ones too (`workloads(…, includingExcluded: true)`).
    public func plan(cluster: String, architecture: Architecture, window: HourRange, horizonDays: Int? = nil,
                     workloads: [WorkloadUsage]? = nil) throws -> PlanReport {
        guard let prices = PlanningInputLoader.prices(catalog, architecture: architecture, at: window.to.advanced(by: -1)) else {
            throw CapacityReportError.noPrices("\(catalog.source): no price version with a \(architecture.rawValue) service fee in effect at \(window.to)")
        }
        let input = try PlanningInputLoader.load(
            store: store, config: config, cluster: cluster, architecture: architecture, window: window,
            horizonDays: horizonDays ?? config.capacity.horizonDays, workloads: try workloads ?? self.workloads(cluster: cluster, window: window, includingExcluded: true),
            basis: config.capacity.basis
        )
        var rules = config.capacity.planningRules(for: architecture)
        // The disks a plan prices are those the cluster's nodes get (its IaaS settings).
        if let iaas = config.cluster(named: cluster)?.iaas {
            rules.osDiskGiB = iaas.osDisk.sizeGiB
            rules.osDiskClass = iaas.osDisk.storageClass
            rules.dataDiskClass = iaas.dataDiskClass
        }
        // A disk class the plan prices but the catalog lacks is an error, never a free disk (cost-model.md §3).
        for (role, storageClass) in [("OS", rules.osDiskClass), ("data", rules.dataDiskClass)] where prices.storageGiBMonth[storageClass] == nil {
            throw CapacityReportError.noPrices(
                "\(catalog.source): the version in effect at \(window.to.advanced(by: -1)) has no storage_gib_month.\(storageClass), "
                    + "needed for the plan's \(role) disks"
            )
        }
        return PlanReport(cluster: cluster, input: input, result: CapacityPlanner.plan(input, rules: rules, prices: prices),
                          settings: PlanReport.Settings(config.capacity, rules: rules, architecture: architecture, windowDays: window.count / 24))
    }

    /// Right-sizing of the workloads under the configured rules, largest savings first.
    public func recommendations(_ workloads: [WorkloadUsage]) -> [RightSizingOutput.Row] {
        RightSizingOutput.rows(RightSizing.report(workloads.filter { !$0.excluded }, policy: config.capacity.rightSizingPolicy))
    }

    /// The line a right-sizing report opens with: its window and the rules it applied.
    public func rightSizingHeader(window: HourRange) -> String {
        let policy = config.capacity.rightSizingPolicy
        return "window \(window.from) to \(window.to); CPU p\(policy.cpuPercentile) (nearest rank), at least \(policy.minimumCPU / 1_000_000)m; "
            + "memory max + \(policy.memoryHeadroomPercent) %, at least \(policy.minimumMemory / ByteSize.mib)Mi; "
            + "at least \(policy.minimumPoints) points; savings at \(policy.hoursPerMonth) hours a month"
    }
}

/// Why a report cannot be made: the catalog has no prices for the window.
public enum CapacityReportError: Error, CustomStringConvertible {
    case noPrices(String)

    public var description: String {
        switch self {
        case let .noPrices(text): text
        }
    }
}
