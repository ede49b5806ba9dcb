import KubeLedgerCore
@testable import KubeLedgerCapacity
import Testing

/// capacity-model.md §2 to §4 on hand-computed cases, one per rule.
@Suite struct CapacityPlannerTests {
    static let core: Int64 = 1_000_000_000
    static let gib = ByteSize.gib
    static let prices = PlanningPrices(
        vcpuHour: Money("0.03")!, ramGiBHour: Money("0.004")!,
        storageGiBMonth: ["flash-standard": Money("0.10")!, "flash-enterprise": Money("0.18")!],
        feeMonth: Money("1500")!, includedWorkers: 3, extraWorkerMonth: Money("100")!
    )

    static func input(_ architecture: Architecture, cpu: Int64 = 0, memory: Int64 = 0, pods: Double = 0,
                      overhead: Resources = Resources(cpuNanocores: 2 * core, memoryBytes: 6 * gib, pods: 2),
                      largest: Resources = Resources(cpuNanocores: core, memoryBytes: gib), storage: Int64 = 0,
                      growth: Double = 1, slope: Double = 0, current: (Int, Flavour)? = nil) -> PlanningInput {
        PlanningInput(architecture: architecture, demand: Resources(cpuNanocores: cpu, memoryBytes: memory, pods: pods), growth: growth,
                      storageGrowth: 1, overhead: overhead, largestPod: largest, storageBytes: storage, trendSlopePerDay: slope,
                      horizonDays: 90, currentWorkers: current?.0 ?? 0, currentFlavour: current?.1, currentDataDiskGiB: 300, today: 0)
    }

    static func rules(_ architecture: Architecture, flavours: [Flavour], target: Double? = nil) -> PlanningRules {
        var rules = PlanningRules.defaults(for: architecture)
        rules.flavours = flavours
        if let target { rules.target = target }
        return rules
    }

    static let small = Flavour(vcpus: 12, memoryGiB: 24)

    /// A production cluster of 6 × 12/24 workers using 900 GiB of raw storage, for the
    /// current cluster's figures.
    static func storedProduction(trend: Double = 0, storageSlope: Double = 0, disk: Int, storageFlavour: Flavour? = nil) -> PlanningInput {
        PlanningInput(architecture: .production, demand: Resources(cpuNanocores: 10 * core, memoryBytes: 10 * gib, pods: 20),
                      growth: 1, storageGrowth: 1, overhead: Resources(cpuNanocores: 2 * core, memoryBytes: 6 * gib, pods: 2),
                      largestPod: Resources(cpuNanocores: core, memoryBytes: gib), storageBytes: 900 * gib, trendSlopePerDay: trend,
                      horizonDays: 90, currentWorkers: 6, currentFlavour: small, currentDataDiskGiB: disk, today: 0,
                      storageSlopePerDay: storageSlope, currentStorageFlavour: storageFlavour)
    }

    @Test("devtest, CPU binds: 40 vCPU at 80 % of 12 vCPU less 2 of overhead needs ⌈40 / 7.6⌉ = 6 workers")
    func cpuBinds() throws {
        let result = CapacityPlanner.plan(Self.input(.devtest, cpu: 40 * Self.core), rules: Self.rules(.devtest, flavours: [Self.small]), prices: Self.prices)
        let plan = try #require(result.cheapest)
        #expect(plan.workers == 6 && plan.binding == .cpu)
        #expect(plan.bindingText.hasPrefix("CPU binds: 6 workers of 12/24"))
        // 6 × (12 × 0.03 + 24 × 0.004) × 730 + cp (8 × 0.03 + 12 × 0.004) × 730 + 7 OS disks × 64 × 0.10
        // + 6 × 300 GiB × 0.18 + 1500 + 3 × 100 = 1997.28 + 210.24 + 44.8 + 324 + 1800.
        #expect(plan.monthlyCost == Money("4376.32")!)
    }

    @Test("a small demand: the minimum count binds, 3 workers in devtest and 3 (one per zone) in production")
    func minimumBinds() throws {
        for architecture in Architecture.allCases {
            let plan = try #require(CapacityPlanner.plan(Self.input(architecture, cpu: Self.core), rules: Self.rules(architecture, flavours: [Self.small]),
                                                         prices: Self.prices).cheapest)
            #expect(plan.workers == 3 && plan.binding == .minimum, "\(architecture)")
        }
    }

    @Test("memory binds: 100 GiB at 80 % of 32 GiB less 6 needs ⌈100 / 19.6⌉ = 6 workers")
    func memoryBinds() throws {
        let plan = try #require(CapacityPlanner.plan(Self.input(.devtest, cpu: Self.core, memory: 100 * Self.gib),
                                                     rules: Self.rules(.devtest, flavours: [Flavour(vcpus: 16, memoryGiB: 32)]), prices: Self.prices).cheapest)
        #expect(plan.workers == 6 && plan.binding == .memory)
    }

    @Test("pods bind: 600 pods at 110 per node less 2 of overhead need ⌈600 / 108⌉ = 6 workers")
    func podsBind() throws {
        let plan = try #require(CapacityPlanner.plan(Self.input(.devtest, cpu: Self.core, pods: 600),
                                                     rules: Self.rules(.devtest, flavours: [Self.small]), prices: Self.prices).cheapest)
        #expect(plan.workers == 6 && plan.binding == .pods)
    }

    @Test("production: zone failure binds on pods (1000 pods: 1.5 × 1000 / 108 → 15 workers, 5 per zone)")
    func zoneFailureOnPods() throws {
        let plan = try #require(CapacityPlanner.plan(Self.input(.production, cpu: Self.core, pods: 1000),
                                                     rules: Self.rules(.production, flavours: [Self.small]), prices: Self.prices).cheapest)
        #expect(plan.workers == 15 && plan.binding == .zoneFailure && plan.workersPerZone == [5, 5, 5])
        #expect(plan.storageNodes == 3 && plan.dataDiskGiB == 500)
    }

    @Test("production with a target above 2/3: zone failure binds on CPU (1.5 × 100 / 10 = 15 > 100 / 8.8)")
    func zoneFailureAboveTwoThirds() throws {
        let overhead = Resources(cpuNanocores: 2 * Self.core, memoryBytes: 2 * Self.gib, pods: 2)
        let high = try #require(CapacityPlanner.plan(Self.input(.production, cpu: 100 * Self.core, overhead: overhead),
                                                     rules: Self.rules(.production, flavours: [Self.small], target: 0.9), prices: Self.prices).cheapest)
        #expect(high.binding == .zoneFailure && high.workers == 15)
        // At the default 0.65 the target binds first: 100 / (0.65 × 12 − 2) = 17.2 → 18.
        let normal = try #require(CapacityPlanner.plan(Self.input(.production, cpu: 100 * Self.core, overhead: overhead),
                                                       rules: Self.rules(.production, flavours: [Self.small]), prices: Self.prices).cheapest)
        #expect(normal.binding == .cpu && normal.workers == 18)
    }

    @Test("the largest pod that fits no flavour: an impossible plan that says why")
    func largestPod() {
        let result = CapacityPlanner.plan(Self.input(.devtest, cpu: Self.core, largest: Resources(cpuNanocores: 70 * Self.core, memoryBytes: Self.gib)),
                                          rules: PlanningRules.defaults(for: .devtest), prices: Self.prices)
        #expect(result.cheapest == nil)
        #expect(result.impossible?.contains("64/256: the largest pod's CPU request (70.00 vCPU) does not fit") == true)
        // A smaller largest pod rules out only the small flavours.
        let some = CapacityPlanner.plan(Self.input(.devtest, cpu: Self.core, largest: Resources(cpuNanocores: 20 * Self.core, memoryBytes: Self.gib)),
                                        rules: PlanningRules.defaults(for: .devtest), prices: Self.prices)
        #expect(some.cheapest.map { $0.flavour.vcpus >= 24 } == true)
    }

    @Test("the largest pod binds when it rules out a cheaper flavour, and the plan says so instead of CPU")
    func largestPodBinds() throws {
        // 1 vCPU: the minimum of 3 workers binds, and 3 × 12/24 is cheaper than 3 × 16/32; a 12 vCPU
        // pod does not fit 12 − 2 of overhead, so 16/32 it is, and the largest pod is why.
        let flavours = [Self.small, Flavour(vcpus: 16, memoryGiB: 32)]
        let large = Resources(cpuNanocores: 12 * Self.core, memoryBytes: Self.gib)
        let result = CapacityPlanner.plan(Self.input(.devtest, cpu: Self.core, largest: large), rules: Self.rules(.devtest, flavours: flavours),
                                          prices: Self.prices)
        let plan = try #require(result.cheapest)
        #expect(plan.flavour == Flavour(vcpus: 16, memoryGiB: 32) && plan.binding == .largestPod && plan.workers == 3)
        #expect(plan.bindingText.hasPrefix("the largest pod binds: 3 workers of 16/32"), "\(plan.bindingText)")
        #expect(plan.bindingText.contains("12.00 vCPU") && plan.bindingText.contains("the cheaper 12/24"), "\(plan.bindingText)")
        // Without the large pod the same demand picks the cheaper 12/24, the minimum binding.
        let small = try #require(CapacityPlanner.plan(Self.input(.devtest, cpu: Self.core), rules: Self.rules(.devtest, flavours: flavours),
                                                      prices: Self.prices).cheapest)
        #expect(small.flavour == Self.small && small.binding == .minimum)
        // A large pod ruling out only dearer flavours binds nothing: 40 vCPU costs less on 16/32 than on 12/24.
        let dear = try #require(CapacityPlanner.plan(Self.input(.devtest, cpu: 40 * Self.core, largest: large), rules: Self.rules(.devtest, flavours: flavours),
                                                     prices: Self.prices).cheapest)
        #expect(dear.flavour == Flavour(vcpus: 16, memoryGiB: 32))
        #expect(dear.binding == .cpu)
    }

    @Test("a plan lists its nodes per role and zone with flavour and disks, and its headroom at the horizon")
    func nodesAndHeadroom() throws {
        // devtest, 40 vCPU on 6 × 12/24 (cpuBinds): 1 control plane, 6 workers with a 300 GiB OSD disk, all in zone 1.
        let devtest = try #require(CapacityPlanner.plan(Self.input(.devtest, cpu: 40 * Self.core), rules: Self.rules(.devtest, flavours: [Self.small]),
                                                        prices: Self.prices).cheapest)
        let control = Flavour(vcpus: 8, memoryGiB: 12)
        #expect(devtest.nodes == [
            PlannedNodes(role: .controlPlane, zone: 1, count: 1, flavour: control, osDiskGiB: 64, osDiskClass: "flash-standard", dataDiskGiB: nil, dataDiskClass: nil),
            PlannedNodes(role: .worker, zone: 1, count: 6, flavour: Self.small, osDiskGiB: 64, osDiskClass: "flash-standard", dataDiskGiB: 300,
                         dataDiskClass: "flash-enterprise"),
        ])
        // Headroom: 0.8 × 72 − (40 + 6 × 2) = 5.6 vCPU; 0.8 × 144 − 6 × 6 = 79.2 GiB; 660 − 12 pods; 0.75 × 6 × 300 GiB raw.
        #expect(abs(Double(devtest.headroom.cpuNanocores) - 5.6e9) < 1)
        #expect(abs(Double(devtest.headroom.memoryBytes) - 79.2 * Double(Self.gib)) < 1)
        #expect(devtest.headroom.pods == 648)
        #expect(devtest.headroom.rawStorageBytes == 1350 * Self.gib)
        // production, the minimum of 3 workers: per zone one control plane, one worker, one storage node with its data disk.
        let production = try #require(CapacityPlanner.plan(Self.input(.production, cpu: Self.core), rules: Self.rules(.production, flavours: [Self.small]),
                                                           prices: Self.prices).cheapest)
        let storage = try #require(production.storageNodeFlavour)
        #expect(production.nodes == (1...3).flatMap { zone in [
            PlannedNodes(role: .controlPlane, zone: zone, count: 1, flavour: control, osDiskGiB: 64, osDiskClass: "flash-standard", dataDiskGiB: nil, dataDiskClass: nil),
            PlannedNodes(role: .worker, zone: zone, count: 1, flavour: Self.small, osDiskGiB: 64, osDiskClass: "flash-standard", dataDiskGiB: nil, dataDiskClass: nil),
            PlannedNodes(role: .storage, zone: zone, count: 1, flavour: storage, osDiskGiB: 64, osDiskClass: "flash-standard", dataDiskGiB: 500,
                         dataDiskClass: "flash-enterprise"),
        ] })
        // The nodes listed are those priced: 3 + 3 + 3 OS disks.
        #expect(production.nodes.reduce(0) { $0 + $1.count } == 9)
    }

    @Test("a demand over 100 production workers is refused with the maximum")
    func tooMany() {
        let result = CapacityPlanner.plan(Self.input(.production, cpu: 10_000 * Self.core), rules: PlanningRules.defaults(for: .production), prices: Self.prices)
        #expect(result.cheapest == nil)
        #expect(result.impossible?.contains("more than the maximum of 99") == true)
    }

    @Test("growth: a rising trend projects, a shrinking one never plans below today")
    func growth() {
        let rising = Growth.fit(dailyPeaks: (0..<14).map { 100 + Double($0) }, horizonDays: 90)
        #expect(abs(rising.factor - (113 + 90) / 113) < 1e-9)
        #expect(abs(rising.slopePerDay - 1.0 / 113) < 1e-12)
        let shrinking = Growth.fit(dailyPeaks: (0..<14).map { 200 - Double($0) }, horizonDays: 90)
        #expect(shrinking.factor == 1 && shrinking.slopePerDay < 0)
        #expect(Growth.fit(dailyPeaks: [5], horizonDays: 90).factor == 1)
        let grown = CapacityPlanner.plan(Self.input(.devtest, cpu: 40 * Self.core, growth: 2), rules: Self.rules(.devtest, flavours: [Self.small]), prices: Self.prices)
        #expect(grown.cheapest?.workers == 11)  // 80 / 7.6 = 10.5
    }

    @Test("the cheapest plan, two alternatives that say why, ties to fewer nodes; Ceph fill sizes the disks")
    func alternativesAndCeph() throws {
        let result = CapacityPlanner.plan(Self.input(.devtest, cpu: 40 * Self.core, memory: 40 * Self.gib, storage: 2048 * Self.gib),
                                          rules: PlanningRules.defaults(for: .devtest), prices: Self.prices)
        let best = try #require(result.cheapest)
        #expect(result.alternatives.count == 2)
        #expect(result.alternatives.allSatisfy { $0.monthlyCost >= best.monthlyCost && $0.rankedLower != nil })
        // 2 TiB raw over n disks at 75 %: 2048 / (0.75 n) GiB rounded up to 100, at least 300.
        let expected = max(300, (Int((2048 / (0.75 * Double(best.workers))).rounded(.up)) + 99) / 100 * 100)
        #expect(best.dataDiskGiB == expected)
        #expect(best.cephUtilisation <= 0.75)
    }

    @Test("the current cluster: utilisation today and the runway on the trend")
    func runway() throws {
        // 6 × 12 vCPU at 80 % less 6 × 2 of overhead holds 45.6 vCPU: 1.52 × today's 30; at +1 %/day, 52 days.
        let result = CapacityPlanner.plan(Self.input(.devtest, cpu: 30 * Self.core, slope: 0.01, current: (6, Self.small)),
                                          rules: Self.rules(.devtest, flavours: [Self.small]), prices: Self.prices)
        let current = try #require(result.current)
        #expect(current.runwayBinding == .cpu && current.runwayText == "CPU passes the 80 % target")
        let days = try #require(current.runway).quotientAndRemainder(dividingBy: 86_400)
        #expect(days.quotient == 52 && days.remainder == 0, "\(days)")
        #expect(abs(current.cpuUtilisation - 42.0 / 72) < 1e-9)
        let flat = CapacityPlanner.plan(Self.input(.devtest, cpu: 30 * Self.core, slope: -0.01, current: (6, Self.small)),
                                        rules: Self.rules(.devtest, flavours: [Self.small]), prices: Self.prices)
        #expect(flat.current?.runway == nil)
    }

    @Test("the current cluster's Ceph fill: raw use today against its data disks, and a runway on the storage trend when it comes first")
    func cephRunway() throws {
        // Production: 3 storage nodes × 500 GiB = 1500 GiB raw; 900 GiB used is 60 %; at most
        // 75 % allows 1.25 × today, reached at +1 %/day in 25 days. CPU (10 of 34.8 usable
        // vCPU, the same +1 %/day) would last 248 days.
        func input(storageSlope: Double) -> PlanningInput { Self.storedProduction(trend: 0.01, storageSlope: storageSlope, disk: 500) }
        let rules = Self.rules(.production, flavours: [Self.small])
        let current = try #require(CapacityPlanner.plan(input(storageSlope: 0.01), rules: rules, prices: Self.prices).current)
        #expect(abs((current.cephUtilisation ?? 0) - 0.6) < 1e-9)
        #expect(current.runwayBinding == .cephFill && current.runwayText == "Ceph raw use passes 75 % of the data disks")
        #expect(abs(Double(try #require(current.runway)) / 86_400 - 25) < 1e-3)
        // Storage not growing: the runway is CPU's again.
        let flat = try #require(CapacityPlanner.plan(input(storageSlope: 0), rules: rules, prices: Self.prices).current)
        #expect(flat.runwayBinding == .cpu)
        #expect(abs(Double(try #require(flat.runway)) / 86_400 - 248) < 1e-3)
    }

    @Test("a resource needing as many whole workers as the minimum binds: 16 vCPU ÷ (9.6 − 2) = 2.1 workers is 3, the minimum's 3")
    func resourceBeforeMinimum() throws {
        let plan = try #require(CapacityPlanner.plan(Self.input(.devtest, cpu: 16 * Self.core), rules: Self.rules(.devtest, flavours: [Self.small]),
                                                     prices: Self.prices).cheapest)
        #expect(plan.workers == 3 && plan.binding == .cpu)
        // Why not 2: (16 + 2 × 2) ÷ 24 = 83 %, over the 80 % target.
        #expect(plan.bindingText == "CPU binds: 3 workers of 12/24 (CPU at 61 % of allocatable, target 80 %; 2 workers: 83 %)", "\(plan.bindingText)")
    }

    @Test("production: of resources needing as many workers, the nearest its limit binds (memory 4.8 workers, CPU 4.1, both 5, so 6)")
    func nearestLimitAmongTies() throws {
        // 12/24 at 65 %: CPU 7.8 − 2 = 5.8 vCPU a worker, memory 15.6 − 6 = 9.6 GiB.
        let input = Self.input(.production, cpu: 23_780_000_000, memory: 46 * Self.gib)
        let plan = try #require(CapacityPlanner.plan(input, rules: Self.rules(.production, flavours: [Self.small]), prices: Self.prices).cheapest)
        #expect(plan.workers == 6 && plan.binding == .memory, "\(plan.bindingText)")
        #expect(plan.bindingText.hasSuffix("; 3 workers: 89 %)"), "\(plan.bindingText)")
    }

    @Test("the current cluster's storage nodes are priced at the flavour they run, not the one the rule gives their disks")
    func currentStorageFlavour() throws {
        func input(_ storage: Flavour?) -> PlanningInput { Self.storedProduction(disk: 2300, storageFlavour: storage) }
        let rules = Self.rules(.production, flavours: [Self.small])
        let asRun = try #require(CapacityPlanner.plan(input(Self.small), rules: rules, prices: Self.prices).current)
        let asRule = try #require(CapacityPlanner.plan(input(nil), rules: rules, prices: Self.prices).current)
        // 2300 GiB: 3 started TiB, so the rule's 14/32; running 12/24 costs 3 × (2 × 0.03 + 8 × 0.004) × 730 = 201.48 less.
        #expect(asRule.monthlyCost - asRun.monthlyCost == Money("201.48")!)
    }

    @Test("one flavour configured: the alternatives are more workers of it, one and two batches more")
    func alternativesOfOneFlavour() throws {
        for architecture in Architecture.allCases {
            let result = CapacityPlanner.plan(Self.input(architecture, cpu: Self.core), rules: Self.rules(architecture, flavours: [Self.small]), prices: Self.prices)
            let best = try #require(result.cheapest)
            let batch = architecture == .production ? 3 : 1
            #expect(result.alternatives.map(\.workers) == [best.workers + batch, best.workers + 2 * batch], "\(architecture)")
            #expect(result.alternatives.allSatisfy { $0.flavour == Self.small && $0.monthlyCost > best.monthlyCost && $0.rankedLower?.hasPrefix("costs ") == true })
            #expect(result.alternatives[0].bindingText == "\(batch == 1 ? "1 more worker" : "3 more workers") than the minimum worker count needs: \(best.workers + batch) workers of 12/24, for headroom",
                    "\(result.alternatives[0].bindingText)")
        }
    }
}
