import ArgumentParser

/// Placeholder replaced once the config module lands.
struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check-config", abstract: "Check a configuration file.")
    @Argument var file: String
    func run() async throws {}
}
