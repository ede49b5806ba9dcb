extension TokenSettings {
    static let keys = ["name", "role", "sha256"]
    static let roleExpected = "admin, finance, viewer or tenant:<name>"
    static let hashExpected = "64 lowercase hexadecimal characters (a SHA-256 hash)"

    static func read(_ node: NodeReader) -> TokenSettings? {
        guard let map = node.mapping(known: keys, expected: "a mapping with name, role and sha256") else { return nil }
        let name = map.required("name", expected: "a token name").flatMap { $0.nonEmptyString(expected: "a token name") }
        let role = map.required("role", expected: roleExpected).flatMap { roleNode -> TokenRole? in
            guard let text = roleNode.string(expected: roleExpected) else { return nil }
            guard let role = TokenRole(text) else {
                roleNode.invalid(expected: roleExpected, found: NodeReader.quoted(text))
                return nil
            }
            return role
        }
        let hash = map.required("sha256", expected: hashExpected).flatMap { hashNode -> String? in
            guard let text = hashNode.string(expected: hashExpected) else { return nil }
            guard isSHA256(text) else {
                // Never echo the value: a user may have pasted the token itself instead of its hash.
                let found = text.count == 64 ? "64 characters, not all lowercase hexadecimal" : "\(text.count) characters"
                hashNode.invalid(expected: hashExpected, found: found)
                return nil
            }
            return text
        }
        guard let name, let role, let hash else { return nil }
        return TokenSettings(name: name, role: role, sha256: hash)
    }

    static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
