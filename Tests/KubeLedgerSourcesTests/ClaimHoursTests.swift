import KubeLedgerCore
@testable import KubeLedgerSources
import Testing

@Suite struct ClaimHoursTests {
    static let hour = Hour(containing: 1_793_613_600)  // 2026-11-02T10:00:00Z

    static func series(_ labels: [String: String], value: Double) -> MatrixSeries {
        let grid = StepGrid(hours: HourRange(from: hour, to: hour.next))
        return MatrixSeries(labels: labels, points: (0..<grid.count).map { (grid.step($0), value) })
    }

    @Test("a claim with no known class is kept, as class <none> that prices at the default replicas, not dropped to idle")
    func unknownClass() {
        let grid = StepGrid(hours: HourRange(from: Self.hour, to: Self.hour.next))
        let requests = ["a", "b", "c"].map { Self.series(["namespace": "shop", "persistentvolumeclaim": $0], value: 10 * Double(ByteSize.gib)) }
        let info = [
            Self.series(["namespace": "shop", "persistentvolumeclaim": "a", "storageclass": "ceph-block"], value: 1),
            Self.series(["namespace": "shop", "persistentvolumeclaim": "b", "storageclass": ""], value: 1),
        ]
        var report = ClusterMetricsReader.Report()
        let claims = ClusterMetricsReader.claimHours(cluster: "c", grid: grid, requests: requests, info: info, report: &report)
        #expect(claims.map(\.claim) == ["a", "b", "c"])
        #expect(claims.map(\.storageClass) == ["ceph-block", "<none>", "<none>"])
        #expect(claims.allSatisfy { $0.requestedBytes == 10 * ByteSize.gib && $0.hour == Self.hour })
    }
}
