import Foundation
import Hummingbird
import KubeLedgerConfig
import KubeLedgerIngest
import KubeLedgerStore
import Logging

/// The HTTP service of outputs.md §2: health probes without a token, the `/api/v1`
/// endpoints behind bearer tokens, each answering from the stored hourly costs.
public struct APIServer: Sendable {
    public var config: KubeLedgerConfig
    public var catalog: PriceCatalog
    public var store: LedgerStore
    /// The clock, so tests can stand at a fixed instant.
    public var now: @Sendable () -> Int64
    /// How long a request may run before it is answered 503.
    public var requestTimeLimit: Duration = .seconds(30)
    /// The most points one cost answer may hold, over all its clusters.
    public var maxPoints = 50_000
    /// Cost answers kept while the store does not change; nil computes every answer.
    public var responses: ResponseCache? = ResponseCache()

    public init(config: KubeLedgerConfig, catalog: PriceCatalog, store: LedgerStore,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.config = config
        self.catalog = catalog
        self.store = store
        self.now = now
    }

    var costs: CostUpdater { CostUpdater(store: store, config: config, catalog: catalog) }

    /// The cluster named by `cluster`, or every cluster; 404 for an unknown one.
    func clusters(_ parameters: QueryParameters) throws -> [String] {
        guard let name = parameters.string("cluster") else { return config.clusters.map(\.name) }
        guard config.cluster(named: name) != nil else { throw APIError(.notFound, "not_found", "cluster: no cluster \"\(name)\"") }
        return [name]
    }

    /// The answer for `key`, from ``responses`` while the store has not changed since it
    /// was computed.
    func cached(_ key: String, compute: () throws -> Data) throws -> ByteBuffer {
        guard let responses else { return ByteBuffer(bytes: try compute()) }
        return try responses.answer(key, version: try store.version(), compute: compute)
    }

    public func router() -> Router<APIContext> {
        ServiceMetrics.start()
        let router = Router(context: APIContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: ServiceMiddleware(timeLimit: requestTimeLimit))
        HealthRoutes.add(to: router, store: store)
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: ServiceMetrics.exposition())))
        }
        let auth = AuthMiddleware(access: AccessControl(tokens: config.server.tokens))
        let api = router.group("api/v1").add(middleware: auth)
        CostRoutes(server: self).add(to: api)
        InvoiceRoutes(server: self).add(to: api)
        StatusRoutes(server: self).add(to: api)
        ReportRoutes(server: self).add(to: api)
        GrafanaRoutes(server: self).add(to: router.group("grafana").add(middleware: auth).add(middleware: NoQueryParameters()))
        return router
    }
}
