/// A `host:port` the HTTP server binds to.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// Loopback by default, so a fresh install exposes nothing until told to.
    public static let `default` = ListenAddress(host: "127.0.0.1", port: 8080)

    /// A host name or IP address; an IPv6 address without its brackets.
    public var host: String
    /// 0 to 65535; 0 asks the system for any free port (tests use it).
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`, with brackets around an IPv6 address.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
