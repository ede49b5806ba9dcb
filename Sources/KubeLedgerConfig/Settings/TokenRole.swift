/// What a bearer token may see and do (outputs.md §2, Access).
public enum TokenRole: Sendable, Hashable, CustomStringConvertible {
    /// Everything.
    case admin
    /// All tenants; may close months.
    case finance
    /// All tenants, read only.
    case viewer
    /// One tenant's own data only.
    case tenant(String)

    /// Parses `admin`, `finance`, `viewer` or `tenant:<name>`, where the name is a Capsule
    /// tenant name (a Kubernetes object name: lowercase letters, digits, `-` and `.`,
    /// starting and ending with a letter or digit, at most 253 characters).
    public init?(_ text: String) {
        switch text {
        case "admin": self = .admin
        case "finance": self = .finance
        case "viewer": self = .viewer
        default:
            let prefix = "tenant:"
            guard text.hasPrefix(prefix) else { return nil }
            let name = String(text.dropFirst(prefix.count))
            guard Self.isTenantName(name) else { return nil }
            self = .tenant(name)
        }
    }

    /// The form written in the file.
    public var description: String {
        switch self {
        case .admin: "admin"
        case .finance: "finance"
        case .viewer: "viewer"
        case let .tenant(name): "tenant:\(name)"
        }
    }

    static func isTenantName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, scalars.count <= 253 else { return false }
        func alphanumeric(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("0"..."9").contains(s) }
        return alphanumeric(first) && alphanumeric(last) && scalars.allSatisfy { alphanumeric($0) || $0 == "-" || $0 == "." }
    }
}
