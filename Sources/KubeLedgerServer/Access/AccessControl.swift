import Crypto
import Foundation
import Hummingbird
import KubeLedgerConfig

/// Who is calling: the token's name and role, once its bearer token matched a hash in config.
public struct Caller: Sendable, Equatable {
    public var name: String
    public var role: TokenRole

    /// The only tenant this caller may see; nil for the roles that see every tenant.
    public var tenant: String? {
        if case let .tenant(name) = role { return name }
        return nil
    }

    /// The tenant a request may see: a tenant token's own (403 naming `parameter` when it
    /// asks for another), else the one asked for, nil for every tenant.
    func visibleTenant(asked: String?, parameter: String) throws -> String? {
        guard let own = tenant else { return asked }
        if let asked, asked != own {
            throw APIError(.forbidden, "forbidden", "\(parameter): a token of tenant \(own) sees only tenant \(own)")
        }
        return own
    }
}

/// Checks bearer tokens against the SHA-256 hashes of config (outputs.md §2, Access): the
/// file never holds a usable secret, and a token is compared by its hash.
public struct AccessControl: Sendable {
    private let byHash: [String: Caller]

    public init(tokens: [TokenSettings]) {
        byHash = Dictionary(tokens.map { ($0.sha256, Caller(name: $0.name, role: $0.role)) }) { first, _ in first }
    }

    public static func hash(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    /// Lower-case hex digits, two per byte. Every request hashes its token: `String(format:)`
    /// per byte had cost more than the hash.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A new random token (32 bytes, hex) and its hash.
    public static func newToken() -> (token: String, sha256: String) {
        var generator = SystemRandomNumberGenerator()
        let token = "kl_" + hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return (token, hash(token))
    }

    /// The caller of a request, or 401 when the token is missing or unknown.
    func caller(of request: Request) throws -> Caller {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError(.unauthorized, "unauthorized", "this endpoint needs a bearer token (Authorization: Bearer …)")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let caller = byHash[Self.hash(token)] else { throw APIError(.unauthorized, "unauthorized", "unknown token") }
        return caller
    }
}

/// The request context of the API: who is calling, once the middleware knows.
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var caller: Caller?

    public init(source: Source) {
        coreContext = .init(source: source)
        caller = nil
    }

    /// The caller, or 401.
    func requireCaller() throws -> Caller {
        guard let caller else { throw APIError(.unauthorized, "unauthorized", "this endpoint needs a bearer token") }
        return caller
    }
}

/// Resolves the caller of every `/api/v1` and `/grafana` request before its route runs.
struct AuthMiddleware: RouterMiddleware {
    let access: AccessControl

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var context = context
        context.caller = try access.caller(of: request)
        return try await next(request, context)
    }
}
