/// A VM disk as the IaaS bills it: the storage class decides the price per GiB-month.
public struct Disk: Sendable, Hashable, Codable {
    public enum Purpose: String, Sendable, Hashable, Codable {
        case os
        case data
    }

    public var purpose: Purpose
    public var storageClass: String
    /// Size in bytes (1 GiB = 2^30 bytes).
    public var sizeBytes: Int64

    public init(purpose: Purpose, storageClass: String, sizeBytes: Int64) {
        self.purpose = purpose
        self.storageClass = storageClass
        self.sizeBytes = sizeBytes
    }
}

/// Byte sizes used throughout: 1 GiB = 2^30 bytes (cost-model.md §1).
public enum ByteSize {
    public static let kib: Int64 = 1 << 10
    public static let mib: Int64 = 1 << 20
    public static let gib: Int64 = 1 << 30
}
