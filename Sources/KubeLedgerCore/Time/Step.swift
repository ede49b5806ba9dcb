/// The 5-minute grid of raw samples (inputs.md, "From steps to hours").
///
/// The value at step `t` stands for `(t - 5m, t]`, so hour `h` is made of the twelve steps
/// `h+5m ... h+60m`. Steps are whole seconds since the epoch, multiples of 300.
public enum Step {
    public static let seconds: Int64 = 300
    public static let perHour = 12
    public static let perDay = 288

    /// The steps whose values make up `hour`, in order.
    public static func steps(of hour: Hour) -> StrideThrough<Int64> {
        stride(from: hour.start + seconds, through: hour.end, by: Int(seconds))
    }

    /// The hour that a step's value belongs to.
    public static func hour(of step: Int64) -> Hour { Hour(containing: step - seconds) }

    /// An hour's value from the sum of its twelve step values, absent steps counting 0:
    /// the mean, rounded half up to the unit (inputs.md, "From steps to hours").
    public static func hourlyMean(_ sum: Int64) -> Int64 {
        let shifted = sum + 6
        return shifted >= 0 ? shifted / 12 : -((-shifted + 11) / 12)
    }

    /// The step whose interval `(t - 5m, t]` holds the instant.
    public static func containing(_ epochSeconds: Int64) -> Int64 {
        let rem = ((epochSeconds % seconds) + seconds) % seconds
        return rem == 0 ? epochSeconds : epochSeconds - rem + seconds
    }
}
