import Foundation

/// Credentials an upstream asks for (inputs.md: none, Basic, or Bearer).
public enum HTTPAuth: Sendable, Equatable {
    case none
    case basic(username: String, password: String)
    case bearer(token: String)

    /// The `Authorization` header value, nil for none.
    var header: String? {
        switch self {
        case .none: nil
        case let .basic(username, password): "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        case let .bearer(token): "Bearer " + token
        }
    }
}
