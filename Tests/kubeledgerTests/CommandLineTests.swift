import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KubeLedgerConfig
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite struct CommandLineTests {
    @Test("kubeledger --help lists every subcommand")
    func help() throws {
        let result = try CommandRunner.run(["--help"])
        #expect(result.status == 0)
        for command in ["demo", "simulate", "ingest", "invoice", "costs", "reconcile", "check-config"] { #expect(result.stdout.contains("  \(command)"), "\(command) missing") }
    }

    @Test("every subcommand has --help", arguments: [("demo", "--devtest-containers"), ("simulate", "--architecture"), ("check-config", "<file>"), ("invoice", "--close"),
                                                 ("costs", "--aggregate"), ("reconcile", "--from")])
    func subcommandHelp(command: String, option: String) throws {
        let result = try CommandRunner.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: kubeledger \(command)"))
        #expect(result.stdout.contains(option))
    }

    @Test("token create prints a config line that reads back as the name given, whatever it holds")
    func tokenCreateLine() throws {
        for (name, role) in [("a: b, #c", "viewer"), ("grafana \"acme\" {x}", "tenant:acme"), ("ops", "admin")] {
            let result = try CommandRunner.run(["token", "create", "--role", role, "--name", name])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            let token = try #require(lines.first?.split(separator: " ").last.map(String.init))
            let entry = try #require(lines.last)
            #expect(entry.hasPrefix("  - {"), "\(entry)")
            // Pasted under server.tokens as printed, the config loader reads the same entry.
            let config = try ConfigLoader.parse(yaml: """
                store: { path: ./unused.sqlite }
                server:
                  tokens:
                \(entry)
                clusters:
                  - name: lab
                    architecture: devtest
                    prometheus: { url: "http://127.0.0.1:9" }
                    iaas: { type: file, path: ./unused.jsonl }
                """, file: "/tmp/kubeledger-token-test.yaml")
            #expect(config.server.tokens.count == 1)
            #expect(config.server.tokens.first?.name == name)
            #expect(config.server.tokens.first?.role == TokenRole(role))
            #expect(token.hasPrefix("kl_") && token.count == 67, "\(token)")
            let hash = try #require(config.server.tokens.first?.sha256)
            #expect(hash.count == 64 && hash.allSatisfy { "0123456789abcdef".contains($0) } && !result.stdout.contains("sha256: \"\(token)"))
        }
    }

    @Test("check-config reports every problem with its key path and exits 1")
    func checkConfigProblems() throws {
        let file = try CommandRunner.temporaryFile("kubeledger.yaml", contents: """
            store: { path: ./x.sqlite, raw_retention_days: 0 }
            sharing: { shared: fair }
            clusters:
              - name: lab
                architecture: prod
                prometheus: { url: http://127.0.0.1:9090 }
                iaas: { type: file, path: ./lab.jsonl }
            """)
        let result = try CommandRunner.run(["check-config", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 3, "\(result.stderr)")
        #expect(result.stderr.contains("store.raw_retention_days"))
        #expect(result.stderr.contains("sharing.shared"))
        #expect(result.stderr.contains("clusters[0].architecture: expected devtest or production, found \"prod\""))
        #expect(lines.allSatisfy { $0.hasPrefix(Substring(file.path)) })
    }

    @Test("check-config accepts the spec's example once its variables are set")
    func checkConfigExample() throws {
        let example = try String(contentsOf: #require(Bundle.module.url(forResource: "config-example", withExtension: "yaml", subdirectory: "Fixtures")), encoding: .utf8)
        let file = try CommandRunner.temporaryFile("kubeledger.yaml", contents: example)
        let environment = ["CT_PAT_ID": "id", "CT_PAT_SECRET": "secret"]
        // The example names ./catalog.yaml: until it exists, that is the one problem.
        let missing = try CommandRunner.run(["check-config", file.path], environment: environment)
        #expect(missing.status == 1 && missing.stderr.contains("\(file.path): catalog: ") && missing.stderr.contains("catalog.yaml: file not found"), "\(missing.stderr)")
        let catalog = file.deletingLastPathComponent().appendingPathComponent("catalog.yaml")
        try ShippedCatalog.yaml.write(to: catalog, atomically: true, encoding: .utf8)
        let ok = try CommandRunner.run(["check-config", file.path], environment: environment)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.hasPrefix("\(file.path): OK"))
        #expect(ok.stdout.contains("hx-prod: production"))
        #expect(ok.stdout.contains("catalog version") && ok.stdout.contains("in EUR"), "\(ok.stdout)")
        #expect(!ok.stdout.contains("secret"))
        // A bad catalog is reported with its own file and key.
        try "currency: euro\nversions: []\n".write(to: catalog, atomically: true, encoding: .utf8)
        let bad = try CommandRunner.run(["check-config", file.path], environment: environment)
        #expect(bad.status == 1 && bad.stdout.isEmpty)
        #expect(bad.stderr.contains(catalog.path + ": currency") && bad.stderr.contains("versions"), "\(bad.stderr)")
    }

    @Test("check-config names a file that does not exist")
    func checkConfigMissingFile() throws {
        let result = try CommandRunner.run(["check-config", "/nonexistent/kubeledger.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/kubeledger.yaml"))
    }

    @Test("simulate refuses an impossible size, naming the option")
    func simulateBadOption() throws {
        let result = try CommandRunner.run(["simulate", "--architecture", "devtest", "--containers", "2"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--containers: expected a whole number from 5 to 100000, found \"2\""), "\(result.stderr)")
        let architecture = try CommandRunner.run(["simulate", "--architecture", "prod"])
        #expect(architecture.status != 0)
        #expect(architecture.stderr.contains("--architecture"))
    }

    @Test("numeric options refuse a dash-led, zero or out-of-range value naming the option and what it takes, not 'Missing value'", arguments: [
        (["plan", "--horizon-days", "-5"], "--horizon-days: expected whole days from 1 to 3650, found \"-5\""),
        (["plan", "--horizon-days", "0"], "--horizon-days: expected whole days from 1 to 3650, found \"0\""),
        (["plan", "--horizon-days", "3651"], "--horizon-days: expected whole days from 1 to 3650, found \"3651\""),
        (["rightsize", "--window-days", "-5"], "--window-days: expected whole days of at least 1, found \"-5\""),
        (["rightsize", "--window-days", "0"], "--window-days: expected whole days of at least 1, found \"0\""),
        (["simulate", "--architecture", "devtest", "--containers", "-5"], "--containers: expected a whole number from 5 to 100000, found \"-5\""),
        (["simulate", "--architecture", "devtest", "--containers", "0"], "--containers: expected a whole number from 5 to 100000, found \"0\""),
        (["simulate", "--architecture", "devtest", "--scrape-interval", "-60"], "--scrape-interval: expected seconds from 10 to 300 that divide 300"),
        (["simulate", "--architecture", "devtest", "--scrape-interval", "0"], "--scrape-interval: expected seconds from 10 to 300 that divide 300"),
        (["simulate", "--architecture", "devtest", "--raw-days", "-1"], "--raw-days: expected whole days from 0 to 3650, found \"-1\""),
        (["simulate", "--architecture", "devtest", "--seed", "-5"], "'-5' is invalid for '--seed <seed>'"),
        (["demo", "--devtest-containers", "-5"], "--devtest-containers: expected a whole number from 5 to 100000, found \"-5\""),
        (["demo", "--production-containers", "0"], "--production-containers: expected a whole number from 5 to 100000, found \"0\""),
        (["demo", "--raw-days", "-1"], "--raw-days: expected whole days from 0 to 3650, found \"-1\""),
    ])
    func numericOptionRanges(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("Missing value"), "\(arguments): \(result.stderr)")
    }

    @Test("simulate fills a store and writes the input files")
    func simulate() throws {
        let store = try CommandRunner.temporaryFile("sim.sqlite")
        let out = store.deletingLastPathComponent().appendingPathComponent("out")
        let result = try CommandRunner.run([
            "simulate", "--architecture", "production", "--containers", "20", "--from", "2026-11-02", "--to", "2026-11-03",
            "--store", store.path, "--out", out.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("cluster sim-production (production, seed 1): 2026-11-02T00:00:00Z to 2026-11-03T00:00:00Z"))
        #expect(result.stdout.contains("3 control-plane, 3 storage, 3 workers"))
        #expect(result.stdout.contains("bytes per sample"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("openmetrics/kubernetes-2026-11-02.om").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("iaas/records.jsonl").path))
        let again = try CommandRunner.run([
            "simulate", "--architecture", "production", "--containers", "20", "--from", "2026-11-02", "--to", "2026-11-03", "--store", store.path,
        ])
        let counts = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("store ") || $0.hasPrefix("raw samples") } }
        #expect(counts(again.stdout) == counts(result.stdout), "a second fill of the same store must not change it")
    }

    @Test("demo simulates both architectures into a fresh store, prints what it holds, then serves it: every printed curl line answers; SIGTERM stops it")
    func demo() async throws {
        let store = try CommandRunner.temporaryFile("demo.sqlite")
        let from = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-40 * 86_400))
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["demo", "--store", store.path, "--devtest-containers", "15", "--production-containers", "20", "--from", from, "--listen", "127.0.0.1:0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // Read until the curl lines are out (bounded: the demo is small).
        var text = ""
        let deadline = Date().addingTimeInterval(300)
        while !text.contains("/grafana/query") && process.isRunning && Date() < deadline {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { try await Task.sleep(for: .milliseconds(100)) } else { text += String(decoding: data, as: UTF8.self) }
        }
        #expect(text.contains("cluster demo-devtest (devtest, seed 42)"))
        #expect(text.contains("cluster demo-production (production, seed 42)"))
        #expect(text.contains("bytes per sample"))
        #expect(text.contains("ready in"))
        let token = text.split(separator: "\n").first { $0.hasPrefix("read-only token (role viewer): ") }.map { String($0.split(separator: " ").last!) }
        #expect(token?.hasPrefix("kl_") == true, "\(text.suffix(2000))")
        let curls = text.split(separator: "\n").filter { $0.hasPrefix("curl -s") }.map(String.init)
        #expect(curls.count == 4)
        var answers: [String] = []
        for line in curls {
            let quoted = line.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            guard let address = quoted.first(where: { $0.hasPrefix("http://127.0.0.1:") }), let url = URL(string: address) else {
                Issue.record("no loopback URL in \(line)")
                continue
            }
            var request = URLRequest(url: url, timeoutInterval: 60)
            request.setValue("Bearer \(token ?? "")", forHTTPHeaderField: "Authorization")
            if line.contains(" -d ") {
                request.httpMethod = "POST"
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.httpBody = Data(quoted.last!.utf8)
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(line): \(String(decoding: data, as: UTF8.self).prefix(300))")
            answers.append(String(decoding: data, as: UTF8.self))
        }
        if answers.count == 4 {
            #expect(answers[0].hasPrefix("BilledCost,") || answers[0].contains("BillingPeriodStart"), "\(answers[0].prefix(200))")
            #expect(answers[0].contains("demo-production"))
            #expect(answers[1].hasPrefix("cluster,"), "\(answers[1].prefix(200))")
            #expect(answers[2].contains("\"cheapest\""))
            #expect(answers[3].contains("\"datapoints\"") && answers[3].contains("acme"))
        }
        process.terminate()
        let stopBy = Date().addingTimeInterval(30)
        while process.isRunning && Date() < stopBy { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }

    @Test("serve on an address in use says which address and setting, in one line, and exits 1")
    func serveAddressInUse() throws {
        #if canImport(Glibc)
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, length) == 0 && listen(holder, 4) == 0 && getsockname(holder, $0, &length) == 0 }
        }
        try #require(listening)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let config = try CommandRunner.temporaryFile("kubeledger.yaml", contents: """
            store: { path: ./busy.sqlite }
            server: { listen: "127.0.0.1:\(port)" }
            clusters:
              - name: busy
                architecture: devtest
                prometheus: { url: "http://127.0.0.1:9" }
                iaas: { type: file, path: ./missing.jsonl }
            """)
        let fromConfig = try CommandRunner.run(["serve", "--config", config.path, "--no-ingest"])
        #expect(fromConfig.status == 1)
        #expect(fromConfig.stderr.contains("server.listen: cannot listen on 127.0.0.1:\(port): the address is already in use (another process listens there)\n"), "\(fromConfig.stderr)")
        #expect(!fromConfig.stderr.contains("Error: bind("), "\(fromConfig.stderr)")
        let fromOption = try CommandRunner.run(["serve", "--config", config.path, "--no-ingest", "--listen", "127.0.0.1:\(port)"])
        #expect(fromOption.status == 1 && fromOption.stderr.hasPrefix("--listen: cannot listen on 127.0.0.1:\(port): "), "\(fromOption.stderr)")
        #endif
    }

    @Test("serve --log-format json writes one JSON object per line, serves, runs its first ingest round, and stops at SIGTERM")
    func serveJSONLogs() async throws {
        let config = try CommandRunner.temporaryFile("kubeledger.yaml", contents: """
            store: { path: ./serve.sqlite }
            ingest: { start: "2026-11-01T00:00:00Z", every: 1h }
            clusters:
              - name: logs
                architecture: devtest
                prometheus: { url: "http://127.0.0.1:9" }
                iaas: { type: file, path: ./missing.jsonl }
            """)
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve", "--config", config.path, "--listen", "127.0.0.1:0", "--log-format", "json"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var lines: [[String: Any]] = []
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        // Until the server is up and the first round's jobs have both reported.
        while process.isRunning && Date() < deadline
            && !(lines.contains { $0["message"] as? String == "serving" } && lines.filter { ($0["message"] as? String)?.hasPrefix("ingest job") == true }.count >= 2) {
            let data = err.fileHandleForReading.availableData
            if data.isEmpty { try await Task.sleep(for: .milliseconds(100)); continue }
            text += String(decoding: data, as: UTF8.self)
            let complete = text.split(separator: "\n", omittingEmptySubsequences: false)
            text = String(complete.last ?? "")
            for line in complete.dropLast() where !line.isEmpty {
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object != nil, "not JSON: \(line)")
                if let object { lines.append(object) }
            }
        }
        let serving = lines.first { $0["message"] as? String == "serving" }
        #expect(serving?["level"] as? String == "info" && serving?["time"] != nil && serving?["label"] as? String == "kubeledger")
        let failed = lines.first { $0["message"] as? String == "ingest job failed" }
        #expect(failed?["cluster"] as? String == "logs" && failed?["error"] != nil, "\(lines)")
        // A refused connection is one line naming the URL, not an NSError dump.
        let refused = failed?["error"] as? String ?? ""
        #expect(refused.hasSuffix("could not connect to http://127.0.0.1:9/api/v1/query_range: connection refused") && !refused.contains("NSURLErrorDomain"), "\(refused)")
        if let address = serving?["address"] as? String, let url = URL(string: "http://\(address)/healthz") {
            let (_, response) = try await URLSession.shared.data(from: url)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
        } else {
            Issue.record("no address in \(String(describing: serving))")
        }
        process.terminate()
        let stopBy = Date().addingTimeInterval(30)
        while process.isRunning && Date() < stopBy { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning && process.terminationStatus == 0)
    }
}
