import KubeLedgerCore

/// Rows of an hour merged by key, handed out in key order so that the same facts always
/// give the same rows, whatever order they came in.
struct RowSet {
    private var rows: [CostRow.Key: CostRow] = [:]

    mutating func add(_ row: CostRow) {
        let key = row.key
        if let index = rows.index(forKey: key) {
            rows.values[index].add(row)
        } else {
            rows[key] = row
        }
    }

    /// Ordered by kind, namespace, node, controller kind and name. An hour holds thousands
    /// of rows but only tens of namespaces and nodes: each field's few distinct strings are
    /// ranked once, and the rows are sorted by those integers rather than by strings.
    var sorted: [CostRow] {
        let entries = Array(rows)
        let keys = entries.map { $0.key }
        let namespace = Self.ranks(keys.lazy.map { $0.namespace })
        let node = Self.ranks(keys.lazy.map { $0.node })
        let controllerKind = Self.ranks(keys.lazy.map { $0.controllerKind })
        let controllerName = Self.ranks(keys.lazy.map { $0.controllerName })
        let ranked = keys.indices.map { index in
            let key = keys[index]
            return (
                order: (key.kind.order, namespace[key.namespace]!, node[key.node]!, controllerKind[key.controllerKind]!,
                        controllerName[key.controllerName]!),
                index: index
            )
        }
        return ranked.sorted { $0.order < $1.order }.map { entries[$0.index].value }
    }

    /// Each distinct string's position among them in `String` order.
    private static func ranks(_ values: some Sequence<String>) -> [String: Int] {
        let distinct = Set(values).sorted()
        var ranks: [String: Int] = [:]
        ranks.reserveCapacity(distinct.count)
        for (rank, value) in distinct.enumerated() { ranks[value] = rank }
        return ranks
    }
}

extension CostRow.Kind {
    /// Direct rows first, overhead last.
    var order: Int {
        switch self {
        case .direct: 0
        case .platform: 1
        case .idle: 2
        case .overhead: 3
        }
    }
}
