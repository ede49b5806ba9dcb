import Testing

@testable import KubeLedgerConfig

@Suite struct MultipleIssuesTests {
    @Test("a file with several mistakes reports every one, in file order")
    func everyMistakeReported() throws {
        let path = try FixtureFile.path("several-mistakes.yaml")
        let error = try #require(throws: ConfigErrors.self) {
            try ConfigLoader.load(path: path, environment: ["CT_PAT_ID": "id"])
        }
        #expect(
            error.issues.map(\.description) == [
                "\(path): store.raw_retention_days: expected an integer >= 1, found 0",
                "\(path): billing.timezone: expected an IANA time zone such as UTC or Europe/Paris, found \"Europe/Pariss\"",
                "\(path): sharing.idle: expected weighted, even or separate, found \"seperate\"",
                "\(path): stroage_classes: unknown key, did you mean \"storage_classes\"?",
                "\(path): clusters[0].prometheus.url: expected an http or https URL with a host, found \"127.0.0.1:9090\"",
                "\(path): clusters[0].iaas.auth.password: environment variable CT_PAT_SECRET is not set",
                "\(path): clusters[1].architecture: expected devtest or production, found \"prod\"",
                "\(path): clusters[1].iaas.path: required key is missing, expected the path of a CSV or JSON Lines file",
                "\(path): clusters[2].name: duplicate cluster name \"hx-prod\", already used at clusters[0].name",
                "\(path): ingest.lookback: expected a duration such as 90s, 10m, 2h or 14d, found \"2 hours\"",
                "\(path): server.tokens[0].role: expected admin, finance, viewer or tenant:<name>, found \"accountant\"",
                "\(path): server.tokens[0].sha256: expected 64 lowercase hexadecimal characters (a SHA-256 hash), found 3 characters",
            ]
        )
    }

    @Test("a duplicate name is found even when other clusters have mistakes")
    func duplicateAmongMistakes() throws {
        let yaml = """
            store: { path: x }
            clusters:
              - { name: a, architecture: devtest, prometheus: { url: http://p }, iaas: { type: file, path: f } }
              - { name: b, architecture: nope, prometheus: { url: http://p }, iaas: { type: file, path: f } }
              - { name: a, architecture: devtest, prometheus: { url: http://p }, iaas: { type: file, path: f } }
            """
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.parse(yaml: yaml, file: "k.yaml", environment: [:]) }
        #expect(
            error.issues == [
                .invalidValue(file: "k.yaml", keyPath: "clusters[1].architecture", expected: "devtest or production", found: "\"nope\""),
                .duplicate(file: "k.yaml", keyPath: "clusters[2].name", what: "cluster name", value: "a", firstKeyPath: "clusters[0].name"),
            ]
        )
    }
}
