/// How often and how long to retry a failing upstream: exponential back-off with jitter,
/// bounded both in attempts and in total time, so a dead upstream costs a known delay.
public struct RetryPolicy: Sendable, Equatable {
    public var attempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// No new attempt starts once this much time has passed since the first.
    public var budget: Duration

    public init(attempts: Int = 4, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8), budget: Duration = .seconds(120)) {
        self.attempts = attempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.budget = budget
    }

    /// The pause before attempt `n + 1` (n from 1): base × 2^(n-1), capped, times a random factor in [0.5, 1].
    func delay(after attempt: Int) -> Duration {
        let exponential = baseDelay * (1 << min(attempt - 1, 20))
        let capped = min(exponential, maxDelay)
        return capped * Double.random(in: 0.5...1)
    }
}
