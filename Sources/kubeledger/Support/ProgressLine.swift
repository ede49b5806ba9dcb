import Foundation

/// A progress bar on a terminal, plain log lines otherwise (pipes, CI, systemd).
final class ProgressLine: @unchecked Sendable {
    private let terminal = isatty(STDERR_FILENO) == 1
    private var drawn = false

    func update(_ label: String, _ done: Int, _ total: Int) {
        if terminal {
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            printError("\r\(label) [\(bar)] \(done)/\(total) days", newline: false)
            drawn = true
        } else {
            printError("\(label): day \(done)/\(total) stored")
        }
    }

    func finish() {
        if drawn { printError("") }
        drawn = false
    }
}
