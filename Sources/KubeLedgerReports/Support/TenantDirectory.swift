import KubeLedgerCore
import KubeLedgerStore

/// The tenants and namespaces the store knows in some clusters, each namespace with the
/// tenant of its newest hour (`__unassigned__` without one). A `tenant` or `namespace`
/// filter naming none of them is a typo far more often than a wish for an empty answer,
/// so the command line and the API refuse it the same way, from this one lookup; Grafana's
/// pickers list the same names. A known name with no data in the range asked is not
/// refused: its answer is simply empty.
public struct TenantDirectory: Sendable {
    /// Each namespace seen and the tenants owning it (one per cluster it is in).
    public let owners: [String: Set<String>]
    /// Where the names were looked up: " in cluster NAME" for one cluster, else empty.
    let place: String

    /// More names than this are counted in an error, not listed.
    static let listLimit = 20

    public init(store: LedgerStore, clusters: [String]) throws {
        var owners: [String: Set<String>] = [:]
        for cluster in clusters {
            for (namespace, tenant) in try store.namespaceTenants(cluster: cluster) {
                owners[namespace, default: []].insert(tenant ?? PseudoTenant.unassigned)
            }
        }
        self.owners = owners
        place = clusters.count == 1 ? " in cluster \(clusters[0])" : ""
    }

    /// Every tenant owning a namespace, sorted.
    public var tenants: [String] { Set(owners.values.flatMap { $0 }).sorted() }

    /// The namespaces of `tenant` (every namespace when nil), sorted.
    public func namespaces(of tenant: String?) -> [String] {
        owners.filter { tenant == nil || $0.value.contains(tenant!) }.keys.sorted()
    }

    /// Why `name` is no tenant, nil when it is one: a tenant owning a namespace, or one of
    /// the pseudo tenants (`__unassigned__`, `__idle__`), which are always valid names.
    public func unknownTenant(_ name: String) -> String? {
        let known = tenants
        if known.contains(name) || PseudoTenant.all.contains(name) { return nil }
        return "no tenant \"\(name)\"\(place) \(Self.listing(Set(known + PseudoTenant.all).sorted(), of: "tenants"))"
    }

    /// Why `name` is no namespace (of `tenant` when given), nil when it is one.
    public func unknownNamespace(_ name: String, of tenant: String?) -> String? {
        let known = namespaces(of: tenant)
        if known.contains(name) { return nil }
        return "no namespace \"\(name)\"\(tenant.map { " of tenant \($0)" } ?? "")\(place) \(Self.listing(known, of: "namespaces"))"
    }

    /// `(tenants: a, b)`, or a count when the list is long.
    static func listing(_ names: [String], of kind: String) -> String {
        if names.isEmpty { return "(no \(kind) in the store)" }
        return names.count <= listLimit ? "(\(kind): \(names.joined(separator: ", ")))" : "(\(names.count) \(kind), too many to list)"
    }
}
