import KubeLedgerConfig
import KubeLedgerCore
@testable import KubeLedgerPricing

/// The one hour of cost-model.md §9, as facts.
enum WorkedExample {
    static let hour = Hour(containing: 1_775_000_000)
    static let catalogYAML = """
        currency: EUR
        hours_per_month: 730
        versions:
          - effective_from: "2026-01-01T00:00:00Z"
            compute: { vcpu_hour: "0.0300", ram_gib_hour: "0.0040" }
            storage_gib_month:
              flash-essentiel: "0.08"
              flash-standard: "0.10"
              flash-premium: "0.13"
              flash-enterprise: "0.18"
              flash-ultra: "0.25"
              mass-storage: "0.02"
            service_fees_month:
              production: { cluster: "2250.00", included_workers: 3, extra_worker: "450.00" }
              devtest:    { cluster: "1500.00", included_workers: 3, extra_worker: "100.00" }
        """

    static func catalog() throws -> PriceCatalog { try CatalogLoader.parse(yaml: catalogYAML, file: "example-catalog.yaml") }

    static func input(hour: Hour = hour) -> ClusterHour {
        let gib = ByteSize.gib
        let nodes = [
            NodeHour(cluster: "ex", hour: hour, node: "w1", vmID: "vm-w1", role: .worker, zone: "AZ05", vcpus: 4, memoryBytes: 16 * gib,
                     presentMs: millisecondsPerHour, runningMs: millisecondsPerHour,
                     disks: [Disk(purpose: .os, storageClass: "flash-standard", sizeBytes: 64 * gib),
                             Disk(purpose: .data, storageClass: "flash-enterprise", sizeBytes: 300 * gib)]),
            NodeHour(cluster: "ex", hour: hour, node: "cp1", vmID: "vm-cp1", role: .controlPlane, zone: "AZ05", vcpus: 8, memoryBytes: 12 * gib,
                     presentMs: millisecondsPerHour, runningMs: millisecondsPerHour,
                     disks: [Disk(purpose: .os, storageClass: "flash-standard", sizeBytes: 64 * gib)]),
        ]
        func container(_ namespace: String, _ name: String, _ cpuRequest: Double, _ cpuUsage: Double, _ memoryRequest: Int64, _ memoryUsage: Int64) -> ContainerHour {
            ContainerHour(
                ref: ContainerRef(cluster: "ex", namespace: namespace, pod: "\(name)-0", container: name, node: "w1", controllerKind: "Deployment", controllerName: name),
                hour: hour, cpuRequestNanocores: Int64(cpuRequest * 1e9), cpuUsageNanocores: Int64(cpuUsage * 1e9),
                memoryRequestBytes: memoryRequest * gib, memoryUsageBytes: memoryUsage * gib
            )
        }
        return ClusterHour(
            cluster: "ex", architecture: .devtest, hour: hour, nodes: nodes,
            containers: [container("shop", "web", 1.0, 0.5, 4, 2), container("blog", "app", 0.5, 1.5, 2, 3), container("monitoring", "prom", 0.5, 0.2, 2, 1)],
            claims: [PVCHour(cluster: "ex", hour: hour, namespace: "shop", claim: "data", storageClass: "ceph-block", requestedBytes: 10 * gib),
                     PVCHour(cluster: "ex", hour: hour, namespace: "blog", claim: "data", storageClass: "ceph-block-norepl", requestedBytes: 20 * gib)],
            namespaces: [NamespaceHour(cluster: "ex", hour: hour, namespace: "shop", tenant: "acme"),
                         NamespaceHour(cluster: "ex", hour: hour, namespace: "blog", tenant: "globex"),
                         NamespaceHour(cluster: "ex", hour: hour, namespace: "monitoring", tenant: nil)]
        )
    }
}
