import ArgumentParser
import KubeLedgerConfig
import KubeLedgerIngest
import KubeLedgerReports
import KubeLedgerStore

/// What every command that works on the store needs: the config, its catalog and the
/// store, each refused with the file and the problem before anything is done.
struct LedgerSession {
    let config: KubeLedgerConfig
    let catalog: PriceCatalog
    let store: LedgerStore

    init(configPath: String) throws {
        do {
            (config, catalog) = try ConfigLoader.loadWithCatalog(path: configPath)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        store = try LedgerStore(path: config.store.path)
    }

    var costs: CostUpdater { CostUpdater(store: store, config: config, catalog: catalog) }
    var capacity: CapacityReports { CapacityReports(store: store, config: config, catalog: catalog) }

    /// Runs a report, printing a missing price as the error it is (exit 1).
    func reporting<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as CapacityReportError {
            printError(error.description)
            throw ExitCode.failure
        }
    }

    /// The configured clusters, or the one named, refused when unknown.
    func clusters(named name: String?, option: String = "--cluster") throws -> [String] {
        guard let name else { return config.clusters.map(\.name) }
        guard config.cluster(named: name) != nil else {
            throw ValidationError("\(option): no cluster \"\(name)\" in the config (\(config.clusters.map(\.name).joined(separator: ", ")))")
        }
        return [name]
    }

    /// Refuses a `--tenant` or `--namespace` that no namespace of `clusters` has (the
    /// API's 404, from the same ``TenantDirectory``); a known one with no data in the
    /// range asked is not refused.
    func checkFilters(clusters: [String], tenant: String?, namespace: String? = nil) throws {
        guard tenant != nil || namespace != nil else { return }
        let directory = try TenantDirectory(store: store, clusters: clusters)
        if let tenant, let problem = directory.unknownTenant(tenant) { throw ValidationError("--tenant: \(problem)") }
        if let namespace, let problem = directory.unknownNamespace(namespace, of: nil) { throw ValidationError("--namespace: \(problem)") }
    }
}
