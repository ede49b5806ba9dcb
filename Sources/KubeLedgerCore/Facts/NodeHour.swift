/// One VM's hour as the IaaS bills it (cost-model.md §2, node-hour).
///
/// Fractions of the hour are kept as whole milliseconds (0...3,600,000) so that the
/// step-based fractions `k/12` and four-decimal import values are stored exactly, as integers.
public struct NodeHour: Sendable, Hashable, Codable {
    public var cluster: String
    public var hour: Hour
    public var node: String
    public var vmID: String
    public var role: NodeRole
    public var zone: String
    public var vcpus: Int
    public var memoryBytes: Int64
    /// Milliseconds of the hour the VM exists.
    public var presentMs: Int64
    /// Milliseconds of the hour the VM is powered on; never above `presentMs`.
    public var runningMs: Int64
    public var disks: [Disk]

    public init(
        cluster: String, hour: Hour, node: String, vmID: String, role: NodeRole, zone: String,
        vcpus: Int, memoryBytes: Int64, presentMs: Int64, runningMs: Int64, disks: [Disk]
    ) {
        self.cluster = cluster
        self.hour = hour
        self.node = node
        self.vmID = vmID
        self.role = role
        self.zone = zone
        self.vcpus = vcpus
        self.memoryBytes = memoryBytes
        self.presentMs = presentMs
        self.runningMs = runningMs
        self.disks = disks
    }
}

/// Milliseconds in an hour: the denominator of `presentMs` and `runningMs`.
public let millisecondsPerHour: Int64 = 3_600_000
