import Foundation
import Yams

/// Loads a price catalog file (cost-model.md §3), reporting every problem with its key
/// path as the config loader does, or gives the catalog shipped with KubeLedger.
public enum CatalogLoader {
    /// The catalog at `path`, or the shipped one when `path` is nil.
    public static func load(path: String?) throws(ConfigErrors) -> PriceCatalog {
        guard let path else { return try parse(yaml: ShippedCatalog.yaml, file: ShippedCatalog.source) }
        guard FileManager.default.fileExists(atPath: path) else { throw ConfigErrors(issues: [.fileNotFound(file: path)]) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigErrors(issues: [.unreadable(file: path, reason: "it could not be read")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigErrors(issues: [.unreadable(file: path, reason: "it is not UTF-8 text")])
        }
        return try parse(yaml: text, file: path)
    }

    /// Validates catalog text as if read from `file`.
    public static func parse(yaml: String, file: String) throws(ConfigErrors) -> PriceCatalog {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw ConfigErrors(issues: [.unreadable(file: file, reason: "it is empty")]) }
            root = node
        } catch let error as ConfigErrors {
            throw error
        } catch {
            throw ConfigErrors(issues: [SyntaxIssue.issue(for: error, file: file, yaml: yaml)])
        }
        let context = LoadContext(file: file, environment: [:], baseDirectory: URL(fileURLWithPath: file).deletingLastPathComponent())
        let catalog = PriceCatalog.read(root: NodeReader(node: root, keyPath: "", context: context), source: file)
        guard context.isClean, let catalog else {
            throw ConfigErrors(issues: context.issues.isEmpty ? [.unreadable(file: file, reason: "the catalog could not be read")] : context.issues)
        }
        return catalog
    }
}
