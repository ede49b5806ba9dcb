/// A VBD (the plug of a disk or CD drive into a VM) of `GET /rest/v0/vbds?fields=…`.
struct XOVBDRecord: Decodable, Sendable, Equatable {
    var uuid: String
    /// The VDI plugged in; none for an empty CD drive.
    var vdi: String?
    var isCDDrive: Bool
    /// XAPI's `userdevice`: XO sends it as a string (`"0"`); a number is accepted too.
    var position: Int
    var vm: String?

    static let fields = ["uuid", "VDI", "is_cd_drive", "position", "VM"]

    enum CodingKeys: String, CodingKey {
        case uuid
        case vdi = "VDI"
        case isCDDrive = "is_cd_drive"
        case position
        case vm = "VM"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try container.decode(String.self, forKey: .uuid)
        vdi = try container.decodeIfPresent(String.self, forKey: .vdi)
        isCDDrive = try container.decode(Bool.self, forKey: .isCDDrive)
        if let number = try? container.decode(Int.self, forKey: .position) {
            position = number
        } else {
            let text = try container.decode(String.self, forKey: .position)
            guard let number = Int(text) else {
                throw DecodingError.dataCorruptedError(forKey: .position, in: container, debugDescription: "position \"\(text)\" is not a number")
            }
            position = number
        }
        vm = try container.decodeIfPresent(String.self, forKey: .vm)
    }
}
