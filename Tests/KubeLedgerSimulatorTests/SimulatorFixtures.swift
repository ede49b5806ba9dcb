import Foundation
import KubeLedgerCore
import KubeLedgerSimulator

/// Small simulated clusters, sized for debug builds.
enum SimulatorFixtures {
    static let from = Hour(containing: 1_793_577_600)  // 2026-11-02T00:00:00Z, a Monday

    static func options(_ architecture: Architecture, containers: Int = 30, days: Int = 3, seed: UInt64 = 7, scrape: Int64 = 60) -> SimulationOptions {
        SimulationOptions(
            clusterName: "t-\(architecture.rawValue)", architecture: architecture, seed: seed, from: from,
            to: from.advanced(by: 24 * days), containers: containers, scrapeInterval: scrape
        )
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kubeledger-sim-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
