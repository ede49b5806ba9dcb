import Foundation
import Yams

extension TokenSettings {
    /// The entry as one line to add under `server.tokens`:
    /// `- {name: "…", role: "…", sha256: "…"}`, each value a double-quoted YAML scalar
    /// written by Yams.
    ///
    /// A name is whatever `--name` was given, and pasted unquoted a name such as
    /// `a: b, #c` would change the mapping (`:` and `,` end a plain scalar in flow style,
    /// ` #` starts a comment); written by the emitter, the line reads back as the same
    /// name, role and hash.
    /// - Throws: what the YAML emitter reports; it has nothing to refuse in a Swift string.
    public func configLine() throws -> String {
        let value = { (text: String) in Node.scalar(Node.Scalar(text, Tag(.str), .doubleQuoted)) }
        let entry = Node.mapping(Node.Mapping(
            [(Node.scalar(Node.Scalar("name")), value(name)), (Node.scalar(Node.Scalar("role")), value(role.description)),
             (Node.scalar(Node.Scalar("sha256")), value(sha256))],
            Tag(.map), .flow
        ))
        // Width -1: never folded onto a second line, however long the name.
        let text = try Yams.serialize(node: entry, width: -1, allowUnicode: true)
        return "- " + text.trimmingCharacters(in: .newlines)
    }
}
