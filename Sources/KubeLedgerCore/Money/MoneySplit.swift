/// Splits an amount into parts proportional to weights so that the parts add up to the
/// whole exactly (cost-model.md §1): each part is floored at 10⁻¹⁵, and the units left
/// over go one each to the largest remainders, ties to the larger weight, then to the
/// earlier part.
///
/// Every division that shares money out (a pool into containers and idle, shared cost
/// into tenants) goes through here, which is what makes conservation exact. Products are
/// taken at 256-bit width, so a month's shared cost times a month's direct cost cannot overflow.
public enum MoneySplit {
    /// Parts of `total` in proportion to `weights` (each ≥ 0). All zero weights give all
    /// zero parts; the caller decides where such an amount goes.
    public static func split(_ total: Money, weights: [Int128]) -> [Money] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in .zero } }
        precondition(weights.allSatisfy { $0 >= 0 }, "weights must not be negative")
        if total.units < 0 { return split(-total, weights: weights).map { -$0 } }
        var parts: [Int128] = []
        var remainders: [Int128] = []
        parts.reserveCapacity(weights.count)
        remainders.reserveCapacity(weights.count)
        for weight in weights {
            // 128-bit when the product fits, which is nearly always; 256-bit otherwise.
            let (product, overflow) = total.units.multipliedReportingOverflow(by: weight)
            let (part, remainder) = overflow
                ? sum.dividingFullWidth(total.units.multipliedFullWidth(by: weight))
                : product.quotientAndRemainder(dividingBy: sum)
            parts.append(part)
            remainders.append(remainder)
        }
        var missing = total.units - parts.reduce(0, +)
        if missing > 0 {
            let order = weights.indices.sorted { a, b in
                if remainders[a] != remainders[b] { return remainders[a] > remainders[b] }
                if weights[a] != weights[b] { return weights[a] > weights[b] }
                return a < b
            }
            for index in order where missing > 0 {
                parts[index] += 1
                missing -= 1
            }
        }
        return parts.map(Money.init(units:))
    }

    /// `amount × numerator / denominator` rounded half away from zero to 10⁻¹⁵: for a
    /// single product such as a node's cost, where no parts need to add up.
    public static func scaled(_ amount: Money, numerator: Int128, denominator: Int128) -> Money {
        precondition(denominator > 0, "denominator must be positive")
        let negative = (amount.units < 0) != (numerator < 0)
        var (high, low) = amount.units.magnitude.multipliedFullWidth(by: numerator.magnitude)
        let (sum, carry) = low.addingReportingOverflow(denominator.magnitude / 2)
        low = sum
        if carry { high += 1 }
        let magnitude = Int128(denominator.magnitude.dividingFullWidth((high, low)).quotient)
        return Money(units: negative ? -magnitude : magnitude)
    }
}
