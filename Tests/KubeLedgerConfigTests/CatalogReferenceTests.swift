import Foundation
import Testing

@testable import KubeLedgerConfig

/// The config and the catalog it names, checked together: a catalog problem says which
/// config key led to it, and what the config names the catalog must price.
@Suite struct CatalogReferenceTests {
    /// A config in a fresh directory, with `catalog` (a file name there) when given.
    func files(_ yaml: String, catalog: String? = nil) throws -> (config: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let catalog { try catalog.write(to: directory.appendingPathComponent("prices.yaml"), atomically: true, encoding: .utf8) }
        let config = directory.appendingPathComponent("kubeledger.yaml")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        return (config.path, directory)
    }

    static let cluster = """
        clusters:
          - name: lab
            architecture: devtest
            prometheus: { url: "http://127.0.0.1:9090" }
            iaas: { type: file, path: ./lab.jsonl }
        """

    @Test("a missing catalog is named with the config file and key, beside the config's other problems")
    func missingCatalog() throws {
        let (config, directory) = try files("store: { path: ./x.sqlite, raw_retention_days: 0 }\ncatalog: ./nope.yaml\n" + Self.cluster)
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.loadWithCatalog(path: config, environment: [:]) }
        #expect(error.issues.count == 2, "\(error)")
        #expect(error.issues.first?.keyPath == "store.raw_retention_days")
        let nope = directory.appendingPathComponent("nope.yaml").standardizedFileURL.path
        #expect(error.issues.last == .inReferencedFile(file: config, keyPath: "catalog", issue: .fileNotFound(file: nope)))
        #expect(error.description.hasSuffix("\(config): catalog: \(nope): file not found"), "\(error)")
    }

    @Test("a catalog's own problems are told from the config key, with the catalog's file and key")
    func badCatalog() throws {
        let (config, directory) = try files("store: { path: ./x.sqlite }\ncatalog: prices.yaml\n" + Self.cluster, catalog: "currency: euro\nversions: []\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.loadWithCatalog(path: config, environment: [:]) }
        let prices = directory.appendingPathComponent("prices.yaml").standardizedFileURL.path
        #expect(!error.issues.isEmpty && error.issues.allSatisfy { $0.file == config && $0.keyPath == "catalog" })
        #expect(error.description.contains("\(config): catalog: \(prices): currency"), "\(error)")
    }

    @Test("a storage class the config names but the catalog does not price is reported with both key paths",
          arguments: [
              ("{ type: cloudtemple-metrics, url: \"http://127.0.0.1:9\", os_disk: { class: flash-gold } }", "clusters[0].iaas.os_disk.class", "flash-gold"),
              ("{ type: cloudtemple-metrics, url: \"http://127.0.0.1:9\", data_disk_class: flash-gold }", "clusters[0].iaas.data_disk_class", "flash-gold"),
              ("{ type: xen-orchestra, url: \"http://127.0.0.1:9\", auth: { type: bearer, token: t }, sr_classes: { sr-a: flash-standard, sr-b: nvme } }", "clusters[0].iaas.sr_classes.sr-b", "nvme"),
          ])
    func unpricedClass(iaas: String, keyPath: String, storageClass: String) throws {
        let catalog = ShippedCatalog.yaml
        let (config, directory) = try files("""
            store: { path: ./x.sqlite }
            catalog: prices.yaml
            clusters:
              - name: lab
                architecture: devtest
                prometheus: { url: "http://127.0.0.1:9090" }
                iaas: \(iaas)
            """, catalog: catalog)
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.loadWithCatalog(path: config, environment: [:]) }
        #expect(error.issues.count == 1, "\(error)")
        let prices = directory.appendingPathComponent("prices.yaml").standardizedFileURL.path
        #expect(error.description == "\(config): \(keyPath): storage class \"\(storageClass)\" has no price in \(prices): versions[].storage_gib_month of the version effective_from 2026-01-01T00:00:00Z lacks it (priced: flash-enterprise, flash-essentiel, flash-premium, flash-standard, flash-ultra, mass-storage)")
    }

    @Test("an ingest.start before the catalog's first version is reported; one at it, and a valid pair, load")
    func startBeforePrices() throws {
        let early = try files("store: { path: ./x.sqlite }\ningest: { start: \"2025-06-01T00:00:00Z\" }\n" + Self.cluster)
        defer { try? FileManager.default.removeItem(at: early.directory) }
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.loadWithCatalog(path: early.config, environment: [:]) }
        #expect(error.issues.map(\.keyPath) == ["ingest.start"])
        #expect(error.description.contains("2025-06-01T00:00:00Z is before the first price version of (shipped default catalog)"), "\(error)")
        let ok = try files("store: { path: ./x.sqlite }\ningest: { start: \"2026-01-01T00:00:00Z\" }\n" + Self.cluster)
        defer { try? FileManager.default.removeItem(at: ok.directory) }
        let (config, catalog) = try ConfigLoader.loadWithCatalog(path: ok.config, environment: [:])
        #expect(config.clusters.map(\.name) == ["lab"] && catalog.versions.count == 1)
    }
}
