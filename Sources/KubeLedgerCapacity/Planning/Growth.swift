/// Growth of demand from its daily peaks (capacity-model.md §2): a least-squares line
/// through the peaks, read at the horizon against today.
public enum Growth {
    /// Consecutive daily peaks, the last one today.
    public static func fit(dailyPeaks peaks: [Double], horizonDays: Int) -> (factor: Double, slopePerDay: Double) {
        fit(days: peaks.enumerated().map { (day: Double($0.offset - (peaks.count - 1)), peak: $0.element) }, horizonDays: horizonDays)
    }

    /// - Parameter days: each day's position in days from today (0 today, −1 the day before …)
    ///   and its peak; a day without data is simply absent, so the others keep their places
    ///   on the time axis and the slope stays per calendar day.
    /// - Returns: the factor (line at today + horizon ÷ line today, never below 1) and the
    ///   line's slope per day relative to today's value (for the runway; may be negative).
    public static func fit(days: [(day: Double, peak: Double)], horizonDays: Int) -> (factor: Double, slopePerDay: Double) {
        guard days.count >= 2 else { return (1, 0) }
        let n = Double(days.count)
        let meanX = days.reduce(0) { $0 + $1.day } / n
        let meanY = days.reduce(0) { $0 + $1.peak } / n
        let covariance = days.reduce(0) { $0 + ($1.day - meanX) * ($1.peak - meanY) }
        let variance = days.reduce(0) { $0 + ($1.day - meanX) * ($1.day - meanX) }
        guard variance > 0 else { return (1, 0) }
        let slope = covariance / variance
        let today = meanY + slope * (0 - meanX)
        guard today > 0 else { return (1, 0) }
        let horizon = today + slope * Double(horizonDays)
        return (max(1, horizon / today), slope / today)
    }
}
