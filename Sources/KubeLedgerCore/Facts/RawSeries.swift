/// The per-container usage series kept at 5-minute resolution for right-sizing percentiles.
public enum RawMetric: Int, Sendable, Hashable, Codable, CaseIterable {
    /// CPU usage in nanocores, the rate at the step (inputs.md).
    case cpuUsage = 1
    /// Memory working set in bytes, the instant value at the step.
    case memoryWorkingSet = 2
}

/// One value of a raw series at one 5-minute step.
public struct RawSample: Sendable, Hashable, Codable {
    /// The step (seconds since the epoch, a multiple of 300).
    public var step: Int64
    public var value: Int64

    public init(step: Int64, value: Int64) {
        self.step = step
        self.value = value
    }
}

/// Raw samples of one container and metric, in any order; writes merge by step.
public struct RawSeries: Sendable, Hashable, Codable {
    public var ref: ContainerRef
    public var metric: RawMetric
    public var samples: [RawSample]

    public init(ref: ContainerRef, metric: RawMetric, samples: [RawSample]) {
        self.ref = ref
        self.metric = metric
        self.samples = samples
    }
}
