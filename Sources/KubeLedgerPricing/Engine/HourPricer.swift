import KubeLedgerConfig
import KubeLedgerCore

/// Prices one cluster-hour: node costs and the fee into pools, pools into containers,
/// claims and idle (cost-model.md §4 to §6). Pure: facts and policy in, rows out.
public struct HourPricer: Sendable {
    public var policy: PricingPolicy

    public init(policy: PricingPolicy) { self.policy = policy }

    static let msPerHour = Int128(millisecondsPerHour)
    static let gib = Int128(ByteSize.gib)

    public func price(_ input: ClusterHour) throws(PricingError) -> HourCost {
        let catalog = policy.catalog
        guard let version = catalog.version(at: input.hour) else { throw .noVersion(catalog: catalog.source, hour: input.hour) }
        let spread = MonthlySpread(policy: policy, hour: input.hour)
        var rows = RowSet()
        var total = Money.zero
        var storagePool = Money.zero
        var capacity: Int128 = 0
        var storageZones: Set<String> = []
        var workers: [String: WorkerPools] = [:]
        var rolesByName: [String: NodeRole] = [:]

        for node in input.nodes {
            rolesByName[node.node] = node.role
            let running = Int128(node.runningMs)
            let cpu = MoneySplit.scaled(version.vcpuHour, numerator: Int128(node.vcpus) * running, denominator: Self.msPerHour)
            let ram = MoneySplit.scaled(version.ramGiBHour, numerator: Int128(node.memoryBytes) * running, denominator: Self.gib * Self.msPerHour)
            total += cpu + ram
            var overhead = Money.zero
            for disk in node.disks {
                guard let price = version.storageGiBMonth[disk.storageClass] else {
                    throw .missingPrice(
                        catalog: catalog.source, field: "storage_gib_month.\(disk.storageClass)", effectiveFrom: version.effectiveFrom,
                        neededBy: "the \(disk.purpose.rawValue) disk of node \(node.node) at \(input.hour)"
                    )
                }
                let cost = MoneySplit.scaled(
                    spread.hourly(price), numerator: Int128(disk.sizeBytes) * Int128(node.presentMs), denominator: Self.gib * Self.msPerHour
                )
                total += cost
                if disk.purpose == .os || node.role == .controlPlane {
                    overhead += cost
                } else {
                    storagePool += cost
                    capacity += Int128(disk.sizeBytes) * Int128(node.presentMs)
                    storageZones.insert(node.zone)
                }
            }
            switch node.role {
            case .controlPlane: overhead += cpu + ram
            case .storage: storagePool += cpu + ram
            case .worker: workers[node.node, default: WorkerPools(zone: node.zone)].add(node, cpu: cpu, ram: ram)
            }
            if overhead != .zero {
                rows.add(CostRow(kind: .overhead, node: node.node, zone: node.zone, cpu: overhead))
            }
        }

        // The service fee: any part of the hour a worker runs counts the whole worker.
        guard let fee = version.serviceFees[input.architecture] else {
            throw .missingPrice(
                catalog: catalog.source, field: "service_fees_month.\(input.architecture.rawValue)", effectiveFrom: version.effectiveFrom,
                neededBy: "cluster \(input.cluster) at \(input.hour)"
            )
        }
        // By name: a VM replaced under the same name within the hour is one worker.
        let runningWorkers = Set(input.nodes.lazy.filter { $0.role == .worker && $0.runningMs > 0 }.map(\.node)).count
        let monthlyFee = fee.cluster + Money(units: fee.extraWorker.units * Int128(max(0, runningWorkers - fee.includedWorkers)))
        let hourlyFee = spread.hourly(monthlyFee)
        total += hourlyFee
        if hourlyFee != .zero { rows.add(CostRow(kind: .overhead, cpu: hourlyFee)) }

        var tenants: [String: String?] = [:]
        for namespace in input.namespaces { tenants[namespace.namespace] = namespace.tenant }
        var kinds: [String: NamespaceKind] = [:]
        func kind(_ namespace: String) -> NamespaceKind {
            if let known = kinds[namespace] { return known }
            let decided = policy.kind(of: namespace, tenant: tenants[namespace] ?? nil)
            kinds[namespace] = decided
            return decided
        }

        // CPU and RAM per worker, containers first, then what is left as idle.
        var coverage = HourCoverage(iaasNodes: input.nodes.count, containers: input.containers.count)
        // Indices, not copies: a container-hour carries seven strings.
        var byNode: [String: [Int]] = [:]
        for (index, container) in input.containers.enumerated() {
            guard let role = rolesByName[container.ref.node] else {
                coverage.unpricedContainers += 1
                continue
            }
            if role == .worker { byNode[container.ref.node, default: []].append(index) }
        }
        for name in workers.keys.sorted() {
            let worker = workers[name]!
            // In name order: a split breaks ties by position, so the input's order must not matter.
            // The store already hands them over in that order; only other callers pay for the sort.
            let before = { (a: Int, b: Int) -> Bool in
                let (x, y) = (input.containers[a].ref, input.containers[b].ref)
                return (x.namespace, x.pod, x.container) < (y.namespace, y.pod, y.container)
            }
            let indices = byNode[name] ?? []
            let ordered = zip(indices, indices.dropFirst()).allSatisfy { !before($1, $0) } ? indices : indices.sorted(by: before)
            let containers = ordered.lazy.map { input.containers[$0] }
            let cpuWanted: [Int128] = containers.map { Int128(max($0.cpuRequestNanocores, $0.cpuUsageNanocores)) }
            let ramWanted: [Int128] = containers.map { Int128(max($0.memoryRequestBytes, $0.memoryUsageBytes)) }
            let cpu = Self.allocate(worker.cpu, wanted: cpuWanted.map { $0 * Self.msPerHour }, capacity: worker.cpuCapacity)
            let ram = Self.allocate(worker.ram, wanted: ramWanted.map { $0 * Self.msPerHour }, capacity: worker.ramCapacity)
            for (index, container) in containers.enumerated() {
                switch kind(container.ref.namespace) {
                case .storage:
                    storagePool += cpu.parts[index] + ram.parts[index]
                case let nsKind:
                    var row = CostRow(
                        kind: nsKind == .platform ? .platform : .direct, namespace: container.ref.namespace,
                        tenant: nsKind.tenant, node: name, zone: worker.zone, controllerKind: container.ref.controllerKind,
                        controllerName: container.ref.controllerName, cpu: cpu.parts[index], ram: ram.parts[index],
                        cpuNanocores: Int64(cpuWanted[index]), ramBytes: Int64(ramWanted[index])
                    )
                    row.cpuRequestNanocores = container.cpuRequestNanocores
                    row.cpuUsageNanocores = container.cpuUsageNanocores
                    row.ramRequestBytes = container.memoryRequestBytes
                    row.ramUsageBytes = container.memoryUsageBytes
                    rows.add(row)
                }
            }
            if cpu.idle != .zero || ram.idle != .zero {
                rows.add(CostRow(kind: .idle, node: name, zone: worker.zone, cpu: cpu.idle, ram: ram.idle))
            }
        }

        // Storage: the pool (data disks, storage nodes, storage namespaces) into claims by raw size.
        let storageZone = storageZones.count == 1 ? storageZones.first : nil
        let claims = input.claims.sorted { ($0.namespace, $0.claim) < ($1.namespace, $1.claim) }
        let raw = claims.map { Int128($0.requestedBytes) * Int128(policy.storageClasses.replicas(for: $0.storageClass)) }
        let storage = Self.allocate(storagePool, wanted: raw.map { $0 * Self.msPerHour }, capacity: capacity)
        var storageIdle = storage.idle
        for (index, claim) in claims.enumerated() {
            switch kind(claim.namespace) {
            case .storage:
                storageIdle += storage.parts[index]
            case let nsKind:
                rows.add(CostRow(
                    kind: nsKind == .platform ? .platform : .direct, namespace: claim.namespace, tenant: nsKind.tenant,
                    zone: storageZone, storage: storage.parts[index], storageBytes: Int64(raw[index])
                ))
            }
        }
        if storageIdle != .zero { rows.add(CostRow(kind: .idle, zone: storageZone, storage: storageIdle)) }
        let sorted = rows.sorted
        let allocated = sorted.map(\.total).sum()
        guard allocated == total else {
            throw .notConserved(cluster: input.cluster, hour: input.hour, total: total, allocated: allocated)
        }
        return HourCost(cluster: input.cluster, hour: input.hour, rows: sorted, total: total, coverage: coverage)
    }

    /// A worker's CPU and RAM cost for the hour and what it could hold. Summed over every VM
    /// that carries the node's name in the hour (a VM replaced under the same name), so no
    /// VM's cost is lost.
    struct WorkerPools {
        var zone: String
        var cpu = Money.zero
        var ram = Money.zero
        /// Nanocore-milliseconds and byte-milliseconds of running time.
        var cpuCapacity: Int128 = 0
        var ramCapacity: Int128 = 0

        mutating func add(_ node: NodeHour, cpu: Money, ram: Money) {
            self.cpu += cpu
            self.ram += ram
            cpuCapacity += Int128(node.vcpus) * 1_000_000_000 * Int128(node.runningMs)
            ramCapacity += Int128(node.memoryBytes) * Int128(node.runningMs)
        }
    }

    /// A pool shared by what each wants out of a capacity (§6): in proportion to the
    /// capacity, the rest idle; or, when the wants exceed it, in proportion to the wants.
    /// A pool with nothing to weigh it by is all idle.
    static func allocate(_ pool: Money, wanted: [Int128], capacity: Int128) -> (parts: [Money], idle: Money) {
        let sum = wanted.reduce(0, +)
        if sum == 0 && capacity == 0 { return (wanted.map { _ in .zero }, pool) }
        if sum <= capacity {
            var parts = MoneySplit.split(pool, weights: wanted + [capacity - sum])
            let idle = parts.removeLast()
            return (parts, idle)
        }
        return (MoneySplit.split(pool, weights: wanted), .zero)
    }
}

extension NamespaceKind {
    var tenant: String {
        if case let .tenant(name) = self { return name }
        return ""
    }
}

/// A monthly price's part for one hour (cost-model.md §3). Under `calendar` the k-th hour
/// of an H-hour month gets `⌊P·k/H⌋ − ⌊P·(k−1)/H⌋`, so the hours of a full month add up
/// to the monthly price exactly; a fixed H gives every hour `P/H`.
struct MonthlySpread {
    let hours: Int128
    /// 1-based index of the hour in its billing month; nil for a fixed H.
    let index: Int128?

    init(policy: PricingPolicy, hour: Hour) {
        switch policy.catalog.hoursPerMonth {
        case .calendar:
            let month = BillingMonth(containing: hour.start, timeZone: policy.timeZone)
            hours = Int128(month.hours.count)
            index = Int128((hour.start - month.hours.from.start) / Hour.seconds) + 1
        case let .fixed(count):
            hours = Int128(count)
            index = nil
        }
    }

    func hourly(_ monthly: Money) -> Money {
        guard let index else { return MoneySplit.scaled(monthly, numerator: 1, denominator: hours) }
        return Money(units: Money.floorDivide(monthly.units * index, hours) - Money.floorDivide(monthly.units * (index - 1), hours))
    }
}
