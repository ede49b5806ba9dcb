import Foundation
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerStore

/// KubeLedger's cost of each namespace and day beside what OpenCost or Kubecost said, the
/// difference, and its main cause in words (issue: reconciliation).
///
/// Both sides are a namespace's own cost (CPU, RAM, storage), before any share of
/// platform or idle cost, which is what OpenCost's namespace allocation reports.
public struct Reconciliation: Sendable, Codable, Equatable {
    public var rows: [ReconciliationRow]

    public init(store: LedgerStore, cluster: String, days: [HourRange], timeZone: TimeZone) throws {
        var rows: [ReconciliationRow] = []
        for day in days {
            let ours = try store.costRows(cluster: cluster, hours: day).filter { $0.kind == .direct || $0.kind == .platform }
            var theirs: [String: (cpu: Money, ram: Money, pv: Money, total: Money, cpuHours: Double, ramByteHours: Double, source: String)] = [:]
            // Hours the upstream gave no total for (a NaN it wrote as null): its day's figure
            // is then unknown, not smaller.
            var unknownHours: [String: Int] = [:]
            for allocation in try store.externalAllocations(cluster: cluster, hours: day) {
                if Money(rounding: allocation.totalCost) == nil { unknownHours[allocation.namespace, default: 0] += 1 }
                var entry = theirs[allocation.namespace] ?? (.zero, .zero, .zero, .zero, 0, 0, allocation.source)
                entry.cpu += Money(rounding: allocation.cpuCost) ?? .zero
                entry.ram += Money(rounding: allocation.ramCost) ?? .zero
                entry.pv += Money(rounding: allocation.pvCost) ?? .zero
                entry.total += Money(rounding: allocation.totalCost) ?? .zero
                entry.cpuHours += allocation.cpuCoreHours
                entry.ramByteHours += allocation.ramByteHours
                theirs[allocation.namespace] = entry
            }
            var mine: [String: CostRow] = [:]
            for row in ours {
                if mine[row.namespace] == nil { mine[row.namespace] = row } else { mine[row.namespace]!.add(row) }
            }
            let date = Self.localDate(day.from.start, timeZone: timeZone)
            for namespace in Set(mine.keys).union(theirs.keys).sorted() {
                let own = mine[namespace]
                let other = theirs[namespace]
                let kubeledger = own?.total ?? .zero
                let unknown = unknownHours[namespace] ?? 0
                let external = unknown > 0 ? nil : other?.total
                rows.append(ReconciliationRow(
                    cluster: cluster, day: date, start: UTCTime.format(day.from.start), namespace: namespace, source: other?.source,
                    kubeledger: kubeledger.formatted(decimals: 10), external: external?.formatted(decimals: 10),
                    difference: external.map { (kubeledger - $0).formatted(decimals: 10) },
                    cause: unknown > 0
                        ? "\(other?.source ?? "the upstream") gave no total cost (NaN, sent as null) for \(unknown) hour\(unknown == 1 ? "" : "s") of this day"
                        : Self.cause(own: own, other: other.map { ($0.cpu, $0.ram, $0.pv, $0.cpuHours, $0.ramByteHours, $0.source) })
                ))
            }
        }
        self.rows = rows
    }

    /// The component whose costs differ most, and whether its quantity or its rate differs.
    static func cause(own: CostRow?, other: (cpu: Money, ram: Money, pv: Money, cpuHours: Double, ramByteHours: Double, source: String)?) -> String {
        guard let other else { return "no allocation stored from OpenCost/Kubecost for this day" }
        guard let own else { return "\(other.source) allocates cost to a namespace KubeLedger has no cost for" }
        let components: [(String, Money, Money, Double?, Double?)] = [
            ("CPU", own.cpu, other.cpu, Double(own.cpuNanocores) / 1e9, other.cpuHours),
            ("RAM", own.ram, other.ram, Double(own.ramBytes) / Double(ByteSize.gib), other.ramByteHours / Double(ByteSize.gib)),
            ("storage", own.storage, other.pv, nil, nil),
        ]
        let (name, ours, theirs, ourQuantity, theirQuantity) = components.max { abs(($0.1 - $0.2).units) < abs(($1.1 - $1.2).units) }!
        let gap = ours - theirs
        guard abs(gap.units) >= Money.unit(decimals: 4) else { return "agree within 0.0001" }
        let direction = gap > .zero ? "higher" : "lower"
        if let ourQuantity, let theirQuantity, ourQuantity > 0, theirQuantity > 0 {
            let unit = name == "CPU" ? "core-hours" : "GiB-hours"
            let quantityGap = abs(ourQuantity - theirQuantity) / max(ourQuantity, theirQuantity)
            if quantityGap > 0.02 {
                return String(format: "%@ quantity: KubeLedger allocates %.3f %@ (max of request and usage), %@ %.3f", name, ourQuantity, unit, other.source, theirQuantity)
            }
            return String(format: "%@ rate: same quantity (%.3f %@) priced %@ by KubeLedger's catalog", name, ourQuantity, unit, direction)
        }
        return "\(name) \(direction) in KubeLedger by \(gap.formatted(decimals: 4))"
    }
}

/// One namespace on one day.
public struct ReconciliationRow: Sendable, Codable, Equatable {
    public var cluster: String
    /// The billing time zone's date, `YYYY-MM-DD`.
    public var day: String
    /// The day's first instant, UTC.
    public var start: String
    public var namespace: String
    public var source: String?
    public var kubeledger: String
    public var external: String?
    public var difference: String?
    public var cause: String
}

extension Reconciliation {
    /// `YYYY-MM-DD` of the instant in the time zone.
    static func localDate(_ seconds: Int64, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// The days of the billing time zone that `[from, to)` covers, each as its UTC hours,
    /// cut to the range.
    public static func days(from: Int64, to: Int64, timeZone: TimeZone) -> [HourRange] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var days: [HourRange] = []
        var start = Int64(calendar.startOfDay(for: Date(timeIntervalSince1970: TimeInterval(from))).timeIntervalSince1970)
        while start < to {
            let next = Int64(calendar.date(byAdding: .day, value: 1, to: Date(timeIntervalSince1970: TimeInterval(start)))!.timeIntervalSince1970)
            days.append(HourRange(from: Hour(containing: max(start, from)), to: Hour(containing: min(next, to))))
            start = next
        }
        return days.filter { $0.count > 0 }
    }
}

extension ReconciliationRow {
    /// The rows as CSV for a spreadsheet: amounts with their 10 decimals and never altered
    /// (a negative difference stays `-0.5`), an empty cell where the external side has no
    /// allocation, formula-like text neutralised.
    public static func csv(_ rows: [ReconciliationRow]) -> String {
        CSVText.render(
            header: ["cluster", "day", "start", "namespace", "source", "kubeledger", "external", "difference", "cause"],
            rows: rows.map { row in
                let text = FocusCSV.neutralised
                return [text(row.cluster), row.day, row.start, text(row.namespace), text(row.source ?? ""), row.kubeledger, row.external ?? "",
                        row.difference ?? "", text(row.cause)]
            }
        )
    }
}
