extension NamespaceSettings {
    static let keys = ["storage", "platform"]

    static func read(_ node: NodeReader) -> NamespaceSettings? {
        guard let map = node.mapping(known: keys) else { return nil }
        let storage =
            map.optional("storage").map { $0.stringList(expected: "a list of namespace names", element: "a namespace name") }
            ?? defaultStorage
        let platform =
            map.optional("platform").map { $0.stringList(expected: "a list of namespace names", element: "a namespace name") }
            ?? defaultPlatform
        guard let storage, let platform else { return nil }
        return NamespaceSettings(storage: storage, platform: platform)
    }
}
