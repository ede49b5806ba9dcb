import KubeLedgerCore
@testable import KubeLedgerSources
import Testing

/// CPU per step from counter samples 5 minutes apart (a 300 s scrape, 75 s into each step).
@Suite struct CounterSpreadingTests {
    static let hour = Hour(containing: 1_793_577_600)

    /// Samples of a container running `cores[i]` in step `i` from the hour's start, scraped 75 s into each step.
    static func samples(_ cores: [Int64]) -> [CounterSpreading.Sample] {
        var used: Int64 = 0
        return cores.indices.map { index in
            let stepStart = hour.start + Int64(index) * Step.seconds
            let sample = CounterSpreading.Sample(step: stepStart + Step.seconds, time: stepStart + 75, counter: (used + cores[index] * 75) * 1_000_000_000)
            used += cores[index] * Step.seconds
            return sample
        }
    }

    @Test("a change of rate at a step boundary lands in its step: the short side of a crossing interval takes its neighbour's rate")
    func rateChange() {
        let grid = StepGrid(hours: HourRange(from: Self.hour, to: Self.hour.next))
        let usage = CounterSpreading.usage(Self.samples([1, 3, 3, 3, 3]), grid: grid)
        // An even split of the first crossing interval would give 1.375 and 2.625 cores.
        #expect(usage == [1_000_000_000, 3_000_000_000, 3_000_000_000, 3_000_000_000, 3_000_000_000, nil, nil, nil, nil, nil, nil, nil])
    }

    @Test("every nanosecond of the counter is booked once, whatever the rates")
    func conserved() {
        let grid = StepGrid(hours: HourRange(from: Self.hour, to: Self.hour.next))
        let cores: [Int64] = [2, 0, 5, 1, 1, 4, 0, 0, 3]
        let usage = CounterSpreading.usage(Self.samples(cores), grid: grid)
        let booked = usage.compactMap { $0 }.reduce(0, +) * Step.seconds
        // What the samples saw, plus the last step's remainder at the last interval's rate
        // ((225 × 0 + 75 × 3) / 300 cores for 225 s).
        let seen = (cores.dropLast().reduce(0, +) * Step.seconds + 3 * 75) * 1_000_000_000
        let tail = Int64((Double(3 * 75) / 300 * 225 * 1e9).rounded())
        #expect(abs(booked - (seen + tail)) <= Int64(cores.count) * Step.seconds)
        #expect(usage.prefix(cores.count).allSatisfy { $0 != nil } && usage.dropFirst(cores.count).allSatisfy { $0 == nil })
        #expect(usage.allSatisfy { ($0 ?? 0) >= 0 })
    }
}
