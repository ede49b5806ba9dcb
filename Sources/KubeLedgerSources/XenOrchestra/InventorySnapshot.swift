import KubeLedgerCore

/// The VMs of a Xen Orchestra as one read saw them (inputs.md §2b).
///
/// XO has no history: a snapshot is taken at each ingest run and stands for every hour
/// until the next one (``XenOrchestraReader/nodeHours(snapshot:hours:roles:)``). It is
/// `Codable` so a job can keep the last one.
public struct InventorySnapshot: Sendable, Hashable, Codable {
    /// Ordered by name, then uuid.
    public var vms: [VM]

    public init(vms: [VM]) {
        self.vms = vms
    }
}
