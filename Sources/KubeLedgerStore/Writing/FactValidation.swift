import KubeLedgerCore

/// Checks a batch before any of it is written, so a bad fact is named in words a user can
/// act on instead of surfacing as a SQLite constraint failure.
enum FactValidation {
    static func check(_ batch: FactBatch) throws(StoreError) {
        for fact in batch.labels {
            let key = "\(fact.cluster)/\(fact.namespace)/\(fact.controllerName) at \(fact.hour)"
            try require(!fact.cluster.isEmpty, "label", key, "cluster", "is empty")
            try require(!fact.namespace.isEmpty, "label", key, "namespace", "is empty")
            try require(!fact.key.isEmpty, "label", key, "key", "is empty")
            try require(fact.scope == .namespace || !fact.controllerName.isEmpty, "label", key, "controllerName", "is empty for a workload label")
        }
        for fact in batch.nodeHours {
            let key = "\(fact.cluster)/\(fact.node) at \(fact.hour)"
            try require(!fact.cluster.isEmpty, "node-hour", key, "cluster", "is empty")
            try require(!fact.node.isEmpty, "node-hour", key, "node", "is empty")
            try require(fact.vcpus >= 0, "node-hour", key, "vcpus", "is negative (\(fact.vcpus))")
            try require(fact.memoryBytes >= 0, "node-hour", key, "memoryBytes", "is negative (\(fact.memoryBytes))")
            try require((0...millisecondsPerHour).contains(fact.presentMs), "node-hour", key, "present", "is outside 0...1 of the hour")
            try require((0...fact.presentMs).contains(fact.runningMs), "node-hour", key, "running", "is outside 0...present")
            for disk in fact.disks {
                try require(disk.sizeBytes >= 0, "node-hour", key, "disks.size", "is negative (\(disk.sizeBytes))")
                try require(!disk.storageClass.isEmpty, "node-hour", key, "disks.class", "is empty")
            }
        }
        for fact in batch.containerHours {
            let key = "\(fact.ref.cluster)/\(fact.ref.namespace)/\(fact.ref.pod)/\(fact.ref.container) at \(fact.hour)"
            try require(!fact.ref.cluster.isEmpty && !fact.ref.namespace.isEmpty, "container-hour", key, "cluster/namespace", "is empty")
            try require(fact.cpuRequestNanocores >= 0, "container-hour", key, "cpuRequest", "is negative")
            try require(fact.cpuUsageNanocores >= 0, "container-hour", key, "cpuUsage", "is negative")
            try require(fact.memoryRequestBytes >= 0, "container-hour", key, "memoryRequest", "is negative")
            try require(fact.memoryUsageBytes >= 0, "container-hour", key, "memoryUsage", "is negative")
        }
        for fact in batch.pvcHours {
            let key = "\(fact.cluster)/\(fact.namespace)/\(fact.claim) at \(fact.hour)"
            try require(fact.requestedBytes >= 0, "pvc-hour", key, "requestedBytes", "is negative")
            try require(!fact.storageClass.isEmpty, "pvc-hour", key, "storageClass", "is empty")
        }
        for fact in batch.namespaceHours {
            try require(!fact.namespace.isEmpty, "namespace-hour", "\(fact.cluster) at \(fact.hour)", "namespace", "is empty")
        }
        for fact in batch.kubeNodeHours {
            let key = "\(fact.cluster)/\(fact.node) at \(fact.hour)"
            try require(!fact.node.isEmpty, "kube-node-hour", key, "node", "is empty")
            for (field, value) in [
                ("cpuCapacity", fact.cpuCapacityNanocores), ("cpuAllocatable", fact.cpuAllocatableNanocores),
                ("memoryCapacity", fact.memoryCapacityBytes), ("memoryAllocatable", fact.memoryAllocatableBytes),
                ("podsAllocatable", fact.podsAllocatable),
            ] {
                try require(value >= 0, "kube-node-hour", key, field, "is negative (\(value))")
            }
        }
        for series in batch.rawSeries {
            let key = "\(series.ref.cluster)/\(series.ref.namespace)/\(series.ref.pod)/\(series.ref.container)"
            for sample in series.samples {
                try require(sample.step % Step.seconds == 0, "raw sample", key, "step", "\(sample.step) is not on the 5-minute grid")
                try require(sample.value >= 0, "raw sample", key, "value", "is negative at \(UTCTime.format(sample.step))")
            }
        }
    }

    private static func require(
        _ condition: Bool, _ kind: String, _ key: String, _ field: String, _ reason: String
    ) throws(StoreError) {
        if !condition { throw .invalidFact(kind: kind, key: key, field: field, reason: reason) }
    }
}
