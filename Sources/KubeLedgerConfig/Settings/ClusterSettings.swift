import KubeLedgerCore

/// One Kubernetes cluster and the sources that describe it.
public struct ClusterSettings: Sendable, Equatable {
    public static let defaultRegion = "FR1"

    /// Unique among clusters; used in the API, the CLI (`--cluster`) and the store.
    /// Letters, digits, `.`, `_` and `-`, starting with a letter or digit.
    public var name: String
    /// Decides zones, fees and planning rules.
    public var architecture: Architecture
    /// The provider region, written to invoices (FOCUS RegionId); default `FR1`.
    public var region: String
    /// Billing account of the cluster; both fields default to the cluster name.
    public var billing: ClusterBillingSettings
    /// The cluster's own Prometheus (inputs.md §1).
    public var prometheus: PrometheusSettings
    /// Where VM consumption comes from (inputs.md §2).
    public var iaas: IaaSSettings
    /// OpenCost or Kubecost for reconciliation (inputs.md §3); nil when not configured.
    public var opencost: OpenCostSettings?

    public init(
        name: String,
        architecture: Architecture,
        region: String = ClusterSettings.defaultRegion,
        billing: ClusterBillingSettings? = nil,
        prometheus: PrometheusSettings,
        iaas: IaaSSettings,
        opencost: OpenCostSettings? = nil
    ) {
        self.name = name
        self.architecture = architecture
        self.region = region
        self.billing = billing ?? ClusterBillingSettings(accountID: name, accountName: name)
        self.prometheus = prometheus
        self.iaas = iaas
        self.opencost = opencost
    }
}
