import Foundation
import KubeLedgerCore
import KubeLedgerIngest

/// A progress bar on a terminal, plain log lines otherwise (pipes, CI, systemd), each
/// saying which hours the day covered and how many facts it wrote.
final class ProgressLine: @unchecked Sendable {
    private let terminal = isatty(STDERR_FILENO) == 1
    private var drawn = false

    func update(_ label: String, _ progress: IngestProgress) {
        let (done, total) = (progress.done, progress.total)
        if terminal {
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            printError("\r\(label) [\(bar)] \(done)/\(total) days", newline: false)
            drawn = true
        } else {
            printError(Self.plain(label, progress))
        }
    }

    /// `cluster-metrics lab: day 2/3 stored, 2026-11-03T00:00:00Z to 2026-11-04T00:00:00Z, 4518 facts`.
    static func plain(_ label: String, _ progress: IngestProgress) -> String {
        "\(label): day \(progress.done)/\(progress.total) stored, \(progress.hours.from) to \(progress.hours.to), \(progress.facts) facts"
    }

    func finish() {
        if drawn { printError("") }
        drawn = false
    }
}
