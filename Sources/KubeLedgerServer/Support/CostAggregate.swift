import KubeLedgerPricing

/// The `aggregate` of a cost query, read the same way by `/api/v1/costs` and `/grafana`.
enum CostAggregate {
    static let names: [String: CostBreakdown.Aggregate] = [
        "cluster": .cluster, "tenant": .tenant, "namespace": .namespace, "node": .node, "controller": .controller,
    ]

    static func parse(_ text: String?, parameter: String) throws -> CostBreakdown.Aggregate {
        guard let text, !text.isEmpty else { return .tenant }
        guard let aggregate = names[text] else {
            throw APIError.badParameter(parameter, "expected one of \(names.keys.sorted().joined(separator: ", ")), found \"\(text)\"")
        }
        return aggregate
    }
}
