/// A container's averages over one hour (cost-model.md §2, container-hour).
///
/// CPU is in nanocores (10^-9 core, the unit of the Kubernetes metrics API) and memory in
/// bytes, both as integers: averages are rounded to the unit once, at ingest, and every
/// later computation on them is exact.
public struct ContainerHour: Sendable, Hashable, Codable {
    public var ref: ContainerRef
    public var hour: Hour
    public var cpuRequestNanocores: Int64
    public var cpuUsageNanocores: Int64
    public var memoryRequestBytes: Int64
    public var memoryUsageBytes: Int64

    public init(
        ref: ContainerRef, hour: Hour, cpuRequestNanocores: Int64, cpuUsageNanocores: Int64,
        memoryRequestBytes: Int64, memoryUsageBytes: Int64
    ) {
        self.ref = ref
        self.hour = hour
        self.cpuRequestNanocores = cpuRequestNanocores
        self.cpuUsageNanocores = cpuUsageNanocores
        self.memoryRequestBytes = memoryRequestBytes
        self.memoryUsageBytes = memoryUsageBytes
    }
}

/// Nanocores in one core.
public let nanocoresPerCore: Int64 = 1_000_000_000
