import KubeLedgerCore

extension Invoice {
    /// The invoice as JSON answers give it (`GET /api/v1/invoices/{month}?format=json`,
    /// `kubeledger invoice --format json`, the totals of a close): every amount a decimal
    /// string with 10 decimals, as outputs.md §2 has all money in JSON; a rounded amount is
    /// its cents written so (`12.3400000000`), an exact one rounded half away from zero.
    ///
    /// A view only: the stored document of a closed month keeps its exact amounts at 15
    /// decimals, because the corrections of the months after it are computed from them.
    /// Percentages (`share`, `change`) are not money and keep their 2 decimals.
    public var forJSON: Invoice {
        var copy = self
        copy.total = Self.tenDecimals(total)
        copy.lines = lines.map { line in
            var line = line
            line.exact = Self.tenDecimals(line.exact)
            line.rounded = Self.tenDecimals(line.rounded)
            return line
        }
        copy.summary = summary.map { item in
            var item = item
            item.total = Self.tenDecimals(item.total)
            item.usage = item.usage.map(Self.tenDecimals)
            item.adjustments = item.adjustments.map(Self.tenDecimals)
            item.previousTotal = item.previousTotal.map(Self.tenDecimals)
            item.forecast = item.forecast.map(Self.tenDecimals)
            return item
        }
        return copy
    }

    static func tenDecimals(_ amount: String) -> String { Money(amount).map(MoneyText.json) ?? amount }
}
