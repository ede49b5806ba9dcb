import Hummingbird
import HummingbirdTesting
import KubeLedgerServer
import KubeLedgerStore
import Testing

@Suite struct HealthRoutesTests {
    @Test("liveness and readiness answer 200 on a working store")
    func probes() async throws {
        let router = Router()
        HealthRoutes.add(to: router, store: try LedgerStore())
        let app = Application(router: router)
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ready\n")
            }
        }
    }
}
