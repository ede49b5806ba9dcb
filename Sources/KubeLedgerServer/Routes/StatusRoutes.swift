import Hummingbird
import KubeLedgerConfig
import KubeLedgerIngest
import KubeLedgerCore
import KubeLedgerStore

/// `GET /api/v1/ingest/status`: each job's watermark, last run, last error and lag.
struct StatusRoutes {
    let server: APIServer

    struct Job: Encodable {
        let job, cluster: String
        let watermark: String?
        let lastRunAt: String
        let lastSuccessAt: String?
        let lastError: String?
        /// Seconds between now and the watermark.
        let lagSeconds: Int64?
    }

    func add(to group: RouterGroup<APIContext>) {
        group.get("ingest/status") { request, context in
            let caller = try context.requireCaller()
            guard caller.tenant == nil else { throw APIError(.forbidden, "forbidden", "ingest status is not for tenant tokens") }
            _ = try QueryParameters(request, takes: [])
            let now = server.now()
            return try Body.json(try server.store.jobStatuses().map { status in
                Job(job: status.job, cluster: status.cluster, watermark: status.watermark.map { UTCTime.format($0.start) },
                    lastRunAt: UTCTime.format(status.lastRunAt), lastSuccessAt: status.lastSuccessAt.map(UTCTime.format), lastError: status.lastError,
                    lagSeconds: status.watermark.map { now - $0.start })
            })
        }
    }
}
