/// Strict RFC 3339 date-times: `2026-01-01T00:00:00Z`, `2026-01-01T01:00:00+01:00`,
/// optionally with fractional seconds (truncated).
///
/// Parsed by hand rather than with a Foundation formatter so that what is accepted is
/// exactly what the JSON Schema's `date-time` format accepts, on every platform.
public enum RFC3339 {
    /// Whole seconds since the Unix epoch, or nil when the text is not an RFC 3339 date-time.
    public static func epochSeconds(_ text: String) -> Int64? {
        let chars = Array(text.utf8)
        func number(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= chars.count else { return nil }
            var value = 0
            for byte in chars[start..<(start + length)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        func byte(_ index: Int) -> UInt8? { index < chars.count ? chars[index] : nil }

        guard let year = number(0, 4), byte(4) == UInt8(ascii: "-"), let month = number(5, 2), byte(7) == UInt8(ascii: "-"),
            let day = number(8, 2), let separator = byte(10), [UInt8(ascii: "T"), UInt8(ascii: "t")].contains(separator),
            let hour = number(11, 2), byte(13) == UInt8(ascii: ":"), let minute = number(14, 2), byte(16) == UInt8(ascii: ":"),
            let second = number(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour <= 23, minute <= 59, second <= 60
        else { return nil }

        var index = 19
        if byte(index) == UInt8(ascii: ".") {
            index += 1
            let start = index
            while let b = byte(index), b >= 48, b <= 57 { index += 1 }
            guard index > start else { return nil }
        }
        var offsetSeconds = 0
        switch byte(index) {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let offsetHour = number(index + 1, 2), byte(index + 3) == UInt8(ascii: ":"), let offsetMinute = number(index + 4, 2),
                offsetHour <= 23, offsetMinute <= 59
            else { return nil }
            let sign = byte(index) == UInt8(ascii: "+") ? 1 : -1
            offsetSeconds = sign * (offsetHour * 3_600 + offsetMinute * 60)
            index += 6
        default:
            return nil
        }
        guard index == chars.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3_600 + minute * 60 + min(second, 59)) - Int64(offsetSeconds)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
