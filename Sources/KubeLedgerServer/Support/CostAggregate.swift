import KubeLedgerCore
import KubeLedgerPricing
import KubeLedgerReports

/// The `aggregate` of a cost query, read the same way by `/api/v1/costs` and `/grafana`.
enum CostAggregate {
    static let names: [String: CostBreakdown.Aggregate] = [
        "cluster": .cluster, "tenant": .tenant, "namespace": .namespace, "node": .node, "controller": .controller,
    ]

    /// One of ``names`` or `label:<key>`, the key a Kubernetes label name (`team`,
    /// `app.kubernetes.io/name`), matched as kube-state-metrics sanitizes it.
    static func parse(_ text: String?, parameter: String) throws -> CostBreakdown.Aggregate {
        guard let text, !text.isEmpty else { return .tenant }
        if text.hasPrefix("label:") {
            let key = text.dropFirst("label:".count)
            guard !key.isEmpty, key.count <= 316, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_./-".contains($0)) }) else {
                throw APIError.badParameter(parameter, "label:<key> needs a Kubernetes label name (letters, digits, _ . / -), found \"\(text)\"")
            }
            return .label(LabelFact.sanitized(String(key)))
        }
        guard let aggregate = names[text] else {
            throw APIError.badParameter(parameter, "expected one of \(names.keys.sorted().joined(separator: ", ")) or label:<key>, found \"\(text)\"")
        }
        return aggregate
    }

    /// Runs a cost report, answering one that would hold more than `limit` points in all
    /// (whichever of its parts went over) as a 400 naming `parameter`.
    static func bounded<T>(parameter: String, limit: Int, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch is CostReport.TooManyPoints {
            throw APIError.badParameter(parameter, CostReport.TooManyPoints(limit: limit).description)
        }
    }
}
