import ArgumentParser
import Foundation
import KubeLedgerCapacity
import KubeLedgerCore
import KubeLedgerReports
import KubeLedgerSimulator
import KubeLedgerStore

/// Right-sizing over a large store against a plain scan of its raw samples, and a plan
/// for a 60-worker cluster.
struct BenchRightSizing: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rightsize",
        abstract: "Right-sizing over 14 days of 5-minute samples against a plain SQLite scan of them, and a 60-worker plan.",
        discussion: """
            Simulates a production cluster with its raw samples into a fresh store, then times: reading every raw \
            chunk of the window (the baseline), the right-sizing report (samples decoded, maximum over replicas per \
            step, percentiles), and a capacity plan for demand that needs about 60 workers. Peak memory is the \
            process's high-water mark after each phase.
            """
    )

    @Option(help: "Containers of the simulated production cluster.") var containers = 3000
    @Option(help: "Days of 5-minute samples.") var days = 14
    @Option(help: "Store file (replaced).") var store = "/tmp/kubeledger-bench-rightsize.sqlite"

    func run() async throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        let clock = ContinuousClock()
        let from = Hour(containing: 1_790_812_800)  // 2026-10-01T00:00:00Z
        let window = HourRange(from: from, to: from.advanced(by: 24 * days))
        var started = clock.now
        let simulator = try Simulator(SimulationOptions(
            clusterName: "bench", architecture: .production, seed: 1, from: window.from, to: window.to, containers: containers
        ))
        let ledger = try LedgerStore(path: store)
        let filled = try simulator.fill(store: ledger, rawSince: window.from.start)
        print("simulated \(filled.rawSamples) raw samples in \(clock.now - started); peak \(BenchIngest.peakResidentKiB() / 1024) MiB")

        started = clock.now
        let scan = try ledger.scanRawChunks(cluster: "bench", fromStep: window.from.start + Step.seconds, toStep: window.to.start)
        let baseline = clock.now - started
        print("baseline scan: \(scan.chunks) chunks, \(scan.bytes / 1_048_576) MiB, \(scan.samples) samples in \(baseline)")

        started = clock.now
        let workloads = try WorkloadUsageLoader.load(store: ledger, cluster: "bench", window: window,
                                                     fallbackPrices: (Money("0.03")!, Money("0.004")!))
        let report = RightSizing.report(workloads)
        let rightsizing = clock.now - started
        print("right-sizing: \(report.count) workloads in \(rightsizing); peak \(BenchIngest.peakResidentKiB() / 1024) MiB")

        // A plan whose cheapest answer is about 60 workers of 16/64.
        let input = PlanningInput(
            architecture: .production, demand: Resources(cpuNanocores: 870_000_000_000, memoryBytes: 2_800 * ByteSize.gib, pods: 3_700),
            growth: 1.1, storageGrowth: 1.1, overhead: Resources(cpuNanocores: 1_500_000_000, memoryBytes: 3 * ByteSize.gib, pods: 4),
            largestPod: Resources(cpuNanocores: 8_000_000_000, memoryBytes: 16 * ByteSize.gib), storageBytes: 20_000 * ByteSize.gib,
            trendSlopePerDay: 0.001, horizonDays: 90, currentWorkers: 48, currentFlavour: Flavour(vcpus: 16, memoryGiB: 64),
            currentDataDiskGiB: 8_000, today: window.to.start
        )
        let prices = PlanningPrices(vcpuHour: Money("0.03")!, ramGiBHour: Money("0.004")!,
                                    storageGiBMonth: ["flash-standard": Money("0.10")!, "flash-enterprise": Money("0.18")!],
                                    feeMonth: Money("2250")!, includedWorkers: 3, extraWorkerMonth: Money("450")!)
        started = clock.now
        var result: PlanResult?
        for _ in 0..<100 { result = CapacityPlanner.plan(input, rules: PlanningRules.defaults(for: .production), prices: prices) }
        let planning = (clock.now - started) / 100
        print("plan: \(result?.cheapest.map { "\($0.workers) workers of \($0.flavour)" } ?? "none") in \(planning) (mean of 100)")
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        print(String(format: "ratio right-sizing / raw scan: %.1f", seconds(rightsizing) / seconds(baseline)))
    }
}
