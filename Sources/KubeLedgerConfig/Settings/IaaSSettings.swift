import Foundation

/// A cluster's IaaS source and how its VMs map to Kubernetes nodes and disks (inputs.md §2).
public struct IaaSSettings: Sendable, Equatable {
    public static let defaultDataDiskClass = "flash-enterprise"
    /// The node name is the VM name unless the file says otherwise.
    public static let defaultNodeNamePattern = "{vm_name}"
    /// The placeholder a node name pattern must contain.
    public static let vmNamePlaceholder = "{vm_name}"

    public var source: IaaSSource
    /// The OS disk of a VM whose disks the source does not detail (cloudtemple-metrics).
    public var osDisk: OSDiskSettings
    /// The class of the rest of a VM's disk space (cloudtemple-metrics); Ceph runs on `flash-enterprise`.
    public var dataDiskClass: String
    /// How a VM name becomes a Kubernetes node name: `{vm_name}` stands for the VM name.
    public var nodeNamePattern: String

    public init(
        source: IaaSSource,
        osDisk: OSDiskSettings = OSDiskSettings(),
        dataDiskClass: String = IaaSSettings.defaultDataDiskClass,
        nodeNamePattern: String = IaaSSettings.defaultNodeNamePattern
    ) {
        self.source = source
        self.osDisk = osDisk
        self.dataDiskClass = dataDiskClass
        self.nodeNamePattern = nodeNamePattern
    }

    /// The Kubernetes node name for a VM name, by ``nodeNamePattern``.
    public func nodeName(forVM vmName: String) -> String {
        nodeNamePattern.replacingOccurrences(of: Self.vmNamePlaceholder, with: vmName)
    }
}
