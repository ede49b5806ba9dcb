import Foundation
import KubeLedgerCore

/// The summary `check-config` prints for a valid file.
extension KubeLedgerConfig {
    /// One line per setting group, with the defaults filled in and relative paths resolved,
    /// so a user sees what the service will actually do. Never includes credentials or
    /// token hashes: the output may end up in a ticket or a CI log.
    public var summary: String {
        var lines = [
            "store: \(store.path) (5-minute samples kept \(store.rawRetentionDays) days)",
            "catalog: \(catalog ?? "the shipped default")",
            "billing: time zone \(billing.timezone), provider \(billing.providerName)",
            "sharing: shared \(sharing.shared.rawValue), idle \(sharing.idle.rawValue)",
            "namespaces: storage \(namespaces.storage.joined(separator: ", ")); platform \(namespaces.platform.joined(separator: ", "))",
            "storage classes: " + storageClasses.replicas.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
                + ", any other ×\(storageClasses.defaultReplicas)",
            "clusters: \(clusters.count)",
        ]
        for cluster in clusters {
            var line =
                "  \(cluster.name): \(cluster.architecture.rawValue), region \(cluster.region), "
                + "account \(cluster.billing.accountID); prometheus \(Self.display(cluster.prometheus.url))"
            switch cluster.iaas.source {
            case let .cloudTempleMetrics(url, _):
                line += "; iaas cloudtemple-metrics \(Self.display(url))"
            case let .xenOrchestra(url, _, srClasses, _):
                line += "; iaas xen-orchestra \(Self.display(url)) (\(srClasses.count) storage repositories mapped)"
            case let .file(path):
                line += "; iaas file \(path)"
            }
            if let opencost = cluster.opencost {
                line += "; \(opencost.kind.rawValue) \(Self.display(opencost.url))"
            }
            lines.append(line)
        }
        let start = ingest.start.map(Self.utcText) ?? "35 days ago"
        lines += [
            "ingest: start \(start), lookback \(DurationText.format(ingest.lookbackSeconds)), "
                + "settle \(DurationText.format(ingest.settleSeconds)), every \(DurationText.format(ingest.everySeconds))",
            "server: listen \(server.listen), tokens \(server.tokens.isEmpty ? "none" : server.tokens.map { "\($0.name) (\($0.role))" }.joined(separator: ", "))",
            "capacity: basis \(capacity.basis.rawValue), horizon \(capacity.horizonDays) days, window \(capacity.windowDays) days",
        ]
        return lines.joined(separator: "\n")
    }

    /// A URL without any user name or password it may carry, for printing.
    static func display(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false), components.user != nil || components.password != nil
        else { return url.absoluteString }
        components.user = nil
        components.password = nil
        return components.string ?? url.absoluteString
    }

    /// `2026-01-01T00:00:00Z` for seconds since the Unix epoch.
    static func utcText(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: Int(days))
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(Int64(month)))-\(two(Int64(day)))T\(two(rest / 3_600)):\(two(rest % 3_600 / 60)):\(two(rest % 60))Z"
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
