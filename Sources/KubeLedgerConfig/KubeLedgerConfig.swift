/// The whole KubeLedger configuration, typed and validated (outputs.md §4).
///
/// Built by ``ConfigLoader`` from the one YAML file, with every omitted key set to the
/// default the specification gives, `${NAME}` references replaced from the environment and
/// relative paths made absolute against the file's directory. Every stage reads its settings
/// from here, so none of them parses YAML or invents a default of its own.
public struct KubeLedgerConfig: Sendable, Equatable {
    /// Where the SQLite store lives and how long raw samples are kept.
    public var store: StoreSettings
    /// Absolute path of the price catalog (cost-model.md §3); nil means the catalog shipped with KubeLedger.
    public var catalog: String?
    /// Billing time zone and the provider name written on invoices.
    public var billing: BillingSettings
    /// How shared and idle cost reach tenants (cost-model.md §7).
    public var sharing: SharingSettings
    /// Storage and platform namespaces (cost-model.md §6).
    public var namespaces: NamespaceSettings
    /// Ceph replicas per Kubernetes storage class (cost-model.md §6).
    public var storageClasses: StorageClassSettings
    /// The clusters, at least one, with unique names, in file order.
    public var clusters: [ClusterSettings]
    /// Ingest schedule and how far back jobs start and re-read (inputs.md).
    public var ingest: IngestSettings
    /// HTTP listen address and API tokens (outputs.md §2).
    public var server: ServerSettings
    /// Capacity planning defaults (capacity-model.md §2).
    public var capacity: CapacitySettings

    public init(
        store: StoreSettings,
        catalog: String? = nil,
        billing: BillingSettings = BillingSettings(),
        sharing: SharingSettings = SharingSettings(),
        namespaces: NamespaceSettings = NamespaceSettings(),
        storageClasses: StorageClassSettings = StorageClassSettings(),
        clusters: [ClusterSettings],
        ingest: IngestSettings = IngestSettings(),
        server: ServerSettings = ServerSettings(),
        capacity: CapacitySettings = CapacitySettings()
    ) {
        self.store = store
        self.catalog = catalog
        self.billing = billing
        self.sharing = sharing
        self.namespaces = namespaces
        self.storageClasses = storageClasses
        self.clusters = clusters
        self.ingest = ingest
        self.server = server
        self.capacity = capacity
    }

    /// The cluster with this name, if configured.
    public func cluster(named name: String) -> ClusterSettings? {
        clusters.first { $0.name == name }
    }
}
