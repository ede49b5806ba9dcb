import Foundation
import KubeLedgerCore

/// Reads the VM inventory of a self-hosted Xen Orchestra (XCP-ng) through its REST API
/// (inputs.md §2b) and turns it into node-hours.
///
/// Four collections are listed, each with `fields` so XO answers objects rather than hrefs:
/// `vms` (uuid, name, power state, vCPUs, memory, tags, pool, VBD ids), `vbds` (which VDI at
/// which position, CD drive or not), `vdis` (size and storage repository) and `srs` (names,
/// so that `srClasses` may name a storage repository by `name_label` or by uuid).
///
/// **Authentication.** XO takes either its `authenticationToken` cookie or HTTP Basic, and
/// refuses a request carrying both (HTTP 400). So a ``HTTPAuth/bearer(token:)`` credential is
/// sent as `Cookie: authenticationToken=<token>` and *not* as an `Authorization` header;
/// ``HTTPAuth/basic(username:password:)`` goes through as the usual `Authorization: Basic`.
public struct XenOrchestraReader: Sendable {
    public var cluster: String
    /// The XO address, e.g. `https://xo.example.net` (a path prefix is kept): the API is under `rest/v0/`.
    public var baseURL: URL
    public var http: HTTPClient
    /// Storage repository (`name_label` or uuid; the uuid wins) to storage class.
    public var srClasses: [String: String]
    /// The VBD position (XAPI `userdevice`) of the OS disk; the other disks are data disks.
    public var osDiskPosition: Int
    /// The class of a storage repository absent from ``srClasses``; nil makes that an error naming it.
    public var defaultClass: String?
    /// The zone of a VM without an `az:<zone>` tag.
    public var zone: String

    public init(
        cluster: String, baseURL: URL, http: HTTPClient, srClasses: [String: String], osDiskPosition: Int = 0,
        defaultClass: String? = nil, zone: String = ""
    ) {
        self.cluster = cluster
        self.baseURL = baseURL
        self.http = http
        self.srClasses = srClasses
        self.osDiskPosition = osDiskPosition
        self.defaultClass = defaultClass
        self.zone = zone
    }

    /// The URL of a collection listed with `fields`.
    func endpoint(_ collection: String, fields: [String]) -> URL {
        let url = baseURL.appendingPathComponent("rest/v0").appendingPathComponent(collection)
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        components.percentEncodedQuery = "fields=" + fields.joined(separator: ",")
        return components.url ?? url
    }

    /// The client and extra headers to send: a bearer token moves from `Authorization` to the cookie.
    var transport: (client: HTTPClient, headers: [String: String]) {
        guard case let .bearer(token) = http.auth else { return (http, [:]) }
        var client = http
        client.auth = .none
        return (client, ["Cookie": "authenticationToken=" + token])
    }

    func list<Record: Decodable & Sendable>(_ url: URL, as type: Record.Type) async throws(SourceError) -> [Record] {
        let (client, headers) = transport
        return try await client.fetch(url, headers: headers) { data, name throws(SourceError) in
            try XOListAnswer.decode(Record.self, data, url: name)
        }
    }

    /// The inventory now (`takenAt`, the run's time): every VM of the `vms` collection with
    /// its disks and their classes.
    ///
    /// Errors: what ``HTTPClient/fetch(_:method:form:headers:decode:)`` reports, and
    /// ``SourceError/malformed(url:reason:)`` for an answer that does not decode (naming the
    /// field), a VBD or VDI that a VM refers to but its collection lacks, or a storage
    /// repository with no class in ``srClasses`` and no ``defaultClass`` (naming it; the URL
    /// is then that of the `srs` collection).
    public func snapshot(takenAt: Int64) async throws(SourceError) -> InventorySnapshot {
        let vmsURL = endpoint("vms", fields: XOVMRecord.fields)
        let vbdsURL = endpoint("vbds", fields: XOVBDRecord.fields)
        let vdisURL = endpoint("vdis", fields: XOVDIRecord.fields)
        let srsURL = endpoint("srs", fields: XOSRRecord.fields)
        let vms = try await list(vmsURL, as: XOVMRecord.self)
        let vbds = Dictionary(try await list(vbdsURL, as: XOVBDRecord.self).map { ($0.uuid, $0) }) { first, _ in first }
        let vdis = Dictionary(try await list(vdisURL, as: XOVDIRecord.self).map { ($0.uuid, $0) }) { first, _ in first }
        let srNames = Dictionary(try await list(srsURL, as: XOSRRecord.self).map { ($0.uuid, $0.nameLabel) }) { first, _ in first }

        var inventory: [InventorySnapshot.VM] = []
        for vm in vms {
            var disks: [(position: Int, disk: Disk)] = []
            for id in vm.vbds {
                guard let vbd = vbds[id] else {
                    throw .malformed(url: vbdsURL.absoluteString, reason: "VBD \(id) of VM \"\(vm.nameLabel)\" (\(vm.uuid)) is not in the list")
                }
                // A CD drive is no disk; an empty plug has nothing to bill.
                guard !vbd.isCDDrive, let vdiID = vbd.vdi else { continue }
                guard let vdi = vdis[vdiID] else {
                    throw .malformed(url: vdisURL.absoluteString, reason: "VDI \(vdiID) of VM \"\(vm.nameLabel)\" (\(vm.uuid)) is not in the list")
                }
                guard let storageClass = srClasses[vdi.sr] ?? srNames[vdi.sr].flatMap({ srClasses[$0] }) ?? defaultClass else {
                    let name = srNames[vdi.sr].map { "\"\($0)\" (\(vdi.sr))" } ?? vdi.sr
                    throw .malformed(url: srsURL.absoluteString, reason: "storage repository \(name) of VDI \"\(vdi.nameLabel ?? vdi.uuid)\" of VM \"\(vm.nameLabel)\" has no storage class: map its name or uuid in srClasses, or set a default class")
                }
                let purpose: Disk.Purpose = vbd.position == osDiskPosition ? .os : .data
                disks.append((vbd.position, Disk(purpose: purpose, storageClass: storageClass, sizeBytes: vdi.size)))
            }
            disks.sort { ($0.disk.purpose == .os ? 0 : 1, $0.position) < ($1.disk.purpose == .os ? 0 : 1, $1.position) }
            inventory.append(InventorySnapshot.VM(
                uuid: vm.uuid, name: vm.nameLabel, pool: vm.pool ?? "", powerState: vm.powerState, vcpus: vm.cpus.number,
                memoryBytes: vm.memory.size, zone: Self.tagValue("az", in: vm.tags) ?? zone,
                role: Self.role(tags: vm.tags) ?? ConsoleMetricsReader.role(fromName: vm.nameLabel),
                disks: disks.map(\.disk)
            ))
        }
        inventory.sort { ($0.name, $0.uuid) < ($1.name, $1.uuid) }
        return InventorySnapshot(cluster: cluster, takenAt: takenAt, vms: inventory)
    }

    /// The value of the first tag `<key>:<value>` with a value.
    static func tagValue(_ key: String, in tags: [String]) -> String? {
        for tag in tags {
            let parts = tag.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { return value }
        }
        return nil
    }

    /// Role from a tag `role:worker`, `role:control-plane` or `role:storage` (any case);
    /// another value is ignored.
    static func role(tags: [String]) -> NodeRole? {
        for tag in tags {
            let parts = tag.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "role" else { continue }
            if let role = NodeRole(rawValue: parts[1].trimmingCharacters(in: .whitespaces).lowercased()) { return role }
        }
        return nil
    }
}
