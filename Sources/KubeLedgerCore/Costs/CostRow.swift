
/// One slice of an hour's cost: every euro of node cost and fee lands in exactly one row,
/// so the rows of an hour add up to its node costs plus fees (cost-model.md §5).
///
/// Rows are what the store keeps per hour and what invoices, the API and Grafana add up;
/// sharing (§7) is applied over those sums, never stored, so a policy change needs no repricing.
public struct CostRow: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A tenant's or `__unassigned__` namespace: its own cost.
        case direct
        /// A platform namespace: its cost is shared.
        case platform
        /// Unallocated CPU or RAM of a worker, or unclaimed storage capacity.
        case idle
        /// Control-plane nodes, OS disks and the service fee.
        case overhead
    }

    public var kind: Kind
    /// Empty for idle and overhead rows.
    public var namespace: String
    /// The namespace's tenant in that hour; `__unassigned__` when it has none; empty when not direct.
    public var tenant: String
    /// The worker for CPU and RAM; empty for storage, the fee and cluster-wide rows.
    public var node: String
    /// The zone of the row's node-hours when they share one; nil when mixed or unknown.
    /// For a row that holds CPU or RAM, the zone of those.
    public var zone: String?
    /// The zone of the row's storage, apart: a namespace's pods may all run in one zone
    /// while its claims live on Ceph across three (cost-model.md; an invoice's storage line
    /// then has no zone, its CPU and RAM lines one). Starts as `zone`.
    public var storageZone: String?
    public var controllerKind: String
    public var controllerName: String
    public var cpu: Money
    public var ram: Money
    public var storage: Money
    /// Allocated quantities of the hour: nanocores (= vCPU × 10⁹ for one hour), bytes, raw bytes.
    public var cpuNanocores: Int64
    public var ramBytes: Int64
    /// Requests and usage behind the allocated CPU and RAM (same units), for efficiency:
    /// usage ÷ request, as OpenCost defines it.
    public var cpuRequestNanocores: Int64 = 0
    public var cpuUsageNanocores: Int64 = 0
    public var ramRequestBytes: Int64 = 0
    public var ramUsageBytes: Int64 = 0
    public var storageBytes: Int64

    public init(
        kind: Kind, namespace: String = "", tenant: String = "", node: String = "", zone: String? = nil,
        controllerKind: String = "", controllerName: String = "", cpu: Money = .zero, ram: Money = .zero, storage: Money = .zero,
        cpuNanocores: Int64 = 0, ramBytes: Int64 = 0, storageBytes: Int64 = 0
    ) {
        self.kind = kind
        self.namespace = namespace
        self.tenant = tenant
        self.node = node
        self.zone = zone
        self.storageZone = zone
        self.controllerKind = controllerKind
        self.controllerName = controllerName
        self.cpu = cpu
        self.ram = ram
        self.storage = storage
        self.cpuNanocores = cpuNanocores
        self.ramBytes = ramBytes
        self.storageBytes = storageBytes
    }

    public var total: Money { cpu + ram + storage }

    /// What identifies the row within its hour.
    public struct Key: Hashable, Sendable {
        public var kind: Kind
        public var namespace: String
        public var node: String
        public var controllerKind: String
        public var controllerName: String

        /// A controller's name almost always tells its kind: pricing hashes millions of keys.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(kind)
            hasher.combine(namespace)
            hasher.combine(node)
            hasher.combine(controllerName)
        }
    }

    public var key: Key { Key(kind: kind, namespace: namespace, node: node, controllerKind: controllerKind, controllerName: controllerName) }

    var holdsCompute: Bool { cpu != .zero || ram != .zero || cpuNanocores != 0 || ramBytes != 0 }
    var holdsStorage: Bool { storage != .zero || storageBytes != 0 }

    /// Adds another row's amounts and quantities. A zone that differs becomes nil, the CPU
    /// and RAM zone only from rows that hold CPU or RAM, the storage zone only from rows
    /// that hold storage (a row holding neither merges both, as before it held anything).
    public mutating func add(_ other: CostRow) {
        func merged(_ mine: String?, _ theirs: String?, mineHeld: Bool, theirsHeld: Bool, neither: Bool) -> String? {
            if theirsHeld { return mineHeld ? (mine == theirs ? mine : nil) : theirs }
            return neither && mine != theirs ? nil : mine
        }
        let neither = !other.holdsCompute && !other.holdsStorage
        let computeZone = merged(zone, other.zone, mineHeld: holdsCompute, theirsHeld: other.holdsCompute, neither: neither)
        let claimsZone = merged(storageZone, other.storageZone, mineHeld: holdsStorage, theirsHeld: other.holdsStorage, neither: neither)
        cpu += other.cpu
        ram += other.ram
        storage += other.storage
        cpuNanocores += other.cpuNanocores
        ramBytes += other.ramBytes
        cpuRequestNanocores += other.cpuRequestNanocores
        cpuUsageNanocores += other.cpuUsageNanocores
        ramRequestBytes += other.ramRequestBytes
        ramUsageBytes += other.ramUsageBytes
        storageBytes += other.storageBytes
        zone = computeZone
        storageZone = claimsZone
    }
}

/// Names that stand for no real tenant (cost-model.md §6, §7).
public enum PseudoTenant {
    public static let unassigned = "__unassigned__"
    public static let idle = "__idle__"
    /// Both, each a valid tenant filter wherever tenants are named.
    public static let all = [unassigned, idle]
}
