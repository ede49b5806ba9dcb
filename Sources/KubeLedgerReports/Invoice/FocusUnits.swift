import KubeLedgerCore
import KubeLedgerPricing

/// Quantities and unit prices of invoice lines in FOCUS units: `vCPU-Hours` for CPU,
/// `GiB-Hours` for RAM and for raw (replicated) storage, written with up to 10 decimals.
enum FocusUnits {
    /// An exact quantity as a fraction.
    struct Quantity: Equatable {
        var numerator: Int128
        var denominator: Int128
    }

    static func unit(_ component: ChargeLine.Component) -> String? {
        switch component {
        case .cpu: "vCPU-Hours"
        case .ram, .storage: "GiB-Hours"
        case .shared, .idle: nil
        }
    }

    /// The line's allocated quantity: nanocore-hours ÷ 10⁹ or byte-hours ÷ 2³⁰.
    static func quantity(_ line: ChargeLine) -> Quantity {
        Quantity(numerator: line.quantity, denominator: line.component == .cpu ? 1_000_000_000 : Int128(ByteSize.gib))
    }

    /// Up to 10 decimals, rounded half up, trailing zeros dropped: `12.5`, `3`.
    static func format(_ quantity: Quantity) -> String {
        let tenths = MoneySplit.scaled(Money(units: quantity.numerator), numerator: 10_000_000_000, denominator: quantity.denominator)
        var text = Money(units: tenths.units * 100_000).formatted(decimals: 10)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Exact line cost ÷ quantity, 10 decimals; nil for a zero quantity.
    static func unitPrice(_ amount: Money, quantity: Quantity) -> String? {
        guard quantity.numerator > 0 else { return nil }
        // amount / (n / d) in 10⁻¹⁰ units = amount.units × d / (n × 10⁵)
        let price = MoneySplit.scaled(amount, numerator: quantity.denominator, denominator: quantity.numerator * 100_000)
        return Money(units: price.units * 100_000).formatted(decimals: 10)
    }
}

/// The summary lines beside an invoice.
enum InvoiceSummaries {
    /// One tenant's line. `total` is what it is invoiced (its rounded lines, adjustments
    /// included); `usage` is the month's own charges, which share, change and forecast
    /// are computed on; `adjustments`, when there are any, the corrections of closed months.
    static func tenant(_ name: String, total: Money, usage: Money, adjustments: Money?, clusterUsage: Money, previous: Money?,
                       forecastFactor: (Int, Int)?) -> TenantSummary {
        func percent(_ part: Money, of whole: Money) -> String? {
            guard whole != .zero else { return nil }
            return ratio(part.units * 100, whole.units)
        }
        let forecast = forecastFactor.map { MoneySplit.scaled(usage, numerator: Int128($0.0), denominator: Int128($0.1)).rounded(decimals: 2) }
        let comparable = forecast ?? usage
        return TenantSummary(
            tenant: name, total: total.formatted(decimals: 2), usage: usage.formatted(decimals: 2), adjustments: adjustments?.formatted(decimals: 2),
            share: percent(usage, of: clusterUsage) ?? "0.00", previousTotal: previous?.formatted(decimals: 2),
            change: previous.flatMap { percent(comparable - $0, of: $0) }, forecast: forecast?.formatted(decimals: 2)
        )
    }

    /// `a / b` with 2 decimals, half away from zero.
    static func ratio(_ a: Int128, _ b: Int128) -> String {
        if b < 0 { return ratio(-a, -b) }
        let hundredths = MoneySplit.scaled(Money(units: a * 100), numerator: 1, denominator: b)
        return Money(units: hundredths.units * Money.unit(decimals: 2)).formatted(decimals: 2)
    }
}
