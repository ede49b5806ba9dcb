import Foundation
import KubeLedgerCapacity
import KubeLedgerConfig
import KubeLedgerCore
@testable import KubeLedgerReports
import KubeLedgerSimulator
import KubeLedgerStore
import Testing

/// Right-sizing from a store the simulator filled with 5-minute samples: the workloads it
/// over- and under-provisioned on purpose are found and ranked.
@Suite struct RightSizingReportTests {
    @Test("the simulator's over-provisioned workloads rank first, the under-provisioned last with negative savings")
    func simulatedWorkloads() throws {
        let from = Hour(containing: UTCTime.parse("2026-10-01T00:00:00Z")!)
        let simulator = try Simulator(SimulationOptions(
            clusterName: "r", architecture: .production, seed: 8, from: from, to: from.advanced(by: 24 * 15), containers: 60
        ))
        let store = try LedgerStore()
        try simulator.fill(store: store, rawSince: from.start)
        let window = HourRange(from: from.advanced(by: 24), to: from.advanced(by: 24 * 15))
        let usage = try WorkloadUsageLoader.load(store: store, cluster: "r", window: window, fallbackPrices: (Money("0.03")!, Money("0.004")!),
                                                 exclude: ["rook-ceph", "kube-system/coredns"])
        #expect(!usage.contains { $0.namespace == "rook-ceph" || ($0.namespace == "kube-system" && $0.controllerName == "coredns") })
        let report = RightSizing.report(usage)
        let provisioning = Dictionary(simulator.model.workloads.map { ("\($0.namespace)/\($0.name)", $0.provisioning) }) { $1 }
        func kind(_ row: Recommendation) -> Provisioning? { provisioning["\(row.workload.namespace)/\(row.workload.controllerName)"] }
        let over = report.filter { kind($0) == .over && !$0.insufficientData }
        let under = report.filter { kind($0) == .under && !$0.insufficientData }
        #expect(!over.isEmpty && !under.isEmpty)
        // Found: each over-provisioned workload asking for 100m or more is told to ask for at most
        // half its CPU or memory (below that, the 10m and 100 MiB floors and the simulator's 50m
        // usage reference leave little to find); the largest saving of the cluster is one of
        // them. Each under-provisioned one is flagged.
        #expect(over.filter { $0.currentCPU >= 100_000_000 }.count >= 1)
        #expect(over.filter { $0.currentCPU >= 100_000_000 }.allSatisfy { $0.recommendedCPU! * 2 <= $0.currentCPU || $0.recommendedMemory! * 2 <= $0.currentMemory },
                "\(over.map { ($0.currentCPU, $0.recommendedCPU!, $0.currentMemory, $0.recommendedMemory!) })")
        #expect(kind(report[0]) == .over)
        #expect(under.allSatisfy { $0.underProvisioned }, "\(under.map { ($0.currentCPU, $0.recommendedCPU!, $0.currentMemory, $0.recommendedMemory!) })")
        #expect(report.filter { $0.monthlySavings < .zero }.allSatisfy { $0.underProvisioned })
        #expect(report.contains { $0.autoscaled } == simulator.model.workloads.contains { $0.autoscaled && $0.replicas > 0 })
        // Percentiles come from the samples: the recommendation is the p95 of the per-step maximum.
        let first = try #require(usage.first { $0.key == over[0].workload })
        #expect(over[0].recommendedCPU! >= RightSizing.nearestRank(first.cpuSteps, percentile: 95))
        #expect(over[0].recommendedCPU! - RightSizing.nearestRank(first.cpuSteps, percentile: 95) < 1_000_000)

        let rows = RightSizingOutput.rows(report)
        let csv = RightSizingOutput.csv(rows)
        #expect(csv.components(separatedBy: "\r\n").count == rows.count + 2)
        let patches = RightSizingOutput.patches(rows)
        #expect(patches.contains("kind") == false && patches.contains("resources:\n") && patches.contains("limits:\n"))
        #expect(patches.contains("patch deployment \(over[0].workload.controllerName)"))
    }

    @Test("a CronJob's Jobs are one workload")
    func cronJobs() {
        #expect(WorkloadUsageLoader.cronJob(ofJob: "Job", "nightly-report-29372160") == ("CronJob", "nightly-report"))
        #expect(WorkloadUsageLoader.cronJob(ofJob: "Job", "migrate-db") == ("Job", "migrate-db"))
        #expect(WorkloadUsageLoader.cronJob(ofJob: "Deployment", "web-29372160") == ("Deployment", "web-29372160"))
    }

    @Test("a CronJob's patch sets its job template's container; a Deployment's its pod template")
    func cronJobPatch() throws {
        func usage(_ kind: String, _ name: String) -> WorkloadUsage {
            let cpu = Array(repeating: Int64(200_000_000), count: 120)
            let memory = Array(repeating: Int64(100) * ByteSize.mib, count: 120)
            return WorkloadUsage(
                cluster: "c", namespace: "shop", controllerKind: kind, controllerName: name, container: "main", tenant: "acme",
                cpuSteps: cpu, memorySteps: memory, cpuRequest: 1_000_000_000, memoryRequest: ByteSize.gib, cpuUsageSum: cpu.reduce(0, +),
                cpuRequestSum: 120_000_000_000, memoryUsageSum: memory.reduce(0, +), memoryRequestSum: 120 * ByteSize.gib,
                replicaHours: 10, windowHours: 10, cpuPrice: Money("0.03")!, memoryPrice: Money("0.004")!, autoscaled: false
            )
        }
        let rows = RightSizingOutput.rows(RightSizing.report([usage("CronJob", "nightly"), usage("Deployment", "web"), usage("Job", "migrate")]))
        let documents = RightSizingOutput.patches(rows).components(separatedBy: "\n---\n")
        #expect(documents.count == 2)
        let cron = try #require(documents.first { $0.contains("patch cronjob nightly") })
        #expect(cron.hasSuffix("""
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                        - name: main
                          resources:
                            requests:
                              cpu: 200m
                              memory: 115Mi
                            limits:
                              memory: 115Mi
            """), "\(cron)")
        let web = try #require(documents.first { $0.contains("patch deployment web") })
        #expect(web.trimmingCharacters(in: .newlines).hasSuffix("""
            spec:
              template:
                spec:
                  containers:
                    - name: main
                      resources:
                        requests:
                          cpu: 200m
                          memory: 115Mi
                        limits:
                          memory: 115Mi
            """), "\(web)")
    }
}
