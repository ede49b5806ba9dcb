import Foundation
import Hummingbird

/// A JSON request body read field by field, so a malformed one is a 400 that names the
/// field (`targets[0].payload.aggregate`) instead of a decoder's generic complaint.
struct JSONBody {
    let value: Any
    let path: String

    /// The request's body, at most `limit` bytes; an empty body reads as `{}`.
    static func read(_ request: Request, context: some RequestContext, limit: Int) async throws -> JSONBody {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, "too_large", "body: at most \(limit) bytes")
        }
        let bytes = Data(buffer.readableBytesView)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return JSONBody(value: [String: Any](), path: "body") }
        guard let value = try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]) else {
            throw APIError.badParameter("body", "is not valid JSON")
        }
        guard value is [String: Any] else { throw APIError.badParameter("body", "expected a JSON object") }
        return JSONBody(value: value, path: "body")
    }

    private func child(_ key: String) -> String { path == "body" ? key : "\(path).\(key)" }

    /// The member `key` of this object, nil when absent or null.
    func member(_ key: String) throws -> JSONBody? {
        guard let object = value as? [String: Any] else { throw APIError.badParameter(path, "expected an object") }
        guard let member = object[key], !(member is NSNull) else { return nil }
        return JSONBody(value: member, path: child(key))
    }

    func string(_ key: String) throws -> String? {
        guard let member = try member(key) else { return nil }
        guard let text = member.value as? String else { throw APIError.badParameter(member.path, "expected a string") }
        return text
    }

    func requiredString(_ key: String) throws -> String {
        guard let text = try string(key) else { throw APIError.badParameter(child(key), "is required") }
        return text
    }

    func number(_ key: String) throws -> Double? {
        guard let member = try member(key) else { return nil }
        if let number = member.value as? NSNumber, number.doubleValue.isFinite { return number.doubleValue }
        throw APIError.badParameter(member.path, "expected a number")
    }

    func array(_ key: String) throws -> [JSONBody]? {
        guard let member = try member(key) else { return nil }
        guard let items = member.value as? [Any] else { throw APIError.badParameter(member.path, "expected an array") }
        return items.enumerated().map { JSONBody(value: $1, path: "\(member.path)[\($0)]") }
    }

    /// An object member that may also come as a JSON string holding an object (the
    /// datasource's code editor sends its payload as text).
    func object(_ key: String) throws -> JSONBody? {
        guard let member = try member(key) else { return nil }
        if member.value is [String: Any] { return member }
        if let text = member.value as? String {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return JSONBody(value: [String: Any](), path: member.path) }
            if let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)), parsed is [String: Any] {
                return JSONBody(value: parsed, path: member.path)
            }
        }
        throw APIError.badParameter(member.path, "expected an object")
    }
}
