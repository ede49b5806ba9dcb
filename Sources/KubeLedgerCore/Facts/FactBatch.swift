/// Everything one ingest step writes, applied to the store all-or-nothing.
public struct FactBatch: Sendable, Hashable {
    public var nodeHours: [NodeHour]
    public var containerHours: [ContainerHour]
    public var pvcHours: [PVCHour]
    public var namespaceHours: [NamespaceHour]
    public var rawSeries: [RawSeries]
    public var allocations: [ExternalAllocation]
    public var kubeNodeHours: [KubeNodeHour]
    public var autoscalers: [AutoscalerHour]
    public var labels: [LabelFact]
    /// Xen Orchestra inventories, kept so later runs derive past hours from them.
    public var inventories: [InventorySnapshot]
    /// NaN or infinite values the source answered and the read left out: not written, but
    /// reported with the run, so a gap in the facts is never a silent zero.
    public var nonFiniteValues = 0

    public init(
        nodeHours: [NodeHour] = [], containerHours: [ContainerHour] = [], pvcHours: [PVCHour] = [],
        namespaceHours: [NamespaceHour] = [], rawSeries: [RawSeries] = [], allocations: [ExternalAllocation] = [],
        kubeNodeHours: [KubeNodeHour] = [], autoscalers: [AutoscalerHour] = [], labels: [LabelFact] = [],
        inventories: [InventorySnapshot] = []
    ) {
        self.inventories = inventories
        self.labels = labels
        self.autoscalers = autoscalers
        self.kubeNodeHours = kubeNodeHours
        self.allocations = allocations
        self.nodeHours = nodeHours
        self.containerHours = containerHours
        self.pvcHours = pvcHours
        self.namespaceHours = namespaceHours
        self.rawSeries = rawSeries
    }

    public mutating func append(contentsOf other: FactBatch) {
        nodeHours += other.nodeHours
        containerHours += other.containerHours
        pvcHours += other.pvcHours
        namespaceHours += other.namespaceHours
        rawSeries += other.rawSeries
        allocations += other.allocations
        kubeNodeHours += other.kubeNodeHours
        nonFiniteValues += other.nonFiniteValues
        autoscalers += other.autoscalers
        labels += other.labels
        inventories += other.inventories
    }
}
