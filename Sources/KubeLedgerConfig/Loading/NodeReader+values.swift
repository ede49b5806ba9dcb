import Foundation

/// Typed readers for the value kinds the configuration uses beyond plain strings and numbers.
extension NodeReader {
    static let urlExpected = "an http or https URL with a host"
    static let durationExpected = "a duration such as 90s, 10m, 2h or 14d"
    static let timeExpected = "an RFC 3339 time such as 2026-01-01T00:00:00Z"
    static let timezoneExpected = "an IANA time zone such as UTC or Europe/Paris"

    /// An absolute http(s) URL with a host.
    func url() -> URL? {
        guard let text = string(expected: Self.urlExpected) else { return nil }
        guard let url = Self.httpURL(text) else {
            invalid(expected: Self.urlExpected, found: Self.quoted(text))
            return nil
        }
        return url
    }

    static func httpURL(_ text: String) -> URL? {
        guard !text.contains(where: \.isWhitespace), let url = URL(string: text),
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }

    /// A file path, made absolute against the config file's directory when relative.
    ///
    /// `~` is not expanded (write `${HOME}`): the service often runs without a login shell.
    func path(expected: String = "a file path") -> String? {
        guard let text = nonEmptyString(expected: expected) else { return nil }
        let url = text.hasPrefix("/") ? URL(fileURLWithPath: text) : context.baseDirectory.appendingPathComponent(text)
        return url.standardizedFileURL.path
    }

    /// A duration in seconds, at least `minimum`.
    func duration(minimum: Int64 = 0) -> Int64? {
        let expected = minimum > 0 ? "\(Self.durationExpected), at least \(DurationText.format(minimum))" : Self.durationExpected
        guard let text = string(expected: expected) else { return nil }
        guard let seconds = DurationText.seconds(text), seconds >= minimum else {
            invalid(expected: expected, found: Self.quoted(text))
            return nil
        }
        return seconds
    }

    /// An RFC 3339 instant in seconds since the Unix epoch.
    func time() -> Int64? {
        guard let text = string(expected: Self.timeExpected) else { return nil }
        guard let seconds = RFC3339.epochSeconds(text) else {
            invalid(expected: Self.timeExpected, found: Self.quoted(text))
            return nil
        }
        return seconds
    }

    /// A time zone identifier Foundation knows.
    func timezone() -> String? {
        guard let text = string(expected: Self.timezoneExpected) else { return nil }
        guard !text.isEmpty, TimeZone(identifier: text) != nil else {
            invalid(expected: Self.timezoneExpected, found: Self.quoted(text))
            return nil
        }
        return text
    }

    /// A list of non-empty strings; nil when the node or any element is wrong (all reported).
    func stringList(expected: String, element: String) -> [String]? {
        guard let items = list(expected: expected) else { return nil }
        let values = items.map { $0.nonEmptyString(expected: element) }
        let present = values.compactMap { $0 }
        return present.count == values.count ? present : nil
    }

    /// A mapping with free-form keys (storage class names, storage repositories), each value read by `value`.
    func dictionary<Value>(expected: String, value: (NodeReader) -> Value?) -> [String: Value]? {
        guard let mapping = mapping(known: [], expected: expected) else { return nil }
        var result: [String: Value] = [:]
        var failed = false
        for entry in mapping.entries {
            if let item = value(entry.reader) {
                result[entry.key] = item
            } else {
                failed = true
            }
        }
        return failed ? nil : result
    }
}
