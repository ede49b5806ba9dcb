import ArgumentParser
import KubeLedgerConfig

/// `kubeledger check-config FILE`: every problem of a configuration file, before a service
/// refuses to start on it.
struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a configuration file, and the price catalog it names, and report every problem with its key path.",
        discussion: """
            Prints FILE: OK and a summary of what the file configures, or one line per problem \
            (file, key path, what was expected, what was found) on standard error and exits 1. \
            ${NAME} placeholders are filled from the environment; an unset one is a problem. \
            The catalog is checked as the commands will read it, so a bad one is found here \
            rather than when a service starts.
            """
    )

    @Argument(help: "The configuration file.") var file: String = ConfigLoader.defaultPath

    func run() async throws {
        do {
            let (config, catalog) = try ConfigLoader.loadWithCatalog(path: file)
            print("\(file): OK")
            print(config.summary)
            print("  prices: \(catalog.versions.count) catalog version\(catalog.versions.count == 1 ? "" : "s") in \(catalog.currency)")
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}
