/// The known keys of one YAML mapping, for reading them by name.
///
/// A null value (`key:` or `key: ~`) counts as an omitted key, so commenting out a value
/// brings back its default instead of failing.
struct MappingReader {
    let reader: NodeReader
    /// The known keys present, in file order.
    let entries: [(key: String, reader: NodeReader)]

    var keyPath: String { reader.keyPath }
    var context: LoadContext { reader.context }

    /// The value of `key`, or nil when it is absent or null.
    func optional(_ key: String) -> NodeReader? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.reader.isNull else { return nil }
        return entry.reader
    }

    /// The value of `key`; reports a missing key (saying what belongs there) when absent or null.
    func required(_ key: String, expected: String) -> NodeReader? {
        if let value = optional(key) { return value }
        context.report(.missingKey(file: context.file, keyPath: KeyPath.appending(key, to: keyPath), expected: expected), at: reader.node)
        return nil
    }

    /// Reports `key`, when present, as meaningless here, e.g. `path` on a URL-based source.
    func reject(_ key: String, reason: String) {
        guard let value = entries.first(where: { $0.key == key }) else { return }
        context.report(.notApplicable(file: context.file, keyPath: value.reader.keyPath, reason: reason), at: value.reader.node)
    }
}
