/// The sharing policy of `sharing:` (cost-model.md §7); `weighted` for both by default.
public struct SharingSettings: Sendable, Equatable {
    public var shared: SharedCostPolicy
    public var idle: IdleCostPolicy

    public init(shared: SharedCostPolicy = .weighted, idle: IdleCostPolicy = .weighted) {
        self.shared = shared
        self.idle = idle
    }
}
