import ArgumentParser
import Foundation
import KubeLedgerCore
import KubeLedgerSimulator
import KubeLedgerSources
import KubeLedgerTesting

/// Accuracy of `cluster-metrics` where containers start and end, on more such hours than a
/// test can afford: a simulated cluster read back from a real Prometheus and compared with
/// its ground truth, at each scrape interval asked, the 60 s read being the baseline the
/// longer one is held to.
struct BenchEdges: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edges",
        abstract: "CPU usage read where containers start and end, against the simulator's ground truth, per scrape interval.",
        discussion: """
            Simulates the cluster at each scrape interval (same seed: the same containers and usage), backfills \
            it with promtool, starts Prometheus on 127.0.0.1 and reads every hour but the first and last with \
            the cluster-metrics reader. Reports, for the hours where a container starts, ends or both, how many \
            are within 2 % of the hour's true usage and within 2 % of one whole container-hour at the \
            container's own rate, the worst and the 99th percentile, and the share of the error no scrape can see.
            """
    )

    @Option(help: "devtest or production.") var architecture: Architecture = .production
    @Option(help: "Containers of the simulated cluster.") var containers = 300
    @Option(help: "Days simulated and read.") var days = 4
    @Option(help: "Seed of the simulation.") var seed: UInt64 = 7
    @Option(parsing: .upToNextOption, help: "Scrape intervals (seconds) to compare.") var scrapeIntervals: [Int64] = [60, 300]
    @Flag(help: "Print the worst edges' steps, true and read, from an hour before to an hour after.") var steps = false

    func run() async throws {
        let clock = ContinuousClock()
        let from = Hour(containing: 1_790_899_200)  // 2026-10-02T00:00:00Z
        for interval in scrapeIntervals {
            let started = clock.now
            let simulator = try Simulator(SimulationOptions(
                clusterName: "edges", architecture: architecture, seed: seed, from: from, to: from.advanced(by: 24 * days),
                containers: containers, scrapeInterval: interval
            ))
            let prometheus = try await PrometheusHarness(simulator: simulator, lifetime: 3600)
            defer { prometheus.stop() }
            let reader = ClusterMetricsReader(cluster: "edges", client: PrometheusClient(baseURL: prometheus.url, http: HTTPClient(timeout: .seconds(600))))
            let hours = HourRange(from: from.next, to: simulator.options.to.advanced(by: -1))
            // A UTC day at a time, as ingest reads (a week of a large cluster in one query runs
            // past Prometheus' own query timeout), so the windows' edges are measured too.
            var read: [ContainerHour] = []
            var readSteps: [ContainerRef: [Int64: Int64]] = [:]
            var day = hours.from
            while day < hours.to {
                let end = min(hours.to, Hour(containing: (day.start / 86_400 + 1) * 86_400))
                let batch = try await reader.read(hours: HourRange(from: day, to: end)).0
                read += batch.containerHours
                if steps {
                    for series in batch.rawSeries where series.metric == .cpuUsage {
                        for sample in series.samples { readSteps[series.ref, default: [:]][sample.step] = sample.value }
                    }
                }
                day = end
            }
            let truth = simulator.days.map { simulator.facts(day: $0, rawSince: 0) }.reduce(into: FactBatch()) { $0.append(contentsOf: $1) }
            let accuracy = EdgeAccuracy(truth: truth, read: read, hours: hours, scrapeInterval: interval)
            print("scrape \(interval) s: \(accuracy.containerHours) container-hours over \(hours.count) hours (\(clock.now - started)); "
                + "CPU total off by \(Self.percent(accuracy.totalError, 4)); \(accuracy.missing.count) missing, \(accuracy.extra.count) extra")
            print("  kind    hours  ≤2 % of hour  ≤2 % of c-h   worst/hour  p99/hour  worst c-h  p99 c-h  unseen share")
            for kind in [EdgeAccuracy.Kind?.some(.start), .some(.end), .some(.both), nil] {
                let edges = accuracy.edges(kind)
                guard !edges.isEmpty else { continue }
                let relative = edges.map(\.relative).sorted()
                let ofHour = edges.map(\.ofContainerHour).sorted()
                let error = edges.map(\.error).reduce(0, +)
                let unseen = edges.map { min($0.error, $0.unobservable) }.reduce(0, +)
                let columns = [
                    (kind?.rawValue ?? "all").padding(toLength: 6, withPad: " ", startingAt: 0),
                    String(edges.count).leftPadded(6),
                    Self.share(relative.filter { $0 <= 0.02 }.count, of: edges.count).leftPadded(13),
                    Self.share(ofHour.filter { $0 <= 0.02 }.count, of: edges.count).leftPadded(13),
                    Self.percent(relative.last ?? 0).leftPadded(11),
                    Self.percent(Self.quantile(relative, 0.99)).leftPadded(9),
                    Self.percent(ofHour.last ?? 0).leftPadded(10),
                    Self.percent(Self.quantile(ofHour, 0.99)).leftPadded(8),
                    (error > 0 ? Self.percent(unseen / error) : "-").leftPadded(13),
                ]
                print("  " + columns.joined(separator: " "))
            }
            for kind in EdgeAccuracy.Kind.allCases {
                guard let worst = accuracy.edges(kind).max(by: { $0.relative < $1.relative }) else { continue }
                print("  worst \(kind.rawValue): \(worst.key), \(worst.steps) of 12 steps, read \(worst.read) nanocores, true \(worst.truth)")
                guard steps else { continue }
                for series in truth.rawSeries where series.metric == .cpuUsage && EdgeAccuracy.Key(series.ref, hour: worst.key.hour) == worst.key {
                    let read = readSteps[series.ref] ?? [:]
                    let around = worst.key.hour.start - Hour.seconds ... worst.key.hour.start + 2 * Hour.seconds
                    for sample in series.samples.sorted(by: { $0.step < $1.step }) where around.contains(sample.step) {
                        print("    step \(UTCTime.format(sample.step)): true \(sample.value), read \(read[sample.step].map(String.init) ?? "-")")
                    }
                }
            }
        }
    }

    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
    }

    static func percent(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f %%", value * 100) }

    static func share(_ count: Int, of total: Int) -> String { "\(count) (\(percent(Double(count) / Double(total), 1)))" }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
