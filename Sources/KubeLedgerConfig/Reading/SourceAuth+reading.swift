extension SourceAuth {
    static let keys = ["type", "username", "password", "token"]

    /// Reads `auth: { type: none | basic {username, password} | bearer {token} }`.
    static func read(_ node: NodeReader) -> SourceAuth? {
        let expected = "none, basic or bearer"
        guard let map = node.mapping(known: keys, expected: "a mapping with type \(expected)") else { return nil }
        let kind = map.required("type", expected: expected).flatMap { typeNode -> String? in
            guard let text = typeNode.string(expected: expected) else { return nil }
            guard ["none", "basic", "bearer"].contains(text) else {
                typeNode.invalid(expected: expected, found: NodeReader.quoted(text))
                return nil
            }
            return text
        }
        switch kind {
        case "none":
            for key in ["username", "password", "token"] { map.reject(key, reason: "not used with auth type none") }
            return SourceAuth.none
        case "basic":
            map.reject("token", reason: "not used with auth type basic (use username and password)")
            let username = map.required("username", expected: "a user name").flatMap { $0.nonEmptyString() }
            let password = map.required("password", expected: "a password").flatMap { $0.nonEmptyString() }
            guard let username, let password else { return nil }
            return .basic(username: username, password: password)
        case "bearer":
            for key in ["username", "password"] { map.reject(key, reason: "not used with auth type bearer (use token)") }
            guard let token = map.required("token", expected: "a token").flatMap({ $0.nonEmptyString() }) else { return nil }
            return .bearer(token: token)
        default:
            return nil
        }
    }
}
