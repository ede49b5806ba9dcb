import Yams

/// Turns a Yams parse failure into a ``ConfigIssue/syntax(file:line:column:problem:)`` with
/// the position (1-based) where the parser gave one.
enum SyntaxIssue {
    static func issue(for error: any Error, file: String, yaml: String) -> ConfigIssue {
        guard let yamlError = error as? YamlError else {
            return .syntax(file: file, line: nil, column: nil, problem: String(describing: error))
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _):
            return positioned(file: file, context: context, problem: problem, mark: mark)
        case let .parser(context, problem, mark, _):
            return positioned(file: file, context: context, problem: problem, mark: mark)
        case let .composer(context, problem, mark, _):
            return positioned(file: file, context: context, problem: problem, mark: mark)
        case let .reader(problem, offset, _, _):
            let place = offset.flatMap { Self.position(ofCharacter: $0, in: yaml) }
            return .syntax(file: file, line: place?.line, column: place?.column, problem: problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            let noun = duplicates.count == 1 ? "key" : "keys"
            return .syntax(file: file, line: context.mark.line, column: context.mark.column, problem: "duplicate \(noun) \(keys) in one mapping")
        default:
            return .syntax(file: file, line: nil, column: nil, problem: yamlError.description)
        }
    }

    private static func positioned(file: String, context: YamlError.Context?, problem: String, mark: Mark) -> ConfigIssue {
        var text = problem
        if let context {
            text += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        return .syntax(file: file, line: mark.line, column: mark.column, problem: text)
    }

    /// 1-based line and column of the character at `offset`.
    static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int)? {
        guard offset >= 0, offset <= text.count else { return nil }
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
