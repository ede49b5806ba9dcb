/// The HTTP server of `serve` (outputs.md §2).
public struct ServerSettings: Sendable, Equatable {
    public var listen: ListenAddress
    /// API tokens; none by default, in which case only the unauthenticated endpoints answer.
    public var tokens: [TokenSettings]

    public init(listen: ListenAddress = .default, tokens: [TokenSettings] = []) {
        self.listen = listen
        self.tokens = tokens
    }
}
