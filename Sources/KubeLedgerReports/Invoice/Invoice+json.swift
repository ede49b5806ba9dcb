import KubeLedgerCore

extension Invoice {
    /// The invoice as JSON answers give it (`GET /api/v1/invoices/{month}?format=json`,
    /// `kubeledger invoice --format json`, the totals of a close): every amount a decimal
    /// string with 10 decimals, as outputs.md §2 has all money in JSON; a rounded amount is
    /// its cents written so (`12.3400000000`), an exact one rounded half away from zero.
    /// Times are RFC 3339 UTC strings, as everywhere else in the API.
    ///
    /// A view only: the stored document of a closed month keeps its exact amounts at 15
    /// decimals, because the corrections of the months after it are computed from them,
    /// and its times as seconds (``InvoiceJSON`` says why).
    /// Percentages (`share`, `change`) are not money and keep their 2 decimals.
    public var forJSON: InvoiceJSON {
        InvoiceJSON(
            cluster: cluster, month: month, currency: currency,
            periodStart: UTCTime.format(periodStart), periodEnd: UTCTime.format(periodEnd),
            lines: lines.map { line in
                InvoiceJSON.Line(
                    tenant: line.tenant, namespace: line.namespace, component: line.component,
                    exact: Self.tenDecimals(line.exact), rounded: Self.tenDecimals(line.rounded),
                    quantity: line.quantity, unit: line.unit, unitPrice: line.unitPrice, zone: line.zone, correctionOf: line.correctionOf,
                    chargePeriodStart: UTCTime.format(line.chargePeriodStart), chargePeriodEnd: UTCTime.format(line.chargePeriodEnd)
                )
            },
            summary: summary.map { item in
                var item = item
                item.total = Self.tenDecimals(item.total)
                item.usage = item.usage.map(Self.tenDecimals)
                item.adjustments = item.adjustments.map(Self.tenDecimals)
                item.previousTotal = item.previousTotal.map(Self.tenDecimals)
                item.forecast = item.forecast.map(Self.tenDecimals)
                return item
            },
            coverage: coverage, total: Self.tenDecimals(total), closedAt: closedAt.map(UTCTime.format), csv: csv,
            hoursElapsed: hoursElapsed, hoursInMonth: hoursInMonth
        )
    }

    static func tenDecimals(_ amount: String) -> String { Money(amount).map(MoneyText.json) ?? amount }
}
