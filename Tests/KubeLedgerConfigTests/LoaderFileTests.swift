import Foundation
import Testing

@testable import KubeLedgerConfig

@Suite struct LoaderFileTests {
    /// A fresh directory under the system's temporary directory, removed by the caller.
    func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a missing file is one issue naming it")
    func fileNotFound() throws {
        let error = try #require(throws: ConfigErrors.self) {
            try ConfigLoader.load(path: "/nonexistent/kubeledger.yaml", environment: [:])
        }
        #expect(error.issues == [.fileNotFound(file: "/nonexistent/kubeledger.yaml")])
        #expect(error.description == "/nonexistent/kubeledger.yaml: file not found")
    }

    @Test("a directory or a binary file is unreadable, not a crash")
    func unreadable() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.load(path: directory.path, environment: [:]) }
        #expect(error.description == "\(directory.path): cannot read the file: it is a directory")

        let binary = directory.appendingPathComponent("binary.yaml")
        try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: binary)
        let binaryError = try #require(throws: ConfigErrors.self) { try ConfigLoader.load(path: binary.path, environment: [:]) }
        #expect(binaryError.issues == [.unreadable(file: binary.path, reason: "it is not UTF-8 text")])
    }

    @Test("relative paths resolve against the config file's directory, not the working directory")
    func relativePaths() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("conf/kubeledger.yaml")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let yaml = """
            store: { path: ../data/./ledger.sqlite }
            catalog: catalog.yaml
            clusters:
              - { name: a, architecture: devtest, prometheus: { url: http://p }, iaas: { type: file, path: "${IMPORTS}/a.jsonl" } }
              - { name: b, architecture: devtest, prometheus: { url: http://p }, iaas: { type: file, path: imports/b.csv } }
            """
        try Data(yaml.utf8).write(to: file)
        let config = try ConfigLoader.load(path: file.path, environment: ["IMPORTS": "/srv/imports"])
        let root = directory.standardizedFileURL.path
        #expect(config.store.path == "\(root)/data/ledger.sqlite")
        #expect(config.catalog == "\(root)/conf/catalog.yaml")
        #expect(config.clusters[0].iaas.source == .file(path: "/srv/imports/a.jsonl"))
        #expect(config.clusters[1].iaas.source == .file(path: "\(root)/conf/imports/b.csv"))
    }

    @Test("the summary shows resolved settings and no secret")
    func summaryHidesSecrets() throws {
        let config = try ConfigLoader.load(
            path: try FixtureFile.path("config-example.yaml"),
            environment: ["CT_PAT_ID": "pat-id", "CT_PAT_SECRET": "pat-secret"]
        )
        let summary = config.summary
        let directory = try FixtureFile.directory()
        #expect(summary.contains("store: \(directory)/kubeledger.sqlite (5-minute samples kept 35 days)"))
        #expect(
            summary.contains(
                "  hx-prod: production, region FR1, account hx-prod; prometheus http://127.0.0.1:9090; "
                    + "iaas cloudtemple-metrics https://shiva.cloud-temple.com/api/metric/prometheus; opencost http://127.0.0.1:9003"
            )
        )
        #expect(summary.contains("ingest: start 2026-01-01T00:00:00Z, lookback 2h, settle 10m, every 15m"))
        #expect(summary.contains("server: listen 127.0.0.1:8080, tokens finance (finance), acme-grafana (tenant:acme)"))
        #expect(!summary.contains("pat-secret"))
        #expect(!summary.contains("pat-id"))
        #expect(!summary.contains(String(repeating: "0", count: 64)))
    }

    @Test("the summary drops credentials written into a URL")
    func summaryHidesURLCredentials() throws {
        let yaml = """
            store: { path: /srv/ledger.sqlite }
            clusters:
              - { name: a, architecture: devtest, prometheus: { url: "https://admin:hunter2@prom.lan/" }, iaas: { type: file, path: f } }
            """
        let summary = try ConfigLoader.parse(yaml: yaml, file: "/etc/k.yaml", environment: [:]).summary
        #expect(summary.contains("prometheus https://prom.lan/"))
        #expect(!summary.contains("hunter2"))
    }
}
