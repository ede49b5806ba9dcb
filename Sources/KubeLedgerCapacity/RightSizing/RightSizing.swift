import KubeLedgerCore

/// Recommends container requests from usage (capacity-model.md §1). Pure: usage in,
/// recommendations out, so the command line, the API and Grafana share it.
public enum RightSizing {
    /// Every workload's recommendation, largest monthly savings first.
    public static func report(_ workloads: [WorkloadUsage], policy: RightSizingPolicy = RightSizingPolicy()) -> [Recommendation] {
        workloads.map { recommend($0, policy: policy) }.sorted {
            if $0.monthlySavings != $1.monthlySavings { return $0.monthlySavings > $1.monthlySavings }
            if $0.insufficientData != $1.insufficientData { return !$0.insufficientData }
            return $0.workload < $1.workload
        }
    }

    public static func recommend(_ usage: WorkloadUsage, policy: RightSizingPolicy = RightSizingPolicy()) -> Recommendation {
        let points = min(usage.cpuSteps.count, usage.memorySteps.count)
        var row = Recommendation(
            workload: usage.key, tenant: usage.tenant, points: points, insufficientData: points < policy.minimumPoints,
            currentCPU: usage.cpuRequest, currentMemory: usage.memoryRequest, recommendedCPU: nil, recommendedMemory: nil,
            monthlySavings: .zero, cpuEfficiency: ratio(usage.cpuUsageSum, usage.cpuRequestSum),
            memoryEfficiency: ratio(usage.memoryUsageSum, usage.memoryRequestSum),
            averageReplicas: usage.averageReplicas, autoscaled: usage.autoscaled
        )
        guard !row.insufficientData else { return row }
        let used = nearestRank(usage.cpuSteps, percentile: policy.cpuPercentile)
        let cpu = max(policy.minimumCPU, roundUp(used, to: 1_000_000))
        let peak = usage.memorySteps.max() ?? 0
        row.usedCPU = used
        row.usedMemory = peak
        let memory = max(policy.minimumMemory, roundUp(ceilDivide(peak * Int64(100 + policy.memoryHeadroomPercent), 100), to: ByteSize.mib))
        row.recommendedCPU = cpu
        row.recommendedMemory = memory
        row.monthlySavings = savings(usage, cpu: cpu, memory: memory, policy: policy)
        return row
    }

    /// (current − recommended) × unit price × average replicas × hours a month, per resource;
    /// average replicas stays the integer ratio replica-steps ÷ window steps until the one rounding.
    static func savings(_ usage: WorkloadUsage, cpu: Int64, memory: Int64, policy: RightSizingPolicy) -> Money {
        guard usage.windowSteps > 0 else { return .zero }
        let replicaMonth = Int128(usage.replicaSteps) * Int128(policy.hoursPerMonth)
        let steps = Int128(usage.windowSteps)
        let cpuPart = MoneySplit.scaled(usage.cpuPrice, numerator: Int128(usage.cpuRequest - cpu) * replicaMonth, denominator: 1_000_000_000 * steps)
        let memoryPart = MoneySplit.scaled(
            usage.memoryPrice, numerator: Int128(usage.memoryRequest - memory) * replicaMonth, denominator: Int128(ByteSize.gib) * steps
        )
        return cpuPart + memoryPart
    }

    /// The nearest-rank percentile: the value at rank ⌈p/100 × n⌉ of the sorted values.
    public static func nearestRank(_ values: [Int64], percentile: Int) -> Int64 {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = max(1, Int(ceilDivide(Int64(percentile * sorted.count), 100)))
        return sorted[min(rank, sorted.count) - 1]
    }

    static func roundUp(_ value: Int64, to step: Int64) -> Int64 { ceilDivide(value, step) * step }

    static func ceilDivide(_ a: Int64, _ b: Int64) -> Int64 { a <= 0 ? 0 : (a + b - 1) / b }

    static func ratio(_ usage: Int64, _ request: Int64) -> Double? {
        request > 0 ? Double(usage) / Double(request) : nil
    }
}
