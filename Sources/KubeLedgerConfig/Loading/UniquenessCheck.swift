import Yams

/// Reports list entries that repeat a value which must be unique (cluster names, token names and hashes).
///
/// Looks at the raw scalar of `key` in each entry, so a repeated name is reported even when
/// the entries have other mistakes too.
enum UniquenessCheck {
    static func check(_ items: [NodeReader], key: String, what: String) {
        var firstPath: [String: String] = [:]
        for item in items {
            guard let scalar = item.node[key]?.scalar else { continue }
            let value = scalar.string
            let path = KeyPath.appending(key, to: item.keyPath)
            if let first = firstPath[value] {
                item.context.report(
                    .duplicate(file: item.context.file, keyPath: path, what: what, value: value, firstKeyPath: first),
                    at: item.node[key]
                )
            } else {
                firstPath[value] = path
            }
        }
    }
}
