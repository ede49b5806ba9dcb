/// One API token, of which config keeps only the SHA-256 hash (outputs.md §2, Access).
///
/// `kubeledger token create` prints the token once and this entry; the server hashes each
/// presented bearer token and looks the hash up, so the file never holds a usable secret.
public struct TokenSettings: Sendable, Equatable {
    /// Unique among tokens; names the token in logs and audits.
    public var name: String
    public var role: TokenRole
    /// SHA-256 of the token, 64 lowercase hexadecimal characters.
    public var sha256: String

    public init(name: String, role: TokenRole, sha256: String) {
        self.name = name
        self.role = role
        self.sha256 = sha256
    }
}
