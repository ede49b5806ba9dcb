import Foundation
import KubeLedgerCore

/// What OpenCost's `/allocation?aggregate=namespace&step=1h&accumulate=false` would answer
/// for the simulated cluster, priced at OpenCost's default rates (not the IaaS catalog), so
/// reconciliation has a realistic second opinion to explain.
struct OpenCostAnswer: Encodable {
    /// OpenCost's defaults: USD per core-hour, per GiB-hour of RAM, per GiB-hour of volume.
    static let cpuHourly = 0.031611
    static let ramGiBHourly = 0.004237
    static let pvGiBHourly = 0.04 / 730

    struct Window: Encodable {
        let start: String
        let end: String
    }

    struct Properties: Encodable {
        let cluster: String
        let namespace: String
        let namespaceLabels: [String: String]?
    }

    struct Allocation: Encodable {
        let name: String
        let properties: Properties
        let window: Window
        let start: String
        let end: String
        let minutes: Double
        let cpuCores, cpuCoreRequestAverage, cpuCoreUsageAverage, cpuCoreHours, cpuCost, cpuCostAdjustment, cpuEfficiency: Double
        let gpuCount, gpuHours, gpuCost, gpuCostAdjustment: Double
        let networkTransferBytes, networkReceiveBytes, networkCost, networkCostAdjustment: Double
        let loadBalancerCost, loadBalancerCostAdjustment: Double
        let pvBytes, pvByteHours, pvCost, pvCostAdjustment: Double
        let ramBytes, ramByteRequestAverage, ramByteUsageAverage, ramByteHours, ramCost, ramCostAdjustment, ramEfficiency: Double
        let sharedCost, externalCost, totalCost, totalEfficiency: Double
    }

    let code = 200
    let status = "success"
    let data: [[String: Allocation]]

    /// One allocation set per hour of the batch, keyed by namespace.
    init(cluster: String, facts: FactBatch, tenants: [String: String]) {
        var hours: [Hour: [String: (cpuReq: Double, cpuUse: Double, cpuAlloc: Double, ramReq: Double, ramUse: Double, ramAlloc: Double, pv: Double)]] = [:]
        for fact in facts.containerHours {
            var entry = hours[fact.hour, default: [:]][fact.ref.namespace] ?? (0, 0, 0, 0, 0, 0, 0)
            let cpuReq = Double(fact.cpuRequestNanocores) / 1e9
            let cpuUse = Double(fact.cpuUsageNanocores) / 1e9
            let ramReq = Double(fact.memoryRequestBytes)
            let ramUse = Double(fact.memoryUsageBytes)
            entry.cpuReq += cpuReq
            entry.cpuUse += cpuUse
            entry.cpuAlloc += max(cpuReq, cpuUse)
            entry.ramReq += ramReq
            entry.ramUse += ramUse
            entry.ramAlloc += max(ramReq, ramUse)
            hours[fact.hour, default: [:]][fact.ref.namespace] = entry
        }
        for fact in facts.pvcHours {
            var entry = hours[fact.hour, default: [:]][fact.namespace] ?? (0, 0, 0, 0, 0, 0, 0)
            entry.pv += Double(fact.requestedBytes)
            hours[fact.hour, default: [:]][fact.namespace] = entry
        }
        let gib = Double(ByteSize.gib)
        data = hours.keys.sorted().map { hour in
            let window = Window(start: UTCTime.format(hour.start), end: UTCTime.format(hour.end))
            return hours[hour]!.reduce(into: [String: Allocation]()) { result, item in
                let (namespace, e) = item
                let cpuCost = e.cpuAlloc * Self.cpuHourly
                let ramCost = e.ramAlloc / gib * Self.ramGiBHourly
                let pvCost = e.pv / gib * Self.pvGiBHourly
                let cpuEfficiency = e.cpuReq > 0 ? e.cpuUse / e.cpuReq : 0
                let ramEfficiency = e.ramReq > 0 ? e.ramUse / e.ramReq : 0
                let weight = cpuCost + ramCost
                result[namespace] = Allocation(
                    name: namespace,
                    properties: Properties(cluster: cluster, namespace: namespace, namespaceLabels: tenants[namespace].map { ["capsule_clastix_io_tenant": $0] }),
                    window: window, start: window.start, end: window.end, minutes: 60,
                    cpuCores: e.cpuAlloc, cpuCoreRequestAverage: e.cpuReq, cpuCoreUsageAverage: e.cpuUse, cpuCoreHours: e.cpuAlloc,
                    cpuCost: cpuCost, cpuCostAdjustment: 0, cpuEfficiency: cpuEfficiency,
                    gpuCount: 0, gpuHours: 0, gpuCost: 0, gpuCostAdjustment: 0,
                    networkTransferBytes: 0, networkReceiveBytes: 0, networkCost: 0, networkCostAdjustment: 0,
                    loadBalancerCost: 0, loadBalancerCostAdjustment: 0,
                    pvBytes: e.pv, pvByteHours: e.pv, pvCost: pvCost, pvCostAdjustment: 0,
                    ramBytes: e.ramAlloc, ramByteRequestAverage: e.ramReq, ramByteUsageAverage: e.ramUse, ramByteHours: e.ramAlloc,
                    ramCost: ramCost, ramCostAdjustment: 0, ramEfficiency: ramEfficiency,
                    sharedCost: 0, externalCost: 0, totalCost: cpuCost + ramCost + pvCost,
                    totalEfficiency: weight > 0 ? (cpuCost * cpuEfficiency + ramCost * ramEfficiency) / weight : 0
                )
            }
        }
    }
}
