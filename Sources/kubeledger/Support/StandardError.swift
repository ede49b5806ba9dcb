import Foundation

/// Writes a line to standard error, where diagnostics go so standard output stays data.
func printError(_ text: String, newline: Bool = true) {
    FileHandle.standardError.write(Data((newline && !text.hasSuffix("\n") ? text + "\n" : text).utf8))
}
