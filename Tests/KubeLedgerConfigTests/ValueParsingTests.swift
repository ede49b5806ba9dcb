import Testing

@testable import KubeLedgerConfig

@Suite struct ValueParsingTests {
    @Test(
        "durations read as seconds",
        arguments: [
            ("90s", Int64(90)), ("10m", 600), ("2h", 7_200), ("14d", 1_209_600), ("1h30m", 5_400), ("0s", 0),
        ]
    )
    func durations(text: String, seconds: Int64) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test("non-durations are refused", arguments: ["", "10", "m", "10x", "1.5h", "-5m", "2 h", "10m5", "99999999999999999999d"])
    func badDurations(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    @Test("durations format back with the largest units")
    func durationFormat() {
        #expect(DurationText.format(7_200) == "2h")
        #expect(DurationText.format(5_400) == "1h30m")
        #expect(DurationText.format(90_061) == "1d1h1m1s")
        #expect(DurationText.format(0) == "0s")
    }

    @Test(
        "RFC 3339 times, with offsets and fractions",
        arguments: [
            ("2026-01-01T00:00:00Z", Int64(1_767_225_600)),
            ("2026-01-01T01:00:00+01:00", 1_767_225_600),
            ("2025-12-31T19:00:00.123-05:00", 1_767_225_600),
            ("1970-01-01T00:00:00z", 0),
            ("2024-02-29T12:00:00Z", 1_709_208_000),
        ]
    )
    func times(text: String, seconds: Int64) {
        #expect(RFC3339.epochSeconds(text) == seconds)
    }

    @Test(
        "malformed times are refused",
        arguments: [
            "2026-01-01", "2026-01-01T00:00:00", "2026-02-29T00:00:00Z", "2026-01-01 00:00:00Z", "2026-01-01T24:00:00Z",
            "2026-1-01T00:00:00Z", "2026-01-01T00:00:00+0100", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00Zjunk",
        ]
    )
    func badTimes(text: String) {
        #expect(RFC3339.epochSeconds(text) == nil)
    }

    @Test(
        "listen addresses",
        arguments: [
            ("127.0.0.1:8080", ListenAddress(host: "127.0.0.1", port: 8080)),
            ("0.0.0.0:0", ListenAddress(host: "0.0.0.0", port: 0)),
            ("[::1]:9000", ListenAddress(host: "::1", port: 9000)),
            ("ledger.internal:443", ListenAddress(host: "ledger.internal", port: 443)),
        ]
    )
    func listen(text: String, address: ListenAddress) {
        #expect(ListenAddress(parsing: text) == address)
        #expect(address.description == text)
    }

    @Test("bad listen addresses are refused", arguments: ["8080", ":8080", "host:", "host:65536", "::1:80", "host:8o", "a b:80"])
    func badListen(text: String) {
        #expect(ListenAddress(parsing: text) == nil)
    }

    @Test(
        "token roles",
        arguments: [
            ("admin", TokenRole.admin), ("finance", .finance), ("viewer", .viewer), ("tenant:acme", .tenant("acme")),
            ("tenant:team-a.prod", .tenant("team-a.prod")),
        ]
    )
    func roles(text: String, role: TokenRole) {
        #expect(TokenRole(text) == role)
        #expect(role.description == text)
    }

    @Test("bad token roles are refused", arguments: ["Admin", "tenant:", "tenant:Acme", "tenant:-a", "tenant:a b", "root"])
    func badRoles(text: String) {
        #expect(TokenRole(text) == nil)
    }

    @Test("environment references are replaced; $${ escapes; unset ones are listed once")
    func substitution() {
        let env = ["A": "1", "B_2": "two"]
        #expect(EnvironmentSubstitution.substitute("x${A}y${B_2}", environment: env).text == "x1ytwo")
        #expect(EnvironmentSubstitution.substitute("cost $5 and $${A}", environment: env).text == "cost $5 and ${A}")
        let unset = EnvironmentSubstitution.substitute("${C}-${D}-${C}", environment: env)
        #expect(unset.unset == ["C", "D"])
        #expect(EnvironmentSubstitution.substitute("${1A}", environment: env).malformed)
        #expect(EnvironmentSubstitution.substitute("${A", environment: env).malformed)
    }

    @Test(
        "close typos get a suggestion, far ones do not",
        arguments: [
            ("stroe", "store"), ("stor", "store"), ("raw-retention-days", "raw_retention_days"), ("timeZone", "timezone"),
            ("capacty", "capacity"), ("storage_class", "storage_classes"),
        ]
    )
    func suggestions(typed: String, suggestion: String) {
        #expect(KeySuggestion.closest(to: typed, among: KubeLedgerConfig.keys + StoreSettings.keys + BillingSettings.keys) == suggestion)
    }

    @Test("no suggestion for an unrelated key")
    func noSuggestion() {
        #expect(KeySuggestion.closest(to: "colour", among: KubeLedgerConfig.keys) == nil)
        #expect(KeySuggestion.closest(to: "x", among: KubeLedgerConfig.keys) == nil)
    }

    @Test("the summary's UTC text round-trips RFC 3339")
    func utcText() {
        for seconds: Int64 in [0, 1_767_225_600, 1_709_208_000, 951_782_400, -86_400] {
            #expect(RFC3339.epochSeconds(KubeLedgerConfig.utcText(seconds)) == seconds)
        }
    }
}
