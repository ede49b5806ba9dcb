import KubeLedgerCore

/// Why an hour cannot be priced: the catalog lacks something the data needs. Never
/// priced as zero instead (cost-model.md §3).
public enum PricingError: Error, Equatable, CustomStringConvertible {
    case noVersion(catalog: String, hour: Hour)
    case missingPrice(catalog: String, field: String, effectiveFrom: Int64, neededBy: String)

    public var description: String {
        switch self {
        case let .noVersion(catalog, hour):
            "\(catalog): no price version is in effect at \(hour) (the first effective_from is later)"
        case let .missingPrice(catalog, field, effectiveFrom, neededBy):
            "\(catalog): the version effective from \(UTCTime.format(effectiveFrom)) has no \(field), needed by \(neededBy)"
        }
    }
}
