import Foundation
import KubeLedgerCore
import KubeLedgerSimulator
@testable import KubeLedgerSources
import KubeLedgerTesting
import Testing

/// The `cluster-metrics` reader against a real Prometheus serving the simulator's data:
/// what it reads must be the simulator's ground truth.
@Suite(.serialized) struct ClusterMetricsIngestTests {
    static func simulator(scrape: Int64) throws -> Simulator {
        let from = Hour(containing: 1_793_577_600)  // 2026-11-02T00:00:00Z
        return try Simulator(SimulationOptions(
            clusterName: "it-devtest", architecture: .devtest, seed: 11, from: from, to: from.advanced(by: 48), containers: 30,
            scrapeInterval: scrape
        ))
    }

    @Test("hourly facts read over HTTP equal the ground truth: requests exactly, usage within tolerance, also where pods start and end",
          arguments: [Int64(60), 300])
    func matchesGroundTruth(scrape: Int64) async throws {
        let simulator = try Self.simulator(scrape: scrape)
        let prometheus = try await PrometheusHarness(simulator: simulator)
        defer { prometheus.stop() }
        let reader = ClusterMetricsReader(cluster: "it-devtest", client: PrometheusClient(baseURL: prometheus.url))
        // Inside the data, as ingest reads it: the step before the first hour and the one
        // after the last (which settle leaves time for) exist.
        let hours = HourRange(from: simulator.options.from.next, to: simulator.options.to.advanced(by: -1))
        let (batch, report) = try await reader.read(hours: hours)
        #expect(report.scrapeInterval == scrape)
        #expect(report.nonFiniteValues == 0)
        let truth = simulator.days.map { simulator.facts(day: $0, rawSince: 0) }.reduce(into: FactBatch()) { $0.append(contentsOf: $1) }
        let expected = Dictionary(uniqueKeysWithValues: truth.containerHours.filter { hours.contains($0.hour) }.map { (Key($0), $0) })
        let actual = Dictionary(uniqueKeysWithValues: batch.containerHours.map { (Key($0), $0) })
        #expect(Set(actual.keys) == Set(expected.keys), "container-hours differ: \(Set(actual.keys).symmetricDifference(expected.keys).prefix(5))")
        var cpuTruth: Int64 = 0
        var cpuRead: Int64 = 0
        var memoryTruth: Int64 = 0
        var memoryRead: Int64 = 0
        for (key, fact) in expected {
            guard let read = actual[key] else { continue }
            #expect(read.ref == fact.ref)
            #expect(read.cpuRequestNanocores == fact.cpuRequestNanocores, "\(key)")
            #expect(read.memoryRequestBytes == fact.memoryRequestBytes, "\(key)")
            cpuTruth += fact.cpuUsageNanocores
            cpuRead += read.cpuUsageNanocores
            memoryTruth += fact.memoryUsageBytes
            memoryRead += read.memoryUsageBytes
            if scrape == 60 {
                #expect(abs(read.cpuUsageNanocores - fact.cpuUsageNanocores) <= 1, "\(key)")
                #expect(read.memoryUsageBytes == fact.memoryUsageBytes, "\(key)")
            }
        }
        #expect(abs(Double(cpuRead - cpuTruth)) <= 0.001 * Double(cpuTruth), "CPU total \(cpuRead) vs \(cpuTruth)")
        // Hours in which a container starts or ends, and for each container its last two
        // steps' true usage.
        var stepsPerHour: [Key: Int] = [:]
        var samplesOf: [ContainerRef: [RawSample]] = [:]
        for series in truth.rawSeries where series.metric == .cpuUsage {
            for sample in series.samples { stepsPerHour[Key(series.ref, hour: Step.hour(of: sample.step)), default: 0] += 1 }
            samplesOf[series.ref, default: []] += series.samples
        }
        var lastSteps: [Key: (last: Int64, before: Int64?)] = [:]
        for (ref, samples) in samplesOf {
            let sorted = samples.sorted { $0.step < $1.step }
            guard let last = sorted.last else { continue }
            let before = sorted.dropLast().last.flatMap { $0.step == last.step - Step.seconds ? $0.value : nil }
            lastSteps[Key(ref, hour: Step.hour(of: last.step))] = (last.value, before)
        }
        var edgeErrors: [Double] = []
        // The same errors against a whole container-hour at the rate the container ran in
        // that hour: what a partial hour's error is worth beside one full hour of it.
        var fullHourErrors: [Double] = []
        for (key, fact) in expected where (stepsPerHour[key] ?? 0) < 12 {
            guard let read = actual[key], fact.cpuUsageNanocores > 0 else { continue }
            let error = abs(Double(read.cpuUsageNanocores - fact.cpuUsageNanocores))
            edgeErrors.append(error / Double(fact.cpuUsageNanocores))
            fullHourErrors.append(error / (Double(fact.cpuUsageNanocores) * 12 / Double(stepsPerHour[key] ?? 12)))
            // Requests and memory have a sample in every step a container runs: exact at
            // its edges at either scrape.
            #expect(read.memoryUsageBytes == fact.memoryUsageBytes, "\(key)")
            guard scrape == 300 else { continue }
            // At a 300 s scrape the last step of a container is seen only through its first
            // 75 s, mixed into the interval with 225 s of the step before; the 225 s after
            // the last sample are never scraped. So an end hour may miss by up to 225 s of
            // the change between the last two steps, and by nothing else beyond 2 %.
            var unobservable = 0.0
            if let end = lastSteps[key], let before = end.before {
                unobservable = 225 * Double(abs(end.last - before)) / 3600
            }
            #expect(error <= 0.02 * Double(fact.cpuUsageNanocores) + unobservable + 1,
                    "\(key): read \(read.cpuUsageNanocores), true \(fact.cpuUsageNanocores), unobservable \(unobservable)")
        }
        #expect(edgeErrors.count >= 10)
        if scrape == 60 {
            #expect(edgeErrors.allSatisfy { $0 <= 0.02 })
        } else {
            // Measured: 26 of 30 within 2 % (the worst, 11 %, the one-step end hour of a job
            // whose last step used 17 % more than the one before).
            #expect(Double(edgeErrors.filter { $0 <= 0.02 }.count) >= 0.8 * Double(edgeErrors.count), "\(edgeErrors.sorted())")
            // Against a whole container-hour at the container's own rate all are within 2 %
            // (measured: worst 1.36 %, then 1.03, 0.93, 0.78, 0.54 %).
            #expect(fullHourErrors.allSatisfy { $0 <= 0.02 }, "\(fullHourErrors.sorted().suffix(5))")
        }
        #expect(abs(Double(memoryRead - memoryTruth)) <= 0.001 * Double(memoryTruth))
        #expect(Set(batch.namespaceHours) == Set(truth.namespaceHours.filter { hours.contains($0.hour) }))
        #expect(Set(batch.pvcHours) == Set(truth.pvcHours.filter { hours.contains($0.hour) }))
        // Labels, hours aside (the truth is per whole day): every label read is a true one,
        // namespaces' all of them, workloads' those of pods inside the read.
        let label = { (fact: LabelFact) in "\(fact.scope) \(fact.namespace)/\(fact.controllerKind)/\(fact.controllerName) \(fact.key)=\(fact.value)" }
        let trueLabels = Set(LabelFact.newest(truth.labels).map(label))
        let readLabels = Set(batch.labels.map(label))
        #expect(readLabels.isSubset(of: trueLabels), "\(readLabels.subtracting(trueLabels).prefix(5))")
        #expect(Set(batch.labels.filter { $0.scope == .namespace }.map(label)) == Set(truth.labels.filter { $0.scope == .namespace }.map(label)))
        #expect(batch.labels.contains { $0.key == "team" } && Double(readLabels.count) >= 0.9 * Double(trueLabels.count), "\(readLabels.count) of \(trueLabels.count)")
        let autoscalers = truth.autoscalers.filter { hours.contains($0.hour) }
        #expect(!autoscalers.isEmpty && Set(batch.autoscalers) == Set(autoscalers))

        // The console's VM series, served by the same Prometheus, give the IaaS node-hours
        // exactly (the console has no VM UUID: the name stands in).
        let console = ConsoleMetricsReader(
            cluster: "it-devtest", client: PrometheusClient(baseURL: prometheus.url),
            osDisk: Disk(purpose: .os, storageClass: "flash-standard", sizeBytes: 64 * ByteSize.gib), dataDiskClass: "flash-enterprise"
        )
        let nodeHours = try await console.read(hours: hours)
        let expectedNodes = truth.nodeHours.filter { hours.contains($0.hour) }.map { fact -> NodeHour in
            var copy = fact
            copy.vmID = fact.node
            return copy
        }
        #expect(nodeHours.count == expectedNodes.count)
        #expect(Set(nodeHours) == Set(expectedNodes))
        #expect(nodeHours.contains { $0.runningMs < $0.presentMs })

        // Kubernetes' own view of the nodes: role and zone from their labels, allocatable.
        let kubeNodes = truth.kubeNodeHours.filter { hours.contains($0.hour) }
        #expect(kubeNodes.count > 100)
        #expect(Set(batch.kubeNodeHours) == Set(kubeNodes), "\(Set(batch.kubeNodeHours).symmetricDifference(kubeNodes).prefix(3))")
        // A node's role comes from its labels before its name: relabel every node storage.
        let names = Set(kubeNodes.map(\.node))
        let relabelled = try await console.read(hours: hours, nodes: KnownNodes(names: names, roles: Dictionary(names.map { ($0, NodeRole.storage) }) { $1 }))
        #expect(relabelled.count == nodeHours.count && relabelled.allSatisfy { $0.role == .storage })
        // Only the VMs of the cluster's Kubernetes nodes count: another cluster's VMs on the same account do not.
        let oneNode = try #require(names.sorted().first)
        let matched = try await console.read(hours: hours, nodes: KnownNodes(names: [oneNode]))
        #expect(!matched.isEmpty && matched.allSatisfy { $0.node == oneNode })
        #expect(matched == nodeHours.filter { $0.node == oneNode })
    }

    @Test("node roles: node-role labels, control plane first; kube_node_role names")
    func nodeRoleLabels() {
        #expect(KubeNodeFacts.labelledRole(["label_node_role_kubernetes_io_worker": "true", "label_node_role_kubernetes_io_control_plane": "true"]) == .controlPlane)
        #expect(KubeNodeFacts.labelledRole(["label_node_role_kubernetes_io_storage_node": "true"]) == .storage)
        #expect(KubeNodeFacts.labelledRole(["label_node_role_kubernetes_io_worker": "false"]) == nil)
        #expect(KubeNodeFacts.labelledRole(["label_kubernetes_io_hostname": "n1"]) == nil)
        #expect(KubeNodeFacts.role(named: "master") == .controlPlane)
        #expect(KubeNodeFacts.role(named: "ceph") == .storage)
        #expect(KubeNodeFacts.role(named: "ingress") == nil)
    }

    struct Key: Hashable, CustomStringConvertible {
        let namespace, pod, container, node: String
        let hour: Hour
        init(_ fact: ContainerHour) { self.init(fact.ref, hour: fact.hour) }
        init(_ ref: ContainerRef, hour: Hour) {
            namespace = ref.namespace
            pod = ref.pod
            container = ref.container
            node = ref.node
            self.hour = hour
        }
        var description: String { "\(namespace)/\(pod)/\(container)@\(node) \(hour)" }
    }
}
