import Testing

@testable import KubeLedgerConfig

/// One mistake per case, each with the exact line `check-config` prints for it.
@Suite struct MistakeTests {
    static let cluster = """
          - name: lab
            architecture: devtest
            prometheus: { url: http://127.0.0.1:9090 }
            iaas: { type: file, path: ./lab.jsonl }
        """

    /// A valid file with `extra` appended at the top level; `store` and `clusters` replace those sections.
    static func yaml(_ extra: String = "", store: String = "store: { path: ./ledger.sqlite }", clusters: String = cluster) -> String {
        "\(store)\nclusters:\n\(clusters)\n\(extra)\n"
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var expected: [String]
        var environment: [String: String] = [:]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "wrong type",
            yaml: yaml(store: "store: ./ledger.sqlite"),
            expected: [#"kubeledger.yaml: store: expected a mapping with path and raw_retention_days, found "./ledger.sqlite""#]
        ),
        Case(
            name: "integer as text",
            yaml: yaml("capacity: { horizon_days: \"90\" }"),
            expected: [#"kubeledger.yaml: capacity.horizon_days: expected an integer >= 1, found "90""#]
        ),
        Case(
            name: "bad enum value in the second cluster",
            yaml: yaml(
                clusters: cluster + """

                      - name: prod
                        architecture: prod
                        prometheus: { url: http://127.0.0.1:9091 }
                        iaas: { type: file, path: ./prod.jsonl }
                    """
            ),
            expected: [#"kubeledger.yaml: clusters[1].architecture: expected devtest or production, found "prod""#]
        ),
        Case(
            name: "bad sharing policy",
            yaml: yaml("sharing: { idle: seperate }"),
            expected: [#"kubeledger.yaml: sharing.idle: expected weighted, even or separate, found "seperate""#]
        ),
        Case(
            name: "missing required key",
            yaml: yaml(
                clusters: """
                      - name: lab
                        prometheus: { url: http://127.0.0.1:9090 }
                        iaas: { type: file, path: ./lab.jsonl }
                    """
            ),
            expected: ["kubeledger.yaml: clusters[0].architecture: required key is missing, expected devtest or production"]
        ),
        Case(
            name: "missing store",
            yaml: yaml(store: ""),
            expected: ["kubeledger.yaml: store: required key is missing, expected a mapping with path"]
        ),
        Case(
            name: "unknown key with a close known key",
            yaml: yaml("stroe: { path: x }"),
            expected: [#"kubeledger.yaml: stroe: unknown key, did you mean "store"?"#]
        ),
        Case(
            name: "unknown key in another spelling",
            yaml: yaml(store: "store: { path: x, rawRetentionDays: 10 }"),
            expected: [#"kubeledger.yaml: store.rawRetentionDays: unknown key, did you mean "raw_retention_days"?"#]
        ),
        Case(
            name: "unknown key with nothing close",
            yaml: yaml("colour: blue"),
            expected: [
                "kubeledger.yaml: colour: unknown key, expected one of store, catalog, billing, sharing, namespaces, "
                    + "storage_classes, clusters, ingest, server, capacity"
            ]
        ),
        Case(
            name: "retention below one day",
            yaml: yaml(store: "store: { path: x, raw_retention_days: 0 }"),
            expected: ["kubeledger.yaml: store.raw_retention_days: expected an integer >= 1, found 0"]
        ),
        Case(
            name: "replicas below one",
            yaml: yaml("storage_classes: { replicas: { ceph-block: 0 } }"),
            expected: ["kubeledger.yaml: storage_classes.replicas.ceph-block: expected an integer >= 1, found 0"]
        ),
        Case(
            name: "negative OS disk position",
            yaml: yaml(
                clusters: """
                      - name: lab
                        architecture: devtest
                        prometheus: { url: http://127.0.0.1:9090 }
                        iaas: { type: xen-orchestra, url: http://xo, os_disk_position: -1 }
                    """
            ),
            expected: ["kubeledger.yaml: clusters[0].iaas.os_disk_position: expected an integer >= 0, found -1"]
        ),
        Case(
            name: "window longer than raw retention",
            yaml: yaml("capacity: { window_days: 40 }"),
            expected: [
                "kubeledger.yaml: capacity.window_days: expected at most store.raw_retention_days (35), "
                    + "since older 5-minute samples are gone, found 40"
            ]
        ),
        Case(
            name: "capacity rules: each bad value named, the others read",
            yaml: yaml("""
                capacity:
                  rightsizing: { cpu_percentile: 0, minimum_points: 50 }
                  system_reserve: { vcpus: -1, memory_gib: 2 }
                  worker_flavours: ["16/32", "sixteen"]
                  production: { target_utilisation: 1.5, minimum_workers: 12, maximum_workers: 6 }
                  devtest: { targets: 0.8 }
                """),
            expected: [
                "kubeledger.yaml: capacity.rightsizing.cpu_percentile: expected an integer from 1 to 100, found 0",
                "kubeledger.yaml: capacity.system_reserve.vcpus: expected a number of vCPUs >= 0, found -1",
                #"kubeledger.yaml: capacity.worker_flavours[1]: expected a flavour written vCPU/GiB, such as 16/32, found "sixteen""#,
                "kubeledger.yaml: capacity.production.target_utilisation: expected a fraction above 0 and at most 1, such as 0.75, found 1.5",
                "kubeledger.yaml: capacity.devtest.targets: unknown key, expected one of target_utilisation, minimum_workers, maximum_workers, pods_per_node, "
                    + "ceph_fill, minimum_data_disk_gib, data_disk_step_gib",
            ]
        ),
        Case(
            name: "fewest workers above most",
            yaml: yaml("capacity: { devtest: { minimum_workers: 12, maximum_workers: 6 } }"),
            expected: ["kubeledger.yaml: capacity.devtest.maximum_workers: expected at least minimum_workers (12), found 6"]
        ),
        Case(
            name: "bad duration",
            yaml: yaml("ingest: { lookback: 2 hours }"),
            expected: [#"kubeledger.yaml: ingest.lookback: expected a duration such as 90s, 10m, 2h or 14d, found "2 hours""#]
        ),
        Case(
            name: "zero schedule",
            yaml: yaml("ingest: { every: 0m }"),
            expected: [#"kubeledger.yaml: ingest.every: expected a duration such as 90s, 10m, 2h or 14d, at least 1s, found "0m""#]
        ),
        Case(
            name: "bare number as duration",
            yaml: yaml("ingest: { settle: 600 }"),
            expected: [#"kubeledger.yaml: ingest.settle: expected a duration such as 90s, 10m, 2h or 14d, found "600""#]
        ),
        Case(
            name: "bad time",
            yaml: yaml("ingest: { start: 2026-13-01T00:00:00Z }"),
            expected: [#"kubeledger.yaml: ingest.start: expected an RFC 3339 time such as 2026-01-01T00:00:00Z, found "2026-13-01T00:00:00Z""#]
        ),
        Case(
            name: "time without a zone",
            yaml: yaml("ingest: { start: \"2026-01-01T00:00:00\" }"),
            expected: [#"kubeledger.yaml: ingest.start: expected an RFC 3339 time such as 2026-01-01T00:00:00Z, found "2026-01-01T00:00:00""#]
        ),
        Case(
            name: "URL without a scheme",
            yaml: yaml(
                clusters: """
                      - name: lab
                        architecture: devtest
                        prometheus: { url: "127.0.0.1:9090" }
                        iaas: { type: file, path: ./lab.jsonl }
                    """
            ),
            expected: [#"kubeledger.yaml: clusters[0].prometheus.url: expected an http or https URL with a host, found "127.0.0.1:9090""#]
        ),
        Case(
            name: "URL of another scheme",
            yaml: yaml(
                clusters: """
                      - name: lab
                        architecture: devtest
                        prometheus: { url: http://127.0.0.1:9090 }
                        iaas: { type: file, path: ./lab.jsonl }
                        opencost: { url: "ftp://opencost:9003" }
                    """
            ),
            expected: [#"kubeledger.yaml: clusters[0].opencost.url: expected an http or https URL with a host, found "ftp://opencost:9003""#]
        ),
        Case(
            name: "bad time zone",
            yaml: yaml("billing: { timezone: Europe/Pariss }"),
            expected: [#"kubeledger.yaml: billing.timezone: expected an IANA time zone such as UTC or Europe/Paris, found "Europe/Pariss""#]
        ),
        Case(
            name: "token hash of the wrong length, not echoed",
            yaml: yaml("server: { tokens: [ { name: a, role: admin, sha256: kl_s3cr3t } ] }"),
            expected: ["kubeledger.yaml: server.tokens[0].sha256: expected 64 lowercase hexadecimal characters (a SHA-256 hash), found 9 characters"]
        ),
        Case(
            name: "token hash in capitals",
            yaml: yaml("server: { tokens: [ { name: a, role: admin, sha256: \(String(repeating: "A", count: 64)) } ] }"),
            expected: [
                "kubeledger.yaml: server.tokens[0].sha256: expected 64 lowercase hexadecimal characters (a SHA-256 hash), "
                    + "found 64 characters, not all lowercase hexadecimal"
            ]
        ),
        Case(
            name: "bad token role",
            yaml: yaml("server: { tokens: [ { name: a, role: \"tenant:\", sha256: \(String(repeating: "a", count: 64)) } ] }"),
            expected: [#"kubeledger.yaml: server.tokens[0].role: expected admin, finance, viewer or tenant:<name>, found "tenant:""#]
        ),
        Case(
            name: "bad listen address",
            yaml: yaml("server: { listen: \"localhost\" }"),
            expected: [#"kubeledger.yaml: server.listen: expected host:port such as 127.0.0.1:8080, found "localhost""#]
        ),
        Case(
            name: "duplicate cluster names",
            yaml: yaml(clusters: cluster + "\n" + cluster),
            expected: [#"kubeledger.yaml: clusters[1].name: duplicate cluster name "lab", already used at clusters[0].name"#]
        ),
        Case(
            name: "no cluster",
            yaml: yaml(clusters: "  []"),
            expected: ["kubeledger.yaml: clusters: expected a list of at least one cluster, found an empty list"]
        ),
        Case(
            name: "unset environment variable",
            yaml: yaml(
                clusters: """
                      - name: lab
                        architecture: devtest
                        prometheus: { url: "http://${PROM_HOST}:9090", auth: { type: bearer, token: "${PROM_TOKEN}" } }
                        iaas: { type: file, path: ./lab.jsonl }
                    """
            ),
            expected: ["kubeledger.yaml: clusters[0].prometheus.auth.token: environment variable PROM_TOKEN is not set"],
            environment: ["PROM_HOST": "prometheus.lan"]
        ),
        Case(
            name: "malformed variable reference",
            yaml: yaml(store: "store: { path: \"${DATA DIR}/ledger.sqlite\" }"),
            expected: [
                #"kubeledger.yaml: store.path: expected ${NAME} references with NAME made of letters, digits and _ "#
                    + #"(write $${ for a literal ${), found "${DATA DIR}/ledger.sqlite""#
            ]
        ),
        Case(
            name: "key a source type does not use",
            yaml: yaml(
                clusters: """
                      - name: lab
                        architecture: devtest
                        prometheus: { url: http://127.0.0.1:9090 }
                        iaas: { type: file, path: ./lab.jsonl, url: http://x, sr_classes: {} }
                    """
            ),
            expected: [
                "kubeledger.yaml: clusters[0].iaas.url: not used with type file (it reads path)",
                "kubeledger.yaml: clusters[0].iaas.sr_classes: only used with type xen-orchestra, not file",
            ]
        ),
        Case(
            name: "source without the key its type needs",
            yaml: yaml(
                clusters: """
                      - name: lab
                        architecture: devtest
                        prometheus: { url: http://127.0.0.1:9090 }
                        iaas: { type: cloudtemple-metrics, auth: { type: basic, username: u } }
                    """
            ),
            expected: [
                "kubeledger.yaml: clusters[0].iaas.url: required key is missing, expected an http or https URL with a host",
                "kubeledger.yaml: clusters[0].iaas.auth.password: required key is missing, expected a password",
            ]
        ),
        Case(
            name: "node name pattern without the VM name",
            yaml: yaml(
                clusters: """
                      - name: lab
                        architecture: devtest
                        prometheus: { url: http://127.0.0.1:9090 }
                        iaas: { type: file, path: ./lab.jsonl, node_name: "{name}" }
                    """
            ),
            expected: [
                #"kubeledger.yaml: clusters[0].iaas.node_name: expected a pattern containing {vm_name}, such as {vm_name} or k8s-{vm_name}, found "{name}""#
            ]
        ),
        Case(
            name: "cluster name with a space",
            yaml: yaml(
                clusters: """
                      - name: my lab
                        architecture: devtest
                        prometheus: { url: http://127.0.0.1:9090 }
                        iaas: { type: file, path: ./lab.jsonl }
                    """
            ),
            expected: [#"kubeledger.yaml: clusters[0].name: expected a cluster name of letters, digits, '.', '_' and '-', found "my lab""#]
        ),
        Case(
            name: "a list where a mapping belongs at the top",
            yaml: "- store\n- clusters\n",
            expected: [#"kubeledger.yaml: expected a mapping of settings such as store and clusters, found a list"#]
        ),
        Case(
            name: "empty file",
            yaml: "# nothing yet\n",
            expected: [
                "kubeledger.yaml: store: required key is missing, expected a mapping with path",
                "kubeledger.yaml: clusters: required key is missing, expected a list of at least one cluster",
            ]
        ),
        Case(
            name: "YAML syntax error with its position",
            yaml: "store:\n  path: [unclosed\nclusters: []\n",
            expected: [
                "kubeledger.yaml:3:9: YAML syntax error: did not find expected ',' or ']' "
                    + "(while parsing a flow sequence at line 2, column 9)"
            ]
        ),
        Case(
            name: "YAML duplicate key",
            yaml: "store: { path: a }\nstore: { path: b }\n",
            expected: [#"kubeledger.yaml:1:1: YAML syntax error: duplicate key "store" in one mapping"#]
        ),
    ]

    @Test("each kind of mistake yields its exact message", arguments: cases)
    func mistake(_ testCase: Case) throws {
        let error = try #require(throws: ConfigErrors.self) {
            try ConfigLoader.parse(yaml: testCase.yaml, file: "kubeledger.yaml", environment: testCase.environment)
        }
        #expect(error.issues.map(\.description) == testCase.expected)
        #expect(error.description == testCase.expected.joined(separator: "\n"))
    }

    @Test("issues are values a test can compare case by case")
    func issueCases() throws {
        let error = try #require(throws: ConfigErrors.self) {
            try ConfigLoader.parse(yaml: Self.yaml("stroe: {}\nsharing: { shared: evenly }"), file: "k.yaml", environment: [:])
        }
        #expect(
            error.issues == [
                .unknownKey(file: "k.yaml", keyPath: "stroe", suggestion: "store", known: KubeLedgerConfig.keys),
                .invalidValue(file: "k.yaml", keyPath: "sharing.shared", expected: "weighted or even", found: "\"evenly\""),
            ]
        )
        #expect(error.issues.map(\.keyPath) == ["stroe", "sharing.shared"])
        #expect(error.issues.allSatisfy { $0.file == "k.yaml" })
    }
}

extension MistakeTests {
    @Test("issues come in file order, whatever order the loader finds them in")
    func fileOrder() throws {
        let yaml = """
            capacity: { window_days: 60 }
            sharing: { shard: even }
            store: { path: x, raw_retention_days: 0 }
            clusters: []
            """
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.parse(yaml: yaml, file: "k.yaml", environment: [:]) }
        #expect(error.issues.map(\.keyPath) == ["sharing.shard", "store.raw_retention_days", "clusters"])
    }
}
