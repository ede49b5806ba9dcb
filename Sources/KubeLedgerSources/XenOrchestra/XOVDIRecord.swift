/// A VDI (a virtual disk) of `GET /rest/v0/vdis?fields=…`.
struct XOVDIRecord: Decodable, Sendable, Equatable {
    var uuid: String
    /// Virtual size, bytes.
    var size: Int64
    /// The id (uuid) of the storage repository holding it.
    var sr: String
    var nameLabel: String?

    static let fields = ["uuid", "size", "$SR", "name_label"]

    enum CodingKeys: String, CodingKey {
        case uuid
        case size
        case sr = "$SR"
        case nameLabel = "name_label"
    }
}
