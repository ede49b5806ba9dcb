import Foundation
import KubeLedgerCapacity
import KubeLedgerConfig
import KubeLedgerCore

/// A plan as the command line prints it and as JSON.
public struct PlanReport: Sendable, Codable, Equatable {
    /// Nodes of one role in one zone, with flavour and disks.
    public struct Nodes: Sendable, Codable, Equatable {
        /// `control-plane`, `worker` or `storage`.
        public var role: String
        public var zone: Int
        public var count: Int
        public var flavour: String
        public var osDiskGiB: Int
        public var osDiskClass: String
        public var dataDiskGiB: Int?
        public var dataDiskClass: String?
    }

    /// What is left at the horizon: CPU and memory under the target utilisation, pods under
    /// the per-node limit, raw storage under the Ceph fill limit.
    public struct Headroom: Sendable, Codable, Equatable {
        public var cpu: Double
        public var memoryGiB: Double
        public var pods: Double
        public var cephRawGiB: Double
    }

    public struct Option: Sendable, Codable, Equatable {
        public var workers: Int
        public var flavour: String
        public var workersPerZone: [Int]
        public var dataDiskGiB: Int
        public var storageNodes: Int
        public var storageNodeFlavour: String?
        /// Every node of the plan (control plane, workers, storage), per role and zone.
        public var nodes: [Nodes]
        public var headroom: Headroom
        public var monthlyCost: String
        public var cpuUtilisation, memoryUtilisation, podUtilisation, cephUtilisation: Double
        public var binding: String
        public var rankedLower: String?
    }

    public struct Current: Sendable, Codable, Equatable {
        public var workers: Int
        public var flavour: String
        public var monthlyCost: String
        public var cpuUtilisation, memoryUtilisation, podUtilisation: Double
        public var cephUtilisation: Double?
        public var runway: String?
        /// The constraint the runway runs into, in words ("CPU passes the 80 % target").
        public var runwayConstraint: String
    }

    /// The values the plan used, defaults and config together (capacity-model.md: reports
    /// say which values they used).
    public struct Settings: Sendable, Codable, Equatable {
        public var basis: String
        public var windowDays: Int
        public var targetUtilisation: Double
        public var minimumWorkers: Int
        public var maximumWorkers: Int
        public var podsPerNode: Int
        public var cephFill: Double
        public var minimumDataDiskGiB: Int
        public var dataDiskStepGiB: Int
        /// The disks the plan prices: every node's OS disk and the data disks' class, the cluster's IaaS settings.
        public var osDiskGiB: Int
        public var osDiskClass: String
        public var dataDiskClass: String
        /// Per node for Talos, the kubelet and the CNI; and per devtest worker for its Ceph OSD (nil in production).
        public var systemReserveCPU: Double
        public var systemReserveMemoryGiB: Double
        public var osdReserveCPU: Double?
        public var osdReserveMemoryGiB: Double?
        public var workerFlavours: [String]

        public init(_ capacity: CapacitySettings, rules: PlanningRules, architecture: Architecture, windowDays: Int) {
            basis = capacity.basis.rawValue
            self.windowDays = windowDays
            targetUtilisation = rules.target
            minimumWorkers = rules.minimumWorkers
            maximumWorkers = rules.maximumWorkers
            podsPerNode = rules.podsPerNode
            cephFill = rules.cephFill
            minimumDataDiskGiB = rules.minimumDataDiskGiB
            dataDiskStepGiB = rules.diskStepGiB
            osDiskGiB = rules.osDiskGiB
            osDiskClass = rules.osDiskClass
            dataDiskClass = rules.dataDiskClass
            systemReserveCPU = Double(capacity.nodeReserve.cpuNanocores) / 1e9
            systemReserveMemoryGiB = Double(capacity.nodeReserve.memoryBytes) / Double(ByteSize.gib)
            osdReserveCPU = architecture == .devtest ? Double(capacity.osdOverhead.cpuNanocores) / 1e9 : nil
            osdReserveMemoryGiB = architecture == .devtest ? Double(capacity.osdOverhead.memoryBytes) / Double(ByteSize.gib) : nil
            workerFlavours = rules.flavours.map(\.description)
        }

        /// One line a person reads under the plan.
        var text: String {
            func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value) }
            var line = "using: basis \(basis) over \(windowDays) days; target \(number(targetUtilisation * 100)) % of allocatable; "
                + "\(minimumWorkers) to \(maximumWorkers) workers of \(workerFlavours.joined(separator: ", ")); at most \(podsPerNode) pods a node; "
                + "Ceph fill at most \(number(cephFill * 100)) %; data disks \(dataDiskClass) from \(minimumDataDiskGiB) GiB in steps of \(dataDiskStepGiB) GiB; "
                + "OS disks \(osDiskGiB) GiB \(osDiskClass); "
                + "reserve \(number(systemReserveCPU)) vCPU and \(number(systemReserveMemoryGiB)) GiB a node"
            if let osdReserveCPU, let osdReserveMemoryGiB { line += ", \(number(osdReserveCPU)) vCPU and \(number(osdReserveMemoryGiB)) GiB an OSD" }
            return line
        }
    }

    public var cluster: String
    public var architecture: String
    public var horizonDays: Int
    public var growth: Double
    public var demandCPU: Double
    public var demandMemoryGiB: Double
    public var demandPods: Double
    public var storageRawGiB: Double
    public var cheapest: Option?
    public var alternatives: [Option]
    public var impossible: String?
    public var current: Current?
    public var settings: Settings

    public init(cluster: String, input: PlanningInput, result: PlanResult, settings: Settings) {
        self.settings = settings
        func option(_ plan: CapacityPlan) -> Option {
            Option(workers: plan.workers, flavour: plan.flavour.description, workersPerZone: plan.workersPerZone, dataDiskGiB: plan.dataDiskGiB,
                   storageNodes: plan.storageNodes, storageNodeFlavour: plan.storageNodeFlavour?.description,
                   nodes: plan.nodes.map {
                       Nodes(role: $0.role.rawValue, zone: $0.zone, count: $0.count, flavour: $0.flavour.description, osDiskGiB: $0.osDiskGiB,
                             osDiskClass: $0.osDiskClass, dataDiskGiB: $0.dataDiskGiB, dataDiskClass: $0.dataDiskClass)
                   },
                   headroom: Headroom(cpu: Double(plan.headroom.cpuNanocores) / 1e9, memoryGiB: Double(plan.headroom.memoryBytes) / Double(ByteSize.gib),
                                      pods: plan.headroom.pods, cephRawGiB: Double(plan.headroom.rawStorageBytes) / Double(ByteSize.gib)),
                   monthlyCost: MoneyText.json(plan.monthlyCost), cpuUtilisation: plan.cpuUtilisation, memoryUtilisation: plan.memoryUtilisation,
                   podUtilisation: plan.podUtilisation, cephUtilisation: plan.cephUtilisation, binding: plan.bindingText, rankedLower: plan.rankedLower)
        }
        self.cluster = cluster
        architecture = input.architecture.rawValue
        horizonDays = input.horizonDays
        growth = input.growth
        demandCPU = Double(input.demand.cpuNanocores) / 1e9 * input.growth
        demandMemoryGiB = Double(input.demand.memoryBytes) / Double(ByteSize.gib) * input.growth
        demandPods = input.demand.pods * input.growth
        storageRawGiB = Double(input.storageBytes) * input.storageGrowth / Double(ByteSize.gib)
        cheapest = result.cheapest.map(option)
        alternatives = result.alternatives.map(option)
        impossible = result.impossible
        current = result.current.map {
            Current(workers: $0.workers, flavour: $0.flavour.description, monthlyCost: MoneyText.json($0.monthlyCost),
                    cpuUtilisation: $0.cpuUtilisation, memoryUtilisation: $0.memoryUtilisation, podUtilisation: $0.podUtilisation,
                    cephUtilisation: $0.cephUtilisation, runway: $0.runway.map { String(UTCTime.format($0).prefix(10)) }, runwayConstraint: $0.runwayText)
        }
    }

    public var text: String {
        func pct(_ value: Double) -> String { String(format: "%.0f %%", value * 100) }
        func describe(_ option: Option) -> String {
            var line = "\(option.workers) workers of \(option.flavour)"
            if option.workersPerZone.count > 1 { line += " (\(option.workersPerZone.map(String.init).joined(separator: "/")) per zone)" }
            line += option.storageNodes > 0
                ? ", \(option.storageNodes) storage nodes of \(option.storageNodeFlavour ?? "?") with \(option.dataDiskGiB) GiB data disks"
                : ", \(option.dataDiskGiB) GiB OSD disk each"
            return line + ": \(MoneyText.cents(option.monthlyCost)) a month; at the horizon CPU \(pct(option.cpuUtilisation)), memory \(pct(option.memoryUtilisation)), pods \(pct(option.podUtilisation)), Ceph \(pct(option.cephUtilisation))"
        }
        var lines = [String(format: "plan for %@ (%@), %d days ahead, growth ×%.2f: %.1f vCPU, %.1f GiB, %.0f pods, %.0f GiB raw storage",
                            cluster, architecture, horizonDays, growth, demandCPU, demandMemoryGiB, demandPods, storageRawGiB)]
        /// The nodes zone by zone, and the headroom, under an option.
        func details(_ option: Option) -> [String] {
            let zones = Dictionary(grouping: option.nodes, by: \.zone).sorted { $0.key < $1.key }.map { zone, nodes in
                "zone \(zone): " + nodes.map { node in
                    "\(node.count) \(node.role) \(node.flavour) (OS \(node.osDiskGiB) GiB \(node.osDiskClass)"
                        + (node.dataDiskGiB.map { ", data \($0) GiB \(node.dataDiskClass ?? "")" } ?? "") + ")"
                }.joined(separator: ", ")
            }
            let room = option.headroom
            return ["    nodes: " + zones.joined(separator: "; "),
                    String(format: "    headroom at the horizon: %.1f vCPU, %.1f GiB under the target, %.0f pods, %.0f GiB raw storage under the Ceph fill limit",
                           room.cpu, room.memoryGiB, room.pods, room.cephRawGiB)]
        }
        if let cheapest {
            lines.append("  cheapest: " + describe(cheapest))
            lines.append("    \(cheapest.binding)")
            lines += details(cheapest)
        }
        for (index, alternative) in alternatives.enumerated() {
            lines.append("  alternative \(index + 1): " + describe(alternative) + " (\(alternative.rankedLower ?? ""))")
            lines += details(alternative)
        }
        if let impossible { lines.append("  impossible: \(impossible)") }
        if let current {
            lines.append("  now: \(current.workers) workers of \(current.flavour), \(MoneyText.cents(current.monthlyCost)) a month; CPU \(pct(current.cpuUtilisation)), "
                         + "memory \(pct(current.memoryUtilisation)), pods \(pct(current.podUtilisation))"
                         + (current.cephUtilisation.map { ", Ceph \(pct($0))" } ?? "") + " today; runway: "
                         + (current.runway.map { "\($0) (\(current.runwayConstraint))" } ?? "not reached on this trend"))
        }
        lines.append("  " + settings.text)
        return lines.joined(separator: "\n")
    }
}
