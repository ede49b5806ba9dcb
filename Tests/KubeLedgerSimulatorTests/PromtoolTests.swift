import Foundation
import KubeLedgerCore
import KubeLedgerSimulator
import KubeLedgerTesting
import Testing

/// promtool, from Debian's `prometheus` package (the README's test command installs it),
/// must accept the OpenMetrics files as they are.
@Suite struct PromtoolTests {
    @Test("promtool turns every simulated OpenMetrics file into TSDB blocks")
    func backfill() throws {
        let simulator = try Simulator(SimulatorFixtures.options(.production, containers: 20, days: 2, scrape: 300))
        let directory = SimulatorFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try simulator.writeFiles(to: directory)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("openmetrics").path).sorted()
        #expect(files.count == 4)
        for file in files {
            let (status, text) = try PrometheusHarness.run("/usr/bin/promtool", [
                "tsdb", "create-blocks-from", "openmetrics", directory.appendingPathComponent("openmetrics/\(file)").path,
                directory.appendingPathComponent("blocks").path,
            ])
            #expect(status == 0, "promtool refused \(file): \(text)")
        }
        let blocks = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("blocks").path)
        #expect(blocks.count >= 2)
    }
}
