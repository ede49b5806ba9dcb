import Foundation
import Yams

/// Loads and validates the KubeLedger configuration file (outputs.md §4).
///
/// The tree is walked by hand (Yams `compose`, not `Decodable`) so that one run reports
/// every problem in the file, each with its key path, instead of stopping at the first.
public enum ConfigLoader {
    /// Where commands look when `--config` is not given.
    public static let defaultPath = "./kubeledger.yaml"

    /// Reads and validates the file at `path`.
    ///
    /// Relative paths inside the file (`store.path`, `catalog`, `iaas.path`) are resolved
    /// against the directory holding the file, not the working directory, so the file means
    /// the same thing whoever starts the service and from where.
    ///
    /// - Parameters:
    ///   - path: The file; messages name it as given.
    ///   - environment: Values for `${NAME}` references; the process environment by default.
    /// - Returns: The typed configuration, defaults filled in.
    /// - Throws: ``ConfigErrors`` with every problem found: ``ConfigIssue/fileNotFound(file:)``,
    ///   ``ConfigIssue/unreadable(file:reason:)``, a syntax error, or the issues of ``parse(yaml:file:environment:)``.
    public static func load(
        path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigErrors) -> KubeLedgerConfig {
        return try parse(yaml: try text(path: path), file: path, environment: environment)
    }

    /// The file's text, or why it cannot be had.
    static func text(path: String) throws(ConfigErrors) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigErrors(issues: [.fileNotFound(file: path)])
        }
        guard !isDirectory.boolValue else {
            throw ConfigErrors(issues: [.unreadable(file: path, reason: "it is a directory")])
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigErrors(issues: [.unreadable(file: path, reason: error.localizedDescription)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigErrors(issues: [.unreadable(file: path, reason: "it is not UTF-8 text")])
        }
        return text
    }

    /// Validates configuration text as if it were read from `file`.
    ///
    /// - Parameters:
    ///   - yaml: The file's content.
    ///   - file: The name used in messages; its directory (against the working directory when
    ///     relative) is where relative paths inside the text start.
    ///   - environment: Values for `${NAME}` references; the process environment by default.
    /// - Throws: ``ConfigErrors`` listing every problem, in the order met.
    public static func parse(
        yaml: String,
        file: String = "kubeledger.yaml",
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigErrors) -> KubeLedgerConfig {
        let (config, context) = try read(yaml: yaml, file: file, environment: environment)
        guard context.isClean, let config else {
            let issues =
                context.issues.isEmpty
                ? [ConfigIssue.unreadable(file: file, reason: "the configuration could not be read")] : context.issues
            throw ConfigErrors(issues: issues)
        }
        return config
    }

    /// Reads the text, keeping what the walk found (issues, the `catalog` key) for the caller.
    static func read(yaml: String, file: String, environment: [String: String]) throws(ConfigErrors) -> (KubeLedgerConfig?, LoadContext) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigErrors(issues: [SyntaxIssue.issue(for: error, file: file, yaml: yaml)])
        }
        let baseDirectory = URL(fileURLWithPath: file).deletingLastPathComponent()
        let context = LoadContext(file: file, environment: environment, baseDirectory: baseDirectory)
        return (KubeLedgerConfig.read(root: root, context: context), context)
    }
}
