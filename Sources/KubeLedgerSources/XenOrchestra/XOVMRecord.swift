import KubeLedgerCore

/// A VM of `GET /rest/v0/vms?fields=…`, only the fields the reader asks for.
struct XOVMRecord: Decodable, Sendable, Equatable {
    struct CPUs: Decodable, Sendable, Equatable {
        var number: Int
    }

    struct Memory: Decodable, Sendable, Equatable {
        var size: Int64
    }

    var uuid: String
    var nameLabel: String
    var powerState: InventorySnapshot.PowerState
    var cpus: CPUs
    var memory: Memory
    var tags: [String]
    var pool: String?
    /// The ids (uuids) of the VM's VBDs.
    var vbds: [String]

    /// The `fields` asked for, all of them decoded here.
    static let fields = ["uuid", "name_label", "power_state", "CPUs", "memory", "tags", "$pool", "$VBDs"]

    enum CodingKeys: String, CodingKey {
        case uuid
        case nameLabel = "name_label"
        case powerState = "power_state"
        case cpus = "CPUs"
        case memory
        case tags
        case pool = "$pool"
        case vbds = "$VBDs"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try container.decode(String.self, forKey: .uuid)
        nameLabel = try container.decode(String.self, forKey: .nameLabel)
        powerState = try container.decode(InventorySnapshot.PowerState.self, forKey: .powerState)
        cpus = try container.decode(CPUs.self, forKey: .cpus)
        memory = try container.decode(Memory.self, forKey: .memory)
        tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? []
        pool = try container.decodeIfPresent(String.self, forKey: .pool)
        vbds = try container.decode([String].self, forKey: .vbds)
    }
}
