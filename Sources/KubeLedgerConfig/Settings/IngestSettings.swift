/// When ingest jobs run and how far back they read (inputs.md, introduction).
public struct IngestSettings: Sendable, Equatable {
    /// How far before now a job with no watermark starts when `ingest.start` is omitted.
    public static let defaultStartAgeSeconds: Int64 = 35 * 86_400
    public static let defaultLookbackSeconds: Int64 = 2 * 3_600
    public static let defaultSettleSeconds: Int64 = 10 * 60
    public static let defaultEverySeconds: Int64 = 15 * 60

    /// Where a job with no watermark begins, in seconds since the Unix epoch; nil means
    /// 35 days before now, which only the caller knows (see ``start(now:)``).
    public var start: Int64?
    /// How far before its watermark a run re-reads, for late data. Zero or more.
    public var lookbackSeconds: Int64
    /// How long after an hour ends it is ingested. Zero or more.
    public var settleSeconds: Int64
    /// The schedule under `serve`: one run of every job this often. At least one second.
    public var everySeconds: Int64

    public init(
        start: Int64? = nil,
        lookbackSeconds: Int64 = IngestSettings.defaultLookbackSeconds,
        settleSeconds: Int64 = IngestSettings.defaultSettleSeconds,
        everySeconds: Int64 = IngestSettings.defaultEverySeconds
    ) {
        self.start = start
        self.lookbackSeconds = lookbackSeconds
        self.settleSeconds = settleSeconds
        self.everySeconds = everySeconds
    }

    /// The configured start, or 35 days before `now` (both in seconds since the Unix epoch).
    public func start(now: Int64) -> Int64 {
        start ?? now - Self.defaultStartAgeSeconds
    }
}
