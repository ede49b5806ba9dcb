import Foundation

/// How the store writes its JSON columns (a node-hour's disks, an inventory's VMs): keys
/// sorted, so the same value is always the same text and a rewrite stores what was there.
struct StoredJSON {
    private let encoder: JSONEncoder

    init() {
        encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
    }

    func text<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
