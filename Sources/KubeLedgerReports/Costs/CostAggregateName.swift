import KubeLedgerCore
import KubeLedgerPricing

/// The names a cost aggregate goes by, the same on `/api/v1/costs`, on Grafana and on
/// `kubeledger costs`: each front end only words the refusal its own way.
public enum CostAggregateName {
    public static let plain: [String: CostBreakdown.Aggregate] = [
        "cluster": .cluster, "tenant": .tenant, "namespace": .namespace, "node": .node, "controller": .controller,
    ]

    /// Why a name is not an aggregate.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// One of ``plain`` or `label:<key>`, the key a Kubernetes label name (`team`,
    /// `app.kubernetes.io/name`), matched as kube-state-metrics sanitizes it.
    public static func parse(_ text: String) throws(Invalid) -> CostBreakdown.Aggregate {
        if text.hasPrefix("label:") {
            let key = text.dropFirst("label:".count)
            guard !key.isEmpty, key.count <= 316, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_./-".contains($0)) }) else {
                throw Invalid(description: "label:<key> needs a Kubernetes label name (letters, digits, _ . / -), found \"\(text)\"")
            }
            return .label(LabelFact.sanitized(String(key)))
        }
        guard let aggregate = plain[text] else {
            throw Invalid(description: "expected one of \(plain.keys.sorted().joined(separator: ", ")) or label:<key>, found \"\(text)\"")
        }
        return aggregate
    }
}
