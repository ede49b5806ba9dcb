import Hummingbird
import KubeLedgerConfig
import Logging

/// The running service of `serve` and `demo`: the API on an address, with slow clients cut
/// off and, when configured, the ingest schedule beside it; one graceful shutdown for both.
public enum KubeLedgerService {
    public static func application(
        server: APIServer, address: ListenAddress, schedule: IngestSchedule?, logger: Logger,
        onRunning: @escaping @Sendable (_ hostAndPort: String) async -> Void
    ) -> some ApplicationProtocol {
        Application(
            router: server.router(),
            // A connection idle for 30 seconds (a slow or stalled client) is closed.
            server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "kubeledger"),
            services: schedule.map { [$0] } ?? [],
            onServerRunning: { channel in await onRunning("\(address.host):\(channel.localAddress?.port ?? address.port)") },
            logger: logger
        )
    }
}
