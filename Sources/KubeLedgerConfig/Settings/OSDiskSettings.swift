/// The OS disk a metrics source cannot see (inputs.md §2a): the disk series gives only a VM's
/// total size, so config says how much of it is the OS disk and of which class.
public struct OSDiskSettings: Sendable, Equatable {
    public static let defaultSizeGiB = 64
    public static let defaultStorageClass = "flash-standard"

    /// Size in GiB (2^30 bytes), at least 1.
    public var sizeGiB: Int
    /// The IaaS storage class (a catalog key), written `class` in the file.
    public var storageClass: String

    public init(sizeGiB: Int = OSDiskSettings.defaultSizeGiB, storageClass: String = OSDiskSettings.defaultStorageClass) {
        self.sizeGiB = sizeGiB
        self.storageClass = storageClass
    }
}
