import Foundation
import KubeLedgerCore
import KubeLedgerStore

/// Runs one job for one cluster: from its watermark (less the lookback) to the last settled
/// hour, a day at a time, each day written with its watermark in one transaction.
///
/// So a run killed at any point leaves whole days behind it, and the next run starts again
/// from the watermark and rewrites the overlap idempotently: the store ends as one
/// uninterrupted run would leave it. The watermark never passes data that is not stored.
///
/// The next day is read while the last one is written (in order, off the task pool, as
/// SQLite blocks its thread), so a long window costs the upstream's time and not the sum of
/// both; at most two days are in memory.
public struct IngestRunner: Sendable {
    public var store: LedgerStore
    public var lookback: Int64
    public var settle: Int64
    /// Where a job with no watermark starts (config `ingest.start`, default 35 days ago).
    public var start: Int64
    public var chunkHours: Int
    /// Read the next day while the last is written (the default); off, one day at a time,
    /// which holds one day in memory instead of two (`bench ingest --sequential` compares).
    public var overlapReads = true

    public init(store: LedgerStore, lookback: Int64 = 7200, settle: Int64 = 600, start: Int64, chunkHours: Int = 24) {
        self.store = store
        self.lookback = lookback
        self.settle = settle
        self.start = start
        self.chunkHours = chunkHours
    }

    /// What a run did.
    public struct Outcome: Sendable, Equatable {
        public var hours: HourRange
        public var chunks = 0
        public var facts = 0
        /// Time spent in the store's transactions, which overlaps the reading of the next day.
        public var writing = Duration.zero
        /// NaN or infinite values the source sent, left out of the facts.
        public var nonFiniteValues = 0
        public var error: String?
        /// The run stopped early because its task was cancelled (``IngestInterrupted``).
        public var interrupted = false
        /// A file import found the file as it was at its last import and skipped it.
        public var unchanged = false
    }

    /// The hours a run at `now` covers: from the watermark less the lookback (or `start`)
    /// to the last hour that has ended `settle` seconds ago; never an hour before `start`.
    public func window(job: String, cluster: String, now: Int64) throws -> HourRange {
        let end = Hour(containing: now - settle)
        let from = try store.watermark(job: job, cluster: cluster).map { $0.advanced(by: -Int((lookback + 3599) / 3600)) }
            ?? Hour(containing: start)
        return HourRange(from: max(from, Hour(containing: start)), to: end)
    }

    /// An explicit span less its hours before `start`, which no job stores (they may lie
    /// before the catalog's first prices, and would then fail every pricing after).
    public func clamped(_ hours: HourRange) -> HourRange {
        HourRange(from: max(hours.from, Hour(containing: start)), to: hours.to)
    }

    /// Runs `read` over the window chunk by chunk. With `explicit` hours, reads exactly those
    /// and leaves the watermark alone (a re-ingest of the past).
    public func run(
        job: String, cluster: String, now: Int64, explicit: HourRange? = nil,
        read: @escaping @Sendable (HourRange) async throws -> FactBatch, progress: ((IngestProgress) -> Void)? = nil
    ) async -> Outcome {
        var outcome = Outcome(hours: HourRange(from: Hour(containing: now), to: Hour(containing: now)))
        var next: Task<FactBatch, any Error>?
        do {
            let hours = try explicit.map(clamped) ?? window(job: job, cluster: cluster, now: now)
            outcome.hours = hours
            let chunks = stride(from: 0, to: hours.count, by: chunkHours).map {
                HourRange(from: hours.from.advanced(by: $0), to: hours.from.advanced(by: min($0 + chunkHours, hours.count)))
            }
            let reading = { (chunk: HourRange) in Task { try await read(chunk) } }
            next = chunks.first.map(reading)
            for (index, chunk) in chunks.enumerated() {
                guard let current = next else { break }
                // A cancelled run (a shutdown) starts no new day, and writes no day whose
                // read it interrupted: what is stored, and the watermark, end at the last
                // whole day written.
                try Self.stopIfCancelled()
                let batch = try await withTaskCancellationHandler { try await current.value } onCancel: { current.cancel() }
                try Self.stopIfCancelled()
                let following = index + 1 < chunks.count ? chunks[index + 1] : nil
                next = overlapReads ? following.map(reading) : nil
                let store = store
                let started = ContinuousClock.now
                try await Self.writer.run {
                    if explicit == nil {
                        try store.write(batch, advancing: job, cluster: cluster, to: chunk.to, now: now)
                    } else {
                        try store.write(batch)
                    }
                }
                outcome.writing += ContinuousClock.now - started
                outcome.chunks += 1
                outcome.nonFiniteValues += batch.nonFiniteValues
                let facts = batch.nodeHours.count + batch.containerHours.count + batch.pvcHours.count + batch.namespaceHours.count
                    + batch.kubeNodeHours.count
                    + batch.allocations.count
                outcome.facts += facts
                progress?(IngestProgress(done: index + 1, total: chunks.count, hours: chunk, facts: facts))
                releaseFreedMemory()
                if !overlapReads, let following { next = reading(following) }
            }
        } catch {
            // A request cut short by the cancellation fails with the source's error; the
            // run's status says why it really stopped.
            outcome.interrupted = Task.isCancelled || error is IngestInterrupted
            outcome.error = outcome.interrupted ? IngestInterrupted().description : String(describing: error)
        }
        if let next {
            // A failed write leaves the next day's read running: stop it and wait, so no
            // request outlives the run.
            next.cancel()
            _ = try? await next.value
        }
        try? store.recordRun(job: job, cluster: cluster, at: now, error: outcome.error)
        return outcome
    }

    /// Throws ``IngestInterrupted`` when the run's task is cancelled.
    static func stopIfCancelled() throws {
        if Task.isCancelled { throw IngestInterrupted() }
    }

    /// The one thread on which runs write, so a blocking SQLite transaction never holds one
    /// of the task pool's few threads while a read waits for it.
    static let writer = BlockingQueue(label: "kubeledger.ingest.writer")
}

/// Runs blocking work on a dispatch queue of its own and awaits it.
struct BlockingQueue: Sendable {
    let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label) }

    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}

#if canImport(Glibc)
/// glibc's `malloc_trim`, which the Glibc module map leaves out.
@_silgen_name("malloc_trim") private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

/// Hands memory freed by a day's answers back to the system. glibc keeps freed blocks in
/// per-thread arenas, and the decoding threads change from day to day, so without a trim
/// the resident size grows with the window although a day's data is all that is live.
func releaseFreedMemory() {
    #if canImport(Glibc)
    _ = glibcMallocTrim(0)
    #endif
}
