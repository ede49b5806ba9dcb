import KubeLedgerCore

/// Every container's values at every step of one UTC day: computed once, then read by the
/// ground truth and by the OpenMetrics writer so both say the same thing.
struct DayFrame {
    struct ContainerDay {
        let pod: Int
        let container: Int
        let ref: ContainerRef
        /// Step indices of the day (0 is `day + 5m`) at which the container runs.
        let active: Range<Int>
        /// Values at the active indices, in order.
        let cpu: [Int64]
        let memory: [Int64]
        let cpuRequest: Int64
        let memoryRequest: Int64

        func cpu(at index: Int) -> Int64? { active.contains(index) ? cpu[index - active.lowerBound] : nil }
        func memory(at index: Int) -> Int64? { active.contains(index) ? memory[index - active.lowerBound] : nil }
    }

    let day: Int64
    /// Step indices inside the simulated span.
    let span: Range<Int>
    let containers: [ContainerDay]

    static func step(_ index: Int, of day: Int64) -> Int64 { day + Int64(index + 1) * Step.seconds }

    /// Indices `i` with `from < step(i) <= to`, clipped to the day.
    static func indices(day: Int64, from: Int64, to: Int64) -> Range<Int> {
        let lower = max(0, Int((from - day) / Step.seconds))
        let upper = min(Step.perDay, Int((to - day) / Step.seconds))
        return lower < upper ? lower..<upper : 0..<0
    }

    init(model: ClusterModel, day: Int64) {
        self.day = day
        span = Self.indices(day: day, from: model.horizon.start, to: model.horizon.end)
        var containers: [ContainerDay] = []
        let origin = model.horizon.start
        for (podIndex, pod) in model.pods.enumerated() where pod.start < day + 86_400 && pod.end > day {
            let active = Self.indices(day: day, from: pod.start, to: pod.end).clamped(to: span)
            guard !active.isEmpty else { continue }
            let workload = model.workloads[pod.workload]
            for (containerIndex, spec) in workload.containers.enumerated() {
                var profile = spec.profile
                profile.seed = SimRandom.hash(spec.profile.seed, pod.noiseSeed)
                let steps = active.map { Self.step($0, of: day) }
                containers.append(ContainerDay(
                    pod: podIndex, container: containerIndex,
                    ref: ContainerRef(
                        cluster: model.options.clusterName, namespace: pod.namespace, pod: pod.name, container: spec.name,
                        node: pod.node, controllerKind: pod.controllerKind, controllerName: pod.controllerName
                    ),
                    active: active,
                    cpu: steps.map { profile.cpu(at: $0, origin: origin) },
                    memory: steps.map { profile.memory(at: $0, origin: origin) },
                    cpuRequest: spec.cpuRequestNanocores, memoryRequest: spec.memoryRequestBytes
                ))
            }
        }
        self.containers = containers
    }
}
