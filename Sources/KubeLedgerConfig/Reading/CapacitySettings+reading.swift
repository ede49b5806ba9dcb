extension CapacitySettings {
    static let keys = ["basis", "horizon_days", "window_days", "exclude"]

    static func read(_ node: NodeReader) -> CapacitySettings? {
        guard let map = node.mapping(known: keys) else { return nil }
        let basis = map.optional("basis").map { $0.choice(CapacityBasis.self) } ?? .recommended
        let horizon = map.optional("horizon_days").map { $0.int(expected: "an integer >= 1") { $0 >= 1 } } ?? defaultHorizonDays
        let window = map.optional("window_days").map { $0.int(expected: "an integer >= 1") { $0 >= 1 } } ?? defaultWindowDays
        let exclude = map.optional("exclude").map {
            $0.stringList(expected: "a list of namespaces or namespace/workload names", element: "a namespace or namespace/workload name")
        } ?? []
        guard let basis, let horizon, let window, let exclude else { return nil }
        return CapacitySettings(basis: basis, horizonDays: horizon, windowDays: window, exclude: exclude)
    }
}
