import KubeLedgerCore

/// Rounds amounts to cents so that they add up to a given rounded total (cost-model.md §8):
/// floor each toward −∞, then one cent each to the largest remainders, ties to the larger
/// exact amount, then to the earlier amount.
public enum LargestRemainder {
    public static func round(_ amounts: [Money], to total: Money, decimals: Int = 2) -> [Money] {
        let cent = Money.unit(decimals: decimals)
        var rounded = amounts.map { $0.floored(decimals: decimals) }
        var missing = (total.units - rounded.map(\.units).reduce(0, +)) / cent
        guard !amounts.isEmpty else { return [] }
        let order = amounts.indices.sorted { a, b in
            let (ra, rb) = (amounts[a].units - rounded[a].units, amounts[b].units - rounded[b].units)
            if ra != rb { return ra > rb }
            if amounts[a] != amounts[b] { return amounts[a] > amounts[b] }
            return a < b
        }
        // Normally 0 ≤ missing < count; the loops also cope with more, or with too many cents.
        while missing > 0 {
            for index in order where missing > 0 {
                rounded[index].units += cent
                missing -= 1
            }
        }
        while missing < 0 {
            for index in order.reversed() where missing < 0 {
                rounded[index].units -= cent
                missing += 1
            }
        }
        return rounded
    }
}
