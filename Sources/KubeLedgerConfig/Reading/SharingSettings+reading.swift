extension SharingSettings {
    static let keys = ["shared", "idle"]

    static func read(_ node: NodeReader) -> SharingSettings? {
        guard let map = node.mapping(known: keys) else { return nil }
        let shared = map.optional("shared").map { $0.choice(SharedCostPolicy.self) } ?? .weighted
        let idle = map.optional("idle").map { $0.choice(IdleCostPolicy.self) } ?? .weighted
        guard let shared, let idle else { return nil }
        return SharingSettings(shared: shared, idle: idle)
    }
}
