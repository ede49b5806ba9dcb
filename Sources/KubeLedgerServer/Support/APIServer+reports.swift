import Hummingbird
import KubeLedgerCapacity
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerReports

/// The reports `/api/v1` and `/grafana` both answer, computed the same way for both.
extension APIServer {
    var capacity: CapacityReports { CapacityReports(store: store, config: config, catalog: catalog) }

    /// Runs a report, answering a catalog without the prices it needs as a 500 naming it.
    func reporting<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as CapacityReportError {
            throw APIError(.internalServerError, "catalog", error.description)
        }
    }

    /// Right-sizing rows of the clusters, largest savings first; `tenant` `__unassigned__`
    /// asks for the namespaces without a tenant.
    func rightSizingRows(clusters: [String], tenant: String?, namespace: ((String) -> Bool)?) throws -> [RightSizingOutput.Row] {
        let capacity = capacity
        let window = capacity.window(now: now())
        var rows: [RightSizingOutput.Row] = []
        for cluster in clusters {
            try costs.update(cluster: cluster, hours: window)
            let usage = try reporting { try capacity.workloads(cluster: cluster, window: window) }
                .filter { (tenant == nil || ($0.tenant ?? PseudoTenant.unassigned) == tenant) && (namespace?($0.namespace) ?? true) }
            rows += capacity.recommendations(usage)
        }
        rows.sort { (Money($0.monthlySavings) ?? .zero) > (Money($1.monthlySavings) ?? .zero) }
        return rows
    }

    /// The capacity plan of each cluster, under its own architecture unless one is given.
    func planReports(clusters: [String], architecture: Architecture?, horizonDays: Int?) throws -> [PlanReport] {
        let capacity = capacity
        let window = capacity.window(now: now())
        return try clusters.map { cluster in
            try costs.update(cluster: cluster, hours: window)
            return try reporting {
                try capacity.plan(cluster: cluster, architecture: architecture ?? config.cluster(named: cluster)!.architecture, window: window,
                                  horizonDays: horizonDays ?? config.capacity.horizonDays)
            }
        }
    }
}
