import KubeLedgerCore
import KubeLedgerSimulator
import KubeLedgerStore
import Testing

@Suite struct GroundTruthTests {
    @Test("the same seed gives the same facts; another seed gives others")
    func deterministic() throws {
        let a = try Simulator(SimulatorFixtures.options(.devtest))
        let b = try Simulator(SimulatorFixtures.options(.devtest))
        let c = try Simulator(SimulatorFixtures.options(.devtest, seed: 8))
        let day = a.days[1]
        #expect(a.facts(day: day, rawSince: 0) == b.facts(day: day, rawSince: 0))
        #expect(a.facts(day: day, rawSince: 0) != c.facts(day: day, rawSince: 0))
        #expect(a.model.nodes == b.model.nodes)
        #expect(a.model.pods == b.model.pods)
    }

    @Test("an hour is the mean of its twelve 5-minute samples, absent steps counting 0")
    func hourIsMeanOfSteps() throws {
        let simulator = try Simulator(SimulatorFixtures.options(.devtest))
        let facts = simulator.facts(day: simulator.days[1], rawSince: 0)
        var raw: [ContainerRef: [Int64: Int64]] = [:]
        for series in facts.rawSeries where series.metric == .cpuUsage {
            raw[series.ref, default: [:]].merge(series.samples.map { ($0.step, $0.value) }) { $1 }
        }
        var partial = 0
        for fact in facts.containerHours {
            let samples = Step.steps(of: fact.hour).compactMap { raw[fact.ref]?[$0] }
            #expect(fact.cpuUsageNanocores == (samples.reduce(0, +) + 6) / 12)
            #expect(fact.cpuRequestNanocores > 0)
            if samples.count < 12 {
                partial += 1
                #expect(fact.cpuRequestNanocores < simulator.model.workloads.flatMap(\.containers).map(\.cpuRequestNanocores).max()!)
            }
        }
        #expect(partial > 0, "some container starts or ends inside an hour")
    }

    @Test("a worker added during the span is present before it runs: running < present in its first hour")
    func nodeFractions() throws {
        let options = SimulatorFixtures.options(.production, containers: 60, days: 4)
        let simulator = try Simulator(options)
        let late = try #require(simulator.model.nodes.first { $0.createdAt > options.from.start })
        let day = late.createdAt - late.createdAt % 86_400
        let hours = simulator.facts(day: day, rawSince: nil).nodeHours.filter { $0.node == late.name }
        let first = try #require(hours.first)
        #expect(first.runningMs < first.presentMs)
        #expect(first.presentMs % 300_000 == 0)
        #expect(hours.dropFirst().allSatisfy { $0.presentMs == millisecondsPerHour && $0.runningMs == millisecondsPerHour })
    }

    @Test("over-provisioned workloads use a few percent of their CPU request; under-provisioned ones exceed it")
    func provisioning() throws {
        let simulator = try Simulator(SimulatorFixtures.options(.devtest, containers: 60))
        let facts = simulator.facts(day: simulator.days[1], rawSince: nil)
        let model = simulator.model
        func ratio(_ provisioning: Provisioning) -> Double {
            let names = Set(model.workloads.filter { $0.provisioning == provisioning }.map { "\($0.namespace)/\($0.name)" })
            let hours = facts.containerHours.filter { names.contains("\($0.ref.namespace)/\($0.ref.controllerName)") && $0.ref.container == "app" }
            return Double(hours.reduce(0) { $0 + $1.cpuUsageNanocores }) / Double(hours.reduce(0) { $0 + $1.cpuRequestNanocores })
        }
        #expect(ratio(.over) < 0.12)
        #expect(ratio(.under) > 1.2)
        let balanced = ratio(.balanced)
        #expect(balanced > 0.15 && balanced < 1.0)
    }

    @Test("usage follows a daily cycle: tenant CPU at 14:00 UTC on a weekday is above 02:00")
    func dailyCycle() throws {
        let simulator = try Simulator(SimulatorFixtures.options(.devtest, containers: 60))
        let facts = simulator.facts(day: simulator.days[1], rawSince: nil)
        func total(at hourOfDay: Int64) -> Int64 {
            facts.containerHours.filter { $0.hour.start % 86_400 == hourOfDay * 3600 && $0.ref.namespace != "sandbox" && !["kube-system", "cilium", "monitoring", "rook-ceph"].contains($0.ref.namespace) }
                .reduce(0) { $0 + $1.cpuUsageNanocores }
        }
        #expect(total(at: 14) > total(at: 2))
    }

    @Test("filling a store writes exactly the ground truth, and a second fill changes nothing")
    func fill() throws {
        let simulator = try Simulator(SimulatorFixtures.options(.devtest, days: 2))
        let store = try LedgerStore()
        let report = try simulator.fill(store: store, rawSince: simulator.options.from.start + 86_400)
        let summary = try store.summary()
        #expect(summary.clusters.count == 1)
        #expect(summary.clusters[0].containerHours == report.containerHours)
        #expect(summary.clusters[0].nodeHours == report.nodeHours)
        #expect(summary.rawSamples == report.rawSamples)
        #expect(report.rawSamples > 0)
        let day = simulator.days[1]
        let hours = HourRange(from: Hour(containing: day), to: Hour(containing: day + 86_400))
        let expected = simulator.facts(day: day, rawSince: nil).containerHours
        let stored = try store.containerHours(cluster: simulator.options.clusterName, hours: hours)
        #expect(Set(stored) == Set(expected))
        let raw = try store.rawSeries(cluster: simulator.options.clusterName, metric: .cpuUsage, fromStep: 0, toStep: .max)
        #expect(raw.allSatisfy { $0.samples.allSatisfy { $0.step >= day } })
        try simulator.fill(store: store, rawSince: simulator.options.from.start + 86_400)
        #expect(try store.summary() == summary)
    }
}
