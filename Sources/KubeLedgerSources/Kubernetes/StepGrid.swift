import KubeLedgerCore

/// The 5-minute steps of a span of hours, indexed from 0, for collecting query answers.
///
/// Hours `[from, to)` are made of the steps `from + 5m ... to`; a query_range over exactly
/// those steps is `start = from + 5m`, `end = to`, `step = 5m`.
struct StepGrid {
    let hours: HourRange
    var first: Int64 { hours.from.start + Step.seconds }
    var last: Int64 { hours.to.start }
    var count: Int { hours.count * Step.perHour }

    func index(of time: Int64) -> Int? {
        guard time >= first, time <= last, (time - first) % Step.seconds == 0 else { return nil }
        return Int((time - first) / Step.seconds)
    }

    func step(_ index: Int) -> Int64 { first + Int64(index) * Step.seconds }

    func hour(ofIndex index: Int) -> Hour { hours.from.advanced(by: index / Step.perHour) }
}

/// Values of one thing at the steps of a grid, absent where nothing was answered.
struct StepValues {
    var values: [Int64?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    /// Takes a series' points on the grid, scaled to the integer unit (negatives clamp to
    /// 0); NaN and infinities are counted in `nonFinite` and left absent.
    mutating func record(_ series: MatrixSeries, grid: StepGrid, scale: Double, nonFinite: inout Int) {
        for point in series.points {
            guard let index = grid.index(of: point.time) else { continue }
            guard point.value.isFinite else {
                nonFinite += 1
                continue
            }
            values[index] = max(0, Int64((point.value * scale).rounded()))
        }
    }

    /// Hour `h`'s mean over its twelve steps, absent steps counting 0; nil when all are absent.
    func hourlyMean(hour: Int) -> Int64? {
        var sum: Int64 = 0
        var any = false
        for value in values[(hour * Step.perHour)..<((hour + 1) * Step.perHour)] {
            if let value {
                sum += value
                any = true
            }
        }
        return any ? Step.hourlyMean(sum) : nil
    }

    func present(hour: Int) -> Int {
        values[(hour * Step.perHour)..<((hour + 1) * Step.perHour)].reduce(0) { $0 + ($1 == nil ? 0 : 1) }
    }
}
