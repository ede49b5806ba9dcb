import Foundation
import Hummingbird
import HummingbirdTesting
@testable import KubeLedgerServer
import Testing

/// The shipped dashboards (outputs.md §3): each a bare model with a title, a uid, a
/// schema version and a tenant variable, whose variables and panel queries the server
/// answers, as a viewer and, for the tenant's dashboards, as a tenant.
@Suite struct DashboardTests {
    typealias Fixture = APIServerTests

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("dashboards")

    static func dashboards() throws -> [(String, [String: Any])] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted().map { name in
            (name, try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as! [String: Any])
        }
    }

    /// Grafana's interval text (`1d`, `6h`) in milliseconds.
    static func milliseconds(_ interval: String?) -> Int {
        guard let interval, let number = Int(interval.dropLast()) else { return 3_600_000 }
        return number * ["m": 60_000, "h": 3_600_000, "d": 86_400_000][interval.suffix(1), default: 1000]
    }

    /// Replaces `$name` in every string of a payload.
    static func substitute(_ value: Any, _ variables: [String: String]) -> Any {
        if var text = value as? String {
            for (name, replacement) in variables { text = text.replacingOccurrences(of: "$" + name, with: replacement) }
            return text
        }
        if let object = value as? [String: Any] { return object.mapValues { substitute($0, variables) } }
        return value
    }

    @Test("four bare dashboard models with title, uid, schemaVersion and a tenant variable; provisioning at apiVersion 1")
    func models() throws {
        let dashboards = try Self.dashboards()
        #expect(dashboards.map(\.0) == ["capacity-and-runway.json", "cluster-cost-overview.json", "rightsizing.json", "tenant-chargeback.json"])
        var uids = Set<String>()
        for (name, model) in dashboards {
            #expect(model["dashboard"] == nil, "\(name) is wrapped")
            #expect(!((model["title"] as? String) ?? "").isEmpty, "\(name)")
            let uid = model["uid"] as? String ?? ""
            #expect(!uid.isEmpty && uids.insert(uid).inserted, "\(name)")
            #expect((model["schemaVersion"] as? Int ?? 0) >= 36, "\(name)")
            let variables = (model["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
            #expect(variables.contains { $0["name"] as? String == "tenant" && $0["type"] as? String == "query" }, "\(name)")
            let panels = model["panels"] as? [[String: Any]] ?? []
            #expect(!panels.isEmpty && panels.allSatisfy { !(($0["targets"] as? [Any]) ?? []).isEmpty }, "\(name)")
        }
        for file in ["provisioning/datasources/kubeledger.yaml", "provisioning/dashboards/kubeledger.yaml"] {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("\napiVersion: 1\n"), "\(file)")
        }
        #expect(try String(contentsOf: Self.folder.appendingPathComponent("provisioning/datasources/kubeledger.yaml"), encoding: .utf8)
            .contains("type: simpod-json-datasource"))
    }

    @Test("every variable and every panel query of every dashboard is answered, with All and with one tenant")
    func panelsAnswer() async throws {
        let app = Application(router: try Fixture.server().router())
        try await app.test(.live) { client in
            for (name, model) in try Self.dashboards() {
                let variables = (model["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
                for variable in variables where variable["type"] as? String == "query" {
                    // The plugin posts the parsed `query.query` as the payload (format json).
                    let query = (variable["query"] as? [String: Any])?["query"] as? String ?? ""
                    let payload = try JSONSerialization.jsonObject(with: Data(query.utf8))
                    let (status, answer) = try await GrafanaRoutesTests.post(client, "/grafana/variable", GrafanaRoutesTests.body(["payload": payload]))
                    #expect(status == .ok, "\(name) variable \(variable["name"] ?? "")")
                    #expect(!((answer as? [[String: String]]) ?? []).isEmpty, "\(name) variable \(variable["name"] ?? "")")
                }
                for panel in model["panels"] as? [[String: Any]] ?? [] {
                    let targets = panel["targets"] as? [[String: Any]] ?? []
                    let title = "\(name): \(panel["title"] ?? "")"
                    // A tenant token is answered on every panel but the capacity plan's (403 by design).
                    let forTenants = !targets.contains { $0["target"] as? String == "capacity_plan" }
                    for (role, tenant) in [("viewer", "*"), ("viewer", "acme")] + (forTenants ? [("tenant:acme", "acme")] : []) {
                        let body = GrafanaRoutesTests.query(
                            targets.map { target in
                                var copy = target
                                copy["payload"] = Self.substitute(target["payload"] ?? [:], ["tenant": tenant, "cluster": "*"])
                                return copy
                            },
                            intervalMs: Self.milliseconds(panel["interval"] as? String)
                        )
                        let (status, answer) = try await GrafanaRoutesTests.post(client, "/grafana/query", body, role: role)
                        #expect(status == .ok, "\(title) as \(role)")
                        let items = answer as? [[String: Any]] ?? []
                        #expect(!items.isEmpty, "\(title) as \(role) for \(tenant)")
                        let values = items.flatMap { item in
                            (item["datapoints"] as? [[Any]] ?? []).map { $0[0] } + (item["rows"] as? [[Any]] ?? []).map { $0 as Any }
                        }
                        #expect(!values.isEmpty, "\(title) as \(role) for \(tenant)")
                    }
                }
            }
        }
    }
}
