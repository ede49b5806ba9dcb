import Foundation
import KubeLedgerCore

extension ClusterModel {
    /// Builds the cluster for the options; the same options always give the same cluster.
    /// - Throws: ``SimulationError/invalidOption(name:reason:)`` for a size, span or scrape
    ///   interval the simulator cannot honour.
    public static func build(_ options: SimulationOptions) throws(SimulationError) -> ClusterModel {
        guard options.from < options.to else { throw .invalidOption(name: "--from/--to", reason: "must span at least one hour") }
        guard SimulationOptions.containerRange.contains(options.containers) else {
            throw .invalidOption(name: "--containers", reason: "must be between 5 and 100000, found \(options.containers)")
        }
        guard SimulationOptions.isScrapeInterval(options.scrapeInterval) else {
            throw .invalidOption(name: "--scrape-interval", reason: "must be at least 10 s and divide 5 minutes (e.g. 15, 30, 60, 300)")
        }
        guard !options.clusterName.isEmpty else { throw .invalidOption(name: "--cluster", reason: "must not be empty") }
        var builder = ModelBuilder(options: options)
        return builder.build()
    }
}

/// The sequential draws that shape a cluster, in a fixed order so a seed reproduces it.
struct ModelBuilder {
    let options: SimulationOptions
    var rng: SimRandom
    var model: ClusterModel
    let start: Int64
    let end: Int64

    static let tenantNames = [
        "acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell", "cyberdyne",
        "soylent", "aperture", "oscorp", "massive", "vandelay", "prestige", "monarch", "duff", "gringotts", "nakatomi",
    ]
    static let apps = ["shop", "api", "web", "data", "ml", "auth", "search", "billing", "cms", "media"]
    static let roles = ["frontend", "backend", "worker", "cache", "gateway", "indexer", "scheduler", "reporter", "sync", "notifier"]
    static let cpuChoices: [Int64] = [25, 50, 50, 100, 100, 100, 200, 250, 500]
    static let memoryChoices: [Int64] = [64, 128, 128, 256, 256, 256, 512, 512, 1024]

    init(options: SimulationOptions) {
        self.options = options
        rng = SimRandom(seed: SimRandom.hash(options.seed, options.architecture == .production ? 2 : 1))
        model = ClusterModel(options: options)
        start = options.from.start
        end = options.to.start
    }

    var span: Int64 { end - start }

    /// A grid instant at a fraction of the span.
    func instant(at fraction: Double) -> Int64 {
        let raw = start + Int64(Double(span) * fraction)
        return raw - raw % Step.seconds
    }

    mutating func build() -> ClusterModel {
        addPlatform()
        var workers = max(3, (options.containers + 49) / 50)
        addTenants(initialWorkers: workers)
        workers = sizeWorkers(atLeast: workers)
        addNodes(workers: workers)
        addPods()
        addClaims()
        return model
    }

    // MARK: Workloads

    mutating func container(
        _ name: String, cpuMilli: Int64, memoryMiB: Int64, provisioning: Provisioning, platform: Bool, batch: Bool = false
    ) -> SimContainerSpec {
        let (cpuLevel, memoryLevel): (Double, Double) =
            switch provisioning {
            case .balanced: (0.25 + 0.5 * rng.unit(), 0.45 + 0.4 * rng.unit())
            case .over: (0.03 + 0.05 * rng.unit(), 0.08 + 0.07 * rng.unit())
            case .under: (1.35 + 0.55 * rng.unit(), 1.15 + 0.25 * rng.unit())
            }
        let profile = UsageProfile(
            cpuReference: Double(max(cpuMilli, 50) * 1_000_000),
            cpuLevel: batch ? 0.9 : cpuLevel,
            memoryReference: Double(max(memoryMiB, 64) * ByteSize.mib),
            memoryLevel: memoryLevel,
            dailyAmplitude: batch ? 0 : (platform ? 0.05 + 0.1 * rng.unit() : 0.2 + 0.4 * rng.unit()),
            weekendDrop: platform || batch ? 0 : 0.1 + 0.3 * rng.unit(),
            growthPerDay: platform ? 0.0005 : 0.001 + 0.005 * rng.unit(),
            noise: 0.05 + 0.15 * rng.unit(),
            seed: rng.next()
        )
        return SimContainerSpec(
            name: name, cpuRequestNanocores: cpuMilli * 1_000_000, memoryRequestBytes: memoryMiB * ByteSize.mib, profile: profile
        )
    }

    mutating func addNamespace(_ name: String, _ kind: SimNamespace.Kind, tenant: String? = nil, createdAt: Int64? = nil) {
        model.namespaces.append(SimNamespace(name: name, kind: kind, tenant: tenant, createdAt: createdAt ?? start - 86_400 * 90))
    }

    mutating func addWorkload(
        _ namespace: String, _ name: String, _ kind: SimWorkload.Kind, replicas: Int = 1,
        containers: [SimContainerSpec], placement: SimWorkload.Placement = .workers, provisioning: Provisioning = .balanced,
        autoscaled: Bool = false, claims: [(String, Int64)] = []
    ) {
        model.workloads.append(SimWorkload(
            namespace: namespace, name: name, kind: kind, replicas: replicas, containers: containers, placement: placement,
            provisioning: provisioning, autoscaled: autoscaled, rolloutEveryDays: 2 + Int(rng.next() % 8),
            cronEveryHours: rng.pick([6, 12, 24]), cronMinutes: rng.pick([10, 15, 20, 30, 45]),
            claimTemplates: claims.map { (storageClass: $0.0, bytes: $0.1) }
        ))
    }

    /// Platform and storage namespaces; larger clusters run more of the usual add-ons.
    mutating func addPlatform() {
        let size = options.containers
        addNamespace("kube-system", .platform)
        addNamespace("cilium", .platform)
        addNamespace("monitoring", .platform)
        addNamespace("rook-ceph", .storage)
        addWorkload("cilium", "cilium", .daemonSet, containers: [container("cilium-agent", cpuMilli: 100, memoryMiB: 256, provisioning: .balanced, platform: true)], placement: .everyNode)
        addWorkload("kube-system", "coredns", .deployment, replicas: 2, containers: [container("coredns", cpuMilli: 100, memoryMiB: 70, provisioning: .balanced, platform: true)])
        addWorkload("monitoring", "prometheus-k8s", .statefulSet, containers: [container("prometheus", cpuMilli: 500, memoryMiB: 2048, provisioning: .balanced, platform: true)], claims: [("ceph-block", 50 * ByteSize.gib)])
        addWorkload("rook-ceph", "rook-ceph-operator", .deployment, containers: [container("rook-ceph-operator", cpuMilli: 100, memoryMiB: 128, provisioning: .balanced, platform: true)])
        addWorkload("rook-ceph", "rook-ceph-mon", .deployment, replicas: options.architecture == .production ? 3 : 1, containers: [container("mon", cpuMilli: 200, memoryMiB: 512, provisioning: .balanced, platform: true)], placement: options.architecture == .production ? .storageNodes : .workers)
        if size >= 40 {
            addNamespace("opencost", .platform)
            addNamespace("capsule-system", .platform)
            addWorkload("monitoring", "node-exporter", .daemonSet, containers: [container("node-exporter", cpuMilli: 20, memoryMiB: 32, provisioning: .balanced, platform: true)], placement: .everyNode)
            addWorkload("monitoring", "kube-state-metrics", .deployment, containers: [container("kube-state-metrics", cpuMilli: 50, memoryMiB: 128, provisioning: .balanced, platform: true)])
            addWorkload("opencost", "opencost", .deployment, containers: [container("opencost", cpuMilli: 50, memoryMiB: 128, provisioning: .balanced, platform: true)])
            addWorkload("capsule-system", "capsule-controller-manager", .deployment, containers: [container("manager", cpuMilli: 100, memoryMiB: 128, provisioning: .balanced, platform: true)])
        }
        if size >= 100 {
            addNamespace("cert-manager", .platform)
            addNamespace("ingress-nginx", .platform)
            addNamespace("loki", .platform)
            addWorkload("cert-manager", "cert-manager", .deployment, containers: [container("cert-manager", cpuMilli: 50, memoryMiB: 128, provisioning: .balanced, platform: true)])
            addWorkload("ingress-nginx", "ingress-nginx-controller", .deployment, replicas: 2, containers: [container("controller", cpuMilli: 200, memoryMiB: 256, provisioning: .balanced, platform: true)])
            addWorkload("loki", "promtail", .daemonSet, containers: [container("promtail", cpuMilli: 50, memoryMiB: 64, provisioning: .balanced, platform: true)], placement: .everyNode)
            addWorkload("loki", "loki", .statefulSet, containers: [container("loki", cpuMilli: 250, memoryMiB: 512, provisioning: .balanced, platform: true)], claims: [("ceph-block", 30 * ByteSize.gib)])
        }
        if size >= 300 {
            for name in ["argocd", "harbor", "kyverno"] { addNamespace(name, .platform) }
            addWorkload("argocd", "argocd-server", .deployment, containers: [container("server", cpuMilli: 100, memoryMiB: 256, provisioning: .balanced, platform: true)])
            addWorkload("argocd", "argocd-repo-server", .deployment, containers: [container("repo-server", cpuMilli: 250, memoryMiB: 512, provisioning: .balanced, platform: true)])
            addWorkload("argocd", "argocd-application-controller", .statefulSet, containers: [container("application-controller", cpuMilli: 500, memoryMiB: 1024, provisioning: .balanced, platform: true)])
            addWorkload("harbor", "harbor-core", .deployment, containers: [container("core", cpuMilli: 100, memoryMiB: 256, provisioning: .balanced, platform: true)])
            addWorkload("harbor", "harbor-registry", .deployment, containers: [container("registry", cpuMilli: 100, memoryMiB: 256, provisioning: .balanced, platform: true)], claims: [("ceph-filesystem", 200 * ByteSize.gib)])
            addWorkload("kyverno", "kyverno-admission-controller", .deployment, replicas: 3, containers: [container("kyverno", cpuMilli: 100, memoryMiB: 256, provisioning: .balanced, platform: true)])
        }
    }

    /// Containers running at the start, counting DaemonSets once per node; namespaces that
    /// arrive later are growth on top.
    func runningContainers(nodes: Int) -> Int {
        let late = Set(model.namespaces.filter { $0.createdAt > start }.map(\.name))
        return model.workloads.reduce(0) { total, workload in
            if late.contains(workload.namespace) { return total }
            return switch workload.kind {
            case .daemonSet: total + workload.containers.count * nodes
            case .cronJob: total
            default: total + workload.containers.count * workload.replicas
            }
        }
    }

    mutating func addTenants(initialWorkers: Int) {
        let fixedNodes = options.architecture == .production ? 6 : 1
        let tenantCount = min(Self.tenantNames.count, max(2, options.containers / 60))
        var tenantNamespaces: [String] = []
        for (index, tenant) in Self.tenantNames.prefix(tenantCount).enumerated() {
            let count = options.containers < 60 ? 1 : 1 + Int(rng.next() % 3)
            var apps = Self.apps
            for n in 0..<count {
                let app = apps.remove(at: Int(rng.next() % UInt64(apps.count)))
                let name = "\(tenant)-\(app)"
                // The last tenant's second namespace arrives during the span: growth.
                let late = index == tenantCount - 1 && n == 1
                addNamespace(name, .tenant, tenant: tenant, createdAt: late ? instant(at: 0.4) : nil)
                tenantNamespaces.append(name)
            }
        }
        addNamespace("sandbox", .unlabelled)
        tenantNamespaces.append("sandbox")
        var serial = 0
        while runningContainers(nodes: fixedNodes + initialWorkers) < options.containers {
            let namespace = tenantNamespaces[serial % tenantNamespaces.count]
            let app = namespace.split(separator: "-").last.map(String.init) ?? namespace
            let name = "\(app)-\(Self.roles[(serial / tenantNamespaces.count) % Self.roles.count])\(serial >= tenantNamespaces.count * Self.roles.count ? "-\(serial)" : "")"
            let provisioning: Provisioning =
                serial == 1 ? .over : serial == 3 ? .under : rng.chance(0.05) ? .over : rng.chance(0.03) ? .under : .balanced
            let draw = rng.unit()
            let kind: SimWorkload.Kind = draw < 0.7 ? .deployment : draw < 0.88 ? .statefulSet : .cronJob
            let sidecar = rng.chance(0.3)
            let over = provisioning == .over
            var specs = [container(
                "app", cpuMilli: over ? rng.pick([1000, 2000]) : rng.pick(Self.cpuChoices),
                memoryMiB: over ? rng.pick([2048, 4096]) : rng.pick(Self.memoryChoices), provisioning: provisioning,
                platform: false, batch: kind == .cronJob
            )]
            if sidecar { specs.append(container("envoy", cpuMilli: 50, memoryMiB: 64, provisioning: .balanced, platform: false)) }
            let replicas = kind == .cronJob ? 1 : kind == .statefulSet ? 1 + Int(rng.next() % 3) : rng.pick([1, 1, 2, 2, 3, 4])
            var claims: [(String, Int64)] = []
            if kind == .statefulSet {
                claims.append((rng.chance(0.2) ? "ceph-block-norepl" : "ceph-block", Int64(rng.pick([5, 10, 20, 50, 100])) * ByteSize.gib))
            } else if kind == .deployment, rng.chance(0.15) {
                claims.append(("ceph-filesystem", Int64(rng.pick([10, 20, 50])) * ByteSize.gib))
            }
            addWorkload(
                namespace, name, kind, replicas: replicas, containers: specs, provisioning: provisioning,
                autoscaled: kind == .deployment && (serial == 5 || rng.chance(0.15)), claims: claims
            )
            serial += 1
        }
    }

    /// Enough workers that requests fill at most 60 % of them (batches of 3 in production).
    func sizeWorkers(atLeast minimum: Int) -> Int {
        let shape = Self.workerShape(options.architecture)
        var cpu: Int64 = 0
        var memory: Int64 = 0
        var perNodeCPU: Int64 = 0
        var perNodeMemory: Int64 = 0
        for workload in model.workloads {
            let c = workload.containers.reduce(Int64(0)) { $0 + $1.cpuRequestNanocores }
            let m = workload.containers.reduce(Int64(0)) { $0 + $1.memoryRequestBytes }
            switch workload.kind {
            case .daemonSet:
                perNodeCPU += c
                perNodeMemory += m
            case .cronJob: break
            default:
                if workload.placement == .workers {
                    cpu += c * Int64(workload.replicas)
                    memory += m * Int64(workload.replicas)
                }
            }
        }
        let usableCPU = Int64(shape.vcpus) * nanocoresPerCore * 6 / 10 - perNodeCPU
        let usableMemory = shape.memory * 6 / 10 - perNodeMemory
        var workers = max(minimum, Int((cpu + usableCPU - 1) / usableCPU), Int((memory + usableMemory - 1) / usableMemory), 3)
        // Leave room for the growth batch added during the span: at most 99 (250) workers in all.
        if options.architecture == .production { workers = min(96, (workers + 2) / 3 * 3) } else { workers = min(249, workers) }
        return workers
    }

    static func workerShape(_ architecture: Architecture) -> (vcpus: Int, memory: Int64) {
        architecture == .production ? (16, 32 * ByteSize.gib) : (12, 24 * ByteSize.gib)
    }

    // MARK: Nodes

    mutating func uuid() -> String {
        let hex = String(format: "%016llx%016llx", rng.next(), rng.next())
        let chars = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
    }

    /// Raw GiB that the claims need, so the Ceph disks are sized to hold them with room.
    var rawClaimBytes: Int64 {
        model.workloads.reduce(Int64(0)) { total, workload in
            total + workload.claimTemplates.reduce(Int64(0)) { sum, claim in
                let copies: Int64 = claim.storageClass == "ceph-block-norepl" ? 1 : 3
                return sum + claim.bytes * copies * Int64(workload.kind == .statefulSet ? workload.replicas : 1)
            }
        }
    }

    mutating func addNodes(workers: Int) {
        let zones = options.architecture.zones
        let longAgo = start - 86_400 * 60
        let osDisk = Disk(purpose: .os, storageClass: "flash-standard", sizeBytes: 64 * ByteSize.gib)
        let hundredGiB = 100 * ByteSize.gib
        func roundUp(_ bytes: Int64, minimum: Int64) -> Int64 { max(minimum, (bytes + hundredGiB - 1) / hundredGiB * hundredGiB) }
        let cluster = options.clusterName
        let controlPlanes = options.architecture == .production ? 3 : 1
        for index in 0..<controlPlanes {
            model.nodes.append(SimNode(
                name: String(format: "%@-cp-%02d", cluster, index + 1), vmID: uuid(), role: .controlPlane,
                zone: zones[index % zones.count], vcpus: 8, memoryBytes: 12 * ByteSize.gib, disks: [osDisk],
                createdAt: longAgo, poweredOnAt: longAgo, removedAt: .max
            ))
        }
        if options.architecture == .production {
            let data = roundUp(rawClaimBytes * 3 / 2 / 3, minimum: 500 * ByteSize.gib)
            for index in 0..<3 {
                model.nodes.append(SimNode(
                    name: String(format: "%@-ceph-%02d", cluster, index + 1), vmID: uuid(), role: .storage,
                    zone: zones[index], vcpus: 12, memoryBytes: 24 * ByteSize.gib,
                    disks: [osDisk, Disk(purpose: .data, storageClass: "flash-enterprise", sizeBytes: data)],
                    createdAt: longAgo, poweredOnAt: longAgo, removedAt: .max
                ))
            }
        }
        let shape = Self.workerShape(options.architecture)
        let workerData = roundUp(rawClaimBytes * 3 / 2 / Int64(workers), minimum: 300 * ByteSize.gib)
        let grow = span >= 2 * 86_400 ? (options.architecture == .production ? 3 : 1) : 0
        let added = instant(at: 0.55)
        for index in 0..<(workers + grow) {
            let late = index >= workers
            var disks = [osDisk]
            if options.architecture == .devtest {
                disks.append(Disk(purpose: .data, storageClass: "flash-enterprise", sizeBytes: workerData))
            }
            model.nodes.append(SimNode(
                name: String(format: "%@-wrk-%02d", cluster, index + 1), vmID: uuid(), role: .worker,
                zone: zones[index % zones.count], vcpus: shape.vcpus, memoryBytes: shape.memory, disks: disks,
                createdAt: late ? added : longAgo, poweredOnAt: late ? added + 600 : longAgo, removedAt: .max
            ))
        }
        // One Ceph OSD per data disk, on the node that holds it.
        for node in model.nodes where node.disks.contains(where: { $0.purpose == .data }) {
            let osd = "rook-ceph-osd-\(model.workloads.filter { $0.pinnedNode != nil }.count)"
            addWorkload("rook-ceph", osd, .deployment, containers: [
                container("osd", cpuMilli: 1000, memoryMiB: 4096, provisioning: .balanced, platform: true),
            ], placement: node.role == .storage ? .storageNodes : .workers)
            model.workloads[model.workloads.count - 1].pinnedNode = node.name
            model.workloads[model.workloads.count - 1].rolloutEveryDays = 365
        }
    }
}
