/// The VMs of a Xen Orchestra as one read saw them (inputs.md §2b).
///
/// XO has no history: a snapshot is taken at each ingest run and holds from then until the
/// next one. The store keeps them (a new one only when the VMs changed), and an hour's
/// node-hours come from the snapshots that held during it (`InventoryTimeline`), so a
/// first run bills nothing before its snapshot and a later one never rewrites the past with
/// today's inventory.
public struct InventorySnapshot: Sendable, Hashable, Codable {
    public var cluster: String
    /// When it was taken: the ingest run's time, seconds since 1970.
    public var takenAt: Int64
    /// Ordered by name, then uuid.
    public var vms: [VM]

    public init(cluster: String, takenAt: Int64, vms: [VM]) {
        self.cluster = cluster
        self.takenAt = takenAt
        self.vms = vms
    }
}
