import ArgumentParser
import Foundation
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerReports

/// `kubeledger reconcile`: KubeLedger beside OpenCost/Kubecost, per namespace and day.
struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare each namespace's daily cost with the stored OpenCost/Kubecost allocation.",
        discussion: "Both sides are the namespace's own CPU, RAM and storage cost, before shares of platform and idle cost."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Option(help: "Config file.") var config = ConfigLoader.defaultPath
    @Option(help: "First instant (RFC 3339 or YYYY-MM-DD).") var from: TimeArgument
    @Option(help: "End, exclusive (RFC 3339 or YYYY-MM-DD).") var to: TimeArgument
    @Option(help: "Only this cluster (default: all).") var cluster: String?
    @Option(help: "table, json or csv.") var format: Format = .table

    func validate() throws {
        guard from.epochSeconds < to.epochSeconds else { throw ValidationError("--to must be after --from") }
    }

    func run() async throws {
        let session = try LedgerSession(configPath: config)
        let timeZone = session.config.billing.timeZone
        let days = Reconciliation.days(from: from.epochSeconds, to: to.epochSeconds, timeZone: timeZone)
        var rows: [ReconciliationRow] = []
        for name in try session.clusters(named: cluster) {
            if let first = days.first, let last = days.last {
                try session.costs.update(cluster: name, hours: HourRange(from: first.from, to: last.to))
            }
            rows += try Reconciliation(store: session.store, cluster: name, days: days, timeZone: timeZone).rows
        }
        switch format {
        case .csv:
            print(ReconciliationRow.csv(rows), terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        case .table:
            print("cluster            day         namespace              KubeLedger      external    difference  main cause")
            for row in rows {
                print([
                    row.cluster.padding(toLength: 19, withPad: " ", startingAt: 0), row.day + "  ",
                    row.namespace.padding(toLength: 20, withPad: " ", startingAt: 0), pad(row.kubeledger, 12), pad(row.external ?? "-", 14),
                    pad(row.difference ?? "-", 14), "  " + row.cause,
                ].joined())
            }
        }
    }

    /// Amounts shown with 4 decimals in the table; JSON keeps 10.
    func pad(_ text: String, _ width: Int) -> String {
        let shown = Money(text).map { $0.formatted(decimals: 4) } ?? text
        return String(repeating: " ", count: max(0, width - shown.count)) + shown
    }
}
