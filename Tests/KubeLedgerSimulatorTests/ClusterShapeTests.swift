import KubeLedgerCore
import KubeLedgerSimulator
import Testing

@Suite struct ClusterShapeTests {
    @Test("devtest: one 8 vCPU / 12 GiB control plane and at least three workers with a Ceph data disk of 300 GiB or more")
    func devtest() throws {
        let model = try Simulator(SimulatorFixtures.options(.devtest)).model
        let controlPlanes = model.nodes.filter { $0.role == .controlPlane }
        #expect(controlPlanes.count == 1)
        #expect(controlPlanes.allSatisfy { $0.vcpus == 8 && $0.memoryBytes == 12 * ByteSize.gib })
        #expect(model.nodes.filter { $0.role == .storage }.isEmpty)
        let workers = model.nodes.filter { $0.role == .worker }
        #expect(workers.count >= 3)
        #expect(workers.allSatisfy { $0.vcpus >= 12 && $0.memoryBytes >= 24 * ByteSize.gib })
        #expect(workers.allSatisfy { node in node.disks.contains { $0.purpose == .data && $0.sizeBytes >= 300 * ByteSize.gib && $0.storageClass == "flash-enterprise" } })
        #expect(Set(model.nodes.map(\.zone)) == ["AZ05"])
        #expect(model.nodes.allSatisfy { $0.disks.contains { $0.purpose == .os && $0.sizeBytes == 64 * ByteSize.gib } })
    }

    @Test("production: three control planes and three storage nodes, one per zone; workers in batches of 3, evenly per zone")
    func production() throws {
        let model = try Simulator(SimulatorFixtures.options(.production, containers: 60)).model
        let zones = ["AZ05", "AZ06", "AZ07"]
        for role in [NodeRole.controlPlane, .storage] {
            let nodes = model.nodes.filter { $0.role == role }
            #expect(nodes.map(\.zone).sorted() == zones)
        }
        let storage = model.nodes.filter { $0.role == .storage }
        #expect(storage.allSatisfy { node in node.vcpus >= 12 && node.memoryBytes >= 24 * ByteSize.gib && node.disks.contains { $0.purpose == .data && $0.sizeBytes >= 500 * ByteSize.gib } })
        let workers = model.nodes.filter { $0.role == .worker }
        #expect(workers.count % 3 == 0)
        #expect(workers.count <= 99)
        for zone in zones { #expect(workers.filter { $0.zone == zone }.count == workers.count / 3) }
    }

    @Test("a production cluster of 3,000 containers runs on about 60 workers")
    func large() throws {
        let options = SimulatorFixtures.options(.production, containers: 3000, days: 1)
        let model = try Simulator(options).model
        let workers = model.nodes.filter { $0.role == .worker && $0.createdAt < options.from.start }
        #expect((54...72).contains(workers.count), "\(workers.count) workers")
        let running = model.pods.filter { $0.start == options.from.start }.reduce(0) { $0 + model.workloads[$1.workload].containers.count }
        #expect(running >= 3000)
        #expect(running < 3300)
    }

    @Test("tenants carry the Capsule label; platform and storage namespaces and an unlabelled one exist")
    func namespaces() throws {
        let model = try Simulator(SimulatorFixtures.options(.devtest, containers: 120)).model
        let tenants = Set(model.namespaces.compactMap(\.tenant))
        #expect(tenants.count >= 2)
        #expect(model.namespaces.contains { $0.name == "rook-ceph" && $0.kind == .storage })
        #expect(model.namespaces.contains { $0.name == "kube-system" && $0.kind == .platform && $0.tenant == nil })
        #expect(model.namespaces.contains { $0.kind == .unlabelled && $0.tenant == nil })
        #expect(model.namespaces.filter { $0.kind == .tenant }.allSatisfy { $0.tenant != nil && $0.name.hasPrefix($0.tenant! + "-") })
        #expect(model.claims.contains { $0.storageClass == "ceph-block" })
        #expect(model.claims.contains { $0.storageClass == "ceph-block-norepl" || $0.storageClass == "ceph-filesystem" })
    }

    @Test("pods come and go: rollouts, jobs and autoscaled replicas start and end inside the span")
    func churn() throws {
        let options = SimulatorFixtures.options(.devtest, containers: 60, days: 4)
        let model = try Simulator(options).model
        let inside = model.pods.filter { $0.start > options.from.start && $0.end < options.to.start }
        #expect(!inside.isEmpty)
        #expect(model.pods.contains { $0.ownerKind == "Job" })
        #expect(model.pods.contains { $0.ownerKind == "ReplicaSet" && $0.start > options.from.start })
        #expect(model.workloads.contains { $0.autoscaled })
        #expect(model.workloads.contains { $0.provisioning == .over })
        #expect(model.workloads.contains { $0.provisioning == .under })
        // Pods only run on nodes that are powered on, and never more than 110 at a time.
        for pod in model.pods {
            let node = try #require(model.nodes.first { $0.name == pod.node })
            #expect(node.poweredOnAt <= pod.start && node.removedAt >= pod.end, "\(pod.name) on \(node.name)")
        }
    }

    @Test("impossible options are refused with the option's name")
    func invalid() {
        let from = SimulatorFixtures.from
        #expect(throws: SimulationError.invalidOption(name: "--from/--to", reason: "must span at least one hour")) {
            try Simulator(SimulationOptions(clusterName: "x", architecture: .devtest, from: from, to: from, containers: 30))
        }
        #expect(throws: SimulationError.self) {
            try Simulator(SimulationOptions(clusterName: "x", architecture: .devtest, from: from, to: from.next, containers: 2))
        }
        #expect(throws: SimulationError.self) {
            try Simulator(SimulationOptions(clusterName: "x", architecture: .devtest, from: from, to: from.next, containers: 30, scrapeInterval: 7))
        }
    }
}
