import KubeLedgerCore

/// Capacity planning defaults (capacity-model.md §§1-2).
public struct CapacitySettings: Sendable, Equatable {
    public static let defaultHorizonDays = 90
    public static let defaultWindowDays = 14

    public var basis: CapacityBasis
    /// How far ahead a plan projects growth. At least 1.
    public var horizonDays: Int
    /// How many days of 5-minute samples right-sizing and growth read. At least 1 and at
    /// most `store.raw_retention_days`, since older samples are gone.
    public var windowDays: Int
    /// Workloads right-sizing and planning leave out: a namespace (`batch`) or one
    /// workload (`batch/nightly-report`), for example batch jobs.
    public var exclude: [String]
    /// The rules of capacity-model.md §§1-3 the config changes; nil or empty: the defaults.
    public var rightSizing = RightSizingOverrides()
    public var systemReserve: NodeReserve?
    public var osdReserve: NodeReserve?
    public var workerFlavours: [FlavourSize]?
    public var architectures: [Architecture: ArchitectureOverrides] = [:]

    public init(
        basis: CapacityBasis = .recommended,
        horizonDays: Int = CapacitySettings.defaultHorizonDays,
        windowDays: Int = CapacitySettings.defaultWindowDays,
        exclude: [String] = []
    ) {
        self.exclude = exclude
        self.basis = basis
        self.horizonDays = horizonDays
        self.windowDays = windowDays
    }
}
