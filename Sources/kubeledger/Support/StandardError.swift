import Foundation

/// Writes a line to standard error, where diagnostics go so standard output stays data.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}
