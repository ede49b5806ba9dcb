import Foundation
import KubeLedgerCore

extension ConfigLoader {
    /// The configuration and the catalog it names, with the problems of both in one list.
    ///
    /// It exists so that `check-config` and every command report a bad `catalog` with the
    /// config file and key that name it, beside the config's other problems rather than once
    /// they are fixed, and find what the config names but the catalog does not price (a
    /// storage class) before pricing does.
    /// - Throws: ``ConfigErrors``: the config's issues, then the catalog's (each as
    ///   ``ConfigIssue/inReferencedFile(file:keyPath:issue:)`` at `catalog`), then the
    ///   mismatches between the two.
    public static func loadWithCatalog(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigErrors) -> (config: KubeLedgerConfig, catalog: PriceCatalog) {
        let (read, context) = try read(yaml: try text(path: path), file: path, environment: environment)
        var issues = context.issues
        let config = context.isClean ? read : nil
        if config == nil, issues.isEmpty { issues = [.unreadable(file: path, reason: "the configuration could not be read")] }
        var catalog: PriceCatalog?
        switch context.catalog {
        case .invalid:
            break
        case .absent:
            do { catalog = try CatalogLoader.load(path: nil) } catch { issues += error.issues }
        case let .path(file):
            do {
                catalog = try CatalogLoader.load(path: file)
            } catch {
                issues += error.issues.map { .inReferencedFile(file: path, keyPath: "catalog", issue: $0) }
            }
        }
        if let config, let catalog { issues += CatalogCoverage.issues(config: config, catalog: catalog, file: path) }
        guard issues.isEmpty, let config, let catalog else { throw ConfigErrors(issues: issues) }
        return (config, catalog)
    }
}

/// What the config needs the catalog to price: every IaaS storage class it names, in every
/// version, and the hours from `ingest.start` on.
enum CatalogCoverage {
    static func issues(config: KubeLedgerConfig, catalog: PriceCatalog, file: String) -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        for (index, cluster) in config.clusters.enumerated() {
            for (keyPath, storageClass) in classes(of: cluster.iaas, at: "clusters[\(index)].iaas") {
                let lacking = catalog.versions.filter { $0.storageGiBMonth[storageClass] == nil }.map { UTCTime.format($0.effectiveFrom) }
                guard !lacking.isEmpty else { continue }
                let versions = lacking.count == 1 ? "the version effective_from \(lacking[0])" : "the versions effective_from \(lacking.joined(separator: ", "))"
                issues.append(.mismatch(
                    file: file, keyPath: keyPath,
                    problem: "storage class \"\(storageClass)\" has no price in \(catalog.source): versions[].storage_gib_month of \(versions) lacks it (priced: \(priced(catalog).joined(separator: ", ")))"
                ))
            }
        }
        if let start = config.ingest.start, let first = catalog.versions.first, start < first.effectiveFrom {
            issues.append(.mismatch(
                file: file, keyPath: "ingest.start",
                problem: "\(UTCTime.format(start)) is before the first price version of \(catalog.source) (versions[].effective_from \(UTCTime.format(first.effectiveFrom))): the hours between could not be priced"
            ))
        }
        return issues
    }

    /// The storage classes the IaaS source reads from the config, with their key paths.
    static func classes(of iaas: IaaSSettings, at keyPath: String) -> [(String, String)] {
        switch iaas.source {
        case .cloudTempleMetrics:
            [("\(keyPath).os_disk.class", iaas.osDisk.storageClass), ("\(keyPath).data_disk_class", iaas.dataDiskClass)]
        case let .xenOrchestra(_, _, srClasses, _):
            srClasses.sorted { $0.key < $1.key }.map { ("\(keyPath).sr_classes.\($0.key)", $0.value) }
        case .file:
            []
        }
    }

    static func priced(_ catalog: PriceCatalog) -> [String] {
        Set(catalog.versions.flatMap(\.storageGiBMonth.keys)).sorted()
    }
}
