import KubeLedgerCore

/// The prices of cost-model.md §3: what an hour of each resource costs, in versions that
/// take effect at a UTC instant, so a price change never reprices the hours before it.
public struct PriceCatalog: Sendable, Equatable {
    public var currency: String
    public var hoursPerMonth: HoursPerMonth
    /// Oldest first; effective instants are distinct.
    public var versions: [PriceVersion]
    /// Free text carried from the file's `note` (the shipped catalog says its prices are illustrative).
    public var note: String?
    /// The file the catalog came from, or `(shipped default)`, for messages.
    public var source: String

    public init(currency: String, hoursPerMonth: HoursPerMonth, versions: [PriceVersion], note: String? = nil, source: String) {
        self.currency = currency
        self.hoursPerMonth = hoursPerMonth
        self.versions = versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
        self.note = note
        self.source = source
    }

    /// The version in effect at the start of `hour`; nil before the first one.
    public func version(at hour: Hour) -> PriceVersion? {
        versions.last { $0.effectiveFrom <= hour.start }
    }
}

/// How a monthly price (storage, fees) is spread over hours (cost-model.md §3).
public enum HoursPerMonth: Sendable, Equatable {
    /// Over the hours of the billing month holding the hour, so a full month bills exactly the monthly price.
    case calendar
    /// Evenly over this many hours whatever the month (730 is the usual figure).
    case fixed(Int)
}

/// One version of the prices.
public struct PriceVersion: Sendable, Equatable {
    /// Seconds since the epoch (UTC) from which this version prices hours.
    public var effectiveFrom: Int64
    public var vcpuHour: Money
    public var ramGiBHour: Money
    /// Per IaaS storage class, per GiB and month.
    public var storageGiBMonth: [String: Money]
    public var serviceFees: [Architecture: ServiceFee]

    public init(effectiveFrom: Int64, vcpuHour: Money, ramGiBHour: Money, storageGiBMonth: [String: Money], serviceFees: [Architecture: ServiceFee]) {
        self.effectiveFrom = effectiveFrom
        self.vcpuHour = vcpuHour
        self.ramGiBHour = ramGiBHour
        self.storageGiBMonth = storageGiBMonth
        self.serviceFees = serviceFees
    }
}

/// The Managed Kubernetes fee of one architecture, per month, excluding infrastructure.
public struct ServiceFee: Sendable, Equatable {
    public var cluster: Money
    public var includedWorkers: Int
    public var extraWorker: Money

    public init(cluster: Money, includedWorkers: Int, extraWorker: Money) {
        self.cluster = cluster
        self.includedWorkers = includedWorkers
        self.extraWorker = extraWorker
    }
}
