import Hummingbird
import KubeLedgerStore

/// Liveness and readiness, the two routes an orchestrator probes before any other.
///
/// Readiness means the store answers a read, so a pod whose volume is gone stops
/// receiving traffic; liveness only means the process serves HTTP.
public enum HealthRoutes {
    public static func add<Context: RequestContext>(to router: Router<Context>, store: LedgerStore) {
        router.get("healthz") { _, _ in text(.ok, "ok\n") }
        router.get("readyz") { _, _ -> Response in
            do {
                _ = try store.appliedMigrations()
                return text(.ok, "ready\n")
            } catch {
                return text(.serviceUnavailable, "store unavailable\n")
            }
        }
    }

    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
