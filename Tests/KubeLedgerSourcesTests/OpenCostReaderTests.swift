import Foundation
import Hummingbird
import HummingbirdTesting
import KubeLedgerCore
import Testing
@testable import KubeLedgerSources

@Suite struct OpenCostReaderTests {
    static let day = Hour(containing: 1_793_577_600)  // 2026-11-02T00:00:00Z

    /// One hour of two namespaces as OpenCost answers with step=1h, in its field layout.
    static func answer(hours: Int) -> String {
        let sets = (0..<hours).map { offset -> String in
            let start = UTCTime.format(day.advanced(by: offset).start)
            let end = UTCTime.format(day.advanced(by: offset + 1).start)
            let entries = [("acme-shop", "0.031611", "0.012711", "0.000219", "0.044541"), ("kube-system", "0.1", "0.2", "0", "0.3")].map { ns in
                #""\#(ns.0)":{"name":"\#(ns.0)","properties":{"cluster":"c","namespace":"\#(ns.0)"},"window":{"start":"\#(start)","end":"\#(end)"},"start":"\#(start)","end":"\#(end)","minutes":60,"cpuCores":1,"cpuCoreHours":1,"cpuCost":\#(ns.1),"ramBytes":3221225472,"ramByteHours":3221225472,"ramCost":\#(ns.2),"pvBytes":0,"pvByteHours":0,"pvCost":\#(ns.3),"totalCost":\#(ns.4),"sharedCost":0,"externalCost":0}"#
            }
            return "{" + entries.joined(separator: ",") + #","__idle__":null}"#
        }
        return #"{"code":200,"data":["# + sets.joined(separator: ",") + "]}"
    }

    func withServer(_ body: @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        for path in ["ok/allocation", "ok/model/allocation"] {
            router.get(RouterPath(stringLiteral: path)) { request, _ -> Response in
                let window = request.uri.queryParameters["window"].map(String.init) ?? ""
                guard request.uri.queryParameters["aggregate"] == "namespace", request.uri.queryParameters["step"] == "1h",
                      request.uri.queryParameters["accumulate"] == "false", window.contains(",") else {
                    return Response(status: .badRequest)
                }
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: Self.answer(hours: 2))))
            }
        }
        // OpenCost's NaN, written as null: acme-shop's CPU and total in the first hour.
        router.get("nan/allocation") { _, _ -> Response in
            let text = Self.answer(hours: 2).replacingOccurrences(of: #""cpuCost":0.031611"#, with: #""cpuCost":null"#)
                .replacingOccurrences(of: #""totalCost":0.044541,"#, with: #""totalCost":null,"#)
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("refused/allocation") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"code":400,"message":"bad window"}"#))) }
        router.get("truncated/allocation") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"code":200,"data":[{"a":{"name""#))) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(try #require(client.port)) }
    }

    func reader(_ port: Int, _ path: String, kind: OpenCostReader.Kind = .opencost) -> OpenCostReader {
        OpenCostReader(cluster: "c", baseURL: URL(string: "http://127.0.0.1:\(port)/\(path)")!, kind: kind,
                       http: HTTPClient(retry: RetryPolicy(attempts: 1)))
    }

    @Test("the upstream fixture's allocation decodes with its amounts as exact decimals")
    func fixture() throws {
        let data = try Data(contentsOf: #require(Bundle.module.url(forResource: "opencost-allocation", withExtension: "json", subdirectory: "Fixtures")))
        let answer = try JSONDecoder().decode(OpenCostReader.Answer.self, from: data)
        let allocation = try #require(answer.data?.first?["opencost"] ?? nil)
        #expect(answer.code == 200)
        #expect(allocation.properties?.namespace == "opencost")
        #expect(OpenCostReader.amount(allocation.cpuCost) == "0.01817")
        #expect(OpenCostReader.amount(allocation.totalCost) == "0.030644")
        #expect(allocation.ramByteHours == 5277197583.375299)
    }

    @Test("hourly allocations by namespace are read from OpenCost and Kubecost alike; null entries are skipped",
          arguments: [OpenCostReader.Kind.opencost, .kubecost])
    func reads(kind: OpenCostReader.Kind) async throws {
        try await withServer { port in
            let allocations = try await reader(port, "ok", kind: kind).read(hours: HourRange(from: Self.day, to: Self.day.advanced(by: 2)))
            #expect(allocations.count == 4)
            #expect(allocations.map(\.namespace) == ["acme-shop", "kube-system", "acme-shop", "kube-system"])
            #expect(allocations[0].hour == Self.day)
            #expect(allocations[2].hour == Self.day.next)
            #expect(allocations[0].totalCost == "0.044541")
            #expect(allocations[0].cpuCost == "0.031611")
            #expect(allocations.allSatisfy { $0.source == kind.rawValue })
        }
    }

    @Test("a NaN amount (null) is kept empty, not zero, and the rest of the answer is read")
    func nullAmounts() async throws {
        try await withServer { port in
            let allocations = try await reader(port, "nan").read(hours: HourRange(from: Self.day, to: Self.day.advanced(by: 2)))
            #expect(allocations.count == 4)
            let shop = allocations.filter { $0.namespace == "acme-shop" }
            #expect(shop.map(\.cpuCost) == ["", ""] && shop.map(\.totalCost) == ["", ""])
            #expect(shop.map(\.ramCost) == ["0.012711", "0.012711"])
            #expect(allocations.filter { $0.namespace == "kube-system" }.map(\.totalCost) == ["0.3", "0.3"])
        }
    }

    @Test("an answer for hours not asked, a refusal and a truncated answer are errors naming the URL")
    func errors() async throws {
        try await withServer { port in
            await #expect(throws: SourceError.self) { try await reader(port, "ok").read(hours: HourRange(from: Self.day.next, to: Self.day.advanced(by: 2))) }
            await #expect(throws: SourceError.http(url: "http://127.0.0.1:\(port)/refused/allocation", status: 400, body: "bad window")) {
                try await reader(port, "refused").read(hours: HourRange(from: Self.day, to: Self.day.next))
            }
            do {
                _ = try await reader(port, "truncated").read(hours: HourRange(from: Self.day, to: Self.day.next))
                Issue.record("accepted a truncated answer")
            } catch {
                #expect(String(describing: error).contains("/truncated/allocation"))
            }
        }
    }
}
