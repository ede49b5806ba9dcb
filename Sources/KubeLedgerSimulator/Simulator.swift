import Foundation
import KubeLedgerCore
import KubeLedgerStore

/// The simulated cluster and what it produces: the test data and demo of KubeLedger.
///
/// It writes the three input shapes of inputs.md §4 (OpenMetrics for `promtool`, IaaS
/// records, OpenCost answers) and can fill a store directly with its ground truth, so an
/// ingest test can compare what it read against what was meant.
public struct Simulator: Sendable {
    public let model: ClusterModel

    public init(_ options: SimulationOptions) throws(SimulationError) {
        model = try ClusterModel.build(options)
    }

    public var options: SimulationOptions { model.options }

    /// UTC days (their first second) that the span touches, in order.
    public var days: [Int64] {
        let first = model.horizon.start - model.horizon.start % 86_400
        return Array(stride(from: first, to: model.horizon.end, by: 86_400))
    }

    /// The ground-truth facts of one UTC day; raw samples only at steps from `rawSince` on
    /// (nil: none), as a store with a retention window keeps them.
    public func facts(day: Int64, rawSince: Int64?) -> FactBatch {
        GroundTruth.facts(model: model, frame: DayFrame(model: model, day: day), rawSince: rawSince)
    }

    /// What ``fill(store:rawSince:progress:)`` wrote.
    public struct FillReport: Sendable {
        public var days = 0
        public var nodeHours = 0
        public var containerHours = 0
        public var pvcHours = 0
        public var namespaceHours = 0
        public var rawSamples = 0
    }

    /// Writes the ground truth into the store, one transaction per day.
    @discardableResult
    public func fill(store: LedgerStore, rawSince: Int64?, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> FillReport {
        var report = FillReport()
        let days = days
        for (index, day) in days.enumerated() {
            let batch = facts(day: day, rawSince: rawSince)
            try store.write(batch)
            report.days += 1
            report.nodeHours += batch.nodeHours.count
            report.containerHours += batch.containerHours.count
            report.pvcHours += batch.pvcHours.count
            report.namespaceHours += batch.namespaceHours.count
            report.rawSamples += batch.rawSeries.reduce(0) { $0 + $1.samples.count }
            progress?(index + 1, days.count)
        }
        return report
    }
}
