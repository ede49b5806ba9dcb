import Foundation
import Hummingbird

/// An error the API answers with: the right status and `{"error":{"code","message"}}`
/// (outputs.md §2), the message naming the parameter or the resource at fault.
public struct APIError: HTTPResponseError, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// Headers the answer carries besides its content type (an `Allow`, say).
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public static func badParameter(_ name: String, _ problem: String) -> APIError {
        APIError(.badRequest, "bad_parameter", "\(name): \(problem)")
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONSerialization.data(withJSONObject: ["error": ["code": code, "message": message]], options: [.sortedKeys])
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// JSON and CSV bodies.
enum Body {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        json(data: try encode(value), status: status)
    }

    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    static func json(data: Data, status: HTTPResponse.Status = .ok) -> Response {
        json(buffer: ByteBuffer(bytes: data), status: status)
    }

    static func json(buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }

    /// A CSV answer, with the file name a browser or `curl -OJ` saves it under.
    static func csv(_ text: String, filename: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(safe(filename)).csv\""],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Letters, digits, `.`, `_` and `-` kept, anything else `_`: a name no header or file system misreads.
    static func safe(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    }
}
