import Foundation
import Hummingbird
import Synchronization

/// Answers already computed, kept while the store's version stays the same: a dashboard
/// refreshed by many viewers asks the same questions over and over, and between two
/// ingest rounds their answers cannot change.
///
/// A key holds everything the answer depends on besides the store: the request, the
/// caller's role (a tenant sees other figures) and, for answers that depend on the clock,
/// the hour. Any write to the store (facts, costs, closing, retention; from this process
/// or another) moves its version, after which nothing older is served. Bounded in entries
/// and bytes; the oldest entry goes first. Bodies are kept as the buffers responses are
/// written from, so a hit shares the bytes instead of copying hundreds of kilobytes.
public final class ResponseCache: Sendable {
    struct Entry {
        let version: Int64
        let body: ByteBuffer
    }

    struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var bytes = 0
        var hits = 0
        var misses = 0
    }

    public let maxEntries: Int
    public let maxBytes: Int
    private let state = Mutex(State())

    public init(maxEntries: Int = 512, maxBytes: Int = 64 << 20) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    /// The answer for `key` at `version`, computing and keeping it when absent or older.
    func answer(_ key: String, version: Int64, compute: () throws -> Data) rethrows -> ByteBuffer {
        let cached: ByteBuffer? = state.withLock { state in
            guard let entry = state.entries[key], entry.version == version else {
                state.misses += 1
                return nil
            }
            state.hits += 1
            return entry.body
        }
        if let cached { return cached }
        let body = ByteBuffer(bytes: try compute())
        guard body.readableBytes <= maxBytes / 8 else { return body }
        state.withLock { state in
            if let old = state.entries.removeValue(forKey: key) {
                state.bytes -= old.body.readableBytes
                state.order.removeAll { $0 == key }
            }
            state.entries[key] = Entry(version: version, body: body)
            state.order.append(key)
            state.bytes += body.readableBytes
            while state.entries.count > maxEntries || state.bytes > maxBytes, !state.order.isEmpty {
                let oldest = state.order.removeFirst()
                if let removed = state.entries.removeValue(forKey: oldest) { state.bytes -= removed.body.readableBytes }
            }
        }
        return body
    }

    /// Hits and misses so far, for tests and `/metrics`.
    public var counts: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }
}
