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
        // A workload's envoy sidecar is balanced whatever the workload's provisioning.
        let under = report.filter { kind($0) == .under && !$0.insufficientData && $0.workload.container != "envoy" }
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
                replicaSteps: 120, windowSteps: 120, cpuPrice: Money("0.03")!, memoryPrice: Money("0.004")!, autoscaled: false
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

    /// A store of pods, each running the given 5-minute steps (1...12) of the window's hours
    /// with a constant request and usage; container-hours hold the hourly means as ingest
    /// writes them (absent steps count 0).
    static func store(
        window: HourRange, pods: [(kind: String, name: String, pod: String, steps: [Int: ClosedRange<Int>])],
        cpuRequest: Int64, cpuUsage: Int64, memoryRequest: Int64, memoryUsage: Int64
    ) throws -> LedgerStore {
        var batch = FactBatch()
        for offset in 0..<window.count {
            batch.namespaceHours.append(NamespaceHour(cluster: "c", hour: window.from.advanced(by: offset), namespace: "shop", tenant: "acme"))
        }
        for pod in pods {
            let ref = ContainerRef(cluster: "c", namespace: "shop", pod: pod.pod, container: "main", node: "w1",
                                   controllerKind: pod.kind, controllerName: pod.name)
            var cpu: [RawSample] = []
            var memory: [RawSample] = []
            for (offset, ran) in pod.steps.sorted(by: { $0.key < $1.key }) {
                let hour = window.from.advanced(by: offset)
                let n = Int64(ran.count)
                batch.containerHours.append(ContainerHour(
                    ref: ref, hour: hour, cpuRequestNanocores: Step.hourlyMean(cpuRequest * n), cpuUsageNanocores: Step.hourlyMean(cpuUsage * n),
                    memoryRequestBytes: Step.hourlyMean(memoryRequest * n), memoryUsageBytes: Step.hourlyMean(memoryUsage * n)
                ))
                for step in ran {
                    cpu.append(RawSample(step: hour.start + Int64(step) * Step.seconds, value: cpuUsage))
                    memory.append(RawSample(step: hour.start + Int64(step) * Step.seconds, value: memoryUsage))
                }
            }
            batch.rawSeries.append(RawSeries(ref: ref, metric: .cpuUsage, samples: cpu))
            batch.rawSeries.append(RawSeries(ref: ref, metric: .memoryWorkingSet, samples: memory))
        }
        let store = try LedgerStore()
        try store.write(batch)
        return store
    }

    @Test("a Deployment restarted at :30 of the last hour: the current request is the pods' request, not the half-hour means")
    func restartInLastHour() throws {
        let from = Hour(containing: UTCTime.parse("2026-11-02T00:00:00Z")!)
        let window = HourRange(from: from, to: from.advanced(by: 10))
        var old: [Int: ClosedRange<Int>] = [:]
        for hour in 0..<9 { old[hour] = 1...12 }
        old[9] = 1...6
        let store = try Self.store(window: window, pods: [("Deployment", "web", "web-a", old), ("Deployment", "web", "web-b", [9: 7...12])],
                                   cpuRequest: 1_000_000_000, cpuUsage: 300_000_000, memoryRequest: ByteSize.gib, memoryUsage: 200 * ByteSize.mib)
        let usage = try WorkloadUsageLoader.load(store: store, cluster: "c", window: window, fallbackPrices: (Money("0.03")!, Money("0.004")!))
        let web = try #require(usage.first)
        #expect(usage.count == 1)
        #expect(web.cpuRequest == 1_000_000_000)
        #expect(web.memoryRequest == ByteSize.gib)
        // 9 full hours of one pod, then two half hours: one replica all along.
        #expect(web.replicaSteps == 120 && web.windowSteps == 120)
        let row = RightSizing.recommend(web, policy: RightSizingPolicy())
        #expect(row.currentCPU == 1_000_000_000 && row.averageReplicas == 1)
        #expect(RightSizingOutput.rows([row])[0].currentCPU == "1000m")
    }

    @Test("a window reaching back before the store's first sample averages replicas over the steps observed")
    func windowBeforeData() throws {
        let from = Hour(containing: UTCTime.parse("2026-11-02T00:00:00Z")!)
        let window = HourRange(from: from, to: from.advanced(by: 10))
        // Data from hour 4 on: one pod all along, another from hour 7.
        var first: [Int: ClosedRange<Int>] = [:]
        for hour in 4..<10 { first[hour] = 1...12 }
        let store = try Self.store(window: window, pods: [("Deployment", "web", "web-a", first),
                                                          ("Deployment", "web", "web-b", [7: 1...12, 8: 1...12, 9: 1...12])],
                                   cpuRequest: 1_000_000_000, cpuUsage: 300_000_000, memoryRequest: ByteSize.gib, memoryUsage: 200 * ByteSize.mib)
        let web = try #require(try WorkloadUsageLoader.load(store: store, cluster: "c", window: window, fallbackPrices: (Money("0.03")!, Money("0.004")!)).first)
        // 6 + 3 pod-hours over the 6 hours the store holds, not the window's 10.
        #expect(web.replicaSteps == 108 && web.windowSteps == 72)
        #expect(web.averageReplicas == 1.5)
    }

    @Test("a CronJob running 10 minutes an hour: its runs' request, a sixth of a replica on average, positive savings")
    func shortCronJobRuns() throws {
        let from = Hour(containing: UTCTime.parse("2026-11-02T00:00:00Z")!)
        let window = HourRange(from: from, to: from.advanced(by: 60))
        // One Job an hour, named the CronJob controller's way, running the hour's first two steps.
        let runs = (0..<60).map { hour in
            ("Job", "report-\(29_377_000 + hour * 60)", "report-\(29_377_000 + hour * 60)-x", [hour: 1...2])
        }
        let store = try Self.store(window: window, pods: runs, cpuRequest: 500_000_000, cpuUsage: 400_000_000,
                                   memoryRequest: 256 * ByteSize.mib, memoryUsage: 100 * ByteSize.mib)
        let usage = try WorkloadUsageLoader.load(store: store, cluster: "c", window: window, fallbackPrices: (Money("0.03")!, Money("0.004")!))
        let cron = try #require(usage.first)
        #expect(usage.count == 1 && cron.controllerKind == "CronJob" && cron.controllerName == "report")
        // The mean of 2 steps of 500m is 83_333_333 nanocores (rounded): × 12 ÷ 2 = 499_999_998, but every
        // request from 499_999_996 to 500_000_002 has that mean, and 500m is the round one; 256Mi alike.
        #expect(cron.cpuRequest == 500_000_000)
        #expect(cron.memoryRequest == 256 * ByteSize.mib)
        #expect(cron.replicaSteps == 120 && cron.windowSteps == 720)
        let row = RightSizing.recommend(cron, policy: RightSizingPolicy())
        #expect(row.points == 120 && row.recommendedCPU == 400_000_000 && row.recommendedMemory == 115 * ByteSize.mib)
        #expect(abs(row.averageReplicas - 1.0 / 6) < 1e-12)
        #expect(!row.underProvisioned)
        // CPU: 100_000_000 ns × 0.03 × 730 ÷ 6 ÷ 10⁹ = 0.365; memory: (256 − 115) MiB × 0.004 × 730 ÷ 6 ÷ 1024
        // = 0.06701171875: 0.43201171875 a month.
        #expect(row.monthlySavings == Money("0.43201171875")!, "\(row.monthlySavings)")
        let output = RightSizingOutput.rows([row])[0]
        #expect(output.currentCPU == "500m" && output.currentMemory == "256Mi")
        #expect(String(format: "%.2f", output.averageReplicas) == "0.17")
    }

    @Test("the request behind a partial hour's mean: the round value its rounding allows, else the nearest")
    func requestBehindMean() {
        let cpu = WorkloadUsageLoader.cpuUnits, memory = WorkloadUsageLoader.memoryUnits
        // 256Mi over 2 steps: mean 44_739_243 (rounded half up), × 6 = 256Mi + 2 bytes.
        #expect(WorkloadUsageLoader.requestBehind(mean: 44_739_243, ran: 2, units: memory) == 256 * ByteSize.mib)
        // 2000m and 2Gi over 1 step; 50m over 5.
        #expect(WorkloadUsageLoader.requestBehind(mean: 166_666_667, ran: 1, units: cpu) == 2_000_000_000)
        #expect(WorkloadUsageLoader.requestBehind(mean: (2 * ByteSize.gib + 6) / 12, ran: 1, units: memory) == 2 * ByteSize.gib)
        #expect(WorkloadUsageLoader.requestBehind(mean: 20_833_333, ran: 5, units: cpu) == 50_000_000)
        // No unit in reach (a request of 123_456_789 bytes over 7 steps): the nearest, mean × 12 ÷ 7.
        let mean: Int64 = (123_456_789 * 7 + 6) / 12
        #expect(WorkloadUsageLoader.requestBehind(mean: mean, ran: 7, units: memory) == (mean * 24 + 7) / 14)
        // A whole hour's mean is the request.
        #expect(WorkloadUsageLoader.requestBehind(mean: 44_739_243, ran: 12, units: memory) == 44_739_243)
    }

    static func usage(_ name: String, namespace: String = "shop", cpu: Int64, cpuRequest: Int64, autoscaled: Bool) -> WorkloadUsage {
        let steps = Array(repeating: cpu, count: 120)
        let memory = Array(repeating: Int64(100) * ByteSize.mib, count: 120)
        return WorkloadUsage(
            cluster: "c", namespace: namespace, controllerKind: "Deployment", controllerName: name, container: "main", tenant: "acme",
            cpuSteps: steps, memorySteps: memory, cpuRequest: cpuRequest, memoryRequest: ByteSize.gib, cpuUsageSum: steps.reduce(0, +),
            cpuRequestSum: 120 * cpuRequest, memoryUsageSum: memory.reduce(0, +), memoryRequestSum: 120 * ByteSize.gib,
            replicaSteps: 120, windowSteps: 120, cpuPrice: Money("0.03")!, memoryPrice: Money("0.004")!, autoscaled: autoscaled
        )
    }

    @Test("an autoscaled workload that is also under-provisioned keeps both warnings, in the table and on its patch")
    func autoscaledAndUnderProvisioned() throws {
        let rows = RightSizingOutput.rows(RightSizing.report([Self.usage("web", cpu: 3_000_000_000, cpuRequest: 1_000_000_000, autoscaled: true)]))
        let row = try #require(rows.first)
        #expect(row.status == "under-provisioned: risk of throttling or OOM kill; autoscaled: CPU recommendation per replica, do not apply blindly")
        #expect(RightSizingOutput.table(rows).contains(row.status))
        let patch = RightSizingOutput.patches(rows)
        #expect(patch.hasPrefix("# shop/web/main: saves ") && patch.contains("(\(row.status))"), "\(patch)")
        // Either alone is as before.
        let alone = RightSizingOutput.rows(RightSizing.report([
            Self.usage("hungry", cpu: 3_000_000_000, cpuRequest: 1_000_000_000, autoscaled: false),
            Self.usage("scaled", cpu: 100_000_000, cpuRequest: 1_000_000_000, autoscaled: true),
        ]))
        #expect(Set(alone.map(\.status)) == ["under-provisioned: risk of throttling or OOM kill",
                                               "autoscaled: CPU recommendation per replica, do not apply blindly"])
    }

    @Test("the CSV neutralises formulas in text columns only: a negative saving stays a number")
    func csvNumbersUntouched() throws {
        let rows = RightSizingOutput.rows(RightSizing.report([Self.usage("=HYPERLINK(1)", namespace: "-shop", cpu: 3_000_000_000,
                                                                         cpuRequest: 1_000_000_000, autoscaled: false)]))
        let row = try #require(rows.first)
        #expect(row.monthlySavings.hasPrefix("-"))
        let csv = RightSizingOutput.csv(rows)
        let cells = csv.components(separatedBy: "\r\n")[1].components(separatedBy: ",")
        #expect(cells[1] == "'-shop" && cells[3] == "'=HYPERLINK(1)", "\(cells)")
        #expect(cells[13] == row.monthlySavings, "\(cells)")
    }
}
