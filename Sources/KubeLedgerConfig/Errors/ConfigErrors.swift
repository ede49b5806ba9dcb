/// Every problem found in one configuration file, thrown by ``ConfigLoader``.
///
/// A single error type carrying a list, rather than the first ``ConfigIssue``, so that
/// `check-config` and start-up can show the whole list at once. `description` prints one
/// issue per line, in file order, ready for standard error.
public struct ConfigErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in the order the loader walks the file (cross-key checks last); never empty when thrown.
    public var issues: [ConfigIssue]

    public init(issues: [ConfigIssue]) {
        self.issues = issues
    }

    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
