import Foundation
import KubeLedgerCore
import KubeLedgerSources
import KubeLedgerTesting
import Testing

/// The console reader against a real Prometheus serving series in the console's own label
/// layout, with what the simulator does not make: `stat` triplets, a power-off, a gap in a
/// size series.
@Suite(.serialized) struct ConsoleMetricsReaderTests {
    static let hour = Hour(containing: 1_793_613_600)  // 2026-11-02T10:00:00Z

    /// One VM scraped every minute at :30 through 10:00–11:00: sizes all hour (memory's
    /// last sample at 10:50:30), running until 10:40:30, halted from 10:41:30. Each
    /// series comes as `stat` avg, max and min; min says 0 where avg says 1.
    static func series() -> String {
        let base = #"tenant_name="t",xoa_hostname="xoa",pool_name="p",vm_name="t-wrk-1",az="AZ05""#
        let scrapes = (0..<60).map { hour.start + Int64($0) * 60 + 30 }
        var text = ""
        func family(_ name: String, _ rows: [(labels: String, samples: [(Int64, String)])]) {
            text += "# TYPE \(name) gauge\n"
            for row in rows {
                for (time, value) in row.samples { text += "\(name){\(base),\(row.labels)} \(value) \(time)\n" }
            }
        }
        func stats(_ extra: String, _ samples: [(Int64, String)], min: String? = nil) -> [(labels: String, samples: [(Int64, String)])] {
            ["avg", "max", "min"].map { stat in
                (extra.isEmpty ? "stat=\"\(stat)\"" : "\(extra),stat=\"\(stat)\"", samples.map { ($0.0, stat == "min" ? (min ?? $0.1) : $0.1) })
            }
        }
        family("vates_vm_vcpus_gauge", stats("", scrapes.map { ($0, "8") }))
        family("vates_vm_memory_total_bytes_gauge", stats("", scrapes.filter { $0 <= hour.start + 50 * 60 + 30 }.map { ($0, String(32 * ByteSize.gib)) }))
        family("vates_vm_disk_total_size_bytes_gauge", stats("", scrapes.map { ($0, String(364 * ByteSize.gib)) }))
        let on = scrapes.filter { $0 <= hour.start + 40 * 60 + 30 }
        let off = scrapes.filter { $0 > hour.start + 40 * 60 + 30 }
        family("vates_vm_running_gauge", stats(#"power_state="Halted""#, off.map { ($0, "0") }) + stats(#"power_state="Running""#, on.map { ($0, "1") }, min: "0"))
        return text + "# EOF\n"
    }

    @Test("the avg stat is read, the newest power state counts at a power-off, and a size series' gap keeps its last value")
    func consoleLayout() async throws {
        let prometheus = try await PrometheusHarness(openMetrics: Self.series())
        defer { prometheus.stop() }
        let reader = ConsoleMetricsReader(
            cluster: "c", client: PrometheusClient(baseURL: prometheus.url),
            osDisk: Disk(purpose: .os, storageClass: "flash-standard", sizeBytes: 64 * ByteSize.gib), dataDiskClass: "flash-enterprise"
        )
        let facts = try await reader.read(hours: HourRange(from: Self.hour, to: Self.hour.next))
        #expect(facts.count == 1)
        let fact = try #require(facts.first)
        #expect(fact.node == "t-wrk-1" && fact.role == .worker && fact.zone == "AZ05")
        #expect(fact.vcpus == 8)
        // Memory's last sample answers steps up to 10:55; the hour's last step still has it.
        #expect(fact.memoryBytes == 32 * ByteSize.gib)
        #expect(fact.disks == [
            Disk(purpose: .os, storageClass: "flash-standard", sizeBytes: 64 * ByteSize.gib),
            Disk(purpose: .data, storageClass: "flash-enterprise", sizeBytes: 300 * ByteSize.gib),
        ])
        #expect(fact.presentMs == millisecondsPerHour)
        // Steps 10:05 to 10:40 run. At 10:45 the Running sample of 10:40:30 still answers,
        // but the Halted one of 10:44:30 is newer: halted.
        #expect(fact.runningMs == 8 * 300_000)
    }
}
