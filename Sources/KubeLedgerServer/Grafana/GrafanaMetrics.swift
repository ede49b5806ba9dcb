/// The metrics the datasource offers (`POST /grafana/metrics`) and the choices of their
/// payload fields: the one list the query editor, the options route and the query
/// validation read, so they cannot disagree.
enum GrafanaMetrics {
    static let aggregates = ["tenant", "namespace", "controller", "node", "cluster"]
    static let components = ["total", "cpu", "ram", "storage", "shared", "idle", "efficiency"]

    struct Field {
        let name: String
        let label: String
        /// Fixed choices; nil for a free text field, or one answered from the store.
        let options: [String]?
    }

    struct Metric {
        let value: String
        let label: String
        let fields: [Field]
    }

    static let cluster = Field(name: "cluster", label: "Cluster", options: nil)
    static let tenant = Field(name: "tenant", label: "Tenant", options: nil)
    static let namespace = Field(name: "namespace", label: "Namespace", options: nil)
    static let aggregate = Field(name: "aggregate", label: "Group by", options: aggregates)

    static let all: [Metric] = [
        Metric(value: "costs", label: "Cost over time", fields: [aggregate, Field(name: "component", label: "Component", options: components), cluster, tenant, namespace]),
        Metric(value: "cost_table", label: "Costs over the range (table)", fields: [aggregate, cluster, tenant, namespace]),
        Metric(value: "rightsizing", label: "Right-sizing (table)", fields: [cluster, tenant, namespace]),
        Metric(value: "capacity_plan", label: "Capacity plan and runway (table)", fields: [cluster]),
    ]

    static func metric(_ name: String) -> Metric? { all.first { $0.value == name } }
}
