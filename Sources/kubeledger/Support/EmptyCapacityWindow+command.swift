import ArgumentParser
import KubeLedgerReports

extension EmptyCapacityWindow {
    /// Says on standard error which clusters' windows are empty, one line each, then fails
    /// (exit 1) when the cluster was named or no cluster had data: `rightsize` and `plan`
    /// print no empty or all-zero report. Among several clusters, those with data are reported.
    static func report(_ empty: [EmptyCapacityWindow], of clusters: [String], named: Bool) throws {
        for gap in empty { printError(gap.description) }
        if !empty.isEmpty, named || empty.count == clusters.count { throw ExitCode.failure }
    }
}
