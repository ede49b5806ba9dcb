import Foundation
import KubeLedgerCore

/// Reads hourly per-namespace allocations from OpenCost (`/allocation`) or Kubecost
/// (`/model/allocation`), kept as a second opinion for reconciliation (inputs.md §3).
public struct OpenCostReader: Sendable {
    public enum Kind: String, Sendable { case opencost, kubecost }

    public var cluster: String
    public var baseURL: URL
    public var kind: Kind
    public var http: HTTPClient

    public init(cluster: String, baseURL: URL, kind: Kind = .opencost, http: HTTPClient = HTTPClient()) {
        self.cluster = cluster
        self.baseURL = baseURL
        self.kind = kind
        self.http = http
    }

    var endpoint: URL { baseURL.appendingPathComponent(kind == .kubecost ? "model/allocation" : "allocation") }

    struct Answer: Decodable {
        let code: Int
        let message: String?
        let data: [[String: Allocation?]]?
    }

    struct Allocation: Decodable {
        struct Window: Decodable {
            let start: String
            let end: String
        }

        struct Properties: Decodable { let namespace: String? }

        let name: String
        let properties: Properties?
        let window: Window
        // OpenCost writes a NaN as `null` (its `jsonEncodeFloat64`): optional, so one
        // namespace-hour it could not compute does not make the whole answer unreadable.
        let cpuCost: Decimal?
        let ramCost: Decimal?
        let pvCost: Decimal?
        let totalCost: Decimal?
        let cpuCoreHours: Double?
        let ramByteHours: Double?
    }

    /// An amount as stored: the decimal, or empty where the upstream had none (NaN).
    static func amount(_ value: Decimal?) -> String { value.map { "\($0)" } ?? "" }

    /// The allocations of the hours, one per namespace and hour the upstream answered.
    public func read(hours: HourRange) async throws(SourceError) -> [ExternalAllocation] {
        guard hours.count > 0 else { return [] }
        let window = "\(UTCTime.format(hours.from.start)),\(UTCTime.format(hours.to.start))"
        let answer = try await http.fetch(endpoint, method: .get, form: [
            ("window", window), ("aggregate", "namespace"), ("step", "1h"), ("accumulate", "false"),
        ]) { data, url throws(SourceError) in
            do {
                return try JSONDecoder().decode(Answer.self, from: data)
            } catch {
                throw .malformed(url: url, reason: MatrixResponse.describe(error, answer: data))
            }
        }
        let url = endpoint.absoluteString
        guard answer.code == 200 else { throw .http(url: url, status: answer.code, body: answer.message ?? "") }
        var allocations: [ExternalAllocation] = []
        for set in answer.data ?? [] {
            for (key, value) in set.sorted(by: { $0.key < $1.key }) {
                guard let allocation = value else { continue }
                guard let start = UTCTime.parse(allocation.window.start), let end = UTCTime.parse(allocation.window.end) else {
                    throw .malformed(url: url, reason: "allocation \(key): window \(allocation.window.start),\(allocation.window.end) is not RFC 3339")
                }
                let hour = Hour(containing: start)
                guard end - start <= Hour.seconds, end <= hour.end, hours.contains(hour) else {
                    throw .malformed(url: url, reason: "allocation \(key): window \(allocation.window.start),\(allocation.window.end) is not one hour of the span asked")
                }
                allocations.append(ExternalAllocation(
                    cluster: cluster, hour: hour, namespace: allocation.properties?.namespace ?? allocation.name, source: kind.rawValue,
                    cpuCost: Self.amount(allocation.cpuCost), ramCost: Self.amount(allocation.ramCost), pvCost: "\(allocation.pvCost ?? 0)",
                    totalCost: Self.amount(allocation.totalCost), cpuCoreHours: allocation.cpuCoreHours ?? 0, ramByteHours: allocation.ramByteHours ?? 0
                ))
            }
        }
        return allocations
    }
}
