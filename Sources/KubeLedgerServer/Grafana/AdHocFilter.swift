import Foundation

/// One of Grafana's ad-hoc filters (`{key, operator, value}`), on a cluster, tenant or
/// namespace; regular expressions are anchored at both ends, as Grafana's own.
struct AdHocFilter {
    enum Key: String, CaseIterable { case cluster, tenant, namespace }

    let key: Key
    let matches: (String) -> Bool

    init(_ body: JSONBody) throws {
        let keyText = try body.requiredString("key")
        guard let key = Key(rawValue: keyText) else {
            throw APIError.badParameter("\(body.path).key", "expected one of cluster, tenant, namespace, found \"\(keyText)\"")
        }
        let value = try body.string("value") ?? ""
        let op = try body.string("operator") ?? "="
        self.key = key
        switch op {
        case "=": matches = { $0 == value }
        case "!=": matches = { $0 != value }
        case "=~", "!~":
            let expression: NSRegularExpression
            do {
                expression = try NSRegularExpression(pattern: "^(?:\(value))$")
            } catch {
                throw APIError.badParameter("\(body.path).value", "not a regular expression: \"\(value)\"")
            }
            let wanted = op == "=~"
            matches = { text in
                (expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil) == wanted
            }
        default:
            throw APIError.badParameter("\(body.path).operator", "expected =, !=, =~ or !~, found \"\(op)\"")
        }
    }
}

/// What a Grafana target asks about: its clusters, tenant and namespaces, from its payload
/// and the dashboard's ad-hoc filters, narrowed to what the caller may see.
struct GrafanaSelection {
    var clusters: [String]
    /// The one tenant asked for (or the caller's own); nil for every tenant.
    var tenant: String?
    var filters: [AdHocFilter]
    var namespace: String?

    /// A payload value: nil for Grafana's ways of saying "every value" (a variable set to
    /// All); the datasource escapes a variable's value as a regular expression (`a\.b`),
    /// which is undone here.
    static func value(_ text: String?) -> String? {
        guard let text, !text.isEmpty, !["*", "All", "all", "$__all", ".*"].contains(text) else { return nil }
        guard text.contains("\\") else { return text }
        var result = ""
        var escaped = false
        for character in text {
            if character == "\\", !escaped {
                escaped = true
                continue
            }
            result.append(character)
            escaped = false
        }
        return result
    }

    func keeps(_ key: AdHocFilter.Key, _ value: String) -> Bool {
        filters.allSatisfy { $0.key != key || $0.matches(value) }
    }

    /// The tenant test of the ad-hoc filters, nil when every tenant passes. Cost reports
    /// apply it to the rows before they are added up, so a `cluster`, `node` or `label:`
    /// entry that several tenants reach holds exactly the kept tenants' part.
    var tenants: ((String) -> Bool)? {
        guard filters.contains(where: { $0.key == .tenant }) else { return nil }
        return { [filters] candidate in filters.allSatisfy { $0.key != .tenant || $0.matches(candidate) } }
    }

    /// The namespace test of this selection, nil when every namespace passes.
    var namespaces: ((String) -> Bool)? {
        let byFilter = filters.contains { $0.key == .namespace }
        guard namespace != nil || byFilter else { return nil }
        return { [namespace, filters] candidate in
            (namespace == nil || candidate == namespace) && filters.allSatisfy { $0.key != .namespace || $0.matches(candidate) }
        }
    }
}
