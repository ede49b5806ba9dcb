import Foundation
import Hummingbird
import HummingbirdTesting
@testable import KubeLedgerSources
import Synchronization
import Testing

@Suite struct PrometheusClientTests {
    let fast = RetryPolicy(attempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(40), budget: .seconds(10))

    func withServer(_ body: @Sendable (MisbehavingPrometheus, Int) async throws -> Void) async throws {
        let server = MisbehavingPrometheus()
        let app = Application(router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(server, try #require(client.port)) }
    }

    func client(_ port: Int, _ behaviour: String, method: HTTPClient.Method = .post, auth: HTTPAuth = .none, timeout: Duration = .seconds(5)) -> PrometheusClient {
        PrometheusClient(baseURL: URL(string: "http://127.0.0.1:\(port)/\(behaviour)")!, http: HTTPClient(auth: auth, timeout: timeout, retry: fast), method: method)
    }

    @Test("query_range by GET and by POST reads values, NaN and +Inf included", arguments: [HTTPClient.Method.get, .post])
    func reads(method: HTTPClient.Method) async throws {
        try await withServer { server, port in
            let series = try await client(port, "ok", method: method).queryRange("up{pod=\"a\"}", start: 300, end: 1500, step: 300)
            #expect(series.count == 1)
            #expect(series[0]["pod"] == "a")
            #expect(series[0].points.map(\.time) == [300, 600, 900, 1200, 1500])
            #expect(series[0].points[0].value == 1)
            #expect(series[0].points[1].value.isNaN)
            #expect(series[0].points[2].value == .infinity)
            let request = try #require(server.requests.withLock { $0.last })
            #expect(request.method == method.rawValue)
            #expect(request.form["query"] == "up{pod=\"a\"}")
        }
    }

    @Test("a long range is split so that no request asks more than 11,000 points per series")
    func splits() async throws {
        try await withServer { server, port in
            let steps: Int64 = 25_000
            let series = try await client(port, "ok").queryRange("up", start: 300, end: 300 * steps, step: 300)
            #expect(series.count == 1)
            #expect(series[0].points.count == Int(steps))
            #expect(Set(series[0].points.map(\.time)).count == Int(steps))
            let requests = server.requests.withLock { $0 }
            #expect(requests.count == 3)
            for request in requests {
                let points = (Int64(request.form["end"]!)! - Int64(request.form["start"]!)!) / 300 + 1
                #expect(points <= 11_000)
            }
        }
    }

    @Test("windows are fetched one after the other, each handed over before the next is asked")
    func windows() async throws {
        try await withServer { server, port in
            var seen: [Int] = []
            try await client(port, "ok").forEachWindow("up", start: 300, end: 86_400 * 2, step: 300, window: 86_400) { part throws(SourceError) in
                seen.append(part[0].points.count)
                #expect(server.requests.withLock { $0.count } == seen.count)
            }
            #expect(seen == [289, 287])
        }
    }

    @Test("server errors are retried with back-off until the upstream recovers")
    func retries() async throws {
        try await withServer { server, port in
            let series = try await client(port, "flaky").queryRange("up", start: 300, end: 600, step: 300)
            #expect(series[0].points.count == 2)
            #expect(server.requests.withLock { $0.count } == 3)
        }
    }

    @Test("a dead upstream is given up after the bounded number of attempts")
    func givesUp() async throws {
        try await withServer { server, port in
            await #expect(throws: SourceError.gaveUp(attempts: 3, last: "http://127.0.0.1:\(port)/down/api/v1/query_range: HTTP 503: maintenance")) {
                try await client(port, "down").queryRange("up", start: 300, end: 600, step: 300)
            }
            #expect(server.requests.withLock { $0.count } == 3)
        }
    }

    @Test("a stalled upstream times out, and is retried within the bounds")
    func timesOut() async throws {
        try await withServer { server, port in
            let clock = ContinuousClock()
            let started = clock.now
            do {
                _ = try await client(port, "slow", timeout: .milliseconds(300)).queryRange("up", start: 300, end: 600, step: 300)
                Issue.record("a stalled upstream answered")
            } catch {
                // Counted by the client: under load a timed-out attempt may never reach the server's handler.
                guard case let .gaveUp(attempts, last)? = error as? SourceError else { Issue.record("\(error)"); return }
                #expect(attempts == 3)
                #expect(last.contains("no answer within 0.3 s"), "\(last)")
            }
            #expect(clock.now - started < .seconds(5))
            #expect((1...3).contains(server.requests.withLock { $0.count }))
        }
    }

    @Test("truncated, foreign and mistyped answers are named as malformed", arguments: [
        ("truncated", "malformed answer"), ("garbage", "malformed answer"), ("vector", "resultType \"vector\", expected matrix"),
        ("badvalue", "value \"lots\" is not a number"),
    ])
    func malformed(behaviour: String, message: String) async throws {
        try await withServer { _, port in
            do {
                _ = try await client(port, behaviour).queryRange("up", start: 300, end: 600, step: 300)
                Issue.record("no error")
            } catch {
                #expect(String(describing: error).contains(message), "\(error)")
                #expect(String(describing: error).contains("/\(behaviour)/api/v1/query_range"))
            }
        }
    }

    @Test("every Prometheus errorType is reported as such; only the transient ones are retried",
          arguments: ["bad_data", "execution", "timeout", "canceled", "internal", "not_found"])
    func errorTypes(type: String) async throws {
        try await withServer { server, port in
            do {
                _ = try await client(port, "error/\(type)").queryRange("up", start: 300, end: 600, step: 300)
                Issue.record("no error")
            } catch {
                #expect(String(describing: error).contains("Prometheus error \(type): simulated \(type)"), "\(error)")
            }
            let retried = ["timeout", "internal"].contains(type)
            #expect(server.requests.withLock { $0.count } == (retried ? 3 : 1))
        }
    }

    @Test("Bearer and Basic credentials are sent as Authorization headers")
    func auth() async throws {
        try await withServer { server, port in
            let series = try await client(port, "auth", auth: .bearer(token: "s3cret")).queryRange("up", start: 300, end: 300, step: 300)
            #expect(series.count == 1)
            await #expect(throws: SourceError.prometheus(url: "http://127.0.0.1:\(port)/auth/api/v1/query_range", errorType: "unauthorized", message: "no")) {
                try await client(port, "auth", auth: .basic(username: "id", password: "pw")).queryRange("up", start: 300, end: 300, step: 300)
            }
            #expect(server.requests.withLock { $0.last?.authorization } == "Basic aWQ6cHc=")
        }
    }

    @Test("a refused connection is one readable line naming the URL, retried then given up")
    func refused() async throws {
        let client = PrometheusClient(baseURL: URL(string: "http://127.0.0.1:9")!, http: HTTPClient(timeout: .seconds(2), retry: fast))
        do {
            _ = try await client.queryRange("up", start: 300, end: 600, step: 300)
            Issue.record("no error")
        } catch {
            #expect(error.description == "gave up after 3 attempts: could not connect to http://127.0.0.1:9/api/v1/query_range: connection refused", "\(error)")
        }
    }

    @Test("an answer that is not JSON is quoted, its first 100 bytes on one line, with no stray space")
    func garbageQuoted() async throws {
        try await withServer { _, port in
            do {
                _ = try await client(port, "garbage").queryRange("up", start: 300, end: 600, step: 300)
                Issue.record("no error")
            } catch {
                let text = String(describing: error)
                #expect(text.contains(#"malformed answer: The given data was not valid JSON.; the answer begins "<html>proxy error</html>""#), "\(text)")
                #expect(!text.contains("  "))
            }
        }
        let long = Data((String(repeating: "x", count: 150) + "\n").utf8)
        #expect(MatrixResponse.excerpt(long) == "\"" + String(repeating: "x", count: 100) + "\"…")
        #expect(MatrixResponse.excerpt(Data("a\nb\"".utf8)) == #""a\nb\"""#)
    }
}
