import KubeLedgerCore

extension ModelBuilder {
    /// Nodes a pod of the workload may land on that run through `[from, to]`.
    func candidates(for workload: SimWorkload, from: Int64, to: Int64) -> [SimNode] {
        eligible(for: workload).filter { $0.poweredOnAt <= from && $0.removedAt >= to }
    }

    /// Nodes whose role (or name, for a pinned workload) suits the workload, at any time.
    func eligible(for workload: SimWorkload) -> [SimNode] {
        model.nodes.filter { node in
            if let pinned = workload.pinnedNode { return node.name == pinned }
            return switch workload.placement {
            case .workers: node.role == .worker
            case .storageNodes: node.role == .storage
            case .everyNode: true
            }
        }
    }

    mutating func pod(
        _ workloadIndex: Int, name: String, on node: String, from: Int64, to: Int64, owner: (String, String)
    ) {
        let workload = model.workloads[workloadIndex]
        let controller: (String, String) =
            switch workload.kind {
            case .deployment: ("Deployment", workload.name)
            case .cronJob: owner
            default: (workload.kind.rawValue, workload.name)
            }
        let from = max(from, start)
        let to = min(to, end)
        guard to > from else { return }
        model.pods.append(SimPod(
            namespace: workload.namespace, name: name, workload: workloadIndex, node: node, start: from, end: to,
            ownerKind: owner.0, ownerName: owner.1, controllerKind: controller.0, controllerName: controller.1,
            noiseSeed: rng.next()
        ))
    }

    mutating func pick(for workload: SimWorkload, from: Int64, to: Int64) -> String? {
        let nodes = candidates(for: workload, from: from, to: to)
        return nodes.isEmpty ? nil : rng.pick(nodes).name
    }

    /// Pods of every workload over the span: rollouts, autoscaling, restarts and jobs.
    mutating func addPods() {
        for index in model.workloads.indices {
            let workload = model.workloads[index]
            let born = max(start, model.namespaces.first { $0.name == workload.namespace }?.createdAt ?? start)
            switch workload.kind {
            case .deployment: addDeploymentPods(index, born: born)
            case .statefulSet: addStatefulSetPods(index, born: born)
            case .daemonSet:
                for node in eligible(for: workload) {
                    pod(index, name: "\(workload.name)-\(rng.suffix(5))", on: node.name, from: max(born, node.poweredOnAt),
                        to: node.removedAt, owner: ("DaemonSet", workload.name))
                }
            case .cronJob: addJobPods(index, born: born)
            }
        }
    }

    mutating func addDeploymentPods(_ index: Int, born: Int64) {
        let workload = model.workloads[index]
        let period = Int64(workload.rolloutEveryDays) * 86_400
        let born = max(born, eligible(for: workload).map(\.poweredOnAt).min() ?? born)
        var epochStart = born
        var boundary = born + Int64(rng.unit() * Double(period)) / Step.seconds * Step.seconds
        if boundary <= born { boundary = born + period }
        var epochs: [(from: Int64, to: Int64, replicaSet: String)] = []
        while epochStart < end {
            epochs.append((epochStart, min(boundary, end), "\(workload.name)-\(rng.suffix(10))"))
            epochStart = boundary
            boundary += period
        }
        for epoch in epochs {
            for _ in 0..<workload.replicas {
                guard let node = pick(for: workload, from: epoch.from, to: epoch.to) else { continue }
                pod(index, name: "\(epoch.replicaSet)-\(rng.suffix(5))", on: node, from: epoch.from, to: epoch.to,
                    owner: ("ReplicaSet", epoch.replicaSet))
            }
        }
        guard workload.autoscaled else { return }
        // Extra replicas on weekdays, 08:00 to 18:00 UTC.
        var day = born - born % 86_400
        while day < end {
            let weekday = (day / 86_400 + 3) % 7
            let from = day + 8 * 3600
            let to = day + 18 * 3600
            if weekday < 5, to > born, let epoch = epochs.last(where: { $0.from <= max(from, born) }) {
                for _ in 0..<(1 + Int(rng.next() % 2)) {
                    let upFrom = max(from, born) + Int64(rng.next() % 6) * Step.seconds
                    let upTo = min(to, epoch.to)
                    guard upTo > upFrom, let node = pick(for: workload, from: upFrom, to: upTo) else { continue }
                    pod(index, name: "\(epoch.replicaSet)-\(rng.suffix(5))", on: node, from: upFrom, to: upTo,
                        owner: ("ReplicaSet", epoch.replicaSet))
                }
            }
            day += 86_400
        }
    }

    mutating func addStatefulSetPods(_ index: Int, born: Int64) {
        let workload = model.workloads[index]
        for replica in 0..<workload.replicas {
            let name = "\(workload.name)-\(replica)"
            guard let first = pick(for: workload, from: born, to: end) else { continue }
            if replica == 0, rng.chance(0.3), span > 86_400 {
                // The pod is rescheduled once, under the same name, on another node.
                let moved = born + (end - born) / 2 / Hour.seconds * Hour.seconds
                pod(index, name: name, on: first, from: born, to: moved, owner: ("StatefulSet", workload.name))
                let others = candidates(for: workload, from: moved, to: end).filter { $0.name != first }
                let second = others.isEmpty ? first : rng.pick(others).name
                pod(index, name: name, on: second, from: moved, to: end, owner: ("StatefulSet", workload.name))
            } else {
                pod(index, name: name, on: first, from: born, to: end, owner: ("StatefulSet", workload.name))
            }
        }
    }

    mutating func addJobPods(_ index: Int, born: Int64) {
        let workload = model.workloads[index]
        let every = Int64(workload.cronEveryHours) * 3600
        var scheduled = born - born % every + Int64(rng.next() % 12) * Step.seconds
        if scheduled < born { scheduled += every }
        while scheduled < end {
            let job = "\(workload.name)-\(scheduled / 60)"
            let finish = scheduled + Int64(workload.cronMinutes) * 60
            if let node = pick(for: workload, from: scheduled, to: finish) {
                pod(index, name: "\(job)-\(rng.suffix(5))", on: node, from: scheduled, to: finish, owner: ("Job", job))
            }
            scheduled += every
        }
    }

    /// Claims live from their workload's first pod to the end of the span.
    mutating func addClaims() {
        for workload in model.workloads where !workload.claimTemplates.isEmpty {
            let born = max(start, model.namespaces.first { $0.name == workload.namespace }?.createdAt ?? start)
            for (n, template) in workload.claimTemplates.enumerated() {
                let names =
                    workload.kind == .statefulSet
                    ? (0..<workload.replicas).map { "data-\(workload.name)-\($0)" }
                    : ["shared-\(workload.name)\(n == 0 ? "" : "-\(n)")"]
                for name in names {
                    model.claims.append(SimClaim(
                        namespace: workload.namespace, name: name, storageClass: template.storageClass, bytes: template.bytes,
                        start: born, end: end
                    ))
                }
            }
        }
    }
}
