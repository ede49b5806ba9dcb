/// What OpenCost or Kubecost says a namespace cost in one hour: the second opinion that
/// reconciliation puts beside KubeLedger's own figure (inputs.md §3).
///
/// Amounts are kept as the decimal text the upstream sent (its own rates and currency),
/// never converted through a float.
public struct ExternalAllocation: Sendable, Hashable, Codable {
    public var cluster: String
    public var hour: Hour
    public var namespace: String
    /// `opencost` or `kubecost`.
    public var source: String
    public var cpuCost: String
    public var ramCost: String
    public var pvCost: String
    public var totalCost: String
    public var cpuCoreHours: Double
    public var ramByteHours: Double

    public init(
        cluster: String, hour: Hour, namespace: String, source: String, cpuCost: String, ramCost: String, pvCost: String,
        totalCost: String, cpuCoreHours: Double, ramByteHours: Double
    ) {
        self.cluster = cluster
        self.hour = hour
        self.namespace = namespace
        self.source = source
        self.cpuCost = cpuCost
        self.ramCost = ramCost
        self.pvCost = pvCost
        self.totalCost = totalCost
        self.cpuCoreHours = cpuCoreHours
        self.ramByteHours = ramByteHours
    }
}
