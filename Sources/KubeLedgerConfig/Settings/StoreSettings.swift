/// The time-series SQLite store.
public struct StoreSettings: Sendable, Equatable {
    /// Default for `raw_retention_days`: five weeks, so a 14-day right-sizing window and a
    /// month of late-data re-reads both fit.
    public static let defaultRawRetentionDays = 35

    /// Absolute path of the SQLite file (a relative `store.path` is resolved against the config file's directory).
    public var path: String
    /// How many days 5-minute samples are kept; hourly facts are kept for good. At least 1.
    public var rawRetentionDays: Int

    public init(path: String, rawRetentionDays: Int = StoreSettings.defaultRawRetentionDays) {
        self.path = path
        self.rawRetentionDays = rawRetentionDays
    }
}
