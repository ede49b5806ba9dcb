import Foundation
import KubeLedgerCore
import Testing

@testable import KubeLedgerConfig

@Suite struct ExampleConfigTests {
    let environment = ["CT_PAT_ID": "pat-id", "CT_PAT_SECRET": "pat-secret"]

    func loadExample() throws -> KubeLedgerConfig {
        try ConfigLoader.load(path: try FixtureFile.path("config-example.yaml"), environment: environment)
    }

    /// `shared/spec/config-example.yaml` beside the checkout, when the specification is there.
    static let specExample = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/spec/config-example.yaml").standardizedFileURL

    @Test(
        "the fixture is a byte-for-byte copy of the specification's example",
        .enabled(if: FileManager.default.fileExists(atPath: specExample.path))
    )
    func fixtureMatchesSpec() throws {
        let spec = Self.specExample
        #expect(try Data(contentsOf: spec) == Data(contentsOf: URL(fileURLWithPath: try FixtureFile.path("config-example.yaml"))))
    }

    @Test("the specification's example loads, store, catalog and billing as written")
    func topLevelSections() throws {
        let config = try loadExample()
        let directory = try FixtureFile.directory()
        #expect(config.store == StoreSettings(path: "\(directory)/kubeledger.sqlite", rawRetentionDays: 35))
        #expect(config.catalog == "\(directory)/catalog.yaml")
        #expect(config.billing == BillingSettings(timezone: "UTC", providerName: "Cloud Temple"))
        #expect(config.billing.timeZone.secondsFromGMT() == 0)
        #expect(config.sharing == SharingSettings(shared: .weighted, idle: .weighted))
        #expect(config.namespaces.storage == ["rook-ceph"])
        #expect(config.namespaces.platform == NamespaceSettings.defaultPlatform)
        #expect(config.storageClasses.replicas == ["ceph-block": 3, "ceph-filesystem": 3, "ceph-block-norepl": 1])
        #expect(config.storageClasses.defaultReplicas == 3)
        #expect(config.storageClasses.replicas(for: "ceph-block-norepl") == 1)
        #expect(config.storageClasses.replicas(for: "local-path") == 3)
    }

    @Test("the production cluster reads its Cloud Temple credentials from the environment")
    func productionCluster() throws {
        let config = try loadExample()
        let cluster = try #require(config.cluster(named: "hx-prod"))
        #expect(cluster.architecture == .production)
        #expect(cluster.region == "FR1")
        #expect(cluster.billing == ClusterBillingSettings(accountID: "hx-prod", accountName: "HX production"))
        #expect(cluster.prometheus == PrometheusSettings(url: try #require(URL(string: "http://127.0.0.1:9090")), auth: .none))
        let metrics = try #require(URL(string: "https://shiva.cloud-temple.com/api/metric/prometheus"))
        #expect(cluster.iaas.source == .cloudTempleMetrics(url: metrics, auth: .basic(username: "pat-id", password: "pat-secret")))
        #expect(cluster.iaas.osDisk == OSDiskSettings(sizeGiB: 64, storageClass: "flash-standard"))
        #expect(cluster.iaas.dataDiskClass == "flash-enterprise")
        #expect(cluster.iaas.nodeNamePattern == "{vm_name}")
        #expect(cluster.iaas.nodeName(forVM: "hx-prod-wrk-01") == "hx-prod-wrk-01")
        #expect(cluster.opencost == OpenCostSettings(url: try #require(URL(string: "http://127.0.0.1:9003")), kind: .opencost))
    }

    @Test("the lab cluster takes its defaults and a file source beside the config")
    func labCluster() throws {
        let config = try loadExample()
        #expect(config.clusters.map(\.name) == ["hx-prod", "lab"])
        let lab = try #require(config.cluster(named: "lab"))
        #expect(lab.architecture == .devtest)
        #expect(lab.region == "FR1")
        #expect(lab.billing == ClusterBillingSettings(accountID: "lab", accountName: "lab"))
        #expect(lab.prometheus.auth == .none)
        #expect(lab.iaas.source == .file(path: "\(try FixtureFile.directory())/lab-iaas.jsonl"))
        #expect(lab.opencost == nil)
    }

    @Test("ingest, server and capacity are typed: seconds, addresses, roles")
    func ingestServerCapacity() throws {
        let config = try loadExample()
        #expect(config.ingest == IngestSettings(start: 1_767_225_600, lookbackSeconds: 7_200, settleSeconds: 600, everySeconds: 900))
        #expect(config.server.listen == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(
            config.server.tokens == [
                TokenSettings(name: "finance", role: .finance, sha256: String(repeating: "0", count: 64)),
                TokenSettings(name: "acme-grafana", role: .tenant("acme"), sha256: String(repeating: "1", count: 64)),
            ]
        )
        #expect(config.capacity == CapacitySettings(basis: .recommended, horizonDays: 90, windowDays: 14))
    }

    @Test("without the credentials in the environment the example is refused, naming both variables")
    func exampleWithoutCredentials() throws {
        let path = try FixtureFile.path("config-example.yaml")
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.load(path: path, environment: [:]) }
        #expect(
            error.issues == [
                .unsetVariable(file: path, keyPath: "clusters[0].iaas.auth.username", variable: "CT_PAT_ID"),
                .unsetVariable(file: path, keyPath: "clusters[0].iaas.auth.password", variable: "CT_PAT_SECRET"),
            ]
        )
    }
}
