import Yams

/// One node of the YAML tree with its key path, able to read itself as a typed value.
///
/// Every read either returns a value or reports a ``ConfigIssue`` to the shared
/// ``LoadContext`` and returns nil, so the walk goes on and finds the next problem too.
struct NodeReader {
    let node: Node
    let keyPath: String
    let context: LoadContext

    /// The resolved YAML tag (`int`, `str`, `null`...) of the node.
    var tagName: Tag.Name {
        Tag.Name(rawValue: node.tag.rawValue)
    }

    /// The node as a user reads it in the file, for the `found` half of a message.
    var found: String {
        switch node {
        case let .scalar(scalar):
            switch tagName {
            case .null:
                return "null"
            case .int, .float, .bool:
                return scalar.string
            default:
                return Self.quoted(scalar.string)
            }
        case .mapping:
            return "a mapping"
        case .sequence:
            return "a list"
        case .alias:
            return "an alias"
        }
    }

    /// True for `~`, `null` or an empty value, which the loader treats as an omitted key.
    var isNull: Bool {
        if case .scalar = node, tagName == .null { return true }
        return false
    }

    /// Reads a mapping, reporting any key not in `known` (with the closest known key as a hint).
    func mapping(known: [String], expected: String = "a mapping") -> MappingReader? {
        guard case let .mapping(mapping) = node else {
            wrongType(expected: expected)
            return nil
        }
        var entries: [(key: String, reader: NodeReader)] = []
        for (keyNode, valueNode) in mapping {
            guard case let .scalar(keyScalar) = keyNode else {
                context.report(
                    .wrongType(
                        file: context.file,
                        keyPath: keyPath,
                        expected: "keys that are plain names",
                        found: "a key that is \(NodeReader(node: keyNode, keyPath: keyPath, context: context).found)"
                    ),
                    at: keyNode
                )
                continue
            }
            let key = keyScalar.string
            let reader = NodeReader(node: valueNode, keyPath: KeyPath.appending(key, to: keyPath), context: context)
            if !known.isEmpty && !known.contains(key) {
                context.report(
                    .unknownKey(file: context.file, keyPath: reader.keyPath, suggestion: KeySuggestion.closest(to: key, among: known), known: known),
                    at: keyNode
                )
                continue
            }
            entries.append((key, reader))
        }
        return MappingReader(reader: self, entries: entries)
    }

    /// Reads a list, each element with its `[index]` key path.
    func list(expected: String) -> [NodeReader]? {
        guard case let .sequence(sequence) = node else {
            wrongType(expected: expected)
            return nil
        }
        return sequence.enumerated().map { index, element in
            NodeReader(node: element, keyPath: KeyPath.appending(index: index, to: keyPath), context: context)
        }
    }

    /// The scalar's text with `${NAME}` replaced; nil (reported) for another kind of node,
    /// an unset variable or a malformed reference.
    func string(expected: String = "a string") -> String? {
        guard case let .scalar(scalar) = node, !isNull else {
            wrongType(expected: expected)
            return nil
        }
        let result = EnvironmentSubstitution.substitute(scalar.string, environment: context.environment)
        for variable in result.unset {
            context.report(.unsetVariable(file: context.file, keyPath: keyPath, variable: variable), at: node)
        }
        if result.malformed {
            context.report(
                .invalidValue(file: context.file, keyPath: keyPath, expected: EnvironmentSubstitution.expected, found: Self.quoted(scalar.string)),
                at: node
            )
        }
        guard result.unset.isEmpty, !result.malformed else { return nil }
        return result.text
    }

    /// A string that must not be empty (names, classes, credentials).
    func nonEmptyString(expected: String = "a non-empty string") -> String? {
        guard let text = string(expected: expected) else { return nil }
        guard !text.isEmpty else {
            invalid(expected: expected, found: Self.quoted(text))
            return nil
        }
        return text
    }

    /// A plain integer (not a quoted one: the JSON Schema says integer), checked against `isValid`.
    func int(expected: String, isValid: (Int) -> Bool = { _ in true }) -> Int? {
        guard case let .scalar(scalar) = node, tagName == .int, let value = Int(scalar.string) else {
            wrongType(expected: expected)
            return nil
        }
        guard isValid(value) else {
            invalid(expected: expected, found: scalar.string)
            return nil
        }
        return value
    }

    /// A number written as an integer or a decimal (`1`, `0.65`).
    func number(expected: String, isValid: (Double) -> Bool = { _ in true }) -> Double? {
        guard case let .scalar(scalar) = node, tagName == .int || tagName == .float, let value = Double(scalar.string), value.isFinite else {
            wrongType(expected: expected)
            return nil
        }
        guard isValid(value) else {
            invalid(expected: expected, found: scalar.string)
            return nil
        }
        return value
    }

    /// One of an enum's raw values, listed in the message as `a, b or c`.
    func choice<Choice: RawRepresentable & CaseIterable>(_ type: Choice.Type) -> Choice? where Choice.RawValue == String {
        let expected = Self.alternatives(Choice.allCases.map(\.rawValue))
        guard let text = string(expected: expected) else { return nil }
        guard let value = Choice(rawValue: text) else {
            invalid(expected: expected, found: Self.quoted(text))
            return nil
        }
        return value
    }

    func wrongType(expected: String) {
        context.report(.wrongType(file: context.file, keyPath: keyPath, expected: expected, found: found), at: node)
    }

    func invalid(expected: String, found: String) {
        context.report(.invalidValue(file: context.file, keyPath: keyPath, expected: expected, found: found), at: node)
    }

    /// `"text"` with quotes, backslashes and control characters escaped, so the value is unambiguous.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// `a`, `a or b`, `a, b or c`.
    static func alternatives(_ values: [String]) -> String {
        guard let last = values.last else { return "" }
        let head = values.dropLast()
        return head.isEmpty ? last : "\(head.joined(separator: ", ")) or \(last)"
    }
}
