import Foundation

/// A single-pass reader of the `query_range` matrix answer, the hot path of every ingest.
///
/// Foundation's `JSONDecoder` builds a generic tree and boxes every `[time, "value"]` pair;
/// on a week of a 3,000-container cluster that decoding, not the network, dominated the
/// ingest (see `kubeledger bench decode`). This scanner walks the bytes once, keeps only
/// labels and points, and parses values with `strtod` in place. It accepts exactly JSON;
/// on anything it does not expect it returns nil and ``MatrixResponse`` falls back to
/// `JSONDecoder`, whose error names the place.
struct MatrixScanner {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ data: Data) {
        var bytes = [UInt8](data)
        bytes.append(0)  // strtod and the scanner stop at it
        self.bytes = bytes
    }

    /// The series of a `status: success` matrix answer, or nil when the answer is anything else.
    static func scan(_ data: Data) -> [MatrixSeries]? {
        var scanner = MatrixScanner(data)
        return scanner.document()
    }

    private mutating func document() -> [MatrixSeries]? {
        var status: String?
        var series: [MatrixSeries]?
        guard consume(UInt8(ascii: "{")) else { return nil }
        if peek() == UInt8(ascii: "}") { return nil }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")) else { return nil }
            switch key {
            case "status": status = string()
            case "data":
                guard let found = payload() else { return nil }
                series = found
            default: guard skipValue() else { return nil }
            }
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")), status == "success" else { return nil }
        skipWhitespace()
        guard bytes[offset] == 0, offset == bytes.count - 1 else { return nil }
        return series
    }

    private mutating func payload() -> [MatrixSeries]? {
        var type: String?
        var result: [MatrixSeries]?
        guard consume(UInt8(ascii: "{")) else { return nil }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")) else { return nil }
            switch key {
            case "resultType": type = string()
            case "result":
                guard consume(UInt8(ascii: "[")) else { return nil }
                var list: [MatrixSeries] = []
                if !consume(UInt8(ascii: "]")) {
                    repeat {
                        guard let item = seriesObject() else { return nil }
                        list.append(item)
                    } while consume(UInt8(ascii: ","))
                    guard consume(UInt8(ascii: "]")) else { return nil }
                }
                result = list
            default: guard skipValue() else { return nil }
            }
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")), type == "matrix" else { return nil }
        return result
    }

    private mutating func seriesObject() -> MatrixSeries? {
        var labels: [String: String] = [:]
        var points: [(time: Int64, value: Double)] = []
        guard consume(UInt8(ascii: "{")) else { return nil }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")) else { return nil }
            switch key {
            case "metric":
                guard consume(UInt8(ascii: "{")) else { return nil }
                if !consume(UInt8(ascii: "}")) {
                    repeat {
                        guard let name = string(), consume(UInt8(ascii: ":")), let value = string() else { return nil }
                        labels[name] = value
                    } while consume(UInt8(ascii: ","))
                    guard consume(UInt8(ascii: "}")) else { return nil }
                }
            case "values":
                guard consume(UInt8(ascii: "[")) else { return nil }
                if !consume(UInt8(ascii: "]")) {
                    repeat {
                        guard consume(UInt8(ascii: "[")), let time = number(), consume(UInt8(ascii: ",")), let value = quotedNumber(),
                              consume(UInt8(ascii: "]")) else { return nil }
                        points.append((Int64(time.rounded()), value))
                    } while consume(UInt8(ascii: ","))
                    guard consume(UInt8(ascii: "]")) else { return nil }
                }
            default: guard skipValue() else { return nil }
            }
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { return nil }
        return MatrixSeries(labels: labels, points: points)
    }

    // MARK: Tokens

    private mutating func skipWhitespace() {
        while true {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private mutating func peek() -> UInt8 {
        skipWhitespace()
        return bytes[offset]
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    /// A JSON number, parsed by strtod where it stands.
    private mutating func number() -> Double? {
        skipWhitespace()
        let first = bytes[offset]
        guard first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return nil }
        return parseDouble()
    }

    /// A value string such as `"0.25"`, `"NaN"`, `"+Inf"`.
    private mutating func quotedNumber() -> Double? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        guard let value = parseDouble(), bytes[offset] == UInt8(ascii: "\"") else { return nil }
        offset += 1
        return value
    }

    private mutating func parseDouble() -> Double? {
        var consumed = 0
        let value = bytes.withUnsafeBufferPointer { buffer -> Double in
            let start = UnsafeRawPointer(buffer.baseAddress! + offset).assumingMemoryBound(to: CChar.self)
            var end: UnsafeMutablePointer<CChar>?
            let parsed = strtod(start, &end)
            consumed = end.map { UnsafeRawPointer($0) - UnsafeRawPointer(start) } ?? 0
            return parsed
        }
        guard consumed > 0 else { return nil }
        offset += consumed
        return value
    }

    /// A JSON string with its escapes resolved.
    private mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = offset
        while bytes[offset] != UInt8(ascii: "\""), bytes[offset] != UInt8(ascii: "\\") {
            if bytes[offset] == 0 || bytes[offset] < 0x20 { return nil }
            offset += 1
        }
        if bytes[offset] == UInt8(ascii: "\"") {
            defer { offset += 1 }
            return String(decoding: bytes[start..<offset], as: UTF8.self)
        }
        // Escapes: hand the whole string to JSONSerialization, which knows them all.
        var end = offset
        while bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == 0 { return nil }
            end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard let text = try? JSONSerialization.jsonObject(with: Data(bytes[(start - 1)...end]), options: .fragmentsAllowed) as? String else {
            return nil
        }
        offset = end + 1
        return text
    }

    /// Skips any JSON value (warnings, infos, stats).
    private mutating func skipValue() -> Bool {
        switch peek() {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = bytes[offset] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            offset += 1
            if consume(close) { return true }
            repeat {
                if close == UInt8(ascii: "}") {
                    guard string() != nil, consume(UInt8(ascii: ":")) else { return false }
                }
                guard skipValue() else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(close)
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number() != nil
        }
    }

    private mutating func literal(_ word: String) -> Bool {
        for byte in word.utf8 {
            guard bytes[offset] == byte else { return false }
            offset += 1
        }
        return true
    }
}
