extension StoreSettings {
    static let keys = ["path", "raw_retention_days"]

    static func read(_ node: NodeReader) -> StoreSettings? {
        guard let map = node.mapping(known: keys, expected: "a mapping with path and raw_retention_days") else { return nil }
        let path = map.required("path", expected: "the path of the SQLite store").flatMap { $0.path(expected: "a file path") }
        let retention =
            map.optional("raw_retention_days").map { $0.int(expected: "an integer >= 1") { $0 >= 1 } }
            ?? defaultRawRetentionDays
        guard let path, let retention else { return nil }
        return StoreSettings(path: path, rawRetentionDays: retention)
    }
}
