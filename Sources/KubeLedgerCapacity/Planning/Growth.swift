/// Growth of demand from its daily peaks (capacity-model.md §2): a least-squares line
/// through the peaks, read at the horizon against today.
public enum Growth {
    /// - Returns: the factor (line at today + horizon ÷ line today, never below 1) and the
    ///   line's slope per day relative to today's value (for the runway; may be negative).
    public static func fit(dailyPeaks peaks: [Double], horizonDays: Int) -> (factor: Double, slopePerDay: Double) {
        guard peaks.count >= 2 else { return (1, 0) }
        let n = Double(peaks.count)
        let xs = peaks.indices.map(Double.init)
        let meanX = xs.reduce(0, +) / n
        let meanY = peaks.reduce(0, +) / n
        let covariance = zip(xs, peaks).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        let variance = xs.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        let slope = covariance / variance
        let today = meanY + slope * (n - 1 - meanX)
        guard today > 0 else { return (1, 0) }
        let horizon = today + slope * Double(horizonDays)
        return (max(1, horizon / today), slope / today)
    }
}
