import Foundation
import Hummingbird
import HummingbirdTesting
import KubeLedgerCore
@testable import KubeLedgerSources
import Synchronization
import Testing

@Suite struct XenOrchestraReaderTests {
    let fast = RetryPolicy(attempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(20), budget: .seconds(5))
    let classes = ["XCP flash standard": "flash-standard", FakeXenOrchestra.srEnterprise: "flash-enterprise"]

    func withServer(_ body: @Sendable (FakeXenOrchestra, Int) async throws -> Void) async throws {
        let server = FakeXenOrchestra()
        let app = Application(router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(server, try #require(client.port)) }
    }

    func reader(
        _ port: Int, _ behaviour: String = "ok", auth: HTTPAuth = .bearer(token: "xo-token"), retry: RetryPolicy? = nil,
        srClasses: [String: String]? = nil, defaultClass: String? = nil
    ) -> XenOrchestraReader {
        XenOrchestraReader(
            cluster: "lab", baseURL: URL(string: "http://127.0.0.1:\(port)/\(behaviour)")!,
            http: HTTPClient(auth: auth, timeout: .seconds(5), retry: retry ?? fast), srClasses: srClasses ?? classes,
            defaultClass: defaultClass, zone: "AZ06"
        )
    }

    static func fixture() throws -> [String: Any] {
        let url = try #require(Bundle.module.url(forResource: "xo-vm", withExtension: "json", subdirectory: "Fixtures"))
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static let takenAt: Int64 = 1_793_577_600  // 2026-11-02T00:00:00Z, the first hour's start
    static let expected = InventorySnapshot(cluster: "lab", takenAt: takenAt, vms: [
        .init(
            uuid: FakeXenOrchestra.halted, name: "legacy-db", pool: FakeXenOrchestra.pool, powerState: .halted, vcpus: 2,
            memoryBytes: 4 * ByteSize.gib, zone: "AZ06", role: .storage,
            disks: [Disk(purpose: .os, storageClass: "flash-standard", sizeBytes: 20 * ByteSize.gib)]
        ),
        .init(
            uuid: FakeXenOrchestra.worker, name: "prod-wrk-01", pool: FakeXenOrchestra.pool, powerState: .running, vcpus: 8,
            memoryBytes: 32 * ByteSize.gib, zone: "AZ05", role: .worker,
            disks: [
                Disk(purpose: .os, storageClass: "flash-standard", sizeBytes: 64 * ByteSize.gib),
                Disk(purpose: .data, storageClass: "flash-enterprise", sizeBytes: 300 * ByteSize.gib),
            ]
        ),
    ])

    @Test("the real XO VM object decodes through the reader's structs")
    func fixtureVM() throws {
        let vm = try JSONSerialization.data(withJSONObject: try #require(Self.fixture()["vm"]))
        let record = try JSONDecoder().decode(XOVMRecord.self, from: vm)
        #expect(record.uuid == "f07ab729-c0e8-721c-45ec-f11276377030")
        #expect(record.nameLabel == "MRA XOA")
        #expect(record.powerState == .halted)
        #expect(record.cpus.number == 2)
        #expect(record.memory.size == 4_294_967_296)
        #expect(record.tags == [])
        #expect(record.pool == "b7569d99-30f8-178a-7d94-801de3e29b5b")
        #expect(record.vbds == ["43ecda28-e716-a60e-5322-ee6597d07aec", "a30d24aa-188c-dc6d-6ee3-5bf1e504a3e9"])
    }

    @Test("the fixture's list, asked with other fields, is malformed for the reader, naming the missing field")
    func fixtureList() throws {
        let list = try JSONSerialization.data(withJSONObject: try #require(Self.fixture()["list_with_fields"]))
        #expect(throws: SourceError.malformed(url: "u", reason: "[0].CPUs is missing")) {
            try XOListAnswer.decode(XOVMRecord.self, list, url: "u")
        }
    }

    @Test("two VMs read over HTTP into the whole snapshot, then node-hours for three hours, exactly")
    func snapshotAndNodeHours() async throws {
        try await withServer { server, port in
            let reader = reader(port)
            let snapshot = try await reader.snapshot(takenAt: Self.takenAt)
            #expect(snapshot == Self.expected)

            let seen = server.requests.withLock { $0 }
            #expect(seen.map(\.path) == ["/ok/rest/v0/vms", "/ok/rest/v0/vbds", "/ok/rest/v0/vdis", "/ok/rest/v0/srs"])
            #expect(seen.map { $0.query.removingPercentEncoding } == [
                "fields=uuid,name_label,power_state,CPUs,memory,tags,$pool,$VBDs", "fields=uuid,VDI,is_cd_drive,position,VM",
                "fields=uuid,size,$SR,name_label", "fields=uuid,name_label",
            ])

            let from = Hour(containing: Self.takenAt)
            let facts = InventoryTimeline([snapshot]).nodeHours(cluster: "lab", hours: HourRange(from: from, to: from.advanced(by: 3)),
                                                                 nodeName: { "k8s-" + $0 })
            let halted = Self.expected.vms[0], running = Self.expected.vms[1]
            let expected = (0..<3).flatMap { hour in [
                NodeHour(
                    cluster: "lab", hour: from.advanced(by: hour), node: "k8s-legacy-db", vmID: FakeXenOrchestra.halted, role: .storage,
                    zone: "AZ06", vcpus: 2, memoryBytes: 4 * ByteSize.gib, presentMs: 3_600_000, runningMs: 0, disks: halted.disks
                ),
                NodeHour(
                    cluster: "lab", hour: from.advanced(by: hour), node: "k8s-prod-wrk-01", vmID: FakeXenOrchestra.worker, role: .worker,
                    zone: "AZ05", vcpus: 8, memoryBytes: 32 * ByteSize.gib, presentMs: 3_600_000, runningMs: 3_600_000, disks: running.disks
                ),
            ] }
            #expect(facts == expected)
            // Nothing before the snapshot: the hour before it has no node-hours.
            #expect(InventoryTimeline([snapshot]).nodeHours(cluster: "lab", hours: HourRange(from: from.advanced(by: -1), to: from)).isEmpty)
        }
    }

    @Test("Paused and Suspended VMs are present but not running; Kubernetes roles win over tags and names")
    func powerStatesAndRoles() {
        let vms = InventorySnapshot.PowerState.allCases.map { state in
            InventorySnapshot.VM(uuid: state.rawValue, name: "vm-\(state.rawValue)", powerState: state, vcpus: 1, memoryBytes: 1, zone: "", role: nil, disks: [])
        }
        let from = Hour(containing: 0)
        let timeline = InventoryTimeline([InventorySnapshot(cluster: "lab", takenAt: 0, vms: vms)])
        let nodes = KnownNodes(names: Set(vms.map(\.name)), roles: ["vm-Paused": .controlPlane])
        let facts = timeline.nodeHours(cluster: "lab", hours: HourRange(from: from, to: from.next), nodes: nodes)
        // By name: Halted, Paused, Running, Suspended.
        #expect(facts.map(\.node) == ["vm-Halted", "vm-Paused", "vm-Running", "vm-Suspended"])
        #expect(facts.map(\.runningMs) == [0, 0, 3_600_000, 0])
        #expect(facts.map(\.presentMs) == [3_600_000, 3_600_000, 3_600_000, 3_600_000])
        #expect(facts.map(\.role) == [.worker, .controlPlane, .worker, .worker])
        #expect(timeline.nodeHours(cluster: "lab", hours: HourRange(from: from, to: from)).isEmpty)
        // A VM whose node Kubernetes never reported is another cluster's, or none: not billed here.
        var fewer = nodes
        fewer.names.remove("vm-Running")
        #expect(timeline.nodeHours(cluster: "lab", hours: HourRange(from: from, to: from.next), nodes: fewer).map(\.node)
            == ["vm-Halted", "vm-Paused", "vm-Suspended"])
    }

    @Test("each snapshot holds until the next: a VM started, resized and deleted between runs is billed for the time each snapshot held")
    func timeline() {
        func vm(_ state: InventorySnapshot.PowerState, vcpus: Int) -> InventorySnapshot.VM {
            InventorySnapshot.VM(uuid: "u1", name: "k8s-wrk-01", powerState: state, vcpus: vcpus, memoryBytes: ByteSize.gib, zone: "AZ05", role: nil,
                                 disks: [Disk(purpose: .os, storageClass: "flash-standard", sizeBytes: 64 * ByteSize.gib)])
        }
        let from = Hour(containing: 1_793_577_600)
        let t = from.start
        // 00:15 halted; 00:45 running with 4 vCPU; 01:30 running with 8; 02:20 gone (another VM stays).
        let other = InventorySnapshot.VM(uuid: "u2", name: "k8s-wrk-02", powerState: .running, vcpus: 2, memoryBytes: ByteSize.gib, zone: "AZ05",
                                         role: nil, disks: [])
        let timeline = InventoryTimeline([
            InventorySnapshot(cluster: "lab", takenAt: t + 5400, vms: [vm(.running, vcpus: 8), other]),
            InventorySnapshot(cluster: "lab", takenAt: t + 900, vms: [vm(.halted, vcpus: 4)]),
            InventorySnapshot(cluster: "lab", takenAt: t + 2700, vms: [vm(.running, vcpus: 4)]),
            InventorySnapshot(cluster: "lab", takenAt: t + 8400, vms: [other]),
        ])
        let facts = timeline.nodeHours(cluster: "lab", hours: HourRange(from: from, to: from.advanced(by: 3)))
        let first = facts.filter { $0.vmID == "u1" }
        #expect(first.map(\.hour) == [from, from.next, from.advanced(by: 2)])
        #expect(first.map(\.presentMs) == [2_700_000, 3_600_000, 1_200_000])
        #expect(first.map(\.runningMs) == [900_000, 3_600_000, 1_200_000])
        #expect(first.map(\.vcpus) == [4, 8, 8])
        let second = facts.filter { $0.vmID == "u2" }
        #expect(second.map(\.hour) == [from.next, from.advanced(by: 2)])
        #expect(second.map(\.presentMs) == [1_800_000, 3_600_000])
    }

    @Test("a bearer token is sent as XO's authenticationToken cookie, Basic as Authorization, never both")
    func authentication() async throws {
        try await withServer { server, port in
            _ = try await reader(port, auth: .bearer(token: "xo-token")).snapshot(takenAt: Self.takenAt)
            let bearer = server.requests.withLock { $0 }
            #expect(bearer.count == 4)
            #expect(bearer.allSatisfy { $0.cookie == "authenticationToken=xo-token" && $0.authorization == nil })

            server.requests.withLock { $0.removeAll() }
            _ = try await reader(port, auth: .basic(username: "id", password: "pw")).snapshot(takenAt: Self.takenAt)
            let basic = server.requests.withLock { $0 }
            #expect(basic.count == 4)
            #expect(basic.allSatisfy { $0.authorization == "Basic aWQ6cHc=" && $0.cookie == nil })
        }
    }

    @Test("a storage repository missing from srClasses is an error naming it, unless a default class is set")
    func unmappedSR() async throws {
        try await withServer { _, port in
            do {
                _ = try await reader(port, srClasses: ["XCP flash standard": "flash-standard"]).snapshot(takenAt: Self.takenAt)
                Issue.record("no error")
            } catch let error as SourceError {
                guard case let .malformed(url, reason) = error else { Issue.record("\(error)"); return }
                #expect(url.hasSuffix("/ok/rest/v0/srs?fields=uuid,name_label"))
                #expect(reason.contains("\"XCP flash enterprise\" (\(FakeXenOrchestra.srEnterprise))"), "\(reason)")
                #expect(reason.contains("prod-wrk-01"))
            }
            let snapshot = try await reader(port, srClasses: ["XCP flash standard": "flash-standard"], defaultClass: "flash-basic").snapshot(takenAt: Self.takenAt)
            #expect(snapshot.vms[1].disks.map(\.storageClass) == ["flash-standard", "flash-basic"])
        }
    }

    @Test("a truncated answer is malformed, naming the URL")
    func truncated() async throws {
        try await withServer { server, port in
            let once = RetryPolicy(attempts: 1, baseDelay: .milliseconds(10), maxDelay: .milliseconds(20), budget: .seconds(5))
            do {
                _ = try await reader(port, "truncated", retry: once).snapshot(takenAt: Self.takenAt)
                Issue.record("no error")
            } catch let error as SourceError {
                guard case let .malformed(url, reason) = error else { Issue.record("\(error)"); return }
                #expect(url == "http://127.0.0.1:\(port)/truncated/rest/v0/vms?fields=uuid,name_label,power_state,CPUs,memory,tags,$pool,$VBDs")
                #expect(reason.contains("JSON"), "\(reason)")
            }
            #expect(server.requests.withLock { $0.count } == 1)
        }
    }

    @Test("an answer of hrefs or lacking a field is malformed, saying which", arguments: [
        ("hrefs", "a list of 2 hrefs, not of objects"), ("nocpus", "[1].CPUs is missing"),
    ])
    func malformed(behaviour: String, message: String) async throws {
        try await withServer { _, port in
            do {
                _ = try await reader(port, behaviour, retry: RetryPolicy(attempts: 1)).snapshot(takenAt: Self.takenAt)
                Issue.record("no error")
            } catch let error as SourceError {
                guard case let .malformed(url, reason) = error else { Issue.record("\(error)"); return }
                #expect(url.contains("/\(behaviour)/rest/v0/vms?fields="))
                #expect(reason.contains(message), "\(reason)")
            }
        }
    }

    @Test("a 500 is retried and the snapshot then read")
    func retried() async throws {
        try await withServer { server, port in
            let snapshot = try await reader(port, "flaky").snapshot(takenAt: Self.takenAt)
            #expect(snapshot == Self.expected)
            #expect(server.requests.withLock { $0.filter { $0.path.hasSuffix("/vms") }.count } == 2)
        }
    }
}
