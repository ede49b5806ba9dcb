import KubeLedgerCore

/// The values of one label for `label:<key>` aggregation: a workload's own label, else its
/// namespace's (as Kubecost falls back), else `__unallocated__`, OpenCost's name for costs
/// without the label.
public struct LabelGroups: Sendable, Equatable {
    public static let unallocated = "__unallocated__"

    /// Keyed `namespace/kind/name`.
    public var workloads: [String: String]
    public var namespaces: [String: String]

    public init(workloads: [String: String], namespaces: [String: String]) {
        self.workloads = workloads
        self.namespaces = namespaces
    }

    func group(of row: CostRow) -> String {
        if !row.controllerName.isEmpty, let value = workloads["\(row.namespace)/\(row.controllerKind)/\(row.controllerName)"] { return value }
        return namespaces[row.namespace] ?? Self.unallocated
    }
}
