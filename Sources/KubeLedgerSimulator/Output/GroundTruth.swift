import KubeLedgerCore

/// The hourly facts and raw samples that an ideal ingest of the simulated sources yields.
///
/// Hour `h` is the mean of its twelve steps `h+5m ... h+60m`, a step where the thing is
/// absent counting 0 (inputs.md), rounded half up to the unit (nanocore, byte, millisecond).
/// Ingest tests compare what they read from Prometheus and the IaaS files against this.
enum GroundTruth {
    static func facts(model: ClusterModel, frame: DayFrame, rawSince: Int64?) -> FactBatch {
        var batch = FactBatch()
        let cluster = model.options.clusterName
        let hours = stride(from: frame.span.lowerBound, to: frame.span.upperBound, by: Step.perHour).map { first in
            (hour: Hour(containing: DayFrame.step(first, of: frame.day) - Step.seconds), indices: first..<(first + Step.perHour))
        }
        for node in model.nodes {
            for (hour, indices) in hours {
                let present = indices.filter { node.present(at: DayFrame.step($0, of: frame.day)) }.count
                guard present > 0 else { continue }
                let running = indices.filter { node.running(at: DayFrame.step($0, of: frame.day)) }.count
                batch.nodeHours.append(NodeHour(
                    cluster: cluster, hour: hour, node: node.name, vmID: node.vmID, role: node.role, zone: node.zone,
                    vcpus: node.vcpus, memoryBytes: node.memoryBytes, presentMs: Int64(present) * 300_000,
                    runningMs: Int64(running) * 300_000, disks: node.disks
                ))
                if running > 0 {
                    batch.kubeNodeHours.append(KubeNodeHour(
                        cluster: cluster, hour: hour, node: node.name, role: node.role, zone: node.zone,
                        cpuCapacityNanocores: Int64(node.vcpus) * 1_000_000_000,
                        cpuAllocatableNanocores: Int64(node.vcpus) * 1_000_000_000 - Self.reservedNanocores,
                        memoryCapacityBytes: node.memoryBytes, memoryAllocatableBytes: node.memoryBytes - Self.reservedBytes,
                        podsAllocatable: Self.podsPerNode
                    ))
                }
            }
        }
        for namespace in model.namespaces {
            for (hour, _) in hours where namespace.createdAt < hour.end {
                batch.namespaceHours.append(NamespaceHour(cluster: cluster, hour: hour, namespace: namespace.name, tenant: namespace.tenant))
            }
        }
        // Labels as last seen in the day: a pod's at its last step, a namespace's at the day's.
        let dayEnd = min(frame.day + 86_400, model.horizon.end)
        for pod in model.pods where pod.start < dayEnd && pod.end > max(frame.day, model.horizon.start) {
            let hour = Step.hour(of: min(pod.end, dayEnd))
            for label in model.podLabels(pod) {
                batch.labels.append(LabelFact(cluster: cluster, hour: hour, scope: .workload, namespace: pod.namespace, controllerKind: pod.controllerKind,
                                              controllerName: pod.controllerName, key: label.key, value: label.value))
            }
        }
        for namespace in model.namespaces where namespace.createdAt < dayEnd {
            for label in model.namespaceLabels(namespace) {
                batch.labels.append(LabelFact(cluster: cluster, hour: Step.hour(of: dayEnd), scope: .namespace, namespace: namespace.name,
                                              key: label.key, value: label.value))
            }
        }
        batch.labels = LabelFact.newest(batch.labels)
        for workload in model.workloads where workload.autoscaled {
            let born = model.namespaces.first { $0.name == workload.namespace }?.createdAt ?? model.horizon.start
            for (hour, _) in hours where born < hour.end {
                batch.autoscalers.append(AutoscalerHour(
                    cluster: cluster, hour: hour, namespace: workload.namespace, targetKind: "Deployment", targetName: workload.name
                ))
            }
        }
        for claim in model.claims {
            for (hour, indices) in hours {
                let active = indices.filter { claim.active(at: DayFrame.step($0, of: frame.day)) }.count
                guard active > 0 else { continue }
                batch.pvcHours.append(PVCHour(
                    cluster: cluster, hour: hour, namespace: claim.namespace, claim: claim.name, storageClass: claim.storageClass,
                    requestedBytes: mean(claim.bytes * Int64(active))
                ))
            }
        }
        for container in frame.containers {
            for (hour, indices) in hours {
                let overlap = indices.clamped(to: container.active)
                guard !overlap.isEmpty else { continue }
                var cpu: Int64 = 0
                var memory: Int64 = 0
                for index in overlap {
                    cpu += container.cpu(at: index)!
                    memory += container.memory(at: index)!
                }
                batch.containerHours.append(ContainerHour(
                    ref: container.ref, hour: hour,
                    cpuRequestNanocores: mean(container.cpuRequest * Int64(overlap.count)), cpuUsageNanocores: mean(cpu),
                    memoryRequestBytes: mean(container.memoryRequest * Int64(overlap.count)), memoryUsageBytes: mean(memory)
                ))
            }
            if let rawSince {
                var cpuSamples: [RawSample] = []
                var memorySamples: [RawSample] = []
                for index in container.active where DayFrame.step(index, of: frame.day) >= rawSince {
                    let step = DayFrame.step(index, of: frame.day)
                    cpuSamples.append(RawSample(step: step, value: container.cpu(at: index)!))
                    memorySamples.append(RawSample(step: step, value: container.memory(at: index)!))
                }
                if !cpuSamples.isEmpty {
                    batch.rawSeries.append(RawSeries(ref: container.ref, metric: .cpuUsage, samples: cpuSamples))
                    batch.rawSeries.append(RawSeries(ref: container.ref, metric: .memoryWorkingSet, samples: memorySamples))
                }
            }
        }
        return batch
    }

    static func mean(_ sum: Int64) -> Int64 { Step.hourlyMean(sum) }

    /// What the kubelet keeps for itself on every simulated node: capacity less these is
    /// allocatable (kube_node_status_allocatable).
    static let reservedNanocores: Int64 = 200_000_000
    static let reservedBytes = ByteSize.gib
    static let podsPerNode: Int64 = 110
}
