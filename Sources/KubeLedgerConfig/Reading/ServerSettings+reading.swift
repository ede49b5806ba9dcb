extension ServerSettings {
    static let keys = ["listen", "tokens"]
    static let listenExpected = "host:port such as 127.0.0.1:8080"

    static func read(_ node: NodeReader) -> ServerSettings? {
        guard let map = node.mapping(known: keys) else { return nil }
        let listen =
            map.optional("listen").map { listenNode -> ListenAddress? in
                guard let text = listenNode.string(expected: listenExpected) else { return nil }
                guard let address = ListenAddress(parsing: text) else {
                    listenNode.invalid(expected: listenExpected, found: NodeReader.quoted(text))
                    return nil
                }
                return address
            } ?? ListenAddress.default
        let tokens =
            map.optional("tokens").map { tokensNode -> [TokenSettings]? in
                guard let items = tokensNode.list(expected: "a list of tokens") else { return nil }
                let read = items.map(TokenSettings.read)
                // One name per token keeps logs unambiguous; one hash per token keeps the role unambiguous.
                UniquenessCheck.check(items, key: "name", what: "token name")
                UniquenessCheck.check(items, key: "sha256", what: "token hash")
                let valid = read.compactMap { $0 }
                guard valid.count == read.count else { return nil }
                return valid
            } ?? []
        guard let listen, let tokens else { return nil }
        return ServerSettings(listen: listen, tokens: tokens)
    }
}
