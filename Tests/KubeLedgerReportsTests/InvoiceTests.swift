import Foundation
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerIngest
import KubeLedgerPricing
@testable import KubeLedgerReports
import KubeLedgerSimulator
import KubeLedgerStore
import Testing

/// Invoices from a store filled by the simulator: totals, closing, late data, a catalog
/// change, adjustments, and the FOCUS validator.
@Suite struct InvoiceTests {
    static let october = BillingMonth("2026-10", timeZone: .gmt)!
    static let november = october.next

    static let config = try! config(accountID: "@acct-7", accountName: "R & D")

    /// The test cluster `r` billed to the given account, by a provider whose name looks like a formula.
    static func config(accountID: String, accountName: String) throws -> KubeLedgerConfig {
        try ConfigLoader.parse(yaml: """
            store: { path: ./unused.sqlite }
            billing: { provider_name: "=Cloud Temple" }
            clusters:
              - name: r
                architecture: devtest
                billing: { account_id: "\(accountID)", account_name: "\(accountName)" }
                prometheus: { url: "http://127.0.0.1:9" }
                iaas: { type: file, path: ./unused.jsonl }
            """, file: "/tmp/kubeledger-invoice-test.yaml")
    }

    /// October and ten days of November of a small devtest cluster, priced: simulated and
    /// priced once into a file, which each test copies, so the suites do not redo the same
    /// work six times on the machine's two cores.
    static let template: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-invoice-template-\(UUID().uuidString).sqlite").path
        do {
            let store = try LedgerStore(path: path)
            let simulator = try Simulator(SimulationOptions(
                clusterName: "r", architecture: .devtest, seed: 21, from: october.hours.from, to: november.hours.from.advanced(by: 240), containers: 30
            ))
            _ = try simulator.fill(store: store, rawSince: nil)
            try CostUpdater(store: store, config: config, catalog: CatalogLoader.load(path: nil))
                .update(cluster: "r", hours: HourRange(from: october.hours.from, to: november.hours.to))
        } catch {
            fatalError("the invoice test store could not be made: \(error)")
        }
        return path
    }()

    /// A fresh copy of the template store.
    static func filledStore() throws -> LedgerStore {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-invoice-\(UUID().uuidString).sqlite").path
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: template + suffix) {
            try FileManager.default.copyItem(atPath: template + suffix, toPath: copy + suffix)
        }
        return try LedgerStore(path: copy)
    }

    static func builder(_ store: LedgerStore) -> InvoiceBuilder { InvoiceBuilder(store: store, config: config, currency: "EUR") }
    static let now = november.start + 10 * 86_400

    @Test("a production namespace whose pods ran in one zone has that zone on its CPU and RAM lines, none on its Ceph storage line")
    func zonePerLine() throws {
        let store = try LedgerStore()
        let hour = Self.october.hours.from
        var pod = CostRow(kind: .direct, namespace: "shop", tenant: "acme", node: "w1", zone: "AZ05", controllerKind: "Deployment",
                          controllerName: "web", cpu: Money("0.03")!, ram: Money("0.02")!, cpuNanocores: 1_000_000_000, ramBytes: ByteSize.gib)
        pod.cpuRequestNanocores = pod.cpuNanocores
        let claim = CostRow(kind: .direct, namespace: "shop", tenant: "acme", zone: nil, storage: Money("0.01")!, storageBytes: 30 * ByteSize.gib)
        let rows = [pod, claim]
        try store.writeCosts([HourCost(cluster: "r", hour: hour, rows: rows, total: rows.map(\.total).sum(), coverage: HourCoverage())], fingerprint: "t")
        let invoice = try Self.builder(store).invoice(cluster: "r", month: Self.october, now: Self.now)
        let zones: [String: String?] = Dictionary(uniqueKeysWithValues: invoice.lines.filter { $0.namespace == "shop" }.map { ($0.component, $0.zone) })
        let expected: [String: String?] = ["cpu": "AZ05", "ram": "AZ05", "storage": nil as String?]
        #expect(zones == expected, "\(zones)")
    }

    @Test("adjustment lines in the §8 order (namespaces, cpu ram storage, shared, idle), so a tied cent goes to the namespace line")
    func adjustmentOrder() {
        func line(_ namespace: String?, _ component: ChargeLine.Component, _ amount: String = "0.005", tenant: String = "acme") -> ChargeLine {
            ChargeLine(tenant: tenant, namespace: namespace, component: component, amount: Money(amount)!, correctionOf: "2026-09")
        }
        let lines = [line(nil, .idle), line(nil, .shared), line("shop", .ram), line("shop", .cpu), line("Zeta", .storage), line("shop", .cpu, tenant: "Acme")]
        let sorted = lines.sorted(by: InvoiceBuilder.adjustmentOrder).map { "\($0.tenant) \($0.namespace ?? "-") \($0.component)" }
        #expect(sorted == ["Acme shop cpu", "acme Zeta storage", "acme shop cpu", "acme shop ram", "acme - shared", "acme - idle"])
        // Two tied half-cents of one tenant, one cent to give: the earlier line, shop's RAM, has it.
        let tied = [line(nil, .shared), line("shop", .ram)].sorted(by: InvoiceBuilder.adjustmentOrder)
        let rounded = LargestRemainder.round(tied.map(\.amount), to: Money("0.01")!)
        #expect(tied.map(\.component) == [.ram, .shared] && rounded == [Money("0.01")!, .zero])
    }

    @Test("a month's invoice: lines add up to the total, tenants within a cent, quantities and prices filled, coverage complete")
    func monthInvoice() throws {
        let store = try Self.filledStore()
        let invoice = try Self.builder(store).invoice(cluster: "r", month: Self.october, now: Self.now)
        #expect(invoice.hoursInMonth == 744 && invoice.hoursElapsed == 744)
        #expect(invoice.lines.map { Money($0.rounded)! }.sum() == Money(invoice.total)!)
        let exact = invoice.lines.map { Money($0.exact)! }.sum()
        #expect(exact.rounded(decimals: 2) == Money(invoice.total)!)
        #expect(invoice.coverage.pricedHours == 744 && invoice.coverage.hoursWithIaaS == 744 && invoice.coverage.hoursWithKubernetes == 744)
        #expect(invoice.coverage.unpricedContainerHours == 0)
        let cpu = invoice.lines.filter { $0.component == "cpu" }
        #expect(!cpu.isEmpty && cpu.allSatisfy { $0.unit == "vCPU-Hours" && $0.quantity != nil && $0.unitPrice != nil })
        // Every CPU unit price is the catalog's 0.03 or, where usage burst over the node, less.
        #expect(cpu.allSatisfy { Money($0.unitPrice!)! <= Money("0.03")! })
        #expect(invoice.lines.filter { $0.component == "shared" || $0.component == "idle" }.allSatisfy { $0.quantity == nil && $0.namespace == nil })
        #expect(invoice.summary.map { Money($0.total)! }.sum() == Money(invoice.total)!)
        #expect(invoice.summary.allSatisfy { $0.forecast == nil })
        // The open month: month to date and a forecast.
        let open = try Self.builder(store).invoice(cluster: "r", month: Self.november, now: Self.now)
        #expect(open.hoursElapsed == 240)
        #expect(open.summary.allSatisfy { $0.forecast != nil && Money($0.forecast!)! >= Money($0.total)! })
        #expect(open.summary.allSatisfy { $0.previousTotal != nil })
    }

    @Test("a closed month stays byte-identical after late data and a catalog change; the correction lands in the next month, and the two conserve")
    func closeAndAdjust() throws {
        let store = try Self.filledStore()
        let builder = Self.builder(store)
        #expect(throws: InvoiceError.monthNotOver(month: "2026-11")) {
            try builder.close(cluster: "r", month: Self.november, now: Self.now) { _ in "" }
        }
        let closed = try builder.close(cluster: "r", month: Self.october, now: Self.now) { FocusCSV.render([$0], config: Self.config) }
        let csv = try #require(closed.csv)
        #expect(throws: StoreError.alreadyClosed(cluster: "r", month: "2026-10")) {
            try builder.close(cluster: "r", month: Self.october, now: Self.now) { _ in "" }
        }

        // Late data for 15 October: every container of that hour asks for one more core.
        let late = Hour(containing: UTCTime.parse("2026-10-15T10:00:00Z")!)
        var changed = try store.containerHours(cluster: "r", hours: HourRange(from: late, to: late.next))
        for index in changed.indices { changed[index].cpuRequestNanocores += 1_000_000_000 }
        try store.write(FactBatch(containerHours: changed))
        let catalog = try CatalogLoader.load(path: nil)
        // Writing the facts unmarked the hour: an ordinary update prices it again, and only it.
        let latePriced = try CostUpdater(store: store, config: Self.config, catalog: catalog).updateAll(cluster: "r")
        #expect(latePriced.pricedHours == 1)
        // And a catalog change from 20 October: RAM costs twice as much.
        var dearer = catalog
        var version = catalog.versions[0]
        version.effectiveFrom = UTCTime.parse("2026-10-20T00:00:00Z")!
        version.ramGiBHour = Money("0.0080")!
        dearer.versions.append(version)
        let repriced = try CostUpdater(store: store, config: Self.config, catalog: dearer)
            .update(cluster: "r", hours: HourRange(from: Self.october.hours.from, to: Self.november.hours.to))
        #expect(repriced.pricedHours == 744 + 240)  // every stored hour: October and 10 days of November

        let again = try builder.invoice(cluster: "r", month: Self.october, now: Self.now + 3600)
        #expect(again.csv == csv)
        #expect(again == closed)

        // The namespace totals that invoices and cost series read follow every repricing:
        // equal to the hourly rows (read per node) summed per namespace.
        let summary = { (row: CostRow) in
            "\(row.kind) \(row.tenant) \(row.namespace) \(row.total) \(row.cpuNanocores) \(row.ramBytes) \(row.storageBytes) \(row.cpuUsageNanocores) \(row.ramRequestBytes)"
        }
        for hours in [Self.october.hours, HourRange(from: Self.october.hours.from, to: Self.october.hours.from.next)] {
            var summed: [String: CostRow] = [:]
            for row in try store.costRows(cluster: "r", hours: hours, by: .node) {
                let key = "\(row.kind) \(row.tenant) \(row.namespace)"
                if summed[key] == nil { summed[key] = row } else { summed[key]!.add(row) }
            }
            let detail = summed.values.map(summary).sorted()
            let totals = try store.costRows(cluster: "r", hours: hours, by: .namespaceTotals).map(summary).sorted()
            let invoiced = try store.costRows(cluster: "r", hours: hours, by: .namespace).map(summary).sorted()
            #expect(!detail.isEmpty && detail == totals && detail == invoiced)
        }
        let recomputed = Chargeback(rows: try store.costRows(cluster: "r", hours: Self.october.hours), sharing: Self.config.sharing)
        let november = try builder.invoice(cluster: "r", month: Self.november, now: Self.now + 3600)
        let adjustments = november.lines.filter { $0.correctionOf == "2026-10" }
        #expect(adjustments.count >= 2)
        #expect(adjustments.allSatisfy { $0.chargePeriodStart == Self.october.start && $0.chargePeriodEnd == Self.november.start })
        let invoicedOctober = closed.lines.map { Money($0.exact)! }.sum()
        let corrections = adjustments.map { Money($0.exact)! }.sum()
        #expect(recomputed.total != invoicedOctober)
        #expect(invoicedOctober + corrections == recomputed.total)
        #expect(november.lines.map { Money($0.rounded)! }.sum() == Money(november.total)!)
        let text = FocusCSV.render([november], config: Self.config)
        #expect(text.contains(",Adjustment,Correction,Correction of 2026-10: "))

        // Once November is closed with its adjustments, December owes October nothing more.
        _ = try builder.close(cluster: "r", month: Self.november, now: Self.november.next.start) { FocusCSV.render([$0], config: Self.config) }
        let december = try builder.invoice(cluster: "r", month: Self.november.next, now: Self.november.next.start + 3600)
        #expect(december.lines.allSatisfy { $0.correctionOf == nil })
    }

    @Test("the open month's share, change and forecast read its own charges; adjustments to closed months count once, beside them")
    func openMonthWithAdjustments() throws {
        let store = try Self.filledStore()
        // October closed under an even share of platform cost, then the policy goes back to
        // weighted: November carries the difference for October as adjustments.
        let even = try ConfigLoader.parse(yaml: """
            store: { path: ./unused.sqlite }
            sharing: { shared: even, idle: even }
            clusters:
              - name: r
                architecture: devtest
                prometheus: { url: "http://127.0.0.1:9" }
                iaas: { type: file, path: ./unused.jsonl }
            """, file: "/tmp/kubeledger-invoice-test.yaml")
        let closed = try InvoiceBuilder(store: store, config: even, currency: "EUR")
            .close(cluster: "r", month: Self.october, now: Self.now) { FocusCSV.render([$0], config: even) }
        let open = try Self.builder(store).invoice(cluster: "r", month: Self.november, now: Self.now)
        #expect(open.hoursElapsed == 240 && open.hoursInMonth == 720)
        #expect(open.lines.contains { $0.correctionOf == "2026-10" && Money($0.rounded)! != .zero })
        var usage: [String: Money] = [:]
        var corrections: [String: Money] = [:]
        for line in open.lines {
            if line.correctionOf == nil { usage[line.tenant, default: .zero] += Money(line.rounded)! }
            else { corrections[line.tenant, default: .zero] += Money(line.rounded)! }
        }
        let clusterUsage = usage.values.sum()
        #expect(corrections.values.contains { $0 != .zero })
        let previous = Dictionary(grouping: closed.lines.filter { $0.correctionOf == nil }, by: \.tenant).mapValues { $0.map { Money($0.rounded)! }.sum() }
        for item in open.summary {
            let own = usage[item.tenant] ?? .zero
            // The forecast is 720 ÷ 240 = 3 × the month's own charges, not of its adjustments.
            #expect(Money(item.forecast!)! == Money(units: own.units * 3), "\(item.tenant): \(item)")
            let share = InvoiceSummaries.ratio(own.units * 100, clusterUsage.units)
            #expect(item.share == share, "\(item.tenant): \(item)")
            let before = try #require(previous[item.tenant])
            #expect(Money(item.previousTotal!)! == before)
            #expect(item.change == InvoiceSummaries.ratio((Money(units: own.units * 3) - before).units * 100, before.units), "\(item.tenant)")
            #expect(item.usage.map { Money($0)! } == own)
            #expect(item.adjustments.map { Money($0)! } == corrections[item.tenant])
            // What is invoiced is still every line: usage and adjustments.
            #expect(Money(item.total)! == own + (corrections[item.tenant] ?? .zero))
        }
        #expect(open.summary.map { Money($0.total)! }.sum() == Money(open.total)!)
        let shares = open.summary.map { Money($0.share)! }.sum()
        #expect(abs(shares.units - Money("100")!.units) <= Money("0.05")!.units, "\(shares)")
    }

    @Test("after a catalog change, the open month's previous figures are the previous month repriced, as its own export gives them")
    func previousMonthRepriced() throws {
        let store = try Self.filledStore()
        // RAM costs twice as much from the start of October, and nothing has been priced under it yet.
        let catalog = try CatalogLoader.load(path: nil)
        var dearer = catalog
        dearer.versions[0].ramGiBHour = Money(units: catalog.versions[0].ramGiBHour.units * 2)
        let updater = CostUpdater(store: store, config: Self.config, catalog: dearer)
        try updater.updateForInvoice(cluster: "r", month: Self.november)
        let open = try Self.builder(store).invoice(cluster: "r", month: Self.november, now: Self.now)
        try updater.updateForInvoice(cluster: "r", month: Self.october)
        let october = try Self.builder(store).invoice(cluster: "r", month: Self.october, now: Self.now)
        let previous = Dictionary(uniqueKeysWithValues: open.summary.map { ($0.tenant, $0.previousTotal) })
        let exported = Dictionary(uniqueKeysWithValues: october.summary.map { ($0.tenant, $0.total as String?) })
        #expect(!previous.isEmpty && previous == exported, "\(previous) vs \(exported)")
    }

    @Test("a month with no priced hour cannot be closed; a month without data is an error for a named cluster, left out among all")
    func emptyMonths() throws {
        let store = try Self.filledStore()
        let builder = Self.builder(store)
        let september = Self.october.previous
        #expect(throws: InvoiceError.nothingPriced(cluster: "r", month: "2026-09", hours: 720)) {
            try builder.close(cluster: "r", month: september, now: Self.now) { _ in "" }
        }
        #expect(try store.closedInvoices(cluster: "r").isEmpty)
        #expect(!InvoiceError.monthNotOver(month: "2026-11").description.contains("--"))
        let make = { (cluster: String) throws -> Invoice in
            try builder.invoice(cluster: "r", month: cluster == "r" ? september : Self.october, now: Self.now)
        }
        #expect(throws: InvoiceError.noData(clusters: ["r"], month: "2026-09")) {
            try InvoiceSelection.collect(clusters: ["r"], month: september, named: true, make)
        }
        #expect(throws: InvoiceError.noData(clusters: ["r"], month: "2026-09")) {
            try InvoiceSelection.collect(clusters: ["r"], month: september, named: false, make)
        }
        let both = try InvoiceSelection.collect(clusters: ["r", "s"], month: september, named: false, make)
        #expect(both.skipped == [InvoiceSkip(cluster: "r", reason: .noData)] && both.invoices.count == 1 && both.invoices[0].month == "2026-10")
    }

    @Test("closing every cluster closes each one it can, skips those already closed or with nothing priced, and fails only when it closed none")
    func closeEveryCluster() throws {
        let closedBefore = Self.builder(try Self.filledStore()), fresh = Self.builder(try Self.filledStore())
        _ = try closedBefore.close(cluster: "r", month: Self.october, now: Self.now) { _ in "" }
        // Three stand-in clusters: one already closed, one with nothing priced (September), one to close.
        let close = { (name: String) throws -> Invoice in
            switch name {
            case "closed": try closedBefore.close(cluster: "r", month: Self.october, now: Self.now) { _ in "" }
            case "empty": try fresh.close(cluster: "r", month: Self.october.previous, now: Self.now) { _ in "" }
            default: try fresh.close(cluster: "r", month: Self.october, now: Self.now) { _ in "" }
            }
        }
        let all = ["closed", "empty", "open"]
        let first = try InvoiceSelection.collect(clusters: all, month: Self.october, named: false, close)
        #expect(first.invoices.map(\.closedAt) == [Self.now])
        #expect(first.skipped == [InvoiceSkip(cluster: "closed", reason: .alreadyClosed), InvoiceSkip(cluster: "empty", reason: .nothingPriced)])
        // Again: nothing left to close is an error naming every cluster and why.
        let none = InvoiceError.noneClosed(month: "2026-10", skipped: [
            InvoiceSkip(cluster: "closed", reason: .alreadyClosed), InvoiceSkip(cluster: "empty", reason: .nothingPriced),
            InvoiceSkip(cluster: "open", reason: .alreadyClosed),
        ])
        #expect(throws: none) { try InvoiceSelection.collect(clusters: all, month: Self.october, named: false, close) }
        #expect(none.description == "nothing closed for 2026-10: closed (already closed), empty (no priced hour), open (already closed)")
        // One cluster, or one asked by name: its own error, as before.
        for named in [false, true] {
            #expect(throws: StoreError.alreadyClosed(cluster: "r", month: "2026-10")) {
                try InvoiceSelection.collect(clusters: ["closed"], month: Self.october, named: named, close)
            }
        }
    }

    @Test("a closed month exported for one tenant, or beside an open month, is its stored rows, whatever the config says now")
    func closedTenantExport() throws {
        let store = try Self.filledStore()
        let closed = try Self.builder(store).close(cluster: "r", month: Self.october, now: Self.now) { FocusCSV.render([$0], config: Self.config) }
        let stored = try #require(closed.csv).components(separatedBy: "\r\n")
        // The account is renamed after closing.
        let renamed = try Self.config(accountID: "acct-8", accountName: "Renamed")
        let again = try InvoiceBuilder(store: store, config: renamed, currency: "EUR").invoice(cluster: "r", month: Self.october, now: Self.now)
        #expect(again.csv == closed.csv)
        for tenant in Set(closed.lines.map(\.tenant)) {
            let export = try FocusCSV.export([again], config: renamed, tenant: tenant).components(separatedBy: "\r\n")
            let own = stored.dropFirst().filter { $0.contains(",\(tenant),\(tenant),") }
            #expect(!own.isEmpty && export == [stored[0]] + own + [""], "\(tenant)")
            #expect(!export.contains { $0.contains("Renamed") })
        }
        // Beside an open month (of another cluster's name here), the closed rows stay as stored.
        var open = try Self.builder(store).invoice(cluster: "r", month: Self.november, now: Self.now)
        open.cluster = "other"
        let both = try FocusCSV.export([again, open], config: renamed).components(separatedBy: "\r\n")
        #expect(both.count == stored.count + open.lines.count)
        #expect(Array(both.prefix(stored.count - 1)) == Array(stored.dropLast()))
        // A stored CSV that is not the FOCUS columns is refused with the cluster and month.
        var broken = again
        broken.csv = "a,b\r\n1,2\r\n"
        #expect(throws: InvoiceError.unreadableClosedInvoice(cluster: "r", month: "2026-10", reason: "its CSV header is not the FOCUS columns")) {
            try FocusCSV.export([broken], config: renamed, tenant: "acme")
        }
        // Also when the export would be the stored bytes as they are.
        #expect(throws: InvoiceError.unreadableClosedInvoice(cluster: "r", month: "2026-10", reason: "its CSV header is not the FOCUS columns")) {
            try FocusCSV.export([broken], config: renamed)
        }
    }

    @Test("the JSON view writes every amount with 10 decimals and times in RFC 3339, and leaves the stored document's 15 decimals and seconds")
    func jsonView() throws {
        let store = try Self.filledStore()
        let closed = try Self.builder(store).close(cluster: "r", month: Self.october, now: Self.now) { FocusCSV.render([$0], config: Self.config) }
        let shown = closed.forJSON
        #expect(shown.lines.count == closed.lines.count && !shown.lines.isEmpty)
        for (line, original) in zip(shown.lines, closed.lines) {
            #expect(original.exact.split(separator: ".").last?.count == 15 && original.rounded.split(separator: ".").last?.count == 2)
            #expect(line.exact == Money(original.exact)!.formatted(decimals: 10))
            #expect(line.rounded == original.rounded + "00000000")
            #expect(line.unitPrice == original.unitPrice && line.quantity == original.quantity)
        }
        #expect(shown.total == closed.total + "00000000")
        #expect(zip(shown.summary, closed.summary).allSatisfy { $0.total == $1.total + "00000000" && $0.share == $1.share })
        #expect(shown.csv == closed.csv)
        // Times as the rest of the API writes them; the stored document keeps its seconds.
        #expect(shown.periodStart == "2026-10-01T00:00:00Z" && shown.periodEnd == "2026-11-01T00:00:00Z")
        #expect(shown.closedAt == "2026-11-11T00:00:00Z" && closed.closedAt == Self.now)
        #expect(shown.lines.allSatisfy { $0.chargePeriodStart == "2026-10-01T00:00:00Z" && $0.chargePeriodEnd == "2026-11-01T00:00:00Z" })
        // The view has the stored document's members, no more and no fewer.
        let members = { (value: any Encodable) throws -> (Set<String>, Set<String>) in
            let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any])
            let lines = (object["lines"] as? [[String: Any]] ?? []).map { Set($0.keys) }.reduce(Set()) { $0.union($1) }
            return (Set(object.keys), lines)
        }
        let (storedKeys, storedLineKeys) = try members(closed)
        let (shownKeys, shownLineKeys) = try members(shown)
        #expect(shownKeys == storedKeys && shownLineKeys == storedLineKeys && shownLineKeys.contains("chargePeriodStart"))
        // Decoded again from the store, the closed month still has its 15 decimals.
        let again = try Self.builder(store).invoice(cluster: "r", month: Self.october, now: Self.now)
        #expect(again == closed)
        #expect(again.forJSON == shown)
    }

    @Test("the CSV: FOCUS columns in order, CRLF, nulls empty, formula-like text neutralised, numbers untouched")
    func csvShape() throws {
        let store = try Self.filledStore()
        let invoice = try Self.builder(store).invoice(cluster: "r", month: Self.october, now: Self.now)
        let text = FocusCSV.render([invoice], config: Self.config)
        let rows = text.components(separatedBy: "\r\n").dropLast()
        #expect(rows.first == FocusCSV.columns.joined(separator: ","))
        #expect(rows.count == invoice.lines.count + 1)
        #expect(text.hasSuffix("\r\n") && !text.contains("\r\n\r\n"))
        let first = rows.dropFirst().first!
        #expect(first.hasPrefix("'@acct-7,R & D,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,EUR,"))
        #expect(first.contains(",'=Cloud Temple,'=Cloud Temple,'=Cloud Temple,"))
        #expect(!text.contains("null") && !text.contains("N/A"))
        #expect(FocusCSV.neutralised("-0.02") == "'-0.02")
        #expect(FocusCSV.neutralised("shop") == "shop")
        let tenant = invoice.lines[0].tenant
        let own = FocusCSV.render([invoice], config: Self.config, tenant: tenant)
        #expect(own.components(separatedBy: "\r\n").dropFirst().dropLast().allSatisfy { $0.contains(",\(tenant),\(tenant),") })
    }

    @Test("a simulated month's CSV passes focus-validator 2.2.1 (FOCUS 1.2), only InvoiceId-C-004-C failing")
    func focusValidator() throws {
        let store = try Self.filledStore()
        let builder = Self.builder(store)
        let closed = try builder.close(cluster: "r", month: Self.october, now: Self.now) { FocusCSV.render([$0], config: Self.config) }
        var changed = try store.containerHours(cluster: "r", hours: HourRange(from: Self.october.hours.from, to: Self.october.hours.from.next))
        for index in changed.indices { changed[index].memoryRequestBytes /= 2 }
        try store.write(FactBatch(containerHours: changed))
        try CostUpdater(store: store, config: Self.config, catalog: CatalogLoader.load(path: nil))
            .update(cluster: "r", hours: HourRange(from: Self.october.hours.from, to: Self.october.hours.from.next), force: true)
        let november = try builder.invoice(cluster: "r", month: Self.november, now: Self.now)
        #expect(november.lines.contains { Money($0.rounded)! < .zero }, "a negative adjustment is in the file")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for (name, text) in [("october", closed.csv!), ("november", FocusCSV.render([november], config: Self.config))] {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-focus-\(name)-\(UUID().uuidString).csv")
            try Data(text.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let process = Process()
            process.executableURL = root.appendingPathComponent("scripts/focus-validate")
            process.arguments = [file.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            while process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
            #expect(process.terminationStatus == 0, "\(name): \(report)")
            #expect(report.contains("Fail: 1"), "\(name): \(report)")
        }
    }
}
