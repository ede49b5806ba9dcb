import ArgumentParser

/// The range check of a numeric option, with the one message every command gives:
/// `--containers: expected a whole number from 5 to 100000, found "-5"` (exit 64).
///
/// Exists because swift-argument-parser reads a dash-led value such as `-5` as an option
/// and answers "Missing value": numeric options take their value unconditionally
/// (`parsing: .unconditional`) and are checked here instead, so a negative or zero value
/// is refused naming the option and what it takes, before anything runs on it.
enum OptionRange {
    /// Refuses a value outside `range`; `expected` says what the option counts (`whole days`).
    static func check<T: BinaryInteger>(_ value: T?, _ option: String, in range: ClosedRange<T>, expected: String = "a whole number") throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(option): expected \(expected) from \(range.lowerBound) to \(range.upperBound), found \"\(value)\"")
    }

    /// Refuses a value under `minimum`, for an option whose upper bound comes from the config.
    static func check<T: BinaryInteger>(_ value: T?, _ option: String, atLeast minimum: T, expected: String = "a whole number") throws {
        guard let value, value < minimum else { return }
        throw ValidationError("\(option): expected \(expected) of at least \(minimum), found \"\(value)\"")
    }
}
