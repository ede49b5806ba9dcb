import KubeLedgerCore
import KubeLedgerSimulator

/// How close a read's CPU usage comes to the simulator's ground truth in the container-hours
/// where a container starts or ends: the hours a long scrape interval distorts, since no
/// scrape sees a container before its first sample or after its last. The ingest test holds
/// a read to it on a small cluster; `kubeledger bench edges` measures it on clusters too
/// large for a test. Both need the truth's raw CPU samples of every step (`rawSince: 0`).
public struct EdgeAccuracy: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case start, end
        /// A container that starts and ends in the same hour, or ends and starts again in it.
        case both
    }

    /// One container-hour that holds fewer than twelve of its container's steps.
    public struct Edge: Sendable {
        public let key: Key
        public let kind: Kind
        /// The container's steps in the hour.
        public let steps: Int
        /// The hour's mean CPU usage, nanocores: true and read.
        public let truth: Int64
        public let read: Int64
        /// The part of the error no estimate can avoid at the scrape interval, in the fact's
        /// unit: the unscraped tail after a container's last sample times the change between
        /// its last two steps, over the hour.
        public let unobservable: Double

        public var error: Double { Double(abs(read - truth)) }
        /// The error beside the hour's own usage.
        public var relative: Double { truth > 0 ? error / Double(truth) : (error == 0 ? 0 : .infinity) }
        /// The error beside one whole container-hour at the rate the container ran in that
        /// hour: what the miss is worth in container-hours.
        public var ofContainerHour: Double { relative * Double(steps) / Double(Step.perHour) }
    }

    /// A container-hour's identity, its controller aside (compared apart).
    public struct Key: Hashable, Sendable, CustomStringConvertible {
        public let namespace, pod, container, node: String
        public let hour: Hour

        public init(_ ref: ContainerRef, hour: Hour) {
            namespace = ref.namespace
            pod = ref.pod
            container = ref.container
            node = ref.node
            self.hour = hour
        }

        public init(_ fact: ContainerHour) { self.init(fact.ref, hour: fact.hour) }

        public var description: String { "\(namespace)/\(pod)/\(container)@\(node) \(hour)" }
    }

    public let edges: [Edge]
    /// Summed CPU usage of every container-hour both sides hold.
    public let cpuTruth: Int64
    public let cpuRead: Int64
    /// Container-hours only the truth holds, and only the read.
    public let missing: [Key]
    public let extra: [Key]
    public let containerHours: Int

    /// `scrapeInterval` is the simulation's: it says how much of a container's last step
    /// comes after its last sample.
    public init(truth: FactBatch, read: [ContainerHour], hours: HourRange, scrapeInterval: Int64) {
        let unscrapedTail = Self.unscrapedTail(scrapeInterval: scrapeInterval)
        let expected = Dictionary(truth.containerHours.filter { hours.contains($0.hour) }.map { (Key($0), $0) }) { first, _ in first }
        let actual = Dictionary(read.map { (Key($0), $0) }) { first, _ in first }
        missing = expected.keys.filter { actual[$0] == nil }.sorted { $0.description < $1.description }
        extra = actual.keys.filter { expected[$0] == nil }.sorted { $0.description < $1.description }
        var values: [Key: [Int64: Int64]] = [:]
        for series in truth.rawSeries where series.metric == .cpuUsage {
            for sample in series.samples { values[Key(series.ref, hour: Step.hour(of: sample.step)), default: [:]][sample.step] = sample.value }
        }
        var cpuTruth: Int64 = 0
        var cpuRead: Int64 = 0
        var edges: [Edge] = []
        for (key, fact) in expected {
            guard let found = actual[key] else { continue }
            cpuTruth += fact.cpuUsageNanocores
            cpuRead += found.cpuUsageNanocores
            let own = values[key] ?? [:]
            guard own.count < Step.perHour else { continue }
            let before = values[Key(key, hour: key.hour.advanced(by: -1))] ?? [:]
            let after = values[Key(key, hour: key.hour.advanced(by: 1))] ?? [:]
            func runs(_ step: Int64) -> Bool { own[step] != nil || before[step] != nil || after[step] != nil }
            func value(_ step: Int64) -> Int64? { own[step] ?? before[step] ?? after[step] }
            let starts = own.keys.contains { !runs($0 - Step.seconds) }
            let ends = own.keys.filter { !runs($0 + Step.seconds) }
            var unobservable = 0.0
            for last in ends {
                guard let lastValue = own[last], let previous = value(last - Step.seconds) else { continue }
                unobservable += Double(unscrapedTail) * Double(abs(lastValue - previous)) / Double(Hour.seconds)
            }
            let kind: Kind = starts && !ends.isEmpty ? .both : (starts ? .start : .end)
            edges.append(Edge(key: key, kind: kind, steps: own.count, truth: fact.cpuUsageNanocores, read: found.cpuUsageNanocores, unobservable: unobservable))
        }
        self.edges = edges.sorted { $0.key.description < $1.key.description }
        self.cpuTruth = cpuTruth
        self.cpuRead = cpuRead
        containerHours = expected.count
    }

    /// Seconds of a container's last step after its last sample, where the rate the reader
    /// books mixes in the step before: 0 where a rate window holds one step's samples alone
    /// (a scrape of 150 s or less, as the reader switches), else what follows the simulator's
    /// last scrape in the step.
    static func unscrapedTail(scrapeInterval: Int64) -> Int64 {
        2 * scrapeInterval > Step.seconds ? Step.seconds - SimulationOptions.scrapePhase(scrapeInterval) : 0
    }

    /// The summed CPU usage's error beside the truth's.
    public var totalError: Double { cpuTruth == 0 ? 0 : Double(abs(cpuRead - cpuTruth)) / Double(cpuTruth) }

    /// Edges of one kind (all with nil) whose truth is not zero.
    public func edges(_ kind: Kind?) -> [Edge] {
        edges.filter { ($0.kind == kind || kind == nil) && $0.truth > 0 }
    }
}

extension EdgeAccuracy.Key {
    fileprivate init(_ other: EdgeAccuracy.Key, hour: Hour) {
        namespace = other.namespace
        pod = other.pod
        container = other.container
        node = other.node
        self.hour = hour
    }
}
