import KubeLedgerConfig
import KubeLedgerCore

/// What each tenant owes for a period of one cluster: its own namespaces' cost, and its
/// share of shared and idle cost by the configured policy (cost-model.md §7).
///
/// Built from rows summed over the period, so the same function serves a month (invoices),
/// a day or an hour (API, Grafana): each applies the policy to its own direct costs.
public struct Chargeback: Sendable, Equatable {
    /// Tenants in byte order of their names, `__idle__` among them under `separate`.
    public var tenants: [TenantCharge]
    /// Overhead plus platform namespaces, before sharing.
    public var shared: Money
    /// Worker and storage idle, before sharing.
    public var idle: Money
    /// Node costs plus fees: the sum of every tenant's total.
    public var total: Money

    public init(rows: [CostRow], sharing: SharingSettings) {
        var direct: [String: [ChargeLine.Key: ChargeLine]] = [:]
        var shared = Money.zero
        var idle = Money.zero
        for row in rows {
            switch row.kind {
            case .overhead, .platform: shared += row.total
            case .idle: idle += row.total
            case .direct:
                for (component, amount, quantity, zone) in [
                    (ChargeLine.Component.cpu, row.cpu, row.cpuNanocores, row.zone), (.ram, row.ram, row.ramBytes, row.zone),
                    (.storage, row.storage, row.storageBytes, row.storageZone),
                ] where amount != .zero || quantity != 0 {
                    let line = ChargeLine(tenant: row.tenant, namespace: row.namespace, component: component, amount: amount,
                                          quantity: Int128(quantity), zone: zone)
                    if direct[row.tenant]?[line.key] == nil {
                        direct[row.tenant, default: [:]][line.key] = line
                    } else {
                        direct[row.tenant]![line.key]!.add(line)
                    }
                }
            }
        }
        let names = direct.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let directTotals = names.map { direct[$0]!.values.map(\.amount).sum() }
        let payers = zip(names, directTotals).filter { $0.1 > .zero }
        var extra: [String: [ChargeLine]] = [:]
        func share(_ amount: Money, as component: ChargeLine.Component, policy: SharedCostPolicy) {
            guard amount != .zero else { return }
            guard !payers.isEmpty else {
                extra[PseudoTenant.unassigned, default: []].append(ChargeLine(tenant: PseudoTenant.unassigned, component: component, amount: amount))
                return
            }
            let weights = policy == .even ? payers.map { _ in Int128(1) } : payers.map(\.1.units)
            for ((name, _), part) in zip(payers, MoneySplit.split(amount, weights: weights)) {
                extra[name, default: []].append(ChargeLine(tenant: name, component: component, amount: part))
            }
        }
        share(shared, as: .shared, policy: sharing.shared)
        switch sharing.idle {
        case .separate:
            if idle != .zero { extra[PseudoTenant.idle, default: []].append(ChargeLine(tenant: PseudoTenant.idle, component: .idle, amount: idle)) }
        case .weighted: share(idle, as: .idle, policy: .weighted)
        case .even: share(idle, as: .idle, policy: .even)
        }
        let everyone = Set(names).union(extra.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        tenants = everyone.map { name in
            TenantCharge(name: name, lines: (direct[name].map { Array($0.values) } ?? []).sorted(by: ChargeLine.invoiceOrder) + (extra[name] ?? []))
        }
        self.shared = shared
        self.idle = idle
        total = rows.map(\.total).sum()
    }

    public func tenant(_ name: String) -> TenantCharge? { tenants.first { $0.name == name } }
}

/// One tenant's lines: namespace lines (cpu, ram, storage), then shared, then idle.
public struct TenantCharge: Sendable, Equatable {
    public var name: String
    public var lines: [ChargeLine]

    public var total: Money { lines.map(\.amount).sum() }
    public var direct: Money { lines.filter { $0.namespace != nil }.map(\.amount).sum() }
}

/// One invoice line before rounding: a namespace's component, or a tenant's share.
public struct ChargeLine: Sendable, Equatable {
    public enum Component: String, Sendable, Hashable, Codable, CaseIterable {
        case cpu, ram, storage, shared, idle
    }

    public var tenant: String
    /// Nil for shared and idle lines.
    public var namespace: String?
    public var component: Component
    public var amount: Money
    /// Allocated quantity summed over the hours: nanocore-hours, byte-hours or raw byte-hours.
    public var quantity: Int128
    /// The zone of all the line's node-hours, when they share one.
    public var zone: String?
    /// For an adjustment: the closed month (`YYYY-MM`) it corrects.
    public var correctionOf: String?

    public init(
        tenant: String, namespace: String? = nil, component: Component, amount: Money, quantity: Int128 = 0, zone: String? = nil,
        correctionOf: String? = nil
    ) {
        self.correctionOf = correctionOf
        self.tenant = tenant
        self.namespace = namespace
        self.component = component
        self.amount = amount
        self.quantity = quantity
        self.zone = zone
    }

    public struct Key: Hashable, Sendable {
        public var namespace: String?
        public var component: Component
    }

    public var key: Key { Key(namespace: namespace, component: component) }

    mutating func add(_ other: ChargeLine) {
        amount += other.amount
        quantity += other.quantity
        if zone != other.zone { zone = nil }
    }

    /// The order of a tenant's lines (cost-model.md §8), which settles largest-remainder
    /// ties: namespace lines by namespace name (bytes), then cpu, ram, storage; then shared,
    /// then idle.
    public static func invoiceOrder(_ a: ChargeLine, _ b: ChargeLine) -> Bool {
        switch (a.namespace, b.namespace) {
        case let (x?, y?) where x != y: return x.utf8.lexicographicallyPrecedes(y.utf8)
        case (.some, nil): return true
        case (nil, .some): return false
        default: return Component.allCases.firstIndex(of: a.component)! < Component.allCases.firstIndex(of: b.component)!
        }
    }
}
