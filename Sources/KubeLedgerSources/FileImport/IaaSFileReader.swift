import CSV
import Foundation
import KubeLedgerCore

/// Reads an IaaS import file (inputs.md §2c), CSV or JSON Lines by its extension, into
/// node-hours; a single bad record refuses the whole file, naming its line and field, and
/// so do two records of one VM and hour that disagree, or an hour before ``earliest``.
public struct IaaSFileReader: Sendable {
    public var cluster: String
    /// Node name for a VM name (config `node_name`, `{vm_name}` replaced).
    public var nodeName: @Sendable (String) -> String
    /// Hours before these are refused: where the ingest starts, where the catalog's prices do.
    public var earliest: [EarliestImportHour]

    public init(cluster: String, nodeName: @escaping @Sendable (String) -> String = { $0 }, earliest: [EarliestImportHour] = []) {
        self.cluster = cluster
        self.nodeName = nodeName
        self.earliest = earliest
    }

    /// - Parameter now: with it, a record of an hour that has not ended by then is refused
    ///   (inputs.md: the current partial hour is never ingested, a future one even less).
    public func read(path: String, now: Int64? = nil) throws(SourceError) -> [NodeHour] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(file: path, reason: "cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        let lower = path.lowercased()
        return lower.hasSuffix(".csv") ? try readCSV(text, file: path, now: now) : try readJSONLines(text, file: path, now: now)
    }

    /// The records' facts once each record passed alone: checked against ``earliest`` and
    /// for keys given twice.
    func checked(_ records: [(line: Int, fact: NodeHour)], file: String) throws(SourceError) -> [NodeHour] {
        try ImportRecordCheck.notBefore(earliest, records, file: file)
        return try ImportRecordCheck.unique(records, file: file)
    }

    func readJSONLines(_ text: String, file: String, now: Int64? = nil) throws(SourceError) -> [NodeHour] {
        var records: [(line: Int, fact: NodeHour)] = []
        // "\r\n" is one Character in Swift: a CRLF file splits on it, not on "\n".
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                throw .badRecord(file: file, line: offset + 1, field: "record", reason: "is not a JSON object")
            }
            var fields = RecordFields(file: file, line: offset + 1)
            if let unknown = object.keys.filter({ !IaaSRecord.csvColumns.contains($0) }).sorted().first {
                throw fields.bad(unknown, "is not a field of the import format (\(IaaSRecord.csvColumns.joined(separator: ", ")))")
            }
            for (key, value) in object { fields.values[key] = value }
            records.append((offset + 1, try record(fields, now: now)))
        }
        return try checked(records, file: file)
    }

    func readCSV(_ text: String, file: String, now: Int64? = nil) throws(SourceError) -> [NodeHour] {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw .badRecord(file: file, line: 1, field: "header", reason: "is not CSV (\(error))")
        }
        guard let header = reader.headerRow else { throw .badRecord(file: file, line: 1, field: "header", reason: "is missing") }
        let unknown = Set(header).subtracting(IaaSRecord.csvColumns)
        if let column = unknown.sorted().first {
            throw .badRecord(file: file, line: 1, field: column, reason: "is not a column of the import format (\(IaaSRecord.csvColumns.joined(separator: ", ")))")
        }
        var records: [(line: Int, fact: NodeHour)] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.count == 1, row[0].isEmpty { continue }
            guard row.count == header.count else {
                throw .badRecord(file: file, line: line, field: "record", reason: "has \(row.count) fields, the header \(header.count)")
            }
            var fields = RecordFields(file: file, line: line)
            for (name, value) in zip(header, row) where !value.isEmpty {
                fields.values[name] = name == "disks" ? (try? JSONSerialization.jsonObject(with: Data(value.utf8))) ?? value : value
            }
            records.append((line, try record(fields, now: now)))
        }
        if let error = reader.error { throw .badRecord(file: file, line: line + 1, field: "record", reason: "is not valid CSV (\(error))") }
        return try checked(records, file: file)
    }

    func record(_ fields: RecordFields, now: Int64? = nil) throws(SourceError) -> NodeHour {
        let hourText = try fields.string("hour")
        guard let start = UTCTime.parse(hourText), hourText.hasSuffix("Z"), start % 3600 == 0 else {
            throw fields.bad("hour", "must be the start of a UTC hour in RFC 3339 (2026-03-01T10:00:00Z), found \"\(hourText)\"")
        }
        if let now, start + Hour.seconds > now {
            throw fields.bad("hour", "is \(hourText), an hour that has not ended yet (now is \(UTCTime.format(now)))")
        }
        let recordCluster = try fields.string("cluster")
        guard recordCluster == cluster else { throw fields.bad("cluster", "is \"\(recordCluster)\", this file is imported for \"\(cluster)\"") }
        let roleText = try fields.string("role")
        guard let role = NodeRole(rawValue: roleText) else {
            throw fields.bad("role", "must be control-plane, worker or storage, found \"\(roleText)\"")
        }
        let vcpus = try fields.number("vcpus", range: 0...4096)
        guard vcpus == vcpus.rounded() else { throw fields.bad("vcpus", "must be a whole number, found \(vcpus)") }
        let memory = try fields.number("memory_gib", range: 0...1_048_576)
        let present = try fields.number("present", range: 0...1, default: 1)
        let running = try fields.number("running", range: 0...1)
        guard running <= present else { throw fields.bad("running", "must not exceed present (\(present)), found \(running)") }
        let vmName = try fields.string("vm_name")
        return NodeHour(
            cluster: cluster, hour: Hour(containing: start), node: nodeName(vmName), vmID: try fields.string("vm_id"), role: role,
            zone: try fields.string("zone"), vcpus: Int(vcpus), memoryBytes: Int64((memory * Double(ByteSize.gib)).rounded()),
            presentMs: Int64((present * Double(millisecondsPerHour)).rounded()), runningMs: Int64((running * Double(millisecondsPerHour)).rounded()),
            disks: try fields.disks()
        )
    }
}

/// The fields of one record, with the checks that name the file, line and field.
struct RecordFields {
    let file: String
    let line: Int
    var values: [String: Any] = [:]

    init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    func bad(_ field: String, _ reason: String) -> SourceError { .badRecord(file: file, line: line, field: field, reason: reason) }

    func string(_ name: String) throws(SourceError) -> String {
        guard let value = values[name] else { throw bad(name, "is missing") }
        guard let text = value as? String, !text.isEmpty else { throw bad(name, "must be a non-empty string") }
        return text
    }

    func number(_ name: String, range: ClosedRange<Double>, default fallback: Double? = nil) throws(SourceError) -> Double {
        guard let value = values[name] else {
            if let fallback { return fallback }
            throw bad(name, "is missing")
        }
        let number: Double? =
            if let text = value as? String {
                Double(text)
            } else if let number = value as? NSNumber, String(cString: number.objCType) != "c" {
                number.doubleValue  // "c" is how JSON true and false arrive
            } else {
                nil
            }
        guard let number, number.isFinite else { throw bad(name, "must be a number, found \(value)") }
        guard range.contains(number) else { throw bad(name, "must be between \(range.lowerBound) and \(range.upperBound), found \(number)") }
        return number
    }

    func disks() throws(SourceError) -> [Disk] {
        guard let value = values["disks"] else { return [] }
        guard let items = value as? [Any] else { throw bad("disks", "must be a JSON array of {purpose, class, size_gib}") }
        var disks: [Disk] = []
        for (index, item) in items.enumerated() {
            guard let disk = item as? [String: Any] else { throw bad("disks[\(index)]", "must be an object") }
            var fields = RecordFields(file: file, line: line)
            fields.values = disk
            let purposeText = try fields.string("purpose")
            guard let purpose = Disk.Purpose(rawValue: purposeText) else { throw bad("disks[\(index)].purpose", "must be os or data, found \"\(purposeText)\"") }
            let size = try fields.number("size_gib", range: 0...1_048_576)
            disks.append(Disk(purpose: purpose, storageClass: try fields.string("class"), sizeBytes: Int64((size * Double(ByteSize.gib)).rounded())))
        }
        return disks
    }
}
