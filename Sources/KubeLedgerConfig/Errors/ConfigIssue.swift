/// One problem found in a configuration file.
///
/// The loader reports every problem in a file at once, so a user fixes them in one pass
/// instead of one start-up per mistake. Each case names the file and the key path (such as
/// `clusters[1].architecture`) so the message points at the line to change; `description`
/// is the one line printed for it, e.g.
/// `kubeledger.yaml: clusters[1].architecture: expected devtest or production, found "prod"`.
///
/// `found` texts are already rendered for people: strings in double quotes (`"prod"`),
/// numbers and booleans bare (`0`), and other nodes by kind (`a mapping`, `a list`, `null`).
public indirect enum ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist.
    case fileNotFound(file: String)
    /// The file exists but could not be read or is not UTF-8 text.
    case unreadable(file: String, reason: String)
    /// The text is not valid YAML; `line` and `column` count from 1 when the parser knows them.
    case syntax(file: String, line: Int?, column: Int?, problem: String)
    /// The node has the wrong shape: a list where a mapping belongs, text where a number belongs.
    case wrongType(file: String, keyPath: String, expected: String, found: String)
    /// The node has the right shape but a value outside what is allowed.
    case invalidValue(file: String, keyPath: String, expected: String, found: String)
    /// A key that has no default is absent (or null).
    case missingKey(file: String, keyPath: String, expected: String)
    /// A key the loader does not know, most often a typo; `suggestion` is the closest known key.
    case unknownKey(file: String, keyPath: String, suggestion: String?, known: [String])
    /// A key that is valid elsewhere but means nothing here, such as `path` on a URL-based source.
    case notApplicable(file: String, keyPath: String, reason: String)
    /// A value that must be unique (a cluster name, a token name) appears twice.
    case duplicate(file: String, keyPath: String, what: String, value: String, firstKeyPath: String)
    /// A `${NAME}` reference names a variable that is not set in the environment.
    case unsetVariable(file: String, keyPath: String, variable: String)
    /// A problem of the file a key names (the `catalog`), told with that key, so the
    /// message leads from the config to the file to fix.
    case inReferencedFile(file: String, keyPath: String, issue: ConfigIssue)
    /// Two files disagree: the config names something (a storage class) the catalog lacks.
    case mismatch(file: String, keyPath: String, problem: String)

    public var description: String {
        switch self {
        case let .fileNotFound(file):
            return "\(file): file not found"
        case let .unreadable(file, reason):
            return "\(file): cannot read the file: \(reason)"
        case let .syntax(file, line, column, problem):
            var place = file
            if let line {
                place += ":\(line)"
                if let column { place += ":\(column)" }
            }
            return "\(place): YAML syntax error: \(problem)"
        case let .wrongType(file, keyPath, expected, found), let .invalidValue(file, keyPath, expected, found):
            return "\(Self.place(file, keyPath)): expected \(expected), found \(found)"
        case let .missingKey(file, keyPath, expected):
            return "\(Self.place(file, keyPath)): required key is missing, expected \(expected)"
        case let .unknownKey(file, keyPath, suggestion, known):
            if let suggestion {
                return "\(Self.place(file, keyPath)): unknown key, did you mean \"\(suggestion)\"?"
            }
            if known.isEmpty {
                return "\(Self.place(file, keyPath)): unknown key"
            }
            return "\(Self.place(file, keyPath)): unknown key, expected one of \(known.joined(separator: ", "))"
        case let .notApplicable(file, keyPath, reason):
            return "\(Self.place(file, keyPath)): \(reason)"
        case let .duplicate(file, keyPath, what, value, firstKeyPath):
            return "\(Self.place(file, keyPath)): duplicate \(what) \"\(value)\", already used at \(firstKeyPath)"
        case let .unsetVariable(file, keyPath, variable):
            return "\(Self.place(file, keyPath)): environment variable \(variable) is not set"
        case let .inReferencedFile(file, keyPath, issue):
            return "\(Self.place(file, keyPath)): \(issue.description)"
        case let .mismatch(file, keyPath, problem):
            return "\(Self.place(file, keyPath)): \(problem)"
        }
    }

    /// The file the issue belongs to.
    public var file: String {
        switch self {
        case let .fileNotFound(file), let .unreadable(file, _), let .syntax(file, _, _, _),
            let .wrongType(file, _, _, _), let .invalidValue(file, _, _, _), let .missingKey(file, _, _),
            let .unknownKey(file, _, _, _), let .notApplicable(file, _, _), let .duplicate(file, _, _, _, _),
            let .unsetVariable(file, _, _), let .inReferencedFile(file, _, _), let .mismatch(file, _, _):
            return file
        }
    }

    /// The key path the issue is about; empty for problems with the file as a whole.
    public var keyPath: String {
        switch self {
        case .fileNotFound, .unreadable, .syntax:
            return ""
        case let .wrongType(_, keyPath, _, _), let .invalidValue(_, keyPath, _, _), let .missingKey(_, keyPath, _),
            let .unknownKey(_, keyPath, _, _), let .notApplicable(_, keyPath, _), let .duplicate(_, keyPath, _, _, _),
            let .unsetVariable(_, keyPath, _), let .inReferencedFile(_, keyPath, _), let .mismatch(_, keyPath, _):
            return keyPath
        }
    }

    private static func place(_ file: String, _ keyPath: String) -> String {
        keyPath.isEmpty ? file : "\(file): \(keyPath)"
    }
}
