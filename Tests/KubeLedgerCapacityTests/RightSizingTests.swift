import KubeLedgerCore
@testable import KubeLedgerCapacity
import Testing

/// capacity-model.md §1 on hand-computed cases.
@Suite struct RightSizingTests {
    static let core: Int64 = 1_000_000_000

    static func usage(cpu: [Int64], memory: [Int64], cpuRequest: Int64 = core, memoryRequest: Int64 = 2 * ByteSize.gib,
                      replicaSteps: Int = 672 * 12, windowSteps: Int = 336 * 12, autoscaled: Bool = false, name: String = "web") -> WorkloadUsage {
        WorkloadUsage(
            cluster: "c", namespace: "shop", controllerKind: "Deployment", controllerName: name, container: "app", tenant: "acme",
            cpuSteps: cpu, memorySteps: memory, cpuRequest: cpuRequest, memoryRequest: memoryRequest,
            cpuUsageSum: cpu.reduce(0, +), cpuRequestSum: cpuRequest * Int64(cpu.count), memoryUsageSum: memory.reduce(0, +),
            memoryRequestSum: memoryRequest * Int64(memory.count), replicaSteps: replicaSteps, windowSteps: windowSteps,
            cpuPrice: Money("0.03")!, memoryPrice: Money("0.004")!, autoscaled: autoscaled
        )
    }

    @Test("nearest-rank percentile on known series")
    func percentile() {
        let hundred = (1...100).map(Int64.init)
        #expect(RightSizing.nearestRank(hundred, percentile: 95) == 95)
        #expect(RightSizing.nearestRank(hundred.reversed(), percentile: 95) == 95)
        #expect(RightSizing.nearestRank((1...200).map(Int64.init), percentile: 95) == 190)
        #expect(RightSizing.nearestRank((1...101).map(Int64.init), percentile: 95) == 96)  // rank ⌈95.95⌉ = 96
        #expect(RightSizing.nearestRank([7], percentile: 95) == 7)
        #expect(RightSizing.nearestRank([], percentile: 95) == 0)
    }

    @Test("CPU = p95 rounded up to the millicore, memory = max × 1.15 rounded up to the MiB; savings by hand")
    func recommendation() {
        // 100 steps: 0.4 cores except five at 0.9 (p95 is the 95th value: 0.4 ... no, the five highest are ranks 96-100).
        let cpu = Array(repeating: Int64(400_000_001), count: 95) + Array(repeating: Int64(900_000_000), count: 5)
        let memory = Array(repeating: Int64(800) * ByteSize.mib, count: 99) + [Int64(890) * ByteSize.mib + 1]
        let row = RightSizing.recommend(Self.usage(cpu: cpu, memory: memory))
        #expect(!row.insufficientData && row.points == 100)
        #expect(row.recommendedCPU == 401_000_000)  // 400.000001m rounds up to 401m
        // 890 MiB + 1 byte × 1.15 = 1023.5 MiB + 1.15 bytes: rounded up to 1024 MiB.
        #expect(row.recommendedMemory == 1024 * ByteSize.mib)
        // (1000m − 401m) × 0.03 × 2 replicas × 730 h = 26.2362; (2048 − 1024) MiB = 1 GiB × 0.004 × 2 × 730 = 5.84.
        #expect(row.monthlySavings == Money("32.0762")!)
        #expect(row.averageReplicas == 2)
        #expect(!row.underProvisioned)
    }

    @Test("floors of 10m and 100 MiB; an under-provisioned workload has negative savings and is flagged")
    func floorsAndRisk() {
        let idle = RightSizing.recommend(Self.usage(cpu: Array(repeating: 1, count: 120), memory: Array(repeating: ByteSize.mib, count: 120)))
        #expect(idle.recommendedCPU == 10_000_000 && idle.recommendedMemory == 100 * ByteSize.mib)
        let hungry = RightSizing.recommend(Self.usage(cpu: Array(repeating: 3 * Self.core, count: 120),
                                                      memory: Array(repeating: 4 * ByteSize.gib, count: 120)))
        #expect(hungry.recommendedCPU == 3 * Self.core)
        #expect(hungry.underProvisioned && hungry.monthlySavings < .zero)
    }

    @Test("raised only by the memory floor or headroom while saving overall: not flagged; using more than it asks on one resource: flagged")
    func riskOnlyFromUsage() {
        // A sidecar asking 500m and 64Mi, using 20m and 40 MiB: the floor makes memory 100Mi, CPU saves far more.
        let sidecar = RightSizing.recommend(Self.usage(cpu: Array(repeating: 20_000_000, count: 120), memory: Array(repeating: 40 * ByteSize.mib, count: 120),
                                                       cpuRequest: 500_000_000, memoryRequest: 64 * ByteSize.mib))
        #expect(sidecar.recommendedMemory == 100 * ByteSize.mib && sidecar.monthlySavings > .zero && !sidecar.underProvisioned)
        // Peak 140 MiB under its 150Mi: only the 15 % headroom (161 MiB) is above the request.
        let headroom = RightSizing.recommend(Self.usage(cpu: Array(repeating: 20_000_000, count: 120), memory: Array(repeating: 140 * ByteSize.mib, count: 120),
                                                        cpuRequest: 500_000_000, memoryRequest: 150 * ByteSize.mib))
        #expect(headroom.recommendedMemory == 161 * ByteSize.mib && !headroom.underProvisioned)
        // Peak 200 MiB over its 150Mi: flagged although the CPU saves more than memory costs.
        let over = RightSizing.recommend(Self.usage(cpu: Array(repeating: 20_000_000, count: 120), memory: Array(repeating: 200 * ByteSize.mib, count: 120),
                                                    cpuRequest: 500_000_000, memoryRequest: 150 * ByteSize.mib))
        #expect(over.monthlySavings > .zero && over.underProvisioned)
        // A floor costing more than the rest saves: negative savings, flagged as the spec says.
        let tiny = RightSizing.recommend(Self.usage(cpu: Array(repeating: 9_000_000, count: 120), memory: Array(repeating: 40 * ByteSize.mib, count: 120),
                                                    cpuRequest: 10_000_000, memoryRequest: 64 * ByteSize.mib))
        #expect(tiny.monthlySavings < .zero && tiny.underProvisioned)
    }

    @Test("fewer than 100 points: insufficient data, nothing recommended, nothing saved")
    func insufficientData() {
        let row = RightSizing.recommend(Self.usage(cpu: Array(repeating: 1, count: 99), memory: Array(repeating: 1, count: 99)))
        #expect(row.insufficientData && row.recommendedCPU == nil && row.recommendedMemory == nil && row.monthlySavings == .zero)
        #expect(row.cpuEfficiency != nil)
    }

    @Test("the report ranks by savings, insufficient data after equal savings; efficiency is usage over request")
    func ranking() {
        let report = RightSizing.report([
            Self.usage(cpu: Array(repeating: 1, count: 10), memory: Array(repeating: 1, count: 10), name: "new"),
            Self.usage(cpu: Array(repeating: 3 * Self.core, count: 120), memory: Array(repeating: 4 * ByteSize.gib, count: 120), name: "hungry"),
            Self.usage(cpu: Array(repeating: Self.core / 2, count: 120), memory: Array(repeating: ByteSize.gib, count: 120),
                       autoscaled: true, name: "wasteful"),
        ])
        #expect(report.map(\.workload.controllerName) == ["wasteful", "new", "hungry"])
        #expect(report[0].autoscaled)
        #expect(abs(report[0].cpuEfficiency! - 0.5) < 1e-12 && abs(report[0].memoryEfficiency! - 0.5) < 1e-12)
    }
}
