extension IngestSettings {
    static let keys = ["start", "lookback", "settle", "every"]

    static func read(_ node: NodeReader) -> IngestSettings? {
        guard let map = node.mapping(known: keys) else { return nil }
        let start: Int64?? = map.optional("start").map { $0.time() }
        let lookback = map.optional("lookback").map { $0.duration() } ?? defaultLookbackSeconds
        let settle = map.optional("settle").map { $0.duration() } ?? defaultSettleSeconds
        let every = map.optional("every").map { $0.duration(minimum: 1) } ?? defaultEverySeconds
        guard let lookback, let settle, let every else { return nil }
        if case .some(.none) = start { return nil }
        return IngestSettings(start: start ?? nil, lookbackSeconds: lookback, settleSeconds: settle, everySeconds: every)
    }
}
