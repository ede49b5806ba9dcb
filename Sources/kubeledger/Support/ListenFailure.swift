import ArgumentParser
import KubeLedgerConfig
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs a service, turning a failure to bind its address into one line that names the
/// address and the setting it came from, instead of NIO's
/// `bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)`.
enum ListenFailure {
    static func running(address: ListenAddress, setting: String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as IOError {
            let reason: String
            switch error.errnoCode {
            case EADDRINUSE: reason = "the address is already in use (another process listens there)"
            case EADDRNOTAVAIL: reason = "no interface of this machine has that address"
            case EACCES: reason = "permission denied (ports below 1024 need privileges)"
            default: throw error
            }
            printError("\(setting): cannot listen on \(address.host):\(address.port): \(reason)")
            throw ExitCode.failure
        }
    }
}
