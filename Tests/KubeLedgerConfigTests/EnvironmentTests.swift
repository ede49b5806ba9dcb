import Foundation
import Testing

@testable import KubeLedgerConfig

@Suite struct EnvironmentTests {
    @Test("variables fill any string value, unquoted in block style, and may hold durations and enums")
    func substitutionEverywhere() throws {
        let yaml = """
            store:
              path: ${DATA}/ledger.sqlite
            sharing:
              idle: ${IDLE_POLICY}
            ingest:
              every: ${EVERY}
            clusters:
              - name: ${CLUSTER}
                architecture: production
                prometheus:
                  url: http://${PROM_HOST}:9090
                  auth: { type: basic, username: "${USER}", password: "p@ss-$5-$${literal}" }
                iaas: { type: file, path: "${DATA}/iaas.csv" }
            """
        let environment = [
            "DATA": "/srv/kl", "IDLE_POLICY": "separate", "EVERY": "5m", "CLUSTER": "hx-prod", "PROM_HOST": "prom.lan", "USER": "reader",
        ]
        let config = try ConfigLoader.parse(yaml: yaml, file: "/etc/k.yaml", environment: environment)
        #expect(config.store.path == "/srv/kl/ledger.sqlite")
        #expect(config.sharing.idle == .separate)
        #expect(config.ingest.everySeconds == 300)
        let cluster = try #require(config.clusters.first)
        #expect(cluster.name == "hx-prod")
        #expect(cluster.billing.accountID == "hx-prod")
        #expect(cluster.prometheus.url.absoluteString == "http://prom.lan:9090")
        #expect(cluster.prometheus.auth == .basic(username: "reader", password: "p@ss-$5-${literal}"))
        #expect(cluster.iaas.source == .file(path: "/srv/kl/iaas.csv"))
    }

    @Test("every unset variable is reported with its key path, each once per value")
    func unsetVariables() throws {
        let yaml = """
            store: { path: "${A}/${B}/${A}" }
            clusters:
              - { name: a, architecture: devtest, prometheus: { url: "${PROM_URL}" }, iaas: { type: file, path: f } }
            """
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.parse(yaml: yaml, file: "k.yaml", environment: ["B": "b"]) }
        #expect(
            error.issues == [
                .unsetVariable(file: "k.yaml", keyPath: "store.path", variable: "A"),
                .unsetVariable(file: "k.yaml", keyPath: "clusters[0].prometheus.url", variable: "PROM_URL"),
            ]
        )
        #expect(
            error.description == """
                k.yaml: store.path: environment variable A is not set
                k.yaml: clusters[0].prometheus.url: environment variable PROM_URL is not set
                """
        )
    }

    @Test("a variable holding a bad value is judged after substitution")
    func badValueFromVariable() throws {
        let yaml = """
            store: { path: x }
            clusters:
              - { name: a, architecture: "${ARCH}", prometheus: { url: http://p }, iaas: { type: file, path: f } }
            """
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.parse(yaml: yaml, file: "k.yaml", environment: ["ARCH": "prod"]) }
        #expect(error.description == #"k.yaml: clusters[0].architecture: expected devtest or production, found "prod""#)
    }

    @Test("the process environment is the default")
    func processEnvironment() throws {
        let environment = ProcessInfo.processInfo.environment
        let name = try #require(environment.keys.sorted().first { EnvironmentSubstitution.isVariableName($0) && !(environment[$0] ?? "").isEmpty })
        let yaml = """
            store: { path: /srv/x }
            billing: { provider_name: "${\(name)}" }
            clusters:
              - { name: a, architecture: devtest, prometheus: { url: http://p }, iaas: { type: file, path: f } }
            """
        let config = try ConfigLoader.parse(yaml: yaml)
        #expect(config.billing.providerName == environment[name])
    }
}
