import Foundation
import KubeLedgerCore
import Testing

@testable import KubeLedgerConfig

@Suite struct DefaultsTests {
    @Test("a minimal file gets every default the specification gives")
    func minimalConfig() throws {
        let path = try FixtureFile.path("minimal.yaml")
        let config = try ConfigLoader.load(path: path, environment: [:])
        let directory = try FixtureFile.directory()
        #expect(config.store == StoreSettings(path: "\(directory)/data/ledger.sqlite", rawRetentionDays: 35))
        #expect(config.catalog == nil)
        #expect(config.billing == BillingSettings(timezone: "UTC", providerName: "Cloud Temple"))
        #expect(config.sharing == SharingSettings(shared: .weighted, idle: .weighted))
        #expect(config.namespaces.storage == ["rook-ceph"])
        #expect(
            config.namespaces.platform == [
                "kube-system", "monitoring", "argocd", "harbor", "kasten-io", "kyverno", "capsule-system",
                "cert-manager", "metallb-system", "ingress-nginx", "opencost", "kubecost", "cilium",
                "hubble", "loki", "promtail",
            ]
        )
        #expect(
            config.storageClasses
                == StorageClassSettings(
                    replicas: ["ceph-block": 3, "ceph-filesystem": 3, "ceph-block-norepl": 1],
                    defaultReplicas: 3
                )
        )
        #expect(config.ingest == IngestSettings(start: nil, lookbackSeconds: 7_200, settleSeconds: 600, everySeconds: 900))
        #expect(config.ingest.start(now: 10_000_000) == 10_000_000 - 35 * 86_400)
        #expect(config.server == ServerSettings(listen: ListenAddress(host: "127.0.0.1", port: 8080), tokens: []))
        #expect(config.capacity == CapacitySettings(basis: .recommended, horizonDays: 90, windowDays: 14))

        let cluster = try #require(config.clusters.first)
        #expect(config.clusters.count == 1)
        #expect(cluster.name == "lab")
        #expect(cluster.region == "FR1")
        #expect(cluster.billing == ClusterBillingSettings(accountID: "lab", accountName: "lab"))
        #expect(cluster.prometheus.auth == .none)
        #expect(
            cluster.iaas
                == IaaSSettings(
                    source: .file(path: "/var/lib/kubeledger/lab-iaas.jsonl"),
                    osDisk: OSDiskSettings(sizeGiB: 64, storageClass: "flash-standard"),
                    dataDiskClass: "flash-enterprise",
                    nodeNamePattern: "{vm_name}"
                )
        )
        #expect(cluster.opencost == nil)
    }

    @Test("Xen Orchestra sources default to the OS disk in position 0 and no repository map")
    func xenOrchestraDefaults() throws {
        let yaml = """
            store: { path: /srv/ledger.sqlite }
            clusters:
              - name: onprem
                architecture: production
                prometheus: { url: "https://prom.example.com/", auth: { type: bearer, token: t0k } }
                iaas:
                  type: xen-orchestra
                  url: https://xo.example.com
                  auth: { type: bearer, token: "${XO_TOKEN}" }
                  sr_classes: { "SSD pool": flash-premium, 4b1f-uuid: mass-storage }
                  node_name: "k8s-{vm_name}"
              - name: second
                architecture: devtest
                prometheus: { url: http://10.0.0.1:9090 }
                iaas: { type: xen-orchestra, url: http://xo.lan, os_disk_position: 1 }
                opencost: { url: http://kubecost.lan:9090, kind: kubecost }
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "/etc/kubeledger/kubeledger.yaml", environment: ["XO_TOKEN": "secret"])
        let xo = try #require(URL(string: "https://xo.example.com"))
        #expect(
            config.clusters[0].iaas.source
                == .xenOrchestra(
                    url: xo,
                    auth: .bearer(token: "secret"),
                    srClasses: ["SSD pool": "flash-premium", "4b1f-uuid": "mass-storage"],
                    osDiskPosition: 0
                )
        )
        #expect(config.clusters[0].iaas.nodeName(forVM: "onprem-wrk-1") == "k8s-onprem-wrk-1")
        #expect(config.clusters[0].prometheus.auth == .bearer(token: "t0k"))
        let lan = try #require(URL(string: "http://xo.lan"))
        #expect(config.clusters[1].iaas.source == .xenOrchestra(url: lan, auth: .none, srClasses: [:], osDiskPosition: 1))
        #expect(config.clusters[1].opencost?.kind == .kubecost)
    }

    @Test("replica entries merge over the defaults; namespace lists replace theirs")
    func overridesMergeOrReplace() throws {
        let yaml = """
            store: { path: ledger.sqlite, raw_retention_days: 60 }
            catalog: ~
            namespaces: { platform: [kube-system] }
            storage_classes: { replicas: { ceph-block: 2, nfs: 1 }, default_replicas: 2 }
            billing: { timezone: Europe/Paris }
            sharing: { shared: even, idle: separate }
            ingest: { start: "2026-03-01T01:00:00+01:00", lookback: 1h30m, settle: 0s, every: 90s }
            server: { listen: "[::1]:0" }
            capacity: { basis: usage-p95, horizon_days: 180, window_days: 30 }
            clusters:
              - { name: c1, architecture: devtest, prometheus: { url: http://p }, iaas: { type: file, path: x.jsonl } }
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "/etc/kl/kubeledger.yaml", environment: [:])
        #expect(config.store == StoreSettings(path: "/etc/kl/ledger.sqlite", rawRetentionDays: 60))
        #expect(config.catalog == nil)
        #expect(config.namespaces == NamespaceSettings(storage: ["rook-ceph"], platform: ["kube-system"]))
        #expect(config.storageClasses.replicas == ["ceph-block": 2, "ceph-filesystem": 3, "ceph-block-norepl": 1, "nfs": 1])
        #expect(config.storageClasses.replicas(for: "other") == 2)
        #expect(config.billing.timeZone.identifier == "Europe/Paris")
        #expect(config.sharing == SharingSettings(shared: .even, idle: .separate))
        #expect(config.ingest == IngestSettings(start: 1_772_323_200, lookbackSeconds: 5_400, settleSeconds: 0, everySeconds: 90))
        #expect(config.server.listen == ListenAddress(host: "::1", port: 0))
        #expect(config.capacity == CapacitySettings(basis: .usageP95, horizonDays: 180, windowDays: 30))
        #expect(config.clusters[0].iaas.source == .file(path: "/etc/kl/x.jsonl"))
    }

    @Test("capacity rules: every default of capacity-model.md can be set, and unset ones stay unset")
    func capacityRules() throws {
        let yaml = """
            store: { path: ./ledger.sqlite }
            capacity:
              rightsizing: { cpu_percentile: 90, memory_headroom_percent: 20, minimum_cpu_millicores: 20, minimum_memory_mib: 128, minimum_points: 50 }
              system_reserve: { vcpus: 1.5, memory_gib: 3 }
              osd_reserve: { vcpus: 2, memory_gib: 8 }
              worker_flavours: ["8/16", "16/32"]
              production: { target_utilisation: 0.6, minimum_workers: 6, maximum_workers: 60, pods_per_node: 100, ceph_fill: 0.7,
                            minimum_data_disk_gib: 1000, data_disk_step_gib: 250 }
            clusters:
              - { name: c1, architecture: devtest, prometheus: { url: http://p }, iaas: { type: file, path: x.jsonl } }
            """
        let capacity = try ConfigLoader.parse(yaml: yaml, file: "/etc/kl/kubeledger.yaml", environment: [:]).capacity
        #expect(capacity.rightSizing.cpuPercentile == 90 && capacity.rightSizing.memoryHeadroomPercent == 20 && capacity.rightSizing.minimumCPUMillicores == 20)
        #expect(capacity.rightSizing.minimumMemoryMiB == 128 && capacity.rightSizing.minimumPoints == 50)
        #expect(capacity.systemReserve == NodeReserve(cpuNanocores: 1_500_000_000, memoryBytes: 3 * 1_073_741_824))
        #expect(capacity.osdReserve == NodeReserve(cpuNanocores: 2_000_000_000, memoryBytes: 8 * 1_073_741_824))
        #expect(capacity.workerFlavours == [FlavourSize(vcpus: 8, memoryGiB: 16), FlavourSize(vcpus: 16, memoryGiB: 32)])
        let production = try #require(capacity.architectures[.production])
        #expect(production.targetUtilisation == 0.6 && production.minimumWorkers == 6 && production.maximumWorkers == 60 && production.podsPerNode == 100)
        #expect(production.cephFill == 0.7 && production.minimumDataDiskGiB == 1000 && production.dataDiskStepGiB == 250)
        #expect(capacity.architectures[.devtest] == nil)
        let plain = try ConfigLoader.parse(yaml: """
            store: { path: ./ledger.sqlite }
            clusters:
              - { name: c1, architecture: devtest, prometheus: { url: http://p }, iaas: { type: file, path: x.jsonl } }
            """, file: "/etc/kl/kubeledger.yaml", environment: [:]).capacity
        #expect(plain.rightSizing == RightSizingOverrides() && plain.systemReserve == nil && plain.workerFlavours == nil && plain.architectures.isEmpty)
    }
}
