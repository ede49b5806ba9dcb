/// One day of one raw series, packed into a few bytes per sample.
///
/// Raw samples are the bulk of the store: a `production` cluster of 3,000 containers keeps
/// about 25 million of them for the right-sizing window. A row per sample costs 40 bytes
/// or more in SQLite, so a day of a series is one row whose blob holds:
///
/// - a format byte (`1`), then `varint(number of runs)`;
/// - each run of consecutive steps as `varint(gap)`, `varint(length)`, where the gap counts
///   the absent steps since the end of the previous run (or since the day's first step),
///   followed at once by the run's values, each `zigzag-varint(value - previous value)`;
///   the previous value carries over from run to run and starts at 0.
///
/// The steps of a day are `day + 5m ... day + 24h` (the values that belong to that day's
/// hours), so a chunk never straddles an hour boundary. Values are integers (nanocores,
/// bytes): the encoding is lossless.
public struct SampleChunk: Sendable, Equatable {
    public static let stepsPerDay = 288
    static let format: UInt8 = 1

    /// Start of the UTC day (seconds since the epoch, multiple of 86,400).
    public let day: Int64
    /// Values by step index `0..<288`; index `i` is the step `day + (i + 1) × 5m`.
    public private(set) var values: [Int64?]

    public init(day: Int64) {
        self.day = day
        values = Array(repeating: nil, count: Self.stepsPerDay)
    }

    /// The day whose chunk holds the step.
    public static func day(of step: Int64) -> Int64 {
        let previous = step - 300
        return previous - ((previous % 86_400) + 86_400) % 86_400
    }

    public static func index(of step: Int64, in day: Int64) -> Int { Int((step - day) / 300) - 1 }

    public var count: Int { values.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// Sets (or replaces) the value at a step of this day.
    public mutating func set(step: Int64, value: Int64) {
        values[Self.index(of: step, in: day)] = value
    }

    /// Drops every sample at a step before `cutoff`.
    public mutating func removeSteps(before cutoff: Int64) {
        for index in values.indices where day + Int64(index + 1) * 300 < cutoff { values[index] = nil }
    }

    public var samples: [(step: Int64, value: Int64)] {
        values.enumerated().compactMap { index, value in value.map { (day + Int64(index + 1) * 300, $0) } }
    }

    public func encoded() -> [UInt8] {
        var out: [UInt8] = [Self.format]
        var runs: [(start: Int, length: Int)] = []
        var index = 0
        while index < values.count {
            if values[index] == nil {
                index += 1
                continue
            }
            let start = index
            while index < values.count, values[index] != nil { index += 1 }
            runs.append((start, index - start))
        }
        Varint.append(UInt64(runs.count), to: &out)
        var previousEnd = 0
        var previous: Int64 = 0
        for run in runs {
            Varint.append(UInt64(run.start - previousEnd), to: &out)
            Varint.append(UInt64(run.length), to: &out)
            for value in values[run.start..<(run.start + run.length)] {
                let v = value!
                Varint.append(Varint.zigzag(v &- previous), to: &out)
                previous = v
            }
            previousEnd = run.start + run.length
        }
        return out
    }

    /// Decodes a blob written by ``encoded()``.
    /// - Throws: ``StoreError/corruptChunk(day:reason:)`` when the blob is not one.
    public init(day: Int64, bytes: some Collection<UInt8>) throws(StoreError) {
        self.init(day: day)
        var reader = Varint.Reader(bytes: Array(bytes))
        guard let format = reader.byte(), format == Self.format else {
            throw .corruptChunk(day: day, reason: "unknown format")
        }
        guard let runCount = reader.next() else { throw .corruptChunk(day: day, reason: "truncated header") }
        var position = 0
        var previous: Int64 = 0
        for _ in 0..<runCount {
            guard let gap = reader.next(), let length = reader.next() else {
                throw .corruptChunk(day: day, reason: "truncated run")
            }
            position += Int(gap)
            guard position + Int(length) <= Self.stepsPerDay else { throw .corruptChunk(day: day, reason: "run past the day") }
            for offset in 0..<Int(length) {
                guard let delta = reader.next() else { throw .corruptChunk(day: day, reason: "truncated values") }
                previous = previous &+ Varint.unzigzag(delta)
                values[position + offset] = previous
            }
            position += Int(length)
        }
    }
}

/// LEB128 variable-length integers with zigzag for signed deltas.
enum Varint {
    static func append(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    static func zigzag(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }
    static func unzigzag(_ value: UInt64) -> Int64 { Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1) }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func next() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while let b = byte() {
                guard shift < 64 else { return nil }
                result |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return result }
                shift += 7
            }
            return nil
        }
    }
}
