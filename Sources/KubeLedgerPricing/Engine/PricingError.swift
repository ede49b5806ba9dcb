import KubeLedgerCore

/// Why an hour cannot be priced: the catalog lacks something the data needs (never
/// priced as zero instead, cost-model.md §3), or the engine failed to conserve it.
public enum PricingError: Error, Equatable, CustomStringConvertible {
    case noVersion(catalog: String, hour: Hour)
    case missingPrice(catalog: String, field: String, effectiveFrom: Int64, neededBy: String)
    /// The rows of an hour do not add up to its cost: a defect of the engine, reported
    /// rather than written, since an invoice built on it would be wrong.
    case notConserved(cluster: String, hour: Hour, total: Money, allocated: Money)

    public var description: String {
        switch self {
        case let .noVersion(catalog, hour):
            "\(catalog): no price version is in effect at \(hour) (the first effective_from is later)"
        case let .missingPrice(catalog, field, effectiveFrom, neededBy):
            "\(catalog): the version effective from \(UTCTime.format(effectiveFrom)) has no \(field), needed by \(neededBy)"
        case let .notConserved(cluster, hour, total, allocated):
            "cluster \(cluster) at \(hour): the cost rows add up to \(allocated), not the hour's cost \(total) (a pricing defect; please report it)"
        }
    }
}
