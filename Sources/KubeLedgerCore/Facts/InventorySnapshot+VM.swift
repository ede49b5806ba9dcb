extension InventorySnapshot {
    /// One VM as Xen Orchestra describes it, its disks resolved to storage classes.
    public struct VM: Sendable, Hashable, Codable {
        /// XAPI uuid, the fact's `vmID`.
        public var uuid: String
        /// `name_label`.
        public var name: String
        /// `$pool`, the id of the XCP-ng pool ("" when XO does not say).
        public var pool: String
        public var powerState: PowerState
        /// `CPUs.number`.
        public var vcpus: Int
        /// `memory.size`, bytes.
        public var memoryBytes: Int64
        /// From a tag `az:<zone>`, else the reader's zone.
        public var zone: String
        /// From a tag `role:<worker|control-plane|storage>`, else the naming convention
        /// (`ConsoleMetricsReader.role(fromName:)`); nil when neither says.
        public var role: NodeRole?
        /// The OS disk (the non-CD VBD at the configured position) first, then the data
        /// disks by VBD position; CD drives are not disks.
        public var disks: [Disk]

        public init(
            uuid: String, name: String, pool: String = "", powerState: PowerState, vcpus: Int, memoryBytes: Int64,
            zone: String, role: NodeRole?, disks: [Disk]
        ) {
            self.uuid = uuid
            self.name = name
            self.pool = pool
            self.powerState = powerState
            self.vcpus = vcpus
            self.memoryBytes = memoryBytes
            self.zone = zone
            self.role = role
            self.disks = disks
        }
    }
}
