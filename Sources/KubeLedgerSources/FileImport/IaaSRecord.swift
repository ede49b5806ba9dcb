import KubeLedgerCore

/// One VM-hour in the file-import format (inputs.md §2c), as CSV or JSON Lines.
///
/// It is the exchange format for provider exports, air-gapped sites and the simulator, so
/// its field names are the file's (`snake_case`), and the schema in
/// `schemas/iaas-import.schema.json` describes the same record.
public struct IaaSRecord: Sendable, Hashable, Codable {
    public struct DiskEntry: Sendable, Hashable, Codable {
        public var purpose: Disk.Purpose
        public var `class`: String
        public var size_gib: Double

        public init(purpose: Disk.Purpose, class storageClass: String, size_gib: Double) {
            self.purpose = purpose
            self.class = storageClass
            self.size_gib = size_gib
        }
    }

    public var hour: String
    public var cluster: String
    public var vm_id: String
    public var vm_name: String
    public var role: NodeRole
    public var zone: String
    public var vcpus: Int
    public var memory_gib: Double
    public var present: Double
    public var running: Double
    public var disks: [DiskEntry]

    /// The record of a node-hour, as the simulator and exports write it.
    public init(_ fact: NodeHour) {
        hour = UTCTime.format(fact.hour.start)
        cluster = fact.cluster
        vm_id = fact.vmID
        vm_name = fact.node
        role = fact.role
        zone = fact.zone
        vcpus = fact.vcpus
        memory_gib = Double(fact.memoryBytes) / Double(ByteSize.gib)
        present = Double(fact.presentMs) / Double(millisecondsPerHour)
        running = Double(fact.runningMs) / Double(millisecondsPerHour)
        disks = fact.disks.map { DiskEntry(purpose: $0.purpose, class: $0.storageClass, size_gib: Double($0.sizeBytes) / Double(ByteSize.gib)) }
    }

    /// The field order of the CSV form; `disks` is a JSON array in one cell.
    public static let csvColumns = ["hour", "cluster", "vm_id", "vm_name", "role", "zone", "vcpus", "memory_gib", "present", "running", "disks"]
}
