import Crypto
import Foundation

/// What an import file held when a job last stored it, so a scheduled run can tell an
/// unchanged file (skipped: re-importing it writes the same facts again) from a new one.
/// The node name pattern is part of it: the same file read with another pattern gives
/// other node-hours.
enum ImportFileHash {
    /// The SHA-256 of the pattern and the file's bytes, in hex; nil when the file cannot be
    /// read (the import itself then says why).
    static func of(path: String, nodeNamePattern: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var hasher = SHA256()
        hasher.update(data: Data(nodeNamePattern.utf8))
        hasher.update(data: Data([0]))
        hasher.update(data: data)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
