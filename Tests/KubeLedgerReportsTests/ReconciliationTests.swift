import Foundation
import KubeLedgerCore
@testable import KubeLedgerReports
import KubeLedgerStore
import Testing

@Suite struct ReconciliationTests {
    @Test("each namespace and day beside OpenCost: equal, a rate gap, a quantity gap, and namespaces only one side knows")
    func causes() throws {
        let store = try InvoiceTests.filledStore()
        let day = Reconciliation.days(from: UTCTime.parse("2026-10-10T00:00:00Z")!, to: UTCTime.parse("2026-10-11T00:00:00Z")!, timeZone: .gmt)
        #expect(day.count == 1 && day[0].count == 24)
        let hours = Array(day[0])
        // OpenCost's view, hour by hour, made from KubeLedger's own rows and then bent.
        var allocations: [ExternalAllocation] = []
        var namespaces: [String] = []
        for hour in hours {
            let rows = try store.costRows(cluster: "r", hours: HourRange(from: hour, to: hour.next)).filter { $0.kind == .direct || $0.kind == .platform }
            var byNamespace: [String: CostRow] = [:]
            for row in rows { if byNamespace[row.namespace] == nil { byNamespace[row.namespace] = row } else { byNamespace[row.namespace]!.add(row) } }
            namespaces = byNamespace.keys.sorted()
            for (index, namespace) in namespaces.enumerated() where index != 1 {
                let row = byNamespace[namespace]!
                var cpu = row.cpu
                var cpuHours = Double(row.cpuNanocores) / 1e9
                if index == 2 { cpu = Money(units: cpu.units * 11 / 10) }  // a dearer CPU rate
                if index == 3 { cpuHours *= 0.5; cpu = Money(units: cpu.units / 2) }  // half the quantity (requests only)
                let total = cpu + row.ram + row.storage
                allocations.append(ExternalAllocation(
                    cluster: "r", hour: hour, namespace: namespace, source: "opencost", cpuCost: cpu.description, ramCost: row.ram.description,
                    pvCost: row.storage.description, totalCost: total.description, cpuCoreHours: cpuHours,
                    ramByteHours: Double(row.ramBytes)
                ))
            }
            allocations.append(ExternalAllocation(cluster: "r", hour: hour, namespace: "zz-ghost", source: "opencost", cpuCost: "1.2e-02",
                                                  ramCost: "0", pvCost: "0", totalCost: "0.012", cpuCoreHours: 1, ramByteHours: 0))
            // An hour OpenCost could not price (NaN, sent as null, stored empty).
            let unpriced = hour == hours[5]
            allocations.append(ExternalAllocation(cluster: "r", hour: hour, namespace: "zz-nan", source: "opencost", cpuCost: unpriced ? "" : "0.01",
                                                  ramCost: "0", pvCost: "0", totalCost: unpriced ? "" : "0.01", cpuCoreHours: 1, ramByteHours: 0))
        }
        try store.write(FactBatch(allocations: allocations))
        let rows = try Reconciliation(store: store, cluster: "r", days: day, timeZone: .gmt).rows
        func row(_ namespace: String) -> ReconciliationRow { rows.first { $0.namespace == namespace }! }
        #expect(namespaces.count >= 4)
        #expect(row(namespaces[0]).difference == "0.0000000000" && row(namespaces[0]).cause == "agree within 0.0001")
        #expect(row(namespaces[1]).external == nil && row(namespaces[1]).cause.contains("no allocation"))
        #expect(row(namespaces[2]).cause.hasPrefix("CPU rate"), "\(row(namespaces[2]))")
        #expect(Money(row(namespaces[2]).difference!)! < .zero)
        #expect(row(namespaces[3]).cause.hasPrefix("CPU quantity"), "\(row(namespaces[3]))")
        #expect(row("zz-ghost").kubeledger == "0.0000000000" && row("zz-ghost").external == "0.2880000000")
        #expect(row("zz-ghost").cause.contains("no cost for"))
        // One unpriced hour makes the day's external figure unknown, not 23 hours' worth.
        #expect(row("zz-nan").external == nil && row("zz-nan").difference == nil)
        #expect(row("zz-nan").cause == "opencost gave no total cost (NaN, sent as null) for 1 hour of this day")

        // As CSV: one line a row, amounts as in JSON (a negative difference untouched), the
        // missing external side empty.
        let lines = ReconciliationRow.csv(rows).components(separatedBy: "\r\n")
        #expect(lines.count == rows.count + 2 && lines.last == "")
        let dearer = row(namespaces[2])
        #expect(lines.contains("r,2026-10-10,2026-10-10T00:00:00Z,\(namespaces[2]),opencost,\(dearer.kubeledger),\(dearer.external!),\(dearer.difference!),\(dearer.cause)"),
                "\(lines.prefix(4))")
        #expect(lines.contains { $0.hasPrefix("r,2026-10-10,2026-10-10T00:00:00Z,\(namespaces[1]),,") && $0.contains(",,,no allocation") })
    }

    @Test("upstream decimal text with exponents is read exactly, rounded at 15 decimals")
    func upstreamDecimals() {
        #expect(Money(rounding: "1.2e-05")?.description == "0.000012000000000")
        #expect(Money(rounding: "0.0316110000000000006")?.description == "0.031611000000000")
        #expect(Money(rounding: "-3E2")?.description == "-300.000000000000000")
        #expect(Money(rounding: "NaN") == nil)
    }
}
