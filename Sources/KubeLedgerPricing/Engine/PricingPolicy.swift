import Foundation
import KubeLedgerConfig
import KubeLedgerCore

/// Everything besides the facts that decides an hour's cost: the prices, the billing
/// time zone (for `hours_per_month: calendar`), which namespaces are storage or platform,
/// and Ceph's replicas per class.
public struct PricingPolicy: Sendable {
    public var catalog: PriceCatalog
    public var timeZone: TimeZone
    public var namespaces: NamespaceSettings
    public var storageClasses: StorageClassSettings

    public init(
        catalog: PriceCatalog, timeZone: TimeZone = .gmt, namespaces: NamespaceSettings = NamespaceSettings(),
        storageClasses: StorageClassSettings = StorageClassSettings()
    ) {
        self.catalog = catalog
        self.timeZone = timeZone
        self.namespaces = namespaces
        self.storageClasses = storageClasses
    }

    /// The policy a configuration describes, with its catalog.
    public init(config: KubeLedgerConfig, catalog: PriceCatalog) {
        self.init(catalog: catalog, timeZone: config.billing.timeZone, namespaces: config.namespaces, storageClasses: config.storageClasses)
    }

    /// `H` of cost-model.md §3 for the hour: the hours of its billing month, or the fixed figure.
    public func hoursPerMonth(at hour: Hour) -> Int {
        switch catalog.hoursPerMonth {
        case .calendar: BillingMonth(containing: hour.start, timeZone: timeZone).hours.count
        case let .fixed(hours): hours
        }
    }

    /// What kind a namespace is in an hour (cost-model.md §6), in the spec's order.
    func kind(of namespace: String, tenant: String?) -> NamespaceKind {
        if namespaces.storage.contains(namespace) { return .storage }
        if namespaces.platform.contains(namespace) { return .platform }
        return .tenant(tenant ?? PseudoTenant.unassigned)
    }
}

enum NamespaceKind: Hashable {
    case storage
    case platform
    case tenant(String)
}
