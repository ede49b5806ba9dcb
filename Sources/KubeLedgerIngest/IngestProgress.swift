import KubeLedgerCore

/// One day (a chunk of hours, or a whole import file) a job has stored: how far the job is,
/// and what it wrote, so a log line can say which hours and how many facts.
public struct IngestProgress: Sendable, Equatable {
    /// Days stored so far, this one included, and the days the run covers.
    public var done: Int
    public var total: Int
    /// The hours this day covered.
    public var hours: HourRange
    /// The facts this day wrote.
    public var facts: Int

    public init(done: Int, total: Int, hours: HourRange, facts: Int) {
        self.done = done
        self.total = total
        self.hours = hours
        self.facts = facts
    }
}
