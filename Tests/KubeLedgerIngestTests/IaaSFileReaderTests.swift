import Foundation
import KubeLedgerCore
import KubeLedgerSimulator
import KubeLedgerSources
import Testing

@Suite struct IaaSFileReaderTests {
    static func file(_ name: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-import-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let header = "hour,cluster,vm_id,vm_name,role,zone,vcpus,memory_gib,present,running,disks"

    @Test("the simulator's JSON Lines records read back as its ground-truth node-hours, exactly")
    func simulatorRecords() throws {
        let from = Hour(containing: 1_793_577_600)
        let simulator = try Simulator(SimulationOptions(clusterName: "imp", architecture: .production, seed: 3, from: from, to: from.advanced(by: 72), containers: 20))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-imp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try simulator.writeFiles(to: directory)
        let facts = try IaaSFileReader(cluster: "imp").read(path: directory.appendingPathComponent("iaas/records.jsonl").path)
        let truth = simulator.days.flatMap { simulator.facts(day: $0, rawSince: nil).nodeHours }
        #expect(facts == truth)
        #expect(facts.contains { $0.runningMs < $0.presentMs })
    }

    @Test("CSV with quoted JSON disks and a default present reads as the same facts")
    func csv() throws {
        let path = try Self.file("ok.csv", """
            \(Self.header)
            2026-11-02T10:00:00Z,lab,vm-1,lab-wrk-01,worker,AZ05,12,24,,0.5,"[{""purpose"":""os"",""class"":""flash-standard"",""size_gib"":64},{""purpose"":""data"",""class"":""flash-enterprise"",""size_gib"":300}]"
            2026-11-02T10:00:00Z,lab,vm-2,lab-cp-01,control-plane,AZ05,8,12,1,1,[]

            """)
        let facts = try IaaSFileReader(cluster: "lab").read(path: path)
        #expect(facts.count == 2)
        #expect(facts[0].presentMs == millisecondsPerHour)
        #expect(facts[0].runningMs == millisecondsPerHour / 2)
        #expect(facts[0].memoryBytes == 24 * ByteSize.gib)
        #expect(facts[0].disks == [Disk(purpose: .os, storageClass: "flash-standard", sizeBytes: 64 * ByteSize.gib), Disk(purpose: .data, storageClass: "flash-enterprise", sizeBytes: 300 * ByteSize.gib)])
        #expect(facts[1].role == .controlPlane)
    }

    @Test("a bad record refuses the file, naming the line and the field", arguments: [
        ("2026-11-02T10:30:00Z,lab,vm-1,w1,worker,AZ05,12,24,1,1,[]", "hour"),
        ("2026-11-02T10:00:00Z,other,vm-1,w1,worker,AZ05,12,24,1,1,[]", "cluster"),
        ("2026-11-02T10:00:00Z,lab,vm-1,w1,boss,AZ05,12,24,1,1,[]", "role"),
        ("2026-11-02T10:00:00Z,lab,vm-1,w1,worker,AZ05,twelve,24,1,1,[]", "vcpus"),
        ("2026-11-02T10:00:00Z,lab,vm-1,w1,worker,AZ05,12,24,0.5,0.75,[]", "running"),
        ("2026-11-02T10:00:00Z,lab,vm-1,w1,worker,AZ05,12,24,1.5,1,[]", "present"),
        ("2026-11-02T10:00:00Z,lab,,w1,worker,AZ05,12,24,1,1,[]", "vm_id"),
        ("2026-11-02T10:00:00Z,lab,vm-1,w1,worker,AZ05,12,24,1,1,{}", "disks"),
    ])
    func badRecord(line: String, field: String) throws {
        let path = try Self.file("bad.csv", "\(Self.header)\n2026-11-02T09:00:00Z,lab,vm-1,w1,worker,AZ05,12,24,1,1,[]\n\(line)\n")
        do {
            _ = try IaaSFileReader(cluster: "lab").read(path: path)
            Issue.record("accepted a bad \(field)")
        } catch {
            guard case let .badRecord(file, badLine, badField, _) = error else { Issue.record("\(error)"); return }
            #expect(file == path)
            #expect(badLine == 3)
            #expect(badField == field)
            #expect(error.description.contains("nothing of this file was imported"))
        }
    }

    @Test("JSON Lines errors name the line; a missing file is named")
    func jsonLines() throws {
        let path = try Self.file("bad.jsonl", #"""
            {"hour":"2026-11-02T10:00:00Z","cluster":"lab","vm_id":"a","vm_name":"w1","role":"worker","zone":"AZ05","vcpus":12,"memory_gib":24,"running":1,"disks":[]}
            not json
            """#)
        #expect(throws: SourceError.badRecord(file: path, line: 2, field: "record", reason: "is not a JSON object")) {
            try IaaSFileReader(cluster: "lab").read(path: path)
        }
        #expect(throws: SourceError.self) { try IaaSFileReader(cluster: "lab").read(path: "/nonexistent/x.jsonl") }
    }

    static func jsonRecord(_ hour: String, _ extra: String = "") -> String {
        #"{"hour":"\#(hour)","cluster":"lab","vm_id":"a","vm_name":"w1","role":"worker","zone":"AZ05","vcpus":12,"memory_gib":24,"running":1,"disks":[]\#(extra)}"#
    }

    @Test("JSON Lines written with CRLF line ends read record by record")
    func crlf() throws {
        let path = try Self.file("crlf.jsonl", Self.jsonRecord("2026-11-02T09:00:00Z") + "\r\n" + Self.jsonRecord("2026-11-02T10:00:00Z") + "\r\n")
        let facts = try IaaSFileReader(cluster: "lab").read(path: path)
        #expect(facts.map(\.hour.start) == [UTCTime.parse("2026-11-02T09:00:00Z")!, UTCTime.parse("2026-11-02T10:00:00Z")!])
        #expect(facts.allSatisfy { $0.vcpus == 12 && $0.runningMs == millisecondsPerHour })
    }

    @Test("a misspelt JSON field is refused by name, not dropped (present would fall back to 1)")
    func unknownField() throws {
        let path = try Self.file("typo.jsonl", Self.jsonRecord("2026-11-02T09:00:00Z") + "\n" + Self.jsonRecord("2026-11-02T10:00:00Z", #","presnt":0.5"#) + "\n")
        do {
            _ = try IaaSFileReader(cluster: "lab").read(path: path)
            Issue.record("accepted an unknown field")
        } catch {
            guard case let .badRecord(_, line, field, reason) = error else { Issue.record("\(error)"); return }
            #expect(line == 2 && field == "presnt" && reason.contains("not a field of the import format"))
        }
    }

    @Test("a record of an hour that has not ended refuses the file; the hour before is fine")
    func unfinishedHour() throws {
        let path = try Self.file("late.jsonl", Self.jsonRecord("2026-11-02T09:00:00Z") + "\n" + Self.jsonRecord("2026-11-02T10:00:00Z") + "\n")
        let now = UTCTime.parse("2026-11-02T10:59:59Z")!
        do {
            _ = try IaaSFileReader(cluster: "lab").read(path: path, now: now)
            Issue.record("accepted the current hour")
        } catch {
            guard case let .badRecord(_, line, field, reason) = error else { Issue.record("\(error)"); return }
            #expect(line == 2 && field == "hour" && reason.contains("has not ended"), "\(reason)")
        }
        #expect(try IaaSFileReader(cluster: "lab").read(path: path, now: now + 1).count == 2)
    }

    /// The error a read throws, or nil when it accepted the file.
    static func refusal(_ reader: IaaSFileReader, _ path: String) -> SourceError? {
        do {
            _ = try reader.read(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test("two JSON Lines records of one VM and hour with other values refuse the file, naming both lines and what differs; a repeat is kept once")
    func duplicateJSONLines() throws {
        let nine = Self.jsonRecord("2026-11-02T09:00:00Z"), ten = Self.jsonRecord("2026-11-02T10:00:00Z")
        let changed = try Self.file("dup.jsonl", [nine, ten, nine.replacingOccurrences(of: "\"vcpus\":12", with: "\"vcpus\":64")].joined(separator: "\n"))
        let error = try #require(Self.refusal(IaaSFileReader(cluster: "lab"), changed))
        guard case let .badRecord(file, line, field, reason) = error else { Issue.record("\(error)"); return }
        #expect(file == changed && line == 3 && field == "record")
        #expect(reason == "is the VM w1 at 2026-11-02T09:00:00Z again, as on line 1, with other values (vcpus 12 there, 64 here)", "\(reason)")
        #expect(error.description.hasSuffix("nothing of this file was imported"))
        // The same record twice is one record said twice.
        let repeated = try Self.file("repeat.jsonl", [nine, ten, nine].joined(separator: "\n"))
        let facts = try IaaSFileReader(cluster: "lab").read(path: repeated)
        #expect(facts.map(\.hour.start) == [UTCTime.parse("2026-11-02T09:00:00Z")!, UTCTime.parse("2026-11-02T10:00:00Z")!])
        #expect(facts.map(\.vcpus) == [12, 12])
    }

    @Test("two CSV rows of one VM and hour with other values refuse the file, naming both lines")
    func duplicateCSV() throws {
        let row = "2026-11-02T09:00:00Z,lab,vm-1,w1,worker,AZ05,12,24,1,1,[]"
        let path = try Self.file("dup.csv", [Self.header, row, "2026-11-02T10:00:00Z,lab,vm-1,w1,worker,AZ05,12,24,1,1,[]", "2026-11-02T09:00:00Z,lab,vm-1,w1,worker,AZ05,12,32,1,0.5,[]"].joined(separator: "\n") + "\n")
        let error = try #require(Self.refusal(IaaSFileReader(cluster: "lab"), path))
        guard case let .badRecord(_, line, field, reason) = error else { Issue.record("\(error)"); return }
        #expect(line == 4 && field == "record")
        #expect(reason.contains("as on line 2") && reason.contains("memory_gib 24.0 there, 32.0 here") && reason.contains("running 1.0 there, 0.5 here"), "\(reason)")
        let same = try Self.file("same.csv", [Self.header, row, row].joined(separator: "\n") + "\n")
        #expect(try IaaSFileReader(cluster: "lab").read(path: same).count == 1)
    }

    @Test("a record before the earliest hour refuses the file, naming its line, the hour field and why")
    func beforeEarliest() throws {
        let path = try Self.file("old.jsonl", [Self.jsonRecord("2026-11-02T09:00:00Z"), Self.jsonRecord("2025-06-01T00:00:00Z")].joined(separator: "\n"))
        let reader = IaaSFileReader(cluster: "lab", earliest: [
            EarliestImportHour(start: UTCTime.parse("2026-11-01T00:00:00Z")!, reason: "ingest.start (2026-11-01T00:00:00Z)"),
        ])
        let error = try #require(Self.refusal(reader, path))
        #expect(error == .badRecord(file: path, line: 2, field: "hour", reason: "is 2025-06-01T00:00:00Z, before ingest.start (2026-11-01T00:00:00Z)"))
        #expect(try IaaSFileReader(cluster: "lab").read(path: path).count == 2)
    }
}
