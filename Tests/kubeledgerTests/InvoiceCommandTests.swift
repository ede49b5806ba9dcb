import Foundation
import KubeLedgerCore
import KubeLedgerStore
import Testing

/// `invoice`, `costs` and `reconcile` as a user runs them, on a store the simulator filled.
@Suite(.serialized) struct InvoiceCommandTests {
    /// A simulated devtest cluster from 30 September (UTC) to 3 November, its config and catalog.
    static func prepared() throws -> (config: URL, directory: URL) {
        let config = try CommandRunner.temporaryFile("kubeledger.yaml")
        let directory = config.deletingLastPathComponent()
        let simulate = try CommandRunner.run([
            "simulate", "--architecture", "devtest", "--containers", "15", "--from", "2026-09-30", "--to", "2026-11-03",
            "--cluster", "lab", "--store", directory.appendingPathComponent("lab.sqlite").path, "--raw-days", "0",
        ])
        #expect(simulate.status == 0, "\(simulate.stderr)")
        try """
            store: { path: ./lab.sqlite }
            catalog: ./catalog.yaml
            billing: { timezone: Europe/Paris }
            clusters:
              - name: lab
                architecture: devtest
                prometheus: { url: "http://127.0.0.1:9" }
                iaas: { type: file, path: ./lab.jsonl }
            """.write(to: config, atomically: true, encoding: .utf8)
        try """
            currency: EUR
            hours_per_month: calendar
            versions:
              - effective_from: "2026-01-01T00:00:00Z"
                compute: { vcpu_hour: "0.0300", ram_gib_hour: "0.0040" }
                storage_gib_month: { flash-standard: "0.10", flash-enterprise: "0.18" }
                service_fees_month: { devtest: { cluster: "1500.00", included_workers: 3, extra_worker: "100.00" } }
            """.write(to: directory.appendingPathComponent("catalog.yaml"), atomically: true, encoding: .utf8)
        return (config, directory)
    }

    @Test("invoice exports the month as FOCUS CSV with the summary on stderr; --close freezes it byte for byte; the open month is month to date")
    func invoiceLifecycle() throws {
        let (config, directory) = try Self.prepared()
        let out = directory.appendingPathComponent("october.csv")
        let first = try CommandRunner.run(["invoice", "--config", config.path, "--month", "2026-10", "--out", out.path, "--now", "2026-11-03"])
        #expect(first.status == 0, "\(first.stderr)")
        let csv = try String(contentsOf: out, encoding: .utf8)
        #expect(csv.hasPrefix("BillingAccountId,BillingAccountName,BillingPeriodStart,"))
        // A Paris October: from 30 September 22:00 UTC to 31 October 23:00 UTC, 745 hours.
        #expect(csv.contains(",2026-09-30T22:00:00Z,2026-10-31T23:00:00Z,"))
        #expect(first.stderr.contains("lab 2026-10 (open): total "))
        #expect(first.stderr.contains("coverage: 745 of 745 hours priced"))
        let closed = try CommandRunner.run(["invoice", "--config", config.path, "--month", "2026-10", "--close", "--now", "2026-11-03"])
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(closed.stdout == csv)
        #expect(closed.stderr.contains("lab 2026-10 (closed 2026-11-03T00:00:00Z)"))
        let again = try CommandRunner.run(["invoice", "--config", config.path, "--month", "2026-10"])
        #expect(again.stdout == csv)
        let twice = try CommandRunner.run(["invoice", "--config", config.path, "--month", "2026-10", "--close", "--now", "2026-11-04"])
        #expect(twice.status == 1 && twice.stderr.contains("already closed"))
        let open = try CommandRunner.run(["invoice", "--config", config.path, "--month", "2026-11", "--now", "2026-11-02T23:00:00Z", "--format", "json"])
        #expect(open.status == 0, "\(open.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(open.stdout.utf8)) as? [[String: Any]])
        #expect(json.first?["hoursElapsed"] as? Int == 48)
        let summary = try #require(json.first?["summary"] as? [[String: Any]])
        #expect(!summary.isEmpty && summary.allSatisfy { $0["forecast"] is String && $0["previousTotal"] is String })
        // Money in the JSON has 10 decimals (outputs.md §2), rounded amounts their cents so
        // written; the previous total comes from October's stored document.
        let tenDecimals = { (value: Any?) in (value as? String)?.split(separator: ".").last?.count == 10 }
        #expect(summary.allSatisfy { tenDecimals($0["total"]) && tenDecimals($0["forecast"]) && tenDecimals($0["previousTotal"]) }, "\(summary)")
        let lines = json.first?["lines"] as? [[String: Any]] ?? []
        #expect(!lines.isEmpty && lines.allSatisfy { tenDecimals($0["exact"]) && tenDecimals($0["rounded"]) })
        #expect(lines.allSatisfy { ($0["rounded"] as? String)?.hasSuffix("00000000") == true })
        #expect(tenDecimals(json.first?["total"]))
        // Times are RFC 3339 UTC strings, as in the API: the Paris November begins at 23:00 UTC.
        #expect(json.first?["periodStart"] as? String == "2026-10-31T23:00:00Z" && json.first?["periodEnd"] as? String == "2026-11-30T23:00:00Z")
        #expect(json.first?["closedAt"] == nil)
        #expect(lines.allSatisfy { line in
            // A correction line's period is the closed month it corrects.
            let (start, end) = line["correctionOf"] == nil ? ("2026-10-31T23:00:00Z", "2026-11-30T23:00:00Z") : ("2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z")
            return line["chargePeriodStart"] as? String == start && line["chargePeriodEnd"] as? String == end
        })
        // The closed October too, from its stored document.
        let october = try CommandRunner.run(["invoice", "--config", config.path, "--month", "2026-10", "--format", "json"])
        #expect(october.status == 0, "\(october.stderr)")
        let stored = try #require((try JSONSerialization.jsonObject(with: Data(october.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(stored["closedAt"] as? String == "2026-11-03T00:00:00Z", "\(stored["closedAt"] ?? "nil")")
        #expect(stored["periodStart"] as? String == "2026-09-30T22:00:00Z" && stored["periodEnd"] as? String == "2026-10-31T23:00:00Z")
        let storedLines = stored["lines"] as? [[String: Any]] ?? []
        #expect(!storedLines.isEmpty && storedLines.allSatisfy { $0["chargePeriodStart"] as? String == "2026-09-30T22:00:00Z" })
        #expect(stored["csv"] as? String == csv)
    }

    @Test("invoice refuses what it cannot answer: a month not begun, a month without data, closing nothing or one tenant; --tenant shows its own total")
    func refusals() throws {
        let (config, _) = try Self.prepared()
        let base = ["invoice", "--config", config.path, "--now", "2026-11-03"]
        let future = try CommandRunner.run(base + ["--month", "2027-05"])
        #expect(future.status == 64 && future.stderr.contains("--month: 2027-05 has not started yet") && future.stdout.isEmpty, "\(future.stderr)")
        let empty = try CommandRunner.run(base + ["--month", "2026-07", "--cluster", "lab"])
        #expect(empty.status == 1 && empty.stderr.contains("no data for 2026-07 in cluster lab") && empty.stdout.isEmpty, "\(empty.stderr)")
        let closeEmpty = try CommandRunner.run(base + ["--month", "2026-07", "--close"])
        #expect(closeEmpty.status == 1 && closeEmpty.stderr.contains("--close: 2026-07 of cluster lab has no priced hour"), "\(closeEmpty.stderr)")
        let oneTenant = try CommandRunner.run(base + ["--month", "2026-10", "--close", "--tenant", "acme"])
        #expect(oneTenant.status == 64 && oneTenant.stderr.contains("--close and --tenant"), "\(oneTenant.stderr)")
        let notOver = try CommandRunner.run(base + ["--month", "2026-11", "--close"])
        #expect(notOver.status == 64 && notOver.stderr.contains("--close: 2026-11 has not ended yet"), "\(notOver.stderr)")
        // None of these closed anything: October still closes, for every tenant.
        let json = try CommandRunner.run(base + ["--month", "2026-10", "--format", "json", "--tenant", "acme"])
        let acme = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.first?["total"] as? String)
        let text = try CommandRunner.run(base + ["--month", "2026-10", "--tenant", "acme"])
        let shown = try #require(Money(acme)).formatted(decimals: 2)
        #expect(text.stderr.contains("lab 2026-10 (open): total \(shown) EUR for tenant acme"), "\(text.stderr)")
        let closed = try CommandRunner.run(base + ["--month", "2026-10", "--close"])
        #expect(closed.status == 0, "\(closed.stderr)")
        // A tenant or namespace no namespace of the store has is refused with the known ones, as the API's 404 …
        let costs = ["costs", "--config", config.path, "--from", "2026-10-01", "--to", "2026-10-02"]
        for command in [base + ["--month", "2026-10", "--tenant", "nosuch"], costs + ["--tenant", "nosuch"]] {
            let refused = try CommandRunner.run(command)
            #expect(refused.status == 64 && refused.stdout.isEmpty, "\(command): \(refused.stderr)")
            #expect(refused.stderr.contains("--tenant: no tenant \"nosuch\" in cluster lab (tenants: __idle__, __unassigned__, acme"), "\(refused.stderr)")
        }
        let namespace = try CommandRunner.run(costs + ["--namespace", "nosuch"])
        #expect(namespace.status == 64 && namespace.stderr.contains("--namespace: no namespace \"nosuch\" in cluster lab (namespaces: "), "\(namespace.stderr)")
        // … while a known one without data in the range is an empty answer.
        let september = try CommandRunner.run(["costs", "--config", config.path, "--from", "2026-09-01", "--to", "2026-09-02", "--tenant", "acme", "--format", "json"])
        #expect(september.status == 0, "\(september.stderr)")
        #expect((try JSONSerialization.jsonObject(with: Data(september.stdout.utf8)) as? [Any])?.isEmpty == true, "\(september.stdout)")
    }

    @Test("--close without --cluster closes every cluster it can, says which it skipped and why, and fails only when it closed none")
    func closeEveryCluster() throws {
        let (config, directory) = try Self.prepared()
        // A second cluster with two days of October, and a third with nothing at all.
        let simulate = try CommandRunner.run([
            "simulate", "--architecture", "devtest", "--containers", "5", "--from", "2026-10-01", "--to", "2026-10-03",
            "--cluster", "edge", "--store", directory.appendingPathComponent("lab.sqlite").path, "--raw-days", "0",
        ])
        #expect(simulate.status == 0, "\(simulate.stderr)")
        var yaml = try String(contentsOf: config, encoding: .utf8)
        for name in ["edge", "idle"] {
            yaml += """

                  - name: \(name)
                    architecture: devtest
                    prometheus: { url: "http://127.0.0.1:9" }
                    iaas: { type: file, path: ./\(name).jsonl }
                """
        }
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        let base = ["invoice", "--config", config.path, "--month", "2026-10", "--close", "--now", "2026-11-03"]
        let lab = try CommandRunner.run(base + ["--cluster", "lab"])
        #expect(lab.status == 0, "\(lab.stderr)")
        // lab, first in the config, is already closed: edge is closed all the same.
        let all = try CommandRunner.run(base)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stderr.contains("lab: 2026-10 is already closed; left as it was"), "\(all.stderr)")
        #expect(all.stderr.contains("idle: 2026-10 has no priced hour; not closed"), "\(all.stderr)")
        #expect(all.stderr.contains("edge 2026-10 (closed 2026-11-03T00:00:00Z)"), "\(all.stderr)")
        #expect(all.stderr.contains("closed 2026-10: edge; skipped: lab (already closed), idle (no priced hour)"), "\(all.stderr)")
        #expect(all.stdout.contains("KL-edge-2026-10") && !all.stdout.contains("KL-lab-2026-10"))
        // Nothing left to close: an error naming every cluster and why.
        let again = try CommandRunner.run(base)
        #expect(again.status == 1 && again.stdout.isEmpty, "\(again.stderr)")
        #expect(again.stderr.contains("--close: nothing closed for 2026-10: lab (already closed), edge (already closed), idle (no priced hour)"), "\(again.stderr)")
        // One cluster asked by name: as before.
        let named = try CommandRunner.run(base + ["--cluster", "edge"])
        #expect(named.status == 1 && named.stderr.contains("edge: the invoice of edge for 2026-10 is already closed"), "\(named.stderr)")
    }

    @Test("costs by tenant for the month add up to the invoice; reconcile says when OpenCost has nothing")
    func costsAndReconcile() throws {
        let (config, _) = try Self.prepared()
        let invoice = try CommandRunner.run(["invoice", "--config", config.path, "--month", "2026-10", "--format", "json", "--now", "2026-11-03"])
        let invoiceJSON = try #require(try JSONSerialization.jsonObject(with: Data(invoice.stdout.utf8)) as? [[String: Any]])
        let total = try #require(Double(invoiceJSON[0]["total"] as? String ?? ""))
        let costs = try CommandRunner.run([
            "costs", "--config", config.path, "--from", "2026-09-30T22:00:00Z", "--to", "2026-10-31T23:00:00Z", "--step", "month",
            "--aggregate", "tenant", "--format", "json",
        ])
        #expect(costs.status == 0, "\(costs.stderr)")
        let points = try #require(try JSONSerialization.jsonObject(with: Data(costs.stdout.utf8)) as? [[String: Any]])
        let sum = points.compactMap { ($0["point"] as? [String: Any])?["total"] as? String }.compactMap(Double.init).reduce(0, +)
        #expect(points.count >= 2)
        #expect(abs(sum - total) < 0.01, "costs \(sum) vs invoice \(total)")
        // By a label, every point of the month adds up to the invoice too; one tenant's
        // costs alone are its invoiced total; one namespace's are a part of it.
        let month = ["costs", "--config", config.path, "--from", "2026-09-30T22:00:00Z", "--to", "2026-10-31T23:00:00Z", "--step", "month", "--format", "json"]
        let totals = { (result: CommandRunner.Result) throws -> [String: Double] in
            let points = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], "\(result.stderr)")
            return points.reduce(into: [:]) { sums, item in
                let point = item["point"] as? [String: Any] ?? [:]
                sums[point["key"] as? String ?? "", default: 0] += Double(point["total"] as? String ?? "") ?? .nan
            }
        }
        let byTeam = try totals(try CommandRunner.run(month + ["--aggregate", "label:team"]))
        #expect(byTeam.count >= 2 && abs(byTeam.values.reduce(0, +) - total) < 0.01, "\(byTeam)")
        let summary = try #require(invoiceJSON[0]["summary"] as? [[String: Any]])
        let acme = try #require(summary.first { $0["tenant"] as? String == "acme" }.flatMap { Double($0["total"] as? String ?? "") })
        let acmeAlone = try totals(try CommandRunner.run(month + ["--aggregate", "tenant", "--tenant", "acme"]))
        #expect(Array(acmeAlone.keys) == ["acme"] && abs(acmeAlone["acme"]! - acme) < 0.01, "\(acmeAlone) vs \(acme)")
        let acmeNamespaces = try totals(try CommandRunner.run(month + ["--aggregate", "namespace", "--tenant", "acme"]))
        let namespace = try #require(acmeNamespaces.keys.sorted().first)
        let one = try totals(try CommandRunner.run(month + ["--aggregate", "namespace", "--namespace", namespace]))
        #expect(Array(one.keys) == [namespace] && abs(one[namespace]! - acmeNamespaces[namespace]!) < 1e-6, "\(one)")
        let bogus = try CommandRunner.run(month + ["--aggregate", "team"])
        #expect(bogus.status == 64 && bogus.stderr.contains("--aggregate") && bogus.stderr.contains("label:<key>"), "\(bogus.stderr)")

        let reconcile = try CommandRunner.run(["reconcile", "--config", config.path, "--from", "2026-10-05", "--to", "2026-10-06"])
        #expect(reconcile.status == 0, "\(reconcile.stderr)")
        #expect(reconcile.stdout.contains("no allocation stored"))
        let csv = try CommandRunner.run(["reconcile", "--config", config.path, "--from", "2026-10-05", "--to", "2026-10-06", "--format", "csv"])
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines.first == "cluster,day,start,namespace,source,kubeledger,external,difference,cause")
        #expect(lines.count == reconcile.stdout.split(separator: "\n").count + 1 && lines.last == "", "\(lines.count)")
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.hasPrefix("lab,2026-10-0") && $0.contains(",,,no allocation stored") }, "\(lines.prefix(3))")
    }

    @Test("bad input is refused naming it: the month, the catalog's key, the range")
    func badInput() throws {
        let (config, directory) = try Self.prepared()
        let cluster = try CommandRunner.run(["reconcile", "--config", config.path, "--from", "2026-10-01", "--to", "2026-10-02", "--cluster", "nope"])
        #expect(cluster.status == 64 && cluster.stderr.contains("--cluster"), "\(cluster.stderr)")
        let month = try CommandRunner.run(["invoice", "--config", config.path, "--month", "2026-13"])
        #expect(month.status == 64 && month.stderr.contains("--month"))
        try "currency: euro\nversions: []\n".write(to: directory.appendingPathComponent("catalog.yaml"), atomically: true, encoding: .utf8)
        let catalog = try CommandRunner.run(["invoice", "--config", config.path, "--month", "2026-10"])
        #expect(catalog.status == 1)
        #expect(catalog.stderr.contains("catalog.yaml") && catalog.stderr.contains("currency") && catalog.stderr.contains("versions"), "\(catalog.stderr)")
        let range = try CommandRunner.run(["costs", "--config", config.path, "--from", "2026-10-05", "--to", "2026-10-01"])
        #expect(range.status == 64 && range.stderr.contains("--to"))
    }
}

@Suite struct RightSizeCommandTests {
    @Test("rightsize reads the 5-minute samples: table, JSON, CSV and patches; filters and exclusions")
    func rightsize() throws {
        let config = try CommandRunner.temporaryFile("kubeledger.yaml")
        let directory = config.deletingLastPathComponent()
        let simulate = try CommandRunner.run([
            "simulate", "--architecture", "devtest", "--containers", "20", "--from", "2026-11-01", "--to", "2026-11-16",
            "--cluster", "lab", "--store", directory.appendingPathComponent("lab.sqlite").path, "--raw-days", "15",
        ])
        #expect(simulate.status == 0, "\(simulate.stderr)")
        try """
            store: { path: ./lab.sqlite }
            capacity: { window_days: 14, exclude: [rook-ceph] }
            clusters:
              - name: lab
                architecture: devtest
                prometheus: { url: "http://127.0.0.1:9" }
                iaas: { type: file, path: ./lab.jsonl }
            """.write(to: config, atomically: true, encoding: .utf8)
        let base = ["rightsize", "--config", config.path, "--now", "2026-11-16T00:00:00Z"]
        let table = try CommandRunner.run(base)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("window 2026-11-02T00:00:00Z to 2026-11-16T00:00:00Z"))
        #expect(!table.stdout.contains("rook-ceph/"))
        let json = try CommandRunner.run(base + ["--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count >= 5)
        let savings = rows.compactMap { Double($0["monthlySavings"] as? String ?? "") }
        #expect(savings == savings.sorted(by: >))
        // Money in JSON has 10 decimals (outputs.md §2); the table shows cents.
        let tenDecimals = { (text: Any?) in (text as? String)?.range(of: #"^-?[0-9]+\.[0-9]{10}$"#, options: .regularExpression) != nil }
        #expect(rows.allSatisfy { tenDecimals($0["monthlySavings"]) })
        let top = try #require(rows.first?["monthlySavings"] as? String)
        #expect(table.stdout.contains(" " + Money(top)!.formatted(decimals: 2) + "  "), "\(top)")
        let namespace = try #require(rows.first?["namespace"] as? String)
        let filtered = try CommandRunner.run(base + ["--format", "json", "--namespace", namespace, "--exclude", "kube-system"])
        let only = try #require(try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [[String: Any]])
        #expect(!only.isEmpty && only.allSatisfy { $0["namespace"] as? String == namespace })
        let csv = try CommandRunner.run(base + ["--format", "csv"])
        #expect(csv.stdout.hasPrefix("cluster,namespace,controller_kind,controller,container,tenant,status,points,"))
        let patch = try CommandRunner.run(base + ["--format", "patch"])
        #expect(patch.stdout.contains("kubectl -n ") && patch.stdout.contains("resources:"))
        let bad = try CommandRunner.run(base + ["--window-days", "0"])
        #expect(bad.status == 64 && bad.stderr.contains("--window-days"))
        let unknown = try CommandRunner.run(base + ["--tenant", "nosuch"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--tenant: no tenant \"nosuch\" in cluster lab (tenants: "), "\(unknown.stderr)")

        // The capacity plan on the same store: a cheapest plan, two alternatives, the cluster now.
        let plan = try CommandRunner.run(["plan", "--config", config.path, "--now", "2026-11-16T00:00:00Z", "--format", "json"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let plans = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [[String: Any]])
        let cheapest = try #require(plans.first?["cheapest"] as? [String: Any])
        #expect(tenDecimals(cheapest["monthlyCost"]) && tenDecimals((plans.first?["current"] as? [String: Any])?["monthlyCost"]), "\(cheapest)")
        #expect((cheapest["workers"] as? Int ?? 0) >= 3)
        #expect((plans.first?["alternatives"] as? [Any])?.count == 2)
        #expect((plans.first?["current"] as? [String: Any])?["workers"] as? Int ?? 0 >= 3)
        let month = try CommandRunner.run(["plan", "--config", config.path, "--now", "2026-11-16T00:00:00Z", "--format", "json", "--horizon", "30d"])
        let monthPlans = try #require(try JSONSerialization.jsonObject(with: Data(month.stdout.utf8)) as? [[String: Any]], "\(month.stderr)")
        #expect(monthPlans.first?["horizonDays"] as? Int == 30 && plans.first?["horizonDays"] as? Int != 30)
        let unitless = try CommandRunner.run(["plan", "--config", config.path, "--horizon", "30"])
        #expect(unitless.status == 64 && unitless.stderr.contains("--horizon") && unitless.stderr.contains("90d"), "\(unitless.stderr)")
        let production = try CommandRunner.run(["plan", "--config", config.path, "--now", "2026-11-16T00:00:00Z", "--architecture", "production"])
        #expect(production.status == 0 && production.stdout.contains("per zone") && production.stdout.contains("storage nodes"), "\(production.stdout)")
        let defaults = try #require(plans.first?["settings"] as? [String: Any])
        #expect(defaults["targetUtilisation"] as? Double == 0.8 && defaults["minimumWorkers"] as? Int == 3 && defaults["osdReserveCPU"] as? Double == 1)
        #expect(plan.stdout.isEmpty == false && table.stdout.contains("CPU p95 (nearest rank), at least 10m; memory max + 15 %, at least 100Mi"))

        // Every default is a config value: the same store under other rules gives other
        // answers, and the reports say which values they used.
        try """
            store: { path: ./lab.sqlite }
            capacity:
              window_days: 14
              exclude: [rook-ceph]
              rightsizing: { cpu_percentile: 50, memory_headroom_percent: 30, minimum_cpu_millicores: 5, minimum_memory_mib: 64 }
              system_reserve: { vcpus: 0.5, memory_gib: 1.5 }
              osd_reserve: { vcpus: 2, memory_gib: 6 }
              worker_flavours: ["16/64", "32/128"]
              devtest: { target_utilisation: 0.5, minimum_workers: 5, pods_per_node: 90 }
            clusters:
              - name: lab
                architecture: devtest
                prometheus: { url: "http://127.0.0.1:9" }
                iaas: { type: file, path: ./lab.jsonl, os_disk: { size_gib: 40, class: flash-essentiel }, data_disk_class: flash-premium }
            """.write(to: config, atomically: true, encoding: .utf8)
        let changed = try CommandRunner.run(base + ["--format", "json"])
        let changedRows = try #require(try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [[String: Any]], "\(changed.stderr)")
        let cpuOf = { (rows: [[String: Any]]) in
            Dictionary(rows.map { ("\($0["namespace"] ?? "")/\($0["controllerName"] ?? "")/\($0["container"] ?? "")", Int(($0["recommendedCPU"] as? String ?? "0m").dropLast()) ?? 0) }) { a, _ in a }
        }
        let (p95, p50) = (cpuOf(rows), cpuOf(changedRows))
        #expect(p95.count >= 5 && Set(p95.keys) == Set(p50.keys), "\(p95.keys.sorted()) vs \(p50.keys.sorted())")
        #expect(p50.allSatisfy { $0.value <= p95[$0.key] ?? 0 } && p50.contains { $0.value < p95[$0.key] ?? 0 }, "\(p95) vs \(p50)")
        let changedTable = try CommandRunner.run(base)
        #expect(changedTable.stdout.contains("CPU p50 (nearest rank), at least 5m; memory max + 30 %, at least 64Mi"), "\(changedTable.stdout.prefix(300))")
        let changedPlan = try CommandRunner.run(["plan", "--config", config.path, "--now", "2026-11-16T00:00:00Z", "--format", "json"])
        let changedPlans = try #require(try JSONSerialization.jsonObject(with: Data(changedPlan.stdout.utf8)) as? [[String: Any]], "\(changedPlan.stderr)")
        let settings = try #require(changedPlans.first?["settings"] as? [String: Any])
        #expect(settings["targetUtilisation"] as? Double == 0.5 && settings["minimumWorkers"] as? Int == 5 && settings["podsPerNode"] as? Int == 90)
        #expect(settings["systemReserveCPU"] as? Double == 0.5 && settings["systemReserveMemoryGiB"] as? Double == 1.5 && settings["osdReserveMemoryGiB"] as? Double == 6)
        #expect(settings["workerFlavours"] as? [String] == ["16/64", "32/128"])
        // The disks priced are the cluster's own.
        #expect(settings["osDiskGiB"] as? Int == 40 && settings["osDiskClass"] as? String == "flash-essentiel" && settings["dataDiskClass"] as? String == "flash-premium")
        let changedCheapest = try #require(changedPlans.first?["cheapest"] as? [String: Any])
        #expect((changedCheapest["workers"] as? Int ?? 0) >= 5 && ["16/64", "32/128"].contains(changedCheapest["flavour"] as? String ?? ""), "\(changedCheapest)")
        #expect((changedCheapest["cpuUtilisation"] as? Double ?? 1) <= 0.5 && (changedCheapest["memoryUtilisation"] as? Double ?? 1) <= 0.5)
        let changedText = try CommandRunner.run(["plan", "--config", config.path, "--now", "2026-11-16T00:00:00Z"])
        #expect(changedText.stdout.contains("using: basis recommended over 14 days; target 50 % of allocatable; 5 to 250 workers of 16/64, 32/128; "
            + "at most 90 pods a node; Ceph fill at most 75 %; data disks flash-premium from 300 GiB in steps of 100 GiB; "
            + "OS disks 40 GiB flash-essentiel; reserve 0.50 vCPU and 1.50 GiB a node, "
            + "2 vCPU and 6 GiB an OSD"), "\(changedText.stdout)")
    }

    @Test("rightsize and plan over a window without samples or container-hours say so, naming cluster and window, and exit 1; other clusters are still reported")
    func emptyWindow() throws {
        let config = try CommandRunner.temporaryFile("kubeledger.yaml")
        let directory = config.deletingLastPathComponent()
        // bare: two days of container-hours whose raw samples retention dropped; lab: two days
        // with raw samples; idle: nothing.
        let store = directory.appendingPathComponent("lab.sqlite").path
        for name in ["bare", "lab"] {
            let simulate = try CommandRunner.run([
                "simulate", "--architecture", "devtest", "--containers", "5", "--from", "2026-11-01", "--to", "2026-11-03",
                "--cluster", name, "--store", store, "--raw-days", "2",
            ])
            #expect(simulate.status == 0, "\(simulate.stderr)")
            if name == "bare" { try LedgerStore(path: store).applyRetention(days: 0, now: UTCTime.parse("2026-11-04T00:00:00Z")!) }
        }
        try """
            store: { path: ./lab.sqlite }
            capacity: { window_days: 14 }
            clusters:
            \(["lab", "bare", "idle"].map { "  - { name: \($0), architecture: devtest, prometheus: { url: \"http://127.0.0.1:9\" }, iaas: { type: file, path: ./\($0).jsonl } }" }.joined(separator: "\n"))
            """.write(to: config, atomically: true, encoding: .utf8)
        let window = "the window 2026-10-20T00:00:00Z to 2026-11-03T00:00:00Z"
        let noSamples = "cluster bare: no raw samples stored in \(window), only hourly container-hours"
        let nothing = "cluster idle: no container-hours and no raw samples stored in \(window)"
        for command in ["rightsize", "plan"] {
            let base = [command, "--config", config.path, "--now", "2026-11-03T00:00:00Z"]
            let bare = try CommandRunner.run(base + ["--cluster", "bare"])
            #expect(bare.status == 1 && bare.stdout.isEmpty && bare.stderr.contains(noSamples), "\(command): \(bare.stderr)")
            let idle = try CommandRunner.run(base + ["--cluster", "idle", "--format", "json"])
            #expect(idle.status == 1 && idle.stdout.isEmpty && idle.stderr.contains(nothing), "\(command): \(idle.stderr)")
            // Every cluster: lab is reported, the two others named on standard error.
            let all = try CommandRunner.run(base + ["--format", "json"])
            #expect(all.status == 0 && all.stderr.contains(noSamples) && all.stderr.contains(nothing), "\(command): \(all.stderr)")
            let clusters = (try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])?.compactMap { $0["cluster"] as? String }
            #expect(Set(clusters ?? []) == ["lab"], "\(command): \(all.stdout.prefix(300))")
            // A window after all the data: nothing anywhere is an error.
            let later = try CommandRunner.run([command, "--config", config.path, "--now", "2026-12-30T00:00:00Z"])
            #expect(later.status == 1 && later.stdout.isEmpty, "\(command): \(later.stderr)")
            #expect(later.stderr.contains("cluster lab: no container-hours and no raw samples stored in the window 2026-12-16T00:00:00Z to 2026-12-30T00:00:00Z"), "\(later.stderr)")
        }
    }

    @Test("plan --horizon with a dash-led value says what is wrong with it, not that a value is missing")
    func negativeHorizon() throws {
        let result = try CommandRunner.run(["plan", "--horizon", "-5d"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--horizon: expected days such as 90d") && result.stderr.contains("\"-5d\""), "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"), "\(result.stderr)")
    }
}
