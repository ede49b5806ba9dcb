import Foundation
/// An amount of money as a whole number of 10⁻¹⁵ currency units (cost-model.md §1).
///
/// Binary floating point cannot hold 0.03 exactly and Foundation's `Decimal` is slow; a
/// 128-bit integer at a fixed 15 decimals is exact for every price and sum, and holds
/// ±1.7 × 10²³ currency units. 15 decimals, not the spec's minimum of 12: a tenant's share
/// is an amount times a ratio of two small amounts, which magnifies their last-digit
/// rounding about twentyfold, and API figures must still be right to 10 decimals.
/// Products of an amount and a weight are taken at full 256-bit width (``MoneySplit``).
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Decimal places kept.
    public static let decimals = 15
    /// Units per currency unit: 10¹⁵.
    public static let scale: Int128 = 1_000_000_000_000_000

    public var units: Int128

    public init(units: Int128) { self.units = units }

    public static let zero = Money(units: 0)

    /// Exact decimal text such as `"0.0300"`, `"-12"`, `"1500.00"`; nil for anything else,
    /// including more than 15 decimals (which would need rounding) and exponents.
    public init?(_ text: some StringProtocol) {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" || digits.first == "+" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty || parts.count == 2 else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard whole.count <= 20, fraction.count <= Self.decimals, !(whole.isEmpty && fraction.isEmpty),
              whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        var value: Int128 = 0
        for digit in whole { value = value * 10 + Int128(digit.asciiValue! - 48) }
        var fractional: Int128 = 0
        for digit in fraction { fractional = fractional * 10 + Int128(digit.asciiValue! - 48) }
        for _ in fraction.count..<Self.decimals { fractional *= 10 }
        units = (value * Self.scale + fractional) * (negative ? -1 : 1)
    }

    /// The exact value with all 15 decimals, such as `2.618301369863014`.
    public var description: String { formatted(decimals: Self.decimals) }

    /// Rounded half away from zero to `decimals` places (0...15) and written as plain
    /// decimal text: no exponent, no `+`, no thousands separator, `-` for negatives.
    public func formatted(decimals: Int) -> String {
        let rounded = self.rounded(decimals: decimals).units
        let magnitude = rounded.magnitude
        let scale = Self.scale.magnitude
        var whole = String(magnitude / scale)
        if decimals > 0 {
            let fraction = String(magnitude % scale)
            let padded = String(repeating: "0", count: Self.decimals - fraction.count) + fraction
            whole += "." + padded.prefix(decimals)
        }
        return rounded < 0 ? "-" + whole : whole
    }

    /// Rounded half away from zero to `decimals` places (cost-model.md §8).
    public func rounded(decimals: Int) -> Money {
        let step = Self.unit(decimals: decimals)
        let half = step / 2
        let magnitude = (units.magnitude + half.magnitude) / step.magnitude * step.magnitude
        return Money(units: units < 0 ? -Int128(magnitude) : Int128(magnitude))
    }

    /// Rounded toward −∞ to `decimals` places: the first step of a largest-remainder rounding.
    public func floored(decimals: Int) -> Money {
        let step = Self.unit(decimals: decimals)
        return Money(units: Self.floorDivide(units, step) * step)
    }

    /// 10^(15 − decimals): the units in one step of the last kept decimal.
    public static func unit(decimals: Int) -> Int128 {
        precondition((0...Self.decimals).contains(decimals), "decimals must be 0...15")
        var step: Int128 = 1
        for _ in decimals..<Self.decimals { step *= 10 }
        return step
    }

    /// Division rounding toward −∞, whatever the signs.
    public static func floorDivide(_ a: Int128, _ b: Int128) -> Int128 {
        let quotient = a / b
        return (a % b != 0 && ((a < 0) != (b < 0))) ? quotient - 1 : quotient
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.units < rhs.units }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(units: lhs.units + rhs.units) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(units: lhs.units - rhs.units) }
    public static prefix func - (value: Money) -> Money { Money(units: -value.units) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.units += rhs.units }
    public static func -= (lhs: inout Money, rhs: Money) { lhs.units -= rhs.units }
}

extension Sequence where Element == Money {
    public func sum() -> Money { reduce(.zero, +) }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Money {
    /// Decimal text as upstreams write it, exponent allowed (`1.2e-05`), rounded half away
    /// from zero to 15 decimals: for second opinions such as OpenCost's amounts, never for prices.
    public init?(rounding text: String) {
        var mantissa = Substring(text.trimmingCharacters(in: .whitespaces))
        var exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(mantissa[mantissa.index(after: e)...]), abs(value) < 40 else { return nil }
            exponent = value
            mantissa = mantissa[..<e]
        }
        var negative = false
        if mantissa.first == "-" || mantissa.first == "+" {
            negative = mantissa.first == "-"
            mantissa = mantissa.dropFirst()
        }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        let digits = whole + fraction
        guard !digits.isEmpty, digits.count <= 36, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        // value = digits × 10^(exponent − fraction.count); in units: × 10^15.
        let shift = exponent - fraction.count + Self.decimals
        var value: Int128 = 0
        for digit in digits { value = value * 10 + Int128(digit.asciiValue! - 48) }
        if shift >= 0 {
            for _ in 0..<shift { value *= 10 }
        } else {
            var divisor: Int128 = 1
            for _ in 0..<(-shift) { divisor *= 10 }
            value = (value + divisor / 2) / divisor
        }
        units = negative ? -value : value
    }
}
