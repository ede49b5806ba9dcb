/// A cluster an invoice request over every cluster left out, and why, so the command and
/// the API can say per cluster what they did instead of stopping at the first one.
public struct InvoiceSkip: Equatable, Sendable, CustomStringConvertible {
    public enum Reason: String, Equatable, Sendable {
        /// No hour of the month stored, not closed, no adjustment.
        case noData = "no data"
        /// A close found no priced hour: closing would freeze a zero invoice.
        case nothingPriced = "no priced hour"
        /// A close found the month already closed: it never changes.
        case alreadyClosed = "already closed"
    }

    public let cluster: String
    public let reason: Reason

    public init(cluster: String, reason: Reason) {
        self.cluster = cluster
        self.reason = reason
    }

    /// `lab (already closed)`.
    public var description: String { "\(cluster) (\(reason.rawValue))" }
}
