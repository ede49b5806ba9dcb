import KubeLedgerCore

/// CPU usage per step from the counter's samples, for scrape intervals too long for `rate()`
/// to give each step its own value.
///
/// With a sample every 5 minutes, `rate()` over its 10-minute window books the increase
/// between two samples to the later step, which shifts usage across steps and hours and
/// loses what comes before a container's first sample and after its last. Here the increase
/// between two consecutive samples is spread over the time between them and each step gets
/// the part that falls in it (evenly, but for an interval across one step boundary, whose
/// shorter side takes its neighbouring interval's rate); the counter starts at 0 with the container, so the
/// first sample's value is spread from the start of its step; after the last sample the
/// container is taken to run at its last rate to the end of that step. A counter that goes
/// down restarted: its new value is the increase.
enum CounterSpreading {
    struct Sample {
        /// The step whose instant query answered this sample, the sample's own time, its value in nanoseconds.
        let step: Int64
        let time: Int64
        let counter: Int64
    }

    /// Samples further apart than this belong to separate runs of the container.
    static let maxGap: Int64 = 2 * Step.seconds

    /// Nanocores per step of `grid`, nil where the container did not run. `samples` may
    /// include steps before and after the grid, to split the intervals that cross its edges
    /// as a read of a longer span would.
    static func usage(_ samples: [Sample], grid: StepGrid) -> [Int64?] {
        var distinct: [Sample] = []
        for sample in samples.sorted(by: { $0.step < $1.step }) where sample.time != distinct.last?.time {
            distinct.append(sample)
        }
        var used = [Double](repeating: 0, count: grid.count)
        var present = [Bool](repeating: false, count: grid.count)
        func spread(_ amount: Double, from start: Int64, to end: Int64) {
            guard end > start else { return }
            var low = start
            while low < end {
                let stepEnd = Step.containing(low + 1)
                let high = min(end, stepEnd)
                if let index = grid.index(of: stepEnd) {
                    used[index] += amount * Double(high - low) / Double(end - start)
                    present[index] = true
                }
                low = high
            }
        }
        /// The rate of the interval ending at sample `k`, nil when `k` starts a run.
        func intervalRate(_ k: Int) -> Double? {
            guard k > 0, k < distinct.count, distinct[k].time - distinct[k - 1].time <= maxGap else { return nil }
            let increase = distinct[k].counter >= distinct[k - 1].counter ? distinct[k].counter - distinct[k - 1].counter : distinct[k].counter
            return Double(increase) / Double(distinct[k].time - distinct[k - 1].time)
        }
        for (k, sample) in distinct.enumerated() {
            let previous = k > 0 && sample.time - distinct[k - 1].time <= maxGap ? distinct[k - 1] : nil
            var rate: Double
            if let previous {
                let increase = sample.counter >= previous.counter ? sample.counter - previous.counter : sample.counter
                rate = Double(increase) / Double(sample.time - previous.time)
                // An interval across one step boundary: its shorter side is given the rate of
                // the neighbouring interval on that side (which lies mostly beside it), the
                // longer side the rest. Usage changes between steps, and an even split would
                // book a quarter of the next step's change to the wrong step and hour.
                let boundary = Step.containing(previous.time + 1)
                if boundary < sample.time, Step.containing(sample.time) == boundary + Step.seconds {
                    let before = boundary - previous.time
                    let after = sample.time - boundary
                    let neighbour = after <= before ? intervalRate(k + 1) : intervalRate(k - 1)
                    let short = min(Double(increase), max(0, (neighbour ?? rate) * Double(min(before, after))))
                    let (first, second) = after <= before ? (Double(increase) - short, short) : (short, Double(increase) - short)
                    spread(first, from: previous.time, to: boundary)
                    spread(second, from: boundary, to: sample.time)
                } else {
                    spread(Double(increase), from: previous.time, to: sample.time)
                }
            } else if sample.step >= grid.first {
                let start = Step.containing(sample.time) - Step.seconds
                spread(Double(sample.counter), from: start, to: sample.time)
                rate = sample.time > start ? Double(sample.counter) / Double(sample.time - start) : 0
            } else {
                continue
            }
            let next = k + 1 < distinct.count ? distinct[k + 1] : nil
            // With no later sample read (two steps beyond the grid are), the container ended
            // or has not been scraped since: either way its last rate is the best estimate
            // of the rest of its step.
            let ends = next.map { $0.time - sample.time > maxGap } ?? (sample.step <= grid.last)
            if ends {
                let stepEnd = Step.containing(sample.time)
                spread(rate * Double(stepEnd - sample.time), from: sample.time, to: stepEnd)
            }
        }
        return used.indices.map { present[$0] ? Int64((used[$0] / Double(Step.seconds)).rounded()) : nil }
    }
}
