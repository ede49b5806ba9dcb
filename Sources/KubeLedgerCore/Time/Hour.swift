/// A UTC hour bucket `[start, start + 1h)`, the grain of every hourly fact (cost-model.md §1).
///
/// Kept as whole seconds since the Unix epoch so that it sorts, hashes and stores as one
/// integer; the initialiser truncates to the hour, so an instant maps to the hour holding it.
public struct Hour: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public static let seconds: Int64 = 3600

    /// Start of the hour, seconds since 1970-01-01T00:00:00Z; always a multiple of 3600.
    public let start: Int64

    /// The hour holding the instant `epochSeconds`.
    public init(containing epochSeconds: Int64) {
        start = epochSeconds - ((epochSeconds % Self.seconds) + Self.seconds) % Self.seconds
    }

    public var end: Int64 { start + Self.seconds }
    public var next: Hour { Hour(containing: end) }

    public func advanced(by hours: Int) -> Hour { Hour(containing: start + Int64(hours) * Self.seconds) }

    public static func < (lhs: Hour, rhs: Hour) -> Bool { lhs.start < rhs.start }

    public var description: String { UTCTime.format(start) }
}

/// Hours `[from, to)`, the unit of every query on hourly facts.
public struct HourRange: Sendable, Hashable, Sequence {
    public let from: Hour
    public let to: Hour

    public init(from: Hour, to: Hour) {
        self.from = from
        self.to = Swift.max(from, to)
    }

    /// The hours the instants `[from, to)` touch: a partial first or last hour counts whole.
    public init(covering from: Int64, to: Int64) {
        self.init(from: Hour(containing: from), to: Hour(containing: to - 1).next)
    }

    public var count: Int { Int((to.start - from.start) / Hour.seconds) }

    public func contains(_ hour: Hour) -> Bool { hour >= from && hour < to }

    /// The smallest range holding both.
    public func union(_ other: HourRange) -> HourRange {
        HourRange(from: Swift.min(from, other.from), to: Swift.max(to, other.to))
    }

    public func makeIterator() -> AnyIterator<Hour> {
        var current = from
        let end = to
        return AnyIterator {
            guard current < end else { return nil }
            defer { current = current.next }
            return current
        }
    }
}
