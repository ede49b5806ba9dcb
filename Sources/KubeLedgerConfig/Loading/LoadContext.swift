import Foundation
import Yams

/// What one load shares while walking the tree: the file name for messages, the environment
/// for `${NAME}`, the directory relative paths start from, and the issues found so far.
///
/// A class so that every ``NodeReader`` appends to the same list; one load uses it on one
/// thread from start to end, and it never escapes ``ConfigLoader``.
final class LoadContext {
    let file: String
    let environment: [String: String]
    let baseDirectory: URL
    private var reported: [(issue: ConfigIssue, line: Int, column: Int, order: Int)] = []
    /// The `catalog` key as read: absent (the shipped catalog), a path, or invalid (reported).
    var catalog: CatalogKey = .absent

    enum CatalogKey: Equatable {
        case absent
        case path(String)
        case invalid
    }

    init(file: String, environment: [String: String], baseDirectory: URL) {
        self.file = file
        self.environment = environment
        self.baseDirectory = baseDirectory
    }

    /// Records an issue at the position of `node` (a missing key at its mapping's position);
    /// issues with no node sort after all others, in the order reported.
    func report(_ issue: ConfigIssue, at node: Node?) {
        let mark = node?.mark
        reported.append((issue, mark?.line ?? Int.max, mark?.column ?? Int.max, reported.count))
    }

    /// The issues in file order, so the list reads top to bottom like the file.
    var issues: [ConfigIssue] {
        reported.sorted { ($0.line, $0.column, $0.order) < ($1.line, $1.column, $1.order) }.map(\.issue)
    }

    var isClean: Bool { reported.isEmpty }
}
