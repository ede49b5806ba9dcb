import Dispatch
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerPricing
import KubeLedgerStore

/// Keeps the stored hourly costs in step with the facts: prices hours once as their data
/// lands, and again when late data, a catalog change or a policy change touches them, so
/// invoices and the API only add up stored rows.
public struct CostUpdater: Sendable {
    public var store: LedgerStore
    public var config: KubeLedgerConfig
    public var policy: PricingPolicy

    public init(store: LedgerStore, config: KubeLedgerConfig, catalog: PriceCatalog) {
        self.store = store
        self.config = config
        policy = PricingPolicy(config: config, catalog: catalog)
    }

    /// What one update did.
    public struct Outcome: Sendable, Equatable {
        public var pricedHours = 0
        public var rows = 0
        /// Time spent reading facts, pricing, and writing costs.
        public var reading = Duration.zero
        public var pricing = Duration.zero
        public var writing = Duration.zero
    }

    /// Prices the hours of the range that have facts: all of them when `force`, else those
    /// not priced since their facts last changed (a fact write unmarks its hours in the same
    /// transaction) or priced under another catalog or policy. A day is written at a time,
    /// each in one transaction, so a crash loses at most the day being priced.
    @discardableResult
    public func update(cluster name: String, hours: HourRange, force: Bool = false) throws -> Outcome {
        guard let cluster = config.cluster(named: name) else { return Outcome() }
        let fingerprint = policy.fingerprint(architecture: cluster.architecture)
        let priced = force ? [:] : try store.pricedHours(cluster: name, hours: hours)
        let due = try store.factHours(cluster: name, hours: hours).filter { priced[$0] != fingerprint }
        let pricer = HourPricer(policy: policy)
        var days: [(range: HourRange, hours: [Hour])] = []
        var index = 0
        while index < due.count {
            let day = HourRange(from: due[index], to: Hour(containing: min(due[index].start + 86_400, hours.to.start)))
            var batch: [Hour] = []
            while index < due.count, day.contains(due[index]) {
                batch.append(due[index])
                index += 1
            }
            days.append((day, batch))
        }
        let store = store
        let architecture = cluster.architecture
        @Sendable func priceDay(_ day: (range: HourRange, hours: [Hour])) -> Result<PricedDay, any Error> {
            Result {
                let clock = ContinuousClock()
                let started = clock.now
                let facts = try DayFacts(store: store, cluster: name, hours: day.range)
                let read = clock.now
                let costs = try day.hours.map { hour in
                    try pricer.price(ClusterHour(
                        cluster: name, architecture: architecture, hour: hour, nodes: facts.nodes[hour] ?? [],
                        containers: facts.containers[hour] ?? [], claims: facts.claims[hour] ?? [], namespaces: facts.namespaces[hour] ?? []
                    ))
                }
                return PricedDay(costs: costs, reading: read - started, pricing: clock.now - read)
            }
        }
        var outcome = Outcome()
        // Two days are read and priced ahead on other threads while one is written: reading
        // and pricing take longer than writing, and a WAL store reads beside its writer.
        let depth = 2
        var pending: [Prefetch] = []
        func schedule(_ position: Int) {
            guard position < days.count else { return }
            let day = days[position]
            let prefetch = Prefetch()
            prefetch.start { priceDay(day) }
            pending.append(prefetch)
        }
        for position in 0..<min(depth, days.count) { schedule(position) }
        for position in days.indices {
            let current = try pending.removeFirst().wait()!.get()
            schedule(position + depth)
            let clock = ContinuousClock()
            let started = clock.now
            try store.writeCosts(current.costs, fingerprint: fingerprint)
            outcome.writing += clock.now - started
            outcome.reading += current.reading
            outcome.pricing += current.pricing
            outcome.pricedHours += current.costs.count
            outcome.rows += current.costs.reduce(0) { $0 + $1.rows.count }
        }
        return outcome
    }

    /// Prices what an invoice of `month` needs: the month, the month before it (its summary
    /// compares with it, and a stale figure there would make the change wrong) and every
    /// closed month before it, whose corrections it carries.
    public func updateForInvoice(cluster: String, month: BillingMonth) throws {
        let closed = try store.closedInvoices(cluster: cluster).keys.compactMap { BillingMonth($0, timeZone: month.timeZone) }
        let first = ([month, month.previous] + closed).min()!
        try update(cluster: cluster, hours: HourRange(from: first.hours.from, to: month.hours.to))
    }

    /// Prices every hour of the cluster that needs it, whatever its age.
    @discardableResult
    public func updateAll(cluster name: String) throws -> Outcome {
        guard let bounds = try store.factHourBounds(cluster: name) else { return Outcome() }
        return try update(cluster: name, hours: bounds)
    }
}

/// One day's costs and what they took.
struct PricedDay: Sendable {
    var costs: [HourCost]
    var reading: Duration
    var pricing: Duration
}

/// Work started on a global queue and waited for once.
final class Prefetch: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<PricedDay, any Error>?

    func start(_ work: @escaping @Sendable () -> Result<PricedDay, any Error>) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    func wait() -> Result<PricedDay, any Error>? {
        group.wait()
        return result
    }
}

/// A day of a cluster's facts, grouped by hour.
struct DayFacts {
    var nodes: [Hour: [NodeHour]]
    var containers: [Hour: [ContainerHour]]
    var claims: [Hour: [PVCHour]]
    var namespaces: [Hour: [NamespaceHour]]

    init(store: LedgerStore, cluster: String, hours: HourRange) throws {
        nodes = Dictionary(grouping: try store.nodeHours(cluster: cluster, hours: hours), by: \.hour)
        containers = Dictionary(grouping: try store.containerHours(cluster: cluster, hours: hours), by: \.hour)
        claims = Dictionary(grouping: try store.pvcHours(cluster: cluster, hours: hours), by: \.hour)
        namespaces = Dictionary(grouping: try store.namespaceHours(cluster: cluster, hours: hours), by: \.hour)
    }
}
