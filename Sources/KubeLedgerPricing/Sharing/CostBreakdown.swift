import KubeLedgerConfig
import KubeLedgerCore

/// Costs of one period (an hour, a day or a month) by cluster, tenant, namespace, node or
/// controller, each with its share of shared and idle cost (cost-model.md §7) and its
/// efficiency as OpenCost defines it.
///
/// The policy is applied to the period's own direct costs; below the tenant, a tenant's
/// shares are spread over its rows pro rata to their direct cost, by largest remainder, so
/// every breakdown adds up to the same cluster total.
public struct CostBreakdown: Sendable, Equatable {
    public enum Aggregate: Sendable, Hashable {
        case cluster, tenant, namespace, node, controller
        /// By a label's value (its sanitized key): rows must be per controller, and the
        /// values come with the rows (``LabelGroups``).
        case label(String)
    }

    public var entries: [CostEntry]

    /// `rows` must be summed at least per kind, tenant and namespace, and per node or
    /// controller when aggregating by those.
    /// - Parameter onlyTenant: when set, only that tenant's entries, each holding that
    ///   tenant's costs alone (a node it shares with others shows its part only); shares
    ///   are still computed from every tenant's rows.
    /// - Parameter tenants: when set, only the tenants it accepts count towards entries,
    ///   as `onlyTenant` does for one: an entry several tenants reach (a node, a label value,
    ///   the cluster) holds the accepted tenants' part alone. Grafana's ad-hoc `tenant`
    ///   filters (`!=`, regular expressions) need this; dropping whole entries afterwards by
    ///   ``CostEntry/tenant``, the first tenant met, would keep or lose other tenants' costs.
    /// - Parameter namespaces: when set, only the rows of namespaces it accepts count
    ///   towards entries, each still with the shares computed over every row.
    public init(rows: [CostRow], sharing: SharingSettings, by aggregate: Aggregate, onlyTenant: String? = nil,
                tenants: ((String) -> Bool)? = nil, namespaces: ((String) -> Bool)? = nil, labels: LabelGroups? = nil) {
        let charge = Chargeback(rows: rows, sharing: sharing)
        var entries: [String: CostEntry] = [:]
        var order: [String] = []
        func entry(_ key: String, tenant: String) -> String {
            if entries[key] == nil {
                entries[key] = CostEntry(key: key, tenant: tenant)
                order.append(key)
            }
            return key
        }
        let direct = rows.filter { $0.kind == .direct }
        for tenant in charge.tenants where (onlyTenant == nil || tenant.name == onlyTenant) && tenants?(tenant.name) ?? true {
            let own = direct.filter { $0.tenant == tenant.name }
            let shared = tenant.lines.filter { $0.component == .shared }.map(\.amount).sum()
            let idle = tenant.lines.filter { $0.component == .idle }.map(\.amount).sum()
            let keys = own.map { Self.key(of: $0, aggregate, tenant: tenant.name, labels: labels) }
            let weights = own.map { Int128($0.total.units) }
            // Shares follow direct cost; a tenant with shares and no direct rows (`__idle__`,
            // `__unassigned__` receiving everything) keeps them on its own entry.
            let sharedParts = weights.reduce(0, +) > 0 ? MoneySplit.split(shared, weights: weights) : []
            let idleParts = weights.reduce(0, +) > 0 ? MoneySplit.split(idle, weights: weights) : []
            for (index, row) in own.enumerated() where namespaces?(row.namespace) ?? true {
                let name = entry(keys[index], tenant: tenant.name)
                entries[name]!.add(row)
                if !sharedParts.isEmpty { entries[name]!.shared += sharedParts[index] }
                if !idleParts.isEmpty { entries[name]!.idle += idleParts[index] }
            }
            if sharedParts.isEmpty && idleParts.isEmpty && (shared != .zero || idle != .zero) && namespaces == nil {
                let name = entry(aggregate == .cluster ? "cluster" : tenant.name, tenant: tenant.name)
                entries[name]!.shared += shared
                entries[name]!.idle += idle
            }
        }
        self.entries = order.map { entries[$0]! }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    static func key(of row: CostRow, _ aggregate: Aggregate, tenant: String, labels: LabelGroups?) -> String {
        switch aggregate {
        case .label: labels?.group(of: row) ?? LabelGroups.unallocated
        case .cluster: "cluster"
        case .tenant: tenant
        case .namespace: row.namespace
        case .node: row.node.isEmpty ? "(storage)" : row.node
        case .controller: row.controllerName.isEmpty ? "\(row.namespace)/(storage)" : "\(row.namespace)/\(row.controllerKind)/\(row.controllerName)"
        }
    }
}

/// One line of a breakdown.
public struct CostEntry: Sendable, Equatable {
    public var key: String
    /// The tenant, for tenant, namespace, node and controller entries of one tenant; the
    /// first tenant met when an entry (a node) serves several.
    public var tenant: String
    public var cpu = Money.zero
    public var ram = Money.zero
    public var storage = Money.zero
    public var shared = Money.zero
    public var idle = Money.zero
    var cpuRequest: Int64 = 0
    var cpuUsage: Int64 = 0
    var ramRequest: Int64 = 0
    var ramUsage: Int64 = 0

    init(key: String, tenant: String) {
        self.key = key
        self.tenant = tenant
    }

    public var total: Money { cpu + ram + storage + shared + idle }

    mutating func add(_ row: CostRow) {
        cpu += row.cpu
        ram += row.ram
        storage += row.storage
        cpuRequest += row.cpuRequestNanocores
        cpuUsage += row.cpuUsageNanocores
        ramRequest += row.ramRequestBytes
        ramUsage += row.ramUsageBytes
    }

    /// OpenCost's total efficiency: CPU and RAM efficiency (usage ÷ request; 1 when usage
    /// exists without a request) weighted by their cost; nil without CPU or RAM cost.
    public var efficiency: Double? {
        let cpuCost = Double(cpu.units)
        let ramCost = Double(ram.units)
        guard cpuCost + ramCost > 0 else { return nil }
        func ratio(_ usage: Int64, _ request: Int64) -> Double {
            request > 0 ? Double(usage) / Double(request) : (usage > 0 ? 1 : 0)
        }
        return (ratio(cpuUsage, cpuRequest) * cpuCost + ratio(ramUsage, ramRequest) * ramCost) / (cpuCost + ramCost)
    }
}
