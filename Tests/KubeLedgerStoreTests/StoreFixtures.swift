import Foundation
import KubeLedgerCore

/// Small, hand-made facts for store tests.
enum StoreFixtures {
    static let hour = Hour(containing: 1_793_577_600)  // 2026-11-02T00:00:00Z

    static func ref(_ pod: String, node: String = "w1") -> ContainerRef {
        ContainerRef(cluster: "c1", namespace: "shop", pod: pod, container: "app", node: node, controllerKind: "Deployment", controllerName: "web")
    }

    static func nodeHour(_ hour: Hour = hour, name: String = "w1", running: Int64 = millisecondsPerHour) -> NodeHour {
        NodeHour(
            cluster: "c1", hour: hour, node: name, vmID: "vm-\(name)", role: .worker, zone: "AZ05", vcpus: 12,
            memoryBytes: 24 * ByteSize.gib, presentMs: millisecondsPerHour, runningMs: running,
            disks: [Disk(purpose: .os, storageClass: "flash-standard", sizeBytes: 64 * ByteSize.gib)]
        )
    }

    static func containerHour(_ hour: Hour = hour, pod: String = "web-1", cpu: Int64 = 250_000_000) -> ContainerHour {
        ContainerHour(ref: ref(pod), hour: hour, cpuRequestNanocores: 500_000_000, cpuUsageNanocores: cpu,
                      memoryRequestBytes: 512 * ByteSize.mib, memoryUsageBytes: 300 * ByteSize.mib)
    }

    static func batch(hours: Int = 2, pods: Int = 2) -> FactBatch {
        var batch = FactBatch()
        for offset in 0..<hours {
            let h = hour.advanced(by: offset)
            batch.nodeHours.append(nodeHour(h))
            batch.namespaceHours.append(NamespaceHour(cluster: "c1", hour: h, namespace: "shop", tenant: "acme"))
            batch.pvcHours.append(PVCHour(cluster: "c1", hour: h, namespace: "shop", claim: "data", storageClass: "ceph-block", requestedBytes: 10 * ByteSize.gib))
            for pod in 0..<pods { batch.containerHours.append(containerHour(h, pod: "web-\(pod)", cpu: Int64(100_000_000 * (pod + 1) + offset))) }
        }
        batch.rawSeries.append(RawSeries(ref: ref("web-0"), metric: .cpuUsage, samples: (1...(12 * hours)).map {
            RawSample(step: hour.start + Int64($0) * 300, value: Int64(1_000 * $0))
        }))
        return batch
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-\(UUID().uuidString).sqlite").path
    }
}
