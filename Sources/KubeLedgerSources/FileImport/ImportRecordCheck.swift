import KubeLedgerCore

/// The checks an import file gets as a whole, after each record alone: two records of
/// one node and hour, and hours the ingest would never price.
///
/// Both exist because the store keeps one node-hour per key (the last written wins), and an
/// hour stored that no price version covers fails every pricing after it until removed by
/// hand: the file is where the mistake can still be named and refused whole.
enum ImportRecordCheck {
    /// The facts with one per node and hour. A record repeated with the same values is kept
    /// once (re-sending an export is idempotent, as every write is); the same key with
    /// other values refuses the file, naming both lines and what differs.
    static func unique(_ records: [(line: Int, fact: NodeHour)], file: String) throws(SourceError) -> [NodeHour] {
        struct Key: Hashable {
            let node: String
            let hour: Hour
        }
        var seen: [Key: (line: Int, fact: NodeHour)] = [:]
        var facts: [NodeHour] = []
        facts.reserveCapacity(records.count)
        for record in records {
            let key = Key(node: record.fact.node, hour: record.fact.hour)
            if let first = seen[key] {
                guard first.fact == record.fact else {
                    throw .badRecord(
                        file: file, line: record.line, field: "record",
                        reason: "is the VM \(record.fact.node) at \(UTCTime.format(record.fact.hour.start)) again, as on line \(first.line), "
                            + "with other values (\(differences(first.fact, record.fact).joined(separator: ", ")))"
                    )
                }
                continue
            }
            seen[key] = record
            facts.append(record.fact)
        }
        return facts
    }

    /// The fields two node-hours of one key differ in, as `vcpus 12 there, 64 here`.
    static func differences(_ first: NodeHour, _ second: NodeHour) -> [String] {
        var fields: [String] = []
        func compare<T: Equatable>(_ name: String, _ a: T, _ b: T, _ text: (T) -> String = { "\($0)" }) {
            if a != b { fields.append("\(name) \(text(a)) there, \(text(b)) here") }
        }
        compare("vm_id", first.vmID, second.vmID)
        compare("role", first.role.rawValue, second.role.rawValue)
        compare("zone", first.zone, second.zone)
        compare("vcpus", first.vcpus, second.vcpus)
        compare("memory_gib", first.memoryBytes, second.memoryBytes) { "\(Double($0) / Double(ByteSize.gib))" }
        compare("present", first.presentMs, second.presentMs) { "\(Double($0) / Double(millisecondsPerHour))" }
        compare("running", first.runningMs, second.runningMs) { "\(Double($0) / Double(millisecondsPerHour))" }
        if first.disks != second.disks { fields.append("disks differ") }
        return fields
    }

    /// Refuses the first record of an hour before `earliest`, naming its line and `hour`.
    static func notBefore(_ earliest: [EarliestImportHour], _ records: [(line: Int, fact: NodeHour)], file: String) throws(SourceError) {
        for bound in earliest {
            if let record = records.first(where: { $0.fact.hour.start < bound.start }) {
                throw .badRecord(
                    file: file, line: record.line, field: "hour",
                    reason: "is \(UTCTime.format(record.fact.hour.start)), before \(bound.reason)"
                )
            }
        }
    }
}

/// The first hour an import may hold, and why (`ingest.start is …`, the catalog's first
/// `effective_from`), for the message that refuses an earlier record.
public struct EarliestImportHour: Sendable, Equatable {
    public var start: Int64
    public var reason: String

    public init(start: Int64, reason: String) {
        self.start = start
        self.reason = reason
    }
}
