import Hummingbird
import KubeLedgerStore

/// Liveness and readiness, the two routes an orchestrator probes before any other.
///
/// Readiness means the store answers a read, so a pod whose volume is gone stops
/// receiving traffic; liveness only means the process serves HTTP.
public enum HealthRoutes {
    public static func add<Context: RequestContext>(to router: Router<Context>, store: LedgerStore) {
        router.get("healthz") { _, _ in "ok\n" }
        router.get("readyz") { _, _ -> Response in
            do {
                _ = try store.appliedMigrations()
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
            } catch {
                return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "store unavailable\n")))
            }
        }
    }
}
