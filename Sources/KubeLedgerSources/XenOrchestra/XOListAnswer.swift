import Foundation

/// Decodes the answer of an XO REST collection asked with `fields`: a JSON array of objects.
///
/// Without `fields` (or from a server that ignores it) XO answers an array of href strings;
/// that is named as such rather than handled, since the reader always asks for fields.
enum XOListAnswer {
    static func decode<Record: Decodable>(_ type: Record.Type, _ data: Data, url: String) throws(SourceError) -> [Record] {
        do {
            return try JSONDecoder().decode([Record].self, from: data)
        } catch {
            if let hrefs = try? JSONDecoder().decode([String].self, from: data) {
                throw .malformed(url: url, reason: "a list of \(hrefs.count) hrefs, not of objects: the server ignored `fields`")
            }
            throw .malformed(url: url, reason: MatrixResponse.describe(error, answer: data))
        }
    }
}
