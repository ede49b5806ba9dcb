import Foundation

/// Decodes `{"status":"success","data":{"resultType":"matrix","result":[...]}}` and the
/// error document, naming what is wrong with an answer that is neither.
enum MatrixResponse {
    struct Document: Decodable {
        let status: String
        let data: Payload?
        let errorType: String?
        let error: String?
    }

    struct Payload: Decodable {
        let resultType: String
        let result: [Series]
    }

    struct Series: Decodable {
        let metric: [String: String]
        let values: [Point]
    }

    struct Point: Decodable {
        let time: Int64
        let value: Double

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            let seconds = try container.decode(Double.self)
            let text = try container.decode(String.self)
            guard let value = MatrixResponse.value(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "value \"\(text)\" is not a number")
            }
            time = Int64(seconds.rounded())
            self.value = value
        }
    }

    /// Prometheus' value text: a float, `NaN`, `+Inf` or `-Inf`.
    static func value(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "+Inf", "Inf": .infinity
        case "-Inf": -.infinity
        default: Double(text)
        }
    }

    static func decode(_ data: Data, url: String) throws(SourceError) -> [MatrixSeries] {
        if let series = MatrixScanner.scan(data) { return series }
        return try decodeWithFoundation(data, url: url)
    }

    /// The reference decoding, also the one that explains what is wrong with an answer.
    static func decodeWithFoundation(_ data: Data, url: String) throws(SourceError) -> [MatrixSeries] {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw .malformed(url: url, reason: describe(error, answer: data))
        }
        guard document.status == "success" else {
            if document.status == "error" {
                throw .prometheus(url: url, errorType: document.errorType ?? "unknown", message: document.error ?? "")
            }
            throw .malformed(url: url, reason: "status \"\(document.status)\"")
        }
        guard let payload = document.data else { throw .malformed(url: url, reason: "no data") }
        guard payload.resultType == "matrix" else { throw .malformed(url: url, reason: "resultType \"\(payload.resultType)\", expected matrix") }
        return payload.result.map { series in
            MatrixSeries(labels: series.metric, points: series.values.map { ($0.time, $0.value) })
        }
    }

    /// What a decoding error says, at its key path when it has one. An error at the root
    /// (not JSON at all: a proxy's HTML page, an empty or cut body) quotes the start of the
    /// answer when given, so the log shows what came back instead; deeper, the path says it.
    static func describe(_ error: any Error, answer: Data? = nil) -> String {
        let quoted = answer.map { "; the answer begins \(excerpt($0))" } ?? ""
        guard let error = error as? DecodingError else { return String(describing: error) + quoted }
        let atRoot: Bool = switch error {
        case let .dataCorrupted(context), let .keyNotFound(_, context), let .typeMismatch(_, context), let .valueNotFound(_, context):
            context.codingPath.isEmpty
        @unknown default: true
        }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        func place(_ context: DecodingError.Context, _ text: String) -> String {
            let at = path(context)
            return at.isEmpty ? text : "\(at) \(text)"
        }
        let text = switch error {
        case let .dataCorrupted(context): place(context, context.debugDescription)
        case let .keyNotFound(key, context): "\(path(context)).\(key.stringValue) is missing"
        case let .typeMismatch(_, context), let .valueNotFound(_, context): place(context, context.debugDescription)
        @unknown default: String(describing: error)
        }
        return atRoot ? text + quoted : text
    }

    /// The first `limit` bytes of an answer, quoted on one line (controls escaped), `…` when cut.
    static func excerpt(_ data: Data, limit: Int = 100) -> String {
        guard !data.isEmpty else { return "(empty)" }
        var text = ""
        for scalar in String(decoding: data.prefix(limit), as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\"": text += "\\\""
            case _ where scalar.value < 0x20: text += "\\u{\(String(scalar.value, radix: 16))}"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return "\"\(text)\"" + (data.count > limit ? "…" : "")
    }
}
