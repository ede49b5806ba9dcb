import KubeLedgerCore

/// What to simulate: one cluster of an architecture over a span of hours.
public struct SimulationOptions: Sendable, Hashable {
    public var clusterName: String
    public var architecture: Architecture
    public var seed: UInt64
    /// First hour simulated.
    public var from: Hour
    /// First hour not simulated.
    public var to: Hour
    /// Containers running at once at the start (platform included); the simulator sizes
    /// the workers to fit them.
    public var containers: Int
    /// Seconds between two scrapes in the OpenMetrics files (60 or 300 in tests).
    public var scrapeInterval: Int64

    /// The containers a simulation can hold at once.
    public static let containerRange = 5...100_000

    /// Seconds after the 5-minute grid of the scrapes at `interval`: a quarter interval, so no
    /// sample lies on a grid point and the step each belongs to is never ambiguous.
    public static func scrapePhase(_ interval: Int64) -> Int64 { interval / 4 }

    /// Scrape intervals the simulator can honour: at least 10 s and dividing 5 minutes.
    public static func isScrapeInterval(_ seconds: Int64) -> Bool { seconds >= 10 && seconds <= 300 && 300 % seconds == 0 }

    public init(
        clusterName: String, architecture: Architecture, seed: UInt64 = 1, from: Hour, to: Hour,
        containers: Int, scrapeInterval: Int64 = 60
    ) {
        self.clusterName = clusterName
        self.architecture = architecture
        self.seed = seed
        self.from = from
        self.to = to
        self.containers = containers
        self.scrapeInterval = scrapeInterval
    }
}

/// Why a simulation cannot be made as asked.
public enum SimulationError: Error, Equatable, CustomStringConvertible {
    case invalidOption(name: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(name, reason): "simulate: \(name) \(reason)"
        }
    }
}
