/// A storage repository of `GET /rest/v0/srs?fields=uuid,name_label`, for its name.
struct XOSRRecord: Decodable, Sendable, Equatable {
    var uuid: String
    var nameLabel: String

    static let fields = ["uuid", "name_label"]

    enum CodingKeys: String, CodingKey {
        case uuid
        case nameLabel = "name_label"
    }
}
