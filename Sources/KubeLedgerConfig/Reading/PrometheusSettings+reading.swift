extension PrometheusSettings {
    static let keys = ["url", "auth"]

    static func read(_ node: NodeReader) -> PrometheusSettings? {
        guard let map = node.mapping(known: keys, expected: "a mapping with url") else { return nil }
        let url = map.required("url", expected: NodeReader.urlExpected).flatMap { $0.url() }
        let auth = map.optional("auth").map(SourceAuth.read) ?? SourceAuth.none
        guard let url, let auth else { return nil }
        return PrometheusSettings(url: url, auth: auth)
    }
}
