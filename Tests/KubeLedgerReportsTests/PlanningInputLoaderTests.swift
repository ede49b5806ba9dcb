import KubeLedgerCapacity
import KubeLedgerConfig
import KubeLedgerCore
import KubeLedgerReports
import KubeLedgerStore
import Testing

/// capacity-model.md §2 on hand-made workloads: what counts as demand and what as per-node overhead.
@Suite struct PlanningInputLoaderTests {
    static let core: Int64 = 1_000_000_000

    static func workload(_ namespace: String, _ name: String, kind: String, cpu: Int64, memoryGiB: Int64, replicas: Int) -> WorkloadUsage {
        WorkloadUsage(
            cluster: "p", namespace: namespace, controllerKind: kind, controllerName: name, container: "main", tenant: nil,
            cpuSteps: [cpu], memorySteps: [memoryGiB * ByteSize.gib], cpuRequest: cpu, memoryRequest: memoryGiB * ByteSize.gib,
            cpuUsageSum: cpu, cpuRequestSum: cpu, memoryUsageSum: memoryGiB * ByteSize.gib, memoryRequestSum: memoryGiB * ByteSize.gib,
            replicaSteps: replicas * 288, windowSteps: 288, cpuPrice: Money("0.03")!, memoryPrice: Money("0.004")!, autoscaled: false
        )
    }

    static func config(_ architecture: Architecture, capacity: String = "") throws -> KubeLedgerConfig {
        try ConfigLoader.parse(yaml: """
            store: { path: ./unused.sqlite }
            \(capacity)
            namespaces: { storage: [rook-ceph] }
            clusters:
              - name: p
                architecture: \(architecture.rawValue)
                prometheus: { url: "http://127.0.0.1:9" }
                iaas: { type: file, path: ./unused.jsonl }
            """, file: "/tmp/kubeledger-planning-test.yaml")
    }

    @Test("every DaemonSet is per-node overhead, a storage namespace's too; of other workloads those that ran on the workers are demand",
          arguments: [Architecture.devtest, .production])
    func daemonSetsAndStorage(architecture: Architecture) throws {
        let config = try Self.config(architecture)
        let workloads = [
            Self.workload("shop", "web", kind: "Deployment", cpu: Self.core / 2, memoryGiB: 1, replicas: 4),
            Self.workload("monitoring", "node-exporter", kind: "DaemonSet", cpu: Self.core / 10, memoryGiB: 1, replicas: 6),
            Self.workload("rook-ceph", "csi-rbdplugin", kind: "DaemonSet", cpu: Self.core / 5, memoryGiB: 1, replicas: 6),
            Self.workload("rook-ceph", "rook-ceph-osd-0", kind: "Deployment", cpu: 2 * Self.core, memoryGiB: 4, replicas: 1),
            Self.workload("rook-ceph", "rook-ceph-mon-a", kind: "Deployment", cpu: Self.core, memoryGiB: 2, replicas: 3),
            Self.workload("rook-ceph", "rook-ceph-operator", kind: "Deployment", cpu: Self.core / 4, memoryGiB: 1, replicas: 1),
        ]
        let window = HourRange(from: Hour(containing: 1_790_899_200), to: Hour(containing: 1_790_899_200).advanced(by: 24))
        // Where the pods ran: in production the OSD and the mons on a storage node, in devtest
        // on a worker; the operator and the shop on a worker in both.
        let storageNode = architecture == .production ? "s1" : "w1"
        var batch = FactBatch()
        for hour in window {
            for (node, role) in [("w1", NodeRole.worker), ("s1", .storage)] where architecture == .production || role == .worker {
                batch.nodeHours.append(NodeHour(
                    cluster: "p", hour: hour, node: node, vmID: "vm-\(node)", role: role, zone: "AZ05", vcpus: 12, memoryBytes: 24 * ByteSize.gib,
                    presentMs: millisecondsPerHour, runningMs: millisecondsPerHour, disks: []
                ))
            }
            for (name, node) in [("web", "w1"), ("rook-ceph-osd-0", storageNode), ("rook-ceph-mon-a", storageNode), ("rook-ceph-operator", "w1")] {
                batch.containerHours.append(ContainerHour(
                    ref: ContainerRef(cluster: "p", namespace: name == "web" ? "shop" : "rook-ceph", pod: "\(name)-0", container: "main", node: node,
                                      controllerKind: "Deployment", controllerName: name),
                    hour: hour, cpuRequestNanocores: Self.core, cpuUsageNanocores: Self.core, memoryRequestBytes: ByteSize.gib, memoryUsageBytes: ByteSize.gib
                ))
            }
        }
        let store = try LedgerStore()
        try store.write(batch)
        let input = try PlanningInputLoader.load(
            store: store, config: config, cluster: "p", architecture: architecture, window: window, horizonDays: 90,
            workloads: workloads, basis: .requests
        )
        // Demand: the shop's 4 replicas and the operator, and in devtest the 3 mons (on the
        // workers); the OSD never (the OSD reserve in devtest, a storage node in production),
        // nor production's mons (on the storage node).
        let mons: (Int64, Int64, Double) = architecture == .devtest ? (3 * Self.core, 6 * ByteSize.gib, 3) : (0, 0, 0)
        #expect(input.demand.cpuNanocores == 2 * Self.core + Self.core / 4 + mons.0)
        #expect(input.demand.memoryBytes == 5 * ByteSize.gib + mons.1)
        #expect(input.demand.pods == 5 + mons.2)
        // Overhead per node: both DaemonSets (0.1 + 0.2 vCPU, 2 GiB, 2 pods) on top of the
        // system reserve (1 vCPU, 2 GiB), and in devtest the OSD reserve (1 vCPU, 4 GiB).
        let osd: (Int64, Int64) = architecture == .devtest ? (Self.core, 4 * ByteSize.gib) : (0, 0)
        #expect(input.overhead.cpuNanocores == Self.core * 13 / 10 + osd.0)
        #expect(input.overhead.memoryBytes == 4 * ByteSize.gib + osd.1)
        #expect(input.overhead.pods == 2)
    }

    @Test("a plan whose data disk class has no price in the catalog is refused, naming the class")
    func unpricedDiskClass() throws {
        let catalog = try CatalogLoader.parse(yaml: """
            currency: EUR
            hours_per_month: 730
            versions:
              - effective_from: "2026-01-01T00:00:00Z"
                compute: { vcpu_hour: "0.0300", ram_gib_hour: "0.0040" }
                storage_gib_month: { flash-standard: "0.10" }
                service_fees_month:
                  production: { cluster: "2250.00", included_workers: 3, extra_worker: "450.00" }
            """, file: "no-enterprise.yaml")
        let reports = CapacityReports(store: try LedgerStore(), config: try Self.config(.production), catalog: catalog)
        let window = HourRange(from: Hour(containing: 1_790_899_200), to: Hour(containing: 1_790_899_200).advanced(by: 24))
        let workloads = [Self.workload("shop", "web", kind: "Deployment", cpu: Self.core / 2, memoryGiB: 1, replicas: 4)]
        #expect {
            try reports.plan(cluster: "p", architecture: .production, window: window, workloads: workloads)
        } throws: { error in
            "\(error)".contains("no-enterprise.yaml") && "\(error)".contains("storage_gib_month.flash-enterprise")
                && "\(error)".contains("data disks")
        }
    }

    @Test("growth is fitted on 24-hour days back from the window's end, days without data keeping their places",
          arguments: [Set<Int>(), [3, 4, 5]])
    func growthOnWindowDays(missing: Set<Int>) throws {
        // 14 days ending at 10:00: day d (from the window's start) peaks at 15:00 at 100 + d vCPU, 50 the other hours.
        let end = Hour(containing: UTCTime.parse("2026-11-15T10:00:00Z")!)
        let window = HourRange(from: end.advanced(by: -336), to: end)
        var batch = FactBatch()
        for hour in window {
            let day = Int((hour.start - window.from.start) / 86_400)
            guard !missing.contains(day) else { continue }
            let cpu = (hour.start % 86_400) / 3_600 == 15 ? Int64(100 + day) * Self.core : 50 * Self.core
            batch.containerHours.append(ContainerHour(
                ref: ContainerRef(cluster: "p", namespace: "shop", pod: "web-0", container: "main", node: "w1", controllerKind: "Deployment",
                                  controllerName: "web"),
                hour: hour, cpuRequestNanocores: 0, cpuUsageNanocores: cpu, memoryRequestBytes: 0, memoryUsageBytes: 0
            ))
        }
        let store = try LedgerStore()
        try store.write(batch)
        let input = try PlanningInputLoader.load(
            store: store, config: try Self.config(.devtest), cluster: "p", architecture: .devtest, window: window, horizonDays: 90,
            workloads: [], basis: .requests
        )
        // The true line: 1 vCPU a day, 113 today; at 90 days 203.
        #expect(abs(input.growth - 203.0 / 113) < 1e-9, "\(input.growth)")
        #expect(abs(input.trendSlopePerDay - 1.0 / 113) < 1e-12, "\(input.trendSlopePerDay)")
    }

    static let catalog = """
        currency: EUR
        hours_per_month: 730
        versions:
          - effective_from: "2026-01-01T00:00:00Z"
            compute: { vcpu_hour: "0.0300", ram_gib_hour: "0.0040" }
            storage_gib_month: { flash-standard: "0.10", flash-enterprise: "0.20" }
            service_fees_month:
              devtest: { cluster: "500.00", included_workers: 3, extra_worker: "100.00" }
              production: { cluster: "2250.00", included_workers: 3, extra_worker: "450.00" }
        """

    @Test("a workload excluded from right-sizing still counts in the plan, with its current requests")
    func excludedWorkloadsCountInPlans() throws {
        let config = try Self.config(.production, capacity: "capacity: { exclude: [batch] }")
        let window = HourRange(from: Hour(containing: 1_790_899_200), to: Hour(containing: 1_790_899_200).advanced(by: 24))
        var batch = FactBatch()
        for hour in window {
            batch.containerHours.append(ContainerHour(
                ref: ContainerRef(cluster: "p", namespace: "batch", pod: "crunch-0", container: "main", node: "w1", controllerKind: "Deployment",
                                  controllerName: "crunch"),
                hour: hour, cpuRequestNanocores: 10 * Self.core, cpuUsageNanocores: Self.core, memoryRequestBytes: 8 * ByteSize.gib,
                memoryUsageBytes: ByteSize.gib
            ))
        }
        let store = try LedgerStore()
        try store.write(batch)
        let reports = CapacityReports(store: store, config: config, catalog: try CatalogLoader.parse(yaml: Self.catalog, file: "catalog.yaml"))
        // Right-sizing leaves it out …
        #expect(try reports.workloads(cluster: "p", window: window).isEmpty)
        #expect(reports.recommendations(try reports.workloads(cluster: "p", window: window, includingExcluded: true)).isEmpty)
        // … the plan does not: 10 vCPU and 8 GiB requested, one replica, no growth over one day.
        let plan = try reports.plan(cluster: "p", architecture: .production, window: window)
        #expect(plan.demandCPU == 10 && plan.demandMemoryGiB == 8 && plan.demandPods == 1, "\(plan.demandCPU) \(plan.demandMemoryGiB)")
    }
}
