import ArgumentParser

/// The one executable: every report and job is a subcommand.
@main
struct KubeLedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubeledger",
        abstract: "FinOps cost and capacity analytics for Cloud Temple Managed Kubernetes.",
        discussion: """
            Ingests IaaS consumption and Kubernetes metrics into a time-series SQLite store, turns \
            node cost into per-namespace and per-tenant cost, and reports right-sizing and capacity.
            Start with `kubeledger demo`.
            """,
        version: "0.1.0",
        subcommands: [Demo.self, Simulate.self, Ingest.self, InvoiceCommand.self, Costs.self, Reconcile.self, RightSize.self, Plan.self, Serve.self, Token.self, CheckConfig.self, Bench.self]
    )

    /// ArgumentParser's own `main`, with the malloc arenas capped before any thread starts.
    static func main() async {
        MallocArenas.cap()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
