extension InventorySnapshot {
    /// XAPI's VM `power_state`, as XO passes it on. Only `Running` counts as running:
    /// a Paused VM keeps its memory but is not scheduled, a Suspended one has its memory
    /// saved to disk and no domain.
    public enum PowerState: String, Sendable, Hashable, Codable, CaseIterable {
        case running = "Running"
        case halted = "Halted"
        case paused = "Paused"
        case suspended = "Suspended"
    }
}
