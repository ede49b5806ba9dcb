import Foundation
import Hummingbird
import HummingbirdTesting
@testable import KubeLedgerServer
import Testing

/// schemathesis (`scripts/api-fuzz`) against the live server on 127.0.0.1 from
/// `schemas/openapi.json`: generated requests for every operation, with an admin token so
/// even closing a month is exercised; no 5xx and no answer the document does not describe.
@Suite struct SchemathesisTests {
    @Test("schemathesis finds no server error and no answer outside the OpenAPI document")
    func fuzz() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let app = Application(router: try APIServerTests.server().router())
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let process = Process()
            process.executableURL = root.appendingPathComponent("scripts/api-fuzz")
            process.arguments = ["http://127.0.0.1:\(port)", APIServerTests.tokens["admin"]!, "10"]
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-fuzz-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let log = try FileHandle(forWritingTo: output)
            process.standardOutput = log
            process.standardError = log
            try process.run()
            let deadline = ContinuousClock.now + .seconds(900)
            while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(200)) }
            if process.isRunning { process.terminate() }
            while process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
            try log.close()
            let report = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 0, "\(report.suffix(6000))")
            #expect(report.contains("17 selected / 17 total"), "\(report.prefix(2000))")
            #expect(report.contains("passed"), "\(report.suffix(2000))")
        }
    }
}
