import ArgumentParser
import KubeLedgerConfig

/// `kubeledger check-config FILE`: every problem of a configuration file, before a service
/// refuses to start on it.
struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a configuration file and report every problem with its key path.",
        discussion: """
            Prints FILE: OK and a summary of what the file configures, or one line per problem \
            (file, key path, what was expected, what was found) on standard error and exits 1. \
            ${NAME} placeholders are filled from the environment; an unset one is a problem.
            """
    )

    @Argument(help: "The configuration file.") var file: String = ConfigLoader.defaultPath

    func run() async throws {
        do {
            let config = try ConfigLoader.load(path: file)
            print("\(file): OK")
            print(config.summary)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}
