/// Durations as the file writes them: `90s`, `10m`, `2h`, `14d`, or sums such as `1h30m`.
///
/// Units are s, m, h and d (a day is 86,400 s: the ingest schedule runs on UTC, which has
/// no daylight saving). Values are whole seconds.
public enum DurationText {
    static let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]

    /// Seconds for a duration text, or nil when it is not one (empty, unknown unit, bare number, overflow).
    public static func seconds(_ text: String) -> Int64? {
        var total: Int64 = 0
        var digits = ""
        var sawPart = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard let unit = units[character], !digits.isEmpty, let amount = Int64(digits) else { return nil }
            let (part, overflowPart) = amount.multipliedReportingOverflow(by: unit)
            let (sum, overflowSum) = total.addingReportingOverflow(part)
            guard !overflowPart, !overflowSum else { return nil }
            total = sum
            digits = ""
            sawPart = true
        }
        guard sawPart, digits.isEmpty else { return nil }
        return total
    }

    /// The shortest text for a number of seconds, largest units first: `2h`, `1h30m`, `0s`.
    public static func format(_ seconds: Int64) -> String {
        guard seconds > 0 else { return "\(seconds)s" }
        var rest = seconds
        var text = ""
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }
}
