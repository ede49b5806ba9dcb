/// How KubeLedger authenticates to a source over HTTP.
///
/// Credentials are usually `${NAME}` references in the file, replaced from the environment
/// at load time; the values here are the real secrets, so never log them.
public enum SourceAuth: Sendable, Equatable {
    /// No credentials (the default).
    case none
    /// HTTP Basic; for the Cloud Temple console, a personal access token's id and secret.
    case basic(username: String, password: String)
    /// `Authorization: Bearer <token>`; for Xen Orchestra, the `authenticationToken`.
    case bearer(token: String)

    /// The `type` value naming this kind in the file: `none`, `basic` or `bearer`.
    public var typeName: String {
        switch self {
        case .none: "none"
        case .basic: "basic"
        case .bearer: "bearer"
        }
    }
}
