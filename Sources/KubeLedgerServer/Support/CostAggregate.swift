import KubeLedgerCore
import KubeLedgerPricing
import KubeLedgerReports

/// The `aggregate` of a cost query, read the same way by `/api/v1/costs` and `/grafana`.
enum CostAggregate {
    /// ``CostAggregateName`` of `text` (tenant when absent), a 400 naming `parameter` when it is none.
    static func parse(_ text: String?, parameter: String) throws -> CostBreakdown.Aggregate {
        guard let text, !text.isEmpty else { return .tenant }
        do {
            return try CostAggregateName.parse(text)
        } catch {
            throw APIError.badParameter(parameter, error.description)
        }
    }

    /// Runs a cost report, answering one that would hold more than `limit` points in all
    /// (whichever of its parts went over) as a 400 naming `parameter`.
    static func bounded<T>(parameter: String, limit: Int, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch is CostReport.TooManyPoints {
            throw APIError.badParameter(parameter, CostReport.TooManyPoints(limit: limit).description)
        }
    }
}
