import KubeLedgerCore

/// Money as the reports show it: 10 decimals in JSON and CSV (outputs.md §2), to the
/// cent where a person reads a table or a comment.
enum MoneyText {
    static func json(_ amount: Money) -> String { amount.formatted(decimals: 10) }

    /// A JSON amount shown to the cent.
    static func cents(_ amount: String) -> String { Money(amount).map { $0.formatted(decimals: 2) } ?? amount }
}
