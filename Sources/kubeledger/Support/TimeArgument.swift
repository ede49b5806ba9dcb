import ArgumentParser
import KubeLedgerCore

/// An instant on the command line: RFC 3339 (`2026-03-01T00:00:00Z`) or a date (`2026-03-01`, midnight UTC).
struct TimeArgument: ExpressibleByArgument, Sendable {
    let epochSeconds: Int64

    init?(argument: String) {
        if let seconds = UTCTime.parse(argument) {
            epochSeconds = seconds
        } else if let seconds = UTCTime.parse(argument + "T00:00:00Z") {
            epochSeconds = seconds
        } else {
            return nil
        }
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension Architecture: ExpressibleByArgument {}
