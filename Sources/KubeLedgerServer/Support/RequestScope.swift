import Hummingbird
import KubeLedgerReports

/// The clusters, tenant and namespace a request asks for and its caller may see, each
/// checked once for every route that takes them: an unknown cluster, tenant or namespace
/// is a 404 naming the parameter, never an empty answer that looks like "no cost".
struct RequestScope {
    var clusters: [String]
    /// A tenant token's own tenant, or the one asked for; nil for every tenant.
    var tenant: String?
    var namespace: String?
}

extension APIServer {
    /// The scope of a request from its `cluster`, `tenant` and `namespace` parameters (those
    /// its route takes).
    ///
    /// A tenant token asking for another tenant is 403 whether that tenant exists or not,
    /// before any lookup, so a token cannot learn which tenants exist; its own tenant is
    /// never refused (a new tenant has no namespace yet). Its namespaces are looked up among
    /// its own tenant's, so another tenant's namespace is as unknown to it as a typo.
    func scope(_ parameters: QueryParameters, caller: Caller) throws -> RequestScope {
        let clusters = try clusters(parameters)
        let tenant = try caller.visibleTenant(asked: parameters.ifTaken("tenant"), parameter: "tenant")
        let namespace = parameters.ifTaken("namespace")
        let asked = tenant.flatMap { $0 == caller.tenant ? nil : $0 }
        guard asked != nil || namespace != nil else { return RequestScope(clusters: clusters, tenant: tenant, namespace: nil) }
        let directory = try TenantDirectory(store: store, clusters: clusters)
        if let asked, let problem = directory.unknownTenant(asked) {
            throw APIError(.notFound, "not_found", "tenant: \(problem)")
        }
        if let namespace, let problem = directory.unknownNamespace(namespace, of: caller.tenant) {
            throw APIError(.notFound, "not_found", "namespace: \(problem)")
        }
        return RequestScope(clusters: clusters, tenant: tenant, namespace: namespace)
    }
}
