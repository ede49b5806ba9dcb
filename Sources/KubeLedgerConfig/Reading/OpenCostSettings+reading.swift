extension OpenCostSettings {
    static let keys = ["url", "kind", "auth"]

    static func read(_ node: NodeReader) -> OpenCostSettings? {
        guard let map = node.mapping(known: keys, expected: "a mapping with url") else { return nil }
        let url = map.required("url", expected: NodeReader.urlExpected).flatMap { $0.url() }
        let kind = map.optional("kind").map { $0.choice(OpenCostKind.self) } ?? .opencost
        let auth = map.optional("auth").map(SourceAuth.read) ?? SourceAuth.none
        guard let url, let kind, let auth else { return nil }
        return OpenCostSettings(url: url, kind: kind, auth: auth)
    }
}
