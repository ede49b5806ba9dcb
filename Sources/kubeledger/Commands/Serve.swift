import ArgumentParser
import Foundation
import Hummingbird
import Logging
import KubeLedgerConfig
import KubeLedgerServer

/// `kubeledger serve`: the HTTP API on the configured address, until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the HTTP API (outputs.md §2) on server.listen and run the ingest jobs every ingest.every; SIGTERM or SIGINT stops both gracefully."
    )

    @Option(help: "Config file.") var config = ConfigLoader.defaultPath
    @Option(help: "Listen here instead of server.listen (host:port; port 0 picks a free one).") var listen: String?
    @Flag(help: "Serve only: do not run the ingest jobs on their schedule.") var noIngest = false
    @Flag(help: "Compute every cost answer anew instead of keeping answers while the store does not change (for benchmarks).") var noCache = false
    @Option(help: "Log lines as text or as one JSON object each (text, json).") var logFormat: LogFormat = .text

    func run() async throws {
        logFormat.bootstrap()
        let session = try LedgerSession(configPath: config)
        var address = session.config.server.listen
        if let listen {
            guard let parsed = ListenAddress(parsing: listen) else { throw ValidationError("--listen: expected host:port, found \"\(listen)\"") }
            address = parsed
        }
        let logger = Logger(label: "kubeledger")
        let tokens = session.config.server.tokens.count
        var server = APIServer(config: session.config, catalog: session.catalog, store: session.store)
        if noCache { server.responses = nil }
        let schedule = noIngest ? nil : IngestSchedule(config: session.config, catalog: session.catalog, store: session.store, logger: logger)
        let app = KubeLedgerService.application(server: server, address: address, schedule: schedule, logger: logger) { bound in
            logger.info("serving", metadata: ["address": "\(bound)", "tokens": "\(tokens)", "ingest_every_seconds": "\(schedule == nil ? "off" : "\(session.config.ingest.everySeconds)")"])
        }
        try await ListenFailure.running(address: address, setting: listen == nil ? "server.listen" : "--listen") { try await app.runService() }
    }
}

/// `kubeledger token`: API tokens.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "API tokens.", subcommands: [TokenCreate.self])
}

/// `kubeledger token create`: a new token, printed once, and the config line holding its hash.
struct TokenCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Print a new bearer token once, and the server.tokens entry (its SHA-256 only) to put in the config."
    )

    @Option(help: "admin, finance, viewer or tenant:<name>.") var role: String
    @Option(help: "A name for the token, unique in the config.") var name: String

    func run() async throws {
        guard let parsed = TokenRole(role) else { throw ValidationError("--role: expected admin, finance, viewer or tenant:<name>, found \"\(role)\"") }
        guard !name.isEmpty else { throw ValidationError("--name: must not be empty") }
        let (token, hash) = AccessControl.newToken()
        print("token (shown once; give it to the caller): \(token)")
        print("add under server.tokens in the config:")
        // Written by the YAML emitter, so that any name (`a: b, #c`) reads back as given.
        print("  " + (try TokenSettings(name: name, role: parsed, sha256: hash).configLine()))
    }
}

extension LogFormat: ExpressibleByArgument {}
