/// Builds the key paths of messages: `clusters[1].iaas.auth.username`.
enum KeyPath {
    static func appending(_ key: String, to path: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    static func appending(index: Int, to path: String) -> String {
        "\(path)[\(index)]"
    }
}
