import Foundation
import KubeLedgerCore

/// Sizes the workers and storage of a cluster for its demand at the horizon
/// (capacity-model.md §2 to §4). Pure: demand, rules and prices in, plans out.
public enum CapacityPlanner {
    /// The cheapest plan, two alternatives, the current cluster and, when nothing fits, why.
    public static func plan(_ input: PlanningInput, rules: PlanningRules, prices: PlanningPrices) -> PlanResult {
        var feasible: [CapacityPlan] = []
        var refusals: [String] = []
        // What the flavours the largest pod rules out would cost if it fitted them.
        var ruledOut: [CapacityPlan] = []
        for flavour in rules.flavours {
            switch candidate(input, flavour: flavour, rules: rules, prices: prices) {
            case let .success(plan): feasible.append(plan)
            case let .failure(reason):
                refusals.append("\(flavour): \(reason.text)")
                if reason.largestPod, case let .success(plan) = candidate(input, flavour: flavour, rules: rules, prices: prices, largestPod: false) {
                    ruledOut.append(plan)
                }
            }
        }
        // A plan that cheaper flavours would beat but for the largest pod is bound by it.
        for index in feasible.indices {
            let cheaper = ruledOut.filter { $0.monthlyCost < feasible[index].monthlyCost }
            guard !cheaper.isEmpty else { continue }
            feasible[index].binding = .largestPod
            feasible[index].bindingText = "the largest pod binds: \(feasible[index].workers) workers of \(feasible[index].flavour) "
                + "(its request of \(cores(input.largestPod.cpuNanocores)) and \(gib(input.largestPod.memoryBytes)) does not fit beside the "
                + "per-node overhead of the cheaper \(cheaper.map(\.flavour.description).joined(separator: ", ")))"
        }
        feasible.sort { ($0.monthlyCost, $0.workers, $0.flavour.vcpus) < ($1.monthlyCost, $1.workers, $1.flavour.vcpus) }
        // Fewer than three flavours fit (one flavour configured, or the demand rules the
        // others out): the next alternatives are the cheapest flavour with more workers.
        if let best = feasible.first, feasible.count < 3 {
            for extra in 1...(3 - feasible.count) {
                if case let .success(plan) = candidate(input, flavour: best.flavour, rules: rules, prices: prices, extraBatches: extra) {
                    feasible.append(plan)
                }
            }
            feasible.sort { ($0.monthlyCost, $0.workers, $0.flavour.vcpus) < ($1.monthlyCost, $1.workers, $1.flavour.vcpus) }
        }
        var alternatives = Array(feasible.dropFirst().prefix(2))
        if let best = feasible.first {
            for index in alternatives.indices {
                let more = alternatives[index].monthlyCost - best.monthlyCost
                alternatives[index].rankedLower = more == .zero
                    ? "same monthly cost with \(alternatives[index].workers) workers instead of \(best.workers)"
                    : "costs \(more.formatted(decimals: 2)) more a month"
            }
        }
        return PlanResult(
            cheapest: feasible.first, alternatives: alternatives,
            impossible: feasible.isEmpty ? "no worker flavour meets the demand: " + refusals.joined(separator: "; ") : nil,
            current: current(input, rules: rules, prices: prices)
        )
    }

    struct Refusal: Error {
        let text: String
        /// Refused because the largest pod does not fit a worker of the flavour.
        var largestPod = false
    }

    /// The plan for one flavour, or why there is none. `largestPod: false` skips the largest
    /// pod's check, to price what a flavour it rules out would have cost.
    /// `extraBatches` adds that many batches of workers beyond the need, for an alternative
    /// with more headroom.
    static func candidate(
        _ input: PlanningInput, flavour: Flavour, rules: PlanningRules, prices: PlanningPrices, largestPod: Bool = true, extraBatches: Int = 0
    ) -> Result<CapacityPlan, Refusal> {
        let capacity = Resources(cpuNanocores: Int64(flavour.vcpus) * 1_000_000_000, memoryBytes: Int64(flavour.memoryGiB) * ByteSize.gib,
                                 pods: Double(rules.podsPerNode))
        let overhead = input.overhead
        // The largest pod must fit one worker beside the overhead.
        if largestPod, input.largestPod.cpuNanocores > capacity.cpuNanocores - overhead.cpuNanocores {
            return .failure(Refusal(text: "the largest pod's CPU request (\(cores(input.largestPod.cpuNanocores))) does not fit beside the per-node overhead",
                                    largestPod: true))
        }
        if largestPod, input.largestPod.memoryBytes > capacity.memoryBytes - overhead.memoryBytes {
            return .failure(Refusal(text: "the largest pod's memory request (\(gib(input.largestPod.memoryBytes))) does not fit beside the per-node overhead",
                                    largestPod: true))
        }
        let demand = Resources(
            cpuNanocores: Int64((Double(input.demand.cpuNanocores) * input.growth).rounded(.up)),
            memoryBytes: Int64((Double(input.demand.memoryBytes) * input.growth).rounded(.up)), pods: input.demand.pods * input.growth
        )
        // Workers each constraint needs; the largest binds.
        func needed(_ demand: Double, _ perNode: Double, _ over: Double, share: Double) -> Double {
            let free = perNode * share - over
            return demand <= 0 ? 0 : (free > 0 ? demand / free : .infinity)
        }
        var needs: [(Constraint, Double)] = [
            (.cpu, needed(Double(demand.cpuNanocores), Double(capacity.cpuNanocores), Double(overhead.cpuNanocores), share: rules.target)),
            (.memory, needed(Double(demand.memoryBytes), Double(capacity.memoryBytes), Double(overhead.memoryBytes), share: rules.target)),
            (.pods, needed(demand.pods, capacity.pods, overhead.pods, share: 1)),
            (.minimum, Double(rules.minimumWorkers)),
        ]
        if rules.zones > 1 {
            // With one zone lost, the others hold everything at 100 %.
            let surviving = Double(rules.zones) / Double(rules.zones - 1)
            let zone = [
                needed(Double(demand.cpuNanocores), Double(capacity.cpuNanocores), Double(overhead.cpuNanocores), share: 1),
                needed(Double(demand.memoryBytes), Double(capacity.memoryBytes), Double(overhead.memoryBytes), share: 1),
                needed(demand.pods, capacity.pods, overhead.pods, share: 1),
            ].max()! * surviving
            needs.append((.zoneFailure, zone))
        }
        // Each constraint's need in whole workers; the largest binds. Of those needing as
        // many, a resource before the minimum count (CPU needing 2.2 workers against a
        // minimum of 3 binds: 2 workers would not hold the CPU), then the one nearest its
        // limit (the largest need before rounding), then `Constraint` order. The count is
        // then rounded up to whole batches (3 in production).
        let ranked = needs.map { need in
            (constraint: need.0, whole: (need.1 - 1e-9).rounded(.up), resource: need.0 != .minimum, exact: need.1)
        }
        let top = ranked.max { a, b in
            (a.whole, a.resource ? 1 : 0, a.exact, -a.constraint.rawValue) < (b.whole, b.resource ? 1 : 0, b.exact, -b.constraint.rawValue)
        }!
        let batch = Double(rules.batch)
        let (binding, count) = (top.constraint, (top.whole / batch).rounded(.up) * batch)
        guard count.isFinite else {
            return .failure(Refusal(text: "the per-node overhead leaves no room for \(binding.words) under the target"))
        }
        guard count <= Double(rules.maximumWorkers) else {
            return .failure(Refusal(text: "needs \(Int(count)) workers for \(binding.words), more than the maximum of \(rules.maximumWorkers)"))
        }
        let needed = max(rules.minimumWorkers, Int(count))
        let workers = needed + extraBatches * rules.batch
        guard workers <= rules.maximumWorkers else {
            return .failure(Refusal(text: "\(workers) workers are more than the maximum of \(rules.maximumWorkers)"))
        }
        // Storage at the horizon.
        let raw = Double(input.storageBytes) * input.storageGrowth
        let disks = rules.zones > 1 ? 3 : workers
        let fitted = Int((raw / (rules.cephFill * Double(disks) * Double(ByteSize.gib))).rounded(.up))
        let disk = max(rules.minimumDataDiskGiB, (fitted + rules.diskStepGiB - 1) / rules.diskStepGiB * rules.diskStepGiB)
        let storageNode = rules.zones > 1 ? storageFlavour(diskGiB: disk) : nil
        let workersPerZone = Array(repeating: workers / rules.zones, count: rules.zones)
        let allocatable = Resources(cpuNanocores: Int64(workers) * capacity.cpuNanocores, memoryBytes: Int64(workers) * capacity.memoryBytes,
                                    pods: Double(workers) * capacity.pods)
        let required = Resources(cpuNanocores: demand.cpuNanocores + Int64(workers) * overhead.cpuNanocores,
                                 memoryBytes: demand.memoryBytes + Int64(workers) * overhead.memoryBytes, pods: demand.pods + Double(workers) * overhead.pods)
        /// Required over allocatable with `n` workers, per resource.
        func utilisation(_ n: Int) -> (cpu: Double, memory: Double, pods: Double) {
            (ratio(demand.cpuNanocores + Int64(n) * overhead.cpuNanocores, Int64(n) * capacity.cpuNanocores),
             ratio(demand.memoryBytes + Int64(n) * overhead.memoryBytes, Int64(n) * capacity.memoryBytes),
             (demand.pods + Double(n) * overhead.pods) / (Double(n) * capacity.pods))
        }
        /// What one batch fewer workers would come to on a resource that binds: why not fewer.
        func fewer(_ constraint: Constraint) -> String {
            let smaller = workers - rules.batch
            guard smaller > 0 else { return "" }
            let share = utilisation(smaller)
            switch constraint {
            case .cpu: return "; \(smaller) workers: \(percent(share.cpu))"
            case .memory: return "; \(smaller) workers: \(percent(share.memory))"
            case .pods: return "; \(smaller) workers: \(percent(share.pods))"
            default: return ""
            }
        }
        let share = utilisation(workers)
        var plan = CapacityPlan(
            flavour: flavour, workers: workers, workersPerZone: workersPerZone,
            dataDiskGiB: disk, storageNodes: storageNode == nil ? 0 : 3, storageNodeFlavour: storageNode,
            nodes: nodes(workersPerZone: workersPerZone, flavour: flavour, disk: disk, storageNode: storageNode, rules: rules),
            headroom: Headroom(
                cpuNanocores: Int64((rules.target * Double(allocatable.cpuNanocores)).rounded(.down)) - required.cpuNanocores,
                memoryBytes: Int64((rules.target * Double(allocatable.memoryBytes)).rounded(.down)) - required.memoryBytes,
                pods: allocatable.pods - required.pods,
                rawStorageBytes: Int64((rules.cephFill * Double(disks) * Double(disk) * Double(ByteSize.gib) - raw).rounded(.down))
            ),
            monthlyCost: monthlyCost(workers: workers, flavour: flavour, disk: disk, storageNode: storageNode, rules: rules, prices: prices),
            cpuUtilisation: share.cpu, memoryUtilisation: share.memory, podUtilisation: share.pods,
            cephUtilisation: raw / (Double(disks) * Double(disk) * Double(ByteSize.gib)),
            binding: binding, bindingText: ""
        )
        plan.bindingText = extraBatches > 0
            ? "\(workers - needed) more worker\(workers - needed == 1 ? "" : "s") than \(binding.words) needs: \(workers) workers of \(flavour), for headroom"
            : disk > rules.minimumDataDiskGiB && binding == .minimum
            ? "Ceph fill: \(disk) GiB data disks keep raw use at \(percent(plan.cephUtilisation)) (≤ \(percent(rules.cephFill)))"
            : "\(binding.words) binds: \(workers) workers of \(flavour) (\(binding.detail(plan, rules: rules))\(fewer(binding)))"
        return .success(plan)
    }

    /// The nodes of a plan per role and zone (capacity-model.md §4): the control plane (one
    /// per zone in production), the workers, and the storage nodes (one per zone); every node
    /// with its OS disk, devtest workers and storage nodes with their data disk.
    static func nodes(workersPerZone: [Int], flavour: Flavour, disk: Int, storageNode: Flavour?, rules: PlanningRules) -> [PlannedNodes] {
        let zones = max(1, rules.zones)
        /// `count` spread over the zones, the first zones taking the remainder.
        func spread(_ count: Int, _ zone: Int) -> Int { count / zones + (zone < count % zones ? 1 : 0) }
        var groups: [PlannedNodes] = []
        for zone in 0..<zones {
            func group(_ role: PlannedNodes.Role, _ count: Int, _ flavour: Flavour, dataDisk: Int?) {
                guard count > 0 else { return }
                groups.append(PlannedNodes(role: role, zone: zone + 1, count: count, flavour: flavour, osDiskGiB: rules.osDiskGiB,
                                           osDiskClass: rules.osDiskClass, dataDiskGiB: dataDisk, dataDiskClass: dataDisk == nil ? nil : rules.dataDiskClass))
            }
            group(.controlPlane, spread(rules.controlPlane.count, zone), rules.controlPlane.flavour, dataDisk: nil)
            group(.worker, zone < workersPerZone.count ? workersPerZone[zone] : 0, flavour, dataDisk: storageNode == nil ? disk : nil)
            if let storageNode { group(.storage, spread(3, zone), storageNode, dataDisk: disk) }
        }
        return groups
    }

    /// Storage nodes: at least 12 vCPU / 24 GiB, plus 1 vCPU and 4 GiB per started TiB of data disk beyond the first.
    static func storageFlavour(diskGiB: Int) -> Flavour {
        let extraTiB = max(0, (diskGiB + 1023) / 1024 - 1)
        return Flavour(vcpus: 12 + extraTiB, memoryGiB: 24 + 4 * extraTiB)
    }

    static func monthlyCost(workers: Int, flavour: Flavour, disk: Int, storageNode: Flavour?, rules: PlanningRules, prices: PlanningPrices) -> Money {
        func compute(_ flavour: Flavour, _ count: Int) -> Money {
            let hourly = Money(units: prices.vcpuHour.units * Int128(flavour.vcpus) + prices.ramGiBHour.units * Int128(flavour.memoryGiB))
            return Money(units: hourly.units * Int128(count) * Int128(rules.hoursPerMonth))
        }
        // A disk class without a price never gets here: `CapacityReports.plan`, the one caller
        // with a catalog, refuses it first with an error naming the class.
        func storage(_ gib: Int, _ storageClass: String) -> Money {
            Money(units: (prices.storageGiBMonth[storageClass] ?? .zero).units * Int128(gib))
        }
        let storageNodes = storageNode == nil ? 0 : 3
        let nodes = workers + rules.controlPlane.count + storageNodes
        var total = compute(flavour, workers) + compute(rules.controlPlane.flavour, rules.controlPlane.count)
        if let storageNode { total += compute(storageNode, storageNodes) }
        total += storage(rules.osDiskGiB * nodes, rules.osDiskClass)
        total += storage(disk * (storageNode == nil ? workers : storageNodes), rules.dataDiskClass)
        total += prices.feeMonth + Money(units: prices.extraWorkerMonth.units * Int128(max(0, workers - prices.includedWorkers)))
        return total
    }

    /// The current cluster: its monthly cost, utilisation today, and the day demand on its
    /// fitted trend first crosses a constraint (the runway).
    static func current(_ input: PlanningInput, rules: PlanningRules, prices: PlanningPrices) -> CurrentCluster? {
        guard let flavour = input.currentFlavour, input.currentWorkers > 0 else { return nil }
        let count = Double(input.currentWorkers)
        let capacity = (cpu: Double(flavour.vcpus) * 1e9, memory: Double(flavour.memoryGiB) * Double(ByteSize.gib), pods: Double(rules.podsPerNode))
        let demand = input.demand
        let overhead = input.overhead
        // The largest multiple of today's demand each constraint allows.
        var limits: [(Constraint, Double)] = [
            (.cpu, (rules.target * count * capacity.cpu - count * Double(overhead.cpuNanocores)) / Double(max(1, demand.cpuNanocores))),
            (.memory, (rules.target * count * capacity.memory - count * Double(overhead.memoryBytes)) / Double(max(1, demand.memoryBytes))),
            (.pods, (count * capacity.pods - count * overhead.pods) / max(1, demand.pods)),
        ]
        if rules.zones > 1 {
            let surviving = count * Double(rules.zones - 1) / Double(rules.zones)
            limits.append((.zoneFailure, [
                (surviving * capacity.cpu - surviving * Double(overhead.cpuNanocores)) / Double(max(1, demand.cpuNanocores)),
                (surviving * capacity.memory - surviving * Double(overhead.memoryBytes)) / Double(max(1, demand.memoryBytes)),
                (surviving * capacity.pods - surviving * overhead.pods) / max(1, demand.pods),
            ].min()!))
        }
        func days(_ limit: Double, slope: Double) -> Double? { limit < 1 ? 0 : (slope > 0 ? (limit - 1) / slope : nil) }
        let (computeBinding, limit) = limits.min { $0.1 < $1.1 }!
        var runwayDays = days(limit, slope: input.trendSlopePerDay)
        var binding = computeBinding
        // Ceph: raw use against the data disks it has (a disk per devtest worker, three
        // storage nodes in production), on the storage trend.
        let disk = input.currentDataDiskGiB
        let rawCapacity = Double(rules.zones > 1 ? 3 : input.currentWorkers) * Double(disk) * Double(ByteSize.gib)
        let cephUtilisation: Double? = disk > 0 ? Double(input.storageBytes) / rawCapacity : nil
        if let cephUtilisation, input.storageBytes > 0, let storageDays = days(rules.cephFill / cephUtilisation, slope: input.storageSlopePerDay),
           runwayDays.map({ storageDays < $0 }) ?? true {
            runwayDays = storageDays
            binding = .cephFill
        }
        return CurrentCluster(
            flavour: flavour, workers: input.currentWorkers,
            monthlyCost: monthlyCost(workers: input.currentWorkers, flavour: flavour, disk: max(disk, 0),
                                     storageNode: rules.zones > 1 ? input.currentStorageFlavour ?? storageFlavour(diskGiB: disk) : nil,
                                     rules: rules, prices: prices),
            cpuUtilisation: (Double(demand.cpuNanocores) + count * Double(overhead.cpuNanocores)) / (count * capacity.cpu),
            memoryUtilisation: (Double(demand.memoryBytes) + count * Double(overhead.memoryBytes)) / (count * capacity.memory),
            podUtilisation: (demand.pods + count * overhead.pods) / (count * capacity.pods), cephUtilisation: cephUtilisation,
            runway: runwayDays.map { input.today + Int64(($0 * 86_400).rounded(.down)) }, runwayBinding: binding,
            runwayText: binding.runwayText(rules)
        )
    }

    static func ratio(_ a: Int64, _ b: Int64) -> Double { b > 0 ? Double(a) / Double(b) : 0 }
    static func cores(_ nanocores: Int64) -> String { String(format: "%.2f vCPU", Double(nanocores) / 1e9) }
    static func gib(_ bytes: Int64) -> String { String(format: "%.1f GiB", Double(bytes) / Double(ByteSize.gib)) }
    static func percent(_ value: Double) -> String { String(format: "%.0f %%", value * 100) }
}

/// The constraints of capacity-model.md §3, in the order ties are reported.
public enum Constraint: Int, Sendable, Comparable, CaseIterable {
    case cpu, memory, pods, zoneFailure, largestPod, minimum, cephFill

    public static func < (a: Constraint, b: Constraint) -> Bool { a.rawValue < b.rawValue }

    public var words: String {
        switch self {
        case .cpu: "CPU"
        case .memory: "memory"
        case .pods: "pods per node"
        case .zoneFailure: "zone failure"
        case .largestPod: "the largest pod"
        case .minimum: "the minimum worker count"
        case .cephFill: "Ceph fill"
        }
    }

    /// What the current cluster runs into on its runway, in words.
    func runwayText(_ rules: PlanningRules) -> String {
        switch self {
        case .cpu: "CPU passes the \(CapacityPlanner.percent(rules.target)) target"
        case .memory: "memory passes the \(CapacityPlanner.percent(rules.target)) target"
        case .pods: "pods pass \(rules.podsPerNode) per node"
        case .zoneFailure: "with one zone lost, the other \(rules.zones - 1) can no longer hold all demand"
        case .largestPod: "the largest pod no longer fits a worker"
        case .minimum: "fewer workers than the minimum of \(rules.minimumWorkers)"
        case .cephFill: "Ceph raw use passes \(CapacityPlanner.percent(rules.cephFill)) of the data disks"
        }
    }

    func detail(_ plan: CapacityPlan, rules: PlanningRules) -> String {
        switch self {
        case .cpu: "CPU at \(CapacityPlanner.percent(plan.cpuUtilisation)) of allocatable, target \(CapacityPlanner.percent(rules.target))"
        case .memory: "memory at \(CapacityPlanner.percent(plan.memoryUtilisation)) of allocatable, target \(CapacityPlanner.percent(rules.target))"
        case .pods: "\(CapacityPlanner.percent(plan.podUtilisation)) of \(rules.podsPerNode) pods per node"
        case .zoneFailure: "with one zone lost the other \(rules.zones - 1) must hold all demand at ≤ 100 %"
        case .largestPod: "the largest pod does not fit a cheaper flavour"
        case .minimum: "demand needs fewer than \(rules.minimumWorkers) workers"
        case .cephFill: "raw use at \(CapacityPlanner.percent(plan.cephUtilisation)) of the data disks, at most \(CapacityPlanner.percent(rules.cephFill))"
        }
    }
}

/// Nodes of one role in one zone of a plan, with their flavour and disks: what a person
/// orders from the IaaS (capacity-model.md §4, "nodes per role and zone").
public struct PlannedNodes: Sendable, Equatable {
    public enum Role: String, Sendable {
        case controlPlane = "control-plane", worker, storage
    }

    public var role: Role
    /// 1, 2, 3 in production; 1 in devtest.
    public var zone: Int
    public var count: Int
    public var flavour: Flavour
    public var osDiskGiB: Int
    public var osDiskClass: String
    /// The data disk of each node: a devtest worker's OSD, a storage node's; nil for none.
    public var dataDiskGiB: Int?
    public var dataDiskClass: String?
}

/// What a plan leaves at the horizon before it stops meeting its rules: CPU and memory
/// under the target utilisation, pods under the pods-per-node limit, raw storage under the
/// Ceph fill limit.
public struct Headroom: Sendable, Equatable {
    public var cpuNanocores: Int64
    public var memoryBytes: Int64
    public var pods: Double
    public var rawStorageBytes: Int64
}

/// One way to size the cluster.
public struct CapacityPlan: Sendable, Equatable {
    public var flavour: Flavour
    public var workers: Int
    public var workersPerZone: [Int]
    /// Per worker in devtest (its OSD), per storage node in production.
    public var dataDiskGiB: Int
    public var storageNodes: Int
    public var storageNodeFlavour: Flavour?
    /// Every node the plan prices, per role and zone.
    public var nodes: [PlannedNodes]
    public var headroom: Headroom
    public var monthlyCost: Money
    public var cpuUtilisation: Double
    public var memoryUtilisation: Double
    public var podUtilisation: Double
    public var cephUtilisation: Double
    public var binding: Constraint
    /// The binding constraint in one line a person can read.
    public var bindingText: String
    /// For an alternative: why it ranks below the cheapest.
    public var rankedLower: String?
}

/// What the planner says of the cluster as it is.
public struct CurrentCluster: Sendable, Equatable {
    public var flavour: Flavour
    public var workers: Int
    public var monthlyCost: Money
    public var cpuUtilisation: Double
    public var memoryUtilisation: Double
    public var podUtilisation: Double
    /// Raw storage used today against its data disks; nil when none is known.
    public var cephUtilisation: Double?
    /// When demand on its trend crosses a constraint (seconds since the epoch); nil: not on this trend.
    public var runway: Int64?
    public var runwayBinding: Constraint
    /// The runway's constraint in words a person reads.
    public var runwayText: String
}

/// The planner's answer.
public struct PlanResult: Sendable, Equatable {
    public var cheapest: CapacityPlan?
    public var alternatives: [CapacityPlan]
    /// Set when no plan meets the demand: why, flavour by flavour.
    public var impossible: String?
    public var current: CurrentCluster?
}
