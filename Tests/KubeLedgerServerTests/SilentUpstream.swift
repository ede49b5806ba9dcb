import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An upstream on 127.0.0.1 that accepts connections and never answers: what a hung
/// Prometheus looks like to a client, which only its own time-out or a cancellation ends.
final class SilentUpstream: Sendable {
    let port: Int
    private let listener: Int32
    private let state = Mutex<(accepted: [Int32], stopped: Bool)>(([], false))
    private let done = Mutex(false)

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 64) == 0 && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Connections accepted so far (each a request the client started).
    var accepted: Int { state.withLock { $0.accepted.count } }

    /// Accepts until stopped, polling so the loop ends within 100 ms of ``stop()``.
    private func acceptLoop() {
        while !state.withLock({ $0.stopped }) {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            if connection >= 0 { state.withLock { $0.accepted.append(connection) } }
        }
        close(listener)
        done.withLock { $0 = true }
    }

    /// Closes every connection and the listener.
    func stop() {
        let connections = state.withLock { state in
            state.stopped = true
            return state.accepted
        }
        for connection in connections { close(connection) }
        for _ in 0..<50 where !done.withLock({ $0 }) { usleep(20_000) }
    }
}
