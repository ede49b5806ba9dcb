/// One series of a `query_range` answer: its labels and its points in time order.
public struct MatrixSeries: Sendable, Equatable {
    public var labels: [String: String]
    /// Unix seconds (Prometheus may send fractions; steps here are whole seconds) and values,
    /// `NaN` and `±Inf` included as sent.
    public var points: [(time: Int64, value: Double)]

    public init(labels: [String: String], points: [(time: Int64, value: Double)]) {
        self.labels = labels
        self.points = points
    }

    public static func == (lhs: MatrixSeries, rhs: MatrixSeries) -> Bool {
        lhs.labels == rhs.labels && lhs.points.count == rhs.points.count
            && zip(lhs.points, rhs.points).allSatisfy { $0.time == $1.time && ($0.value == $1.value || ($0.value.isNaN && $1.value.isNaN)) }
    }

    public subscript(label: String) -> String { labels[label] ?? "" }
}
