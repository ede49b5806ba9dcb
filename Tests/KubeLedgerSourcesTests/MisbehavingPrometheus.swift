import Foundation
import Hummingbird
import Synchronization

/// A local stand-in for Prometheus on 127.0.0.1 that answers well or badly on purpose,
/// so each error path of the client meets the real thing over HTTP.
///
/// Paths choose the behaviour: `/ok`, `/flaky` (two 500s first), `/down` (always 503),
/// `/slow` (answers after 2 s), `/truncated`, `/garbage`, `/vector`, `/error/<type>`,
/// `/auth` (wants `Authorization: Bearer s3cret`).
final class MisbehavingPrometheus: Sendable {
    let requests = Mutex<[(path: String, method: String, form: [String: String], authorization: String?)]>([])
    let flakyFailures = Mutex(0)

    static let errorStatus = ["bad_data": 400, "execution": 422, "timeout": 503, "canceled": 503, "internal": 500, "not_found": 404]

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.on("{behaviour}/api/v1/query_range", method: .get) { request, context in try await self.answer(request, context) }
        router.on("{behaviour}/api/v1/query_range", method: .post) { request, context in try await self.answer(request, context) }
        router.on("error/{type}/api/v1/query_range", method: .post) { request, context -> Response in
            let type = context.parameters.get("type") ?? "internal"
            self.requests.withLock { $0.append(("error/" + type, "POST", [:], nil)) }
            return Self.json(#"{"status":"error","errorType":"\#(type)","error":"simulated \#(type)"}"#, status: .init(code: Self.errorStatus[type] ?? 500))
        }
        return router
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func form(_ text: String) -> [String: String] {
        var form: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            form[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return form
    }

    func answer(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let behaviour = context.parameters.get("behaviour") ?? "ok"
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: 1 << 20))
        let form = request.method == .post ? Self.form(body) : Self.form(request.uri.query ?? "")
        requests.withLock { $0.append((behaviour, request.method.rawValue, form, request.headers[.authorization])) }
        switch behaviour {
        case "flaky":
            let failures = flakyFailures.withLock { count in
                count += 1
                return count
            }
            if failures <= 2 { return Self.json("oops", status: .internalServerError) }
        case "down": return Self.json("maintenance", status: .serviceUnavailable)
        case "slow": try await Task.sleep(for: .seconds(2))
        case "truncated": return Self.json(#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"pod":"a"},"values":[[1,"#)
        case "garbage": return Self.json("<html>proxy error</html>")
        case "vector": return Self.json(#"{"status":"success","data":{"resultType":"vector","result":[]}}"#)
        case "badvalue": return Self.json(#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[300,"lots"]]}]}}"#)
        case "auth" where request.headers[.authorization] != "Bearer s3cret":
            return Self.json(#"{"status":"error","errorType":"unauthorized","error":"no"}"#, status: .unauthorized)
        default: break
        }
        guard let start = Int64(form["start"] ?? ""), let end = Int64(form["end"] ?? ""), let step = Int64(form["step"] ?? "") else {
            return Self.json(#"{"status":"error","errorType":"bad_data","error":"missing start, end or step"}"#, status: .badRequest)
        }
        // One series whose value is the step time / 300, with NaN and +Inf at known steps.
        let values = stride(from: start, through: end, by: Int(step)).map { time -> String in
            let value = time == 600 ? "NaN" : time == 900 ? "+Inf" : String(time / 300)
            return "[\(time),\"\(value)\"]"
        }
        return Self.json(#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","pod":"a"},"values":[\#(values.joined(separator: ","))]}]}}"#)
    }
}
