/// Replaces `${NAME}` in string values with environment variables, so secrets stay out of the file.
///
/// `NAME` is a letter or `_` followed by letters, digits or `_`. `$${` writes a literal `${`.
/// A `$` not followed by `{` is kept as it is. An unset variable is an error, never an empty
/// string, because an empty password fails much later and much less clearly.
enum EnvironmentSubstitution {
    static let expected = "${NAME} references with NAME made of letters, digits and _ (write $${ for a literal ${)"

    struct Result {
        var text: String
        /// Variables referenced but not set, in order of appearance.
        var unset: [String]
        /// True when a `${` is not followed by a valid name and `}`.
        var malformed: Bool
    }

    static func substitute(_ input: String, environment: [String: String]) -> Result {
        var result = Result(text: "", unset: [], malformed: false)
        let characters = Array(input)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if character == "$", next == "$", index + 2 < characters.count, characters[index + 2] == "{" {
                result.text += "${"
                index += 3
                continue
            }
            guard character == "$", next == "{" else {
                result.text.append(character)
                index += 1
                continue
            }
            guard let close = characters[(index + 2)...].firstIndex(of: "}") else {
                result.malformed = true
                result.text += String(characters[index...])
                break
            }
            let name = String(characters[(index + 2)..<close])
            if isVariableName(name) {
                if let value = environment[name] {
                    result.text += value
                } else if !result.unset.contains(name) {
                    result.unset.append(name)
                }
            } else {
                result.malformed = true
            }
            index = close + 1
        }
        return result
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        func letter(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) || s == "_" }
        return letter(first) && name.unicodeScalars.allSatisfy { letter($0) || ("0"..."9").contains($0) }
    }
}
