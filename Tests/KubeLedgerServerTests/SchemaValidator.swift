import Foundation

/// A JSON value as the document and the answers hold it, booleans kept apart from numbers
/// (which `JSONSerialization`'s `NSNumber` does not do reliably on Linux).
indirect enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }
}

/// Checks answers against the schemas of `schemas/openapi.json`, so a test fails when the
/// server sends what the document does not describe (a column more, 2 decimals where it
/// says 10).
///
/// Only the JSON Schema keywords the document uses are known; any other keyword is
/// reported as an error rather than ignored, so a schema is never passed unchecked.
struct SchemaValidator {
    let root: JSONValue

    static let annotations: Set<String> = ["description", "examples", "format", "contentMediaType", "default", "title"]

    init(document: URL) throws {
        root = try JSONValue.parse(Data(contentsOf: document))
    }

    /// The schema at a local reference such as `#/components/schemas/Invoice`.
    func schema(_ reference: String) -> JSONValue? {
        var node = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard case let .object(members) = node, let next = members[String(part)] else { return nil }
            node = next
        }
        return node
    }

    /// Every way `value` breaks the schema at `reference`, each with its JSON path; empty when it conforms.
    func errors(_ value: JSONValue, against reference: String) -> [String] {
        guard let schema = schema(reference) else { return ["no schema at \(reference)"] }
        return errors(value, schema, path: "$")
    }

    func errors(_ value: JSONValue, _ schema: JSONValue, path: String) -> [String] {
        if case let .bool(allowed) = schema { return allowed ? [] : ["\(path): no value is allowed here"] }
        guard case let .object(keywords) = schema else { return ["\(path): the schema is not an object"] }
        var found: [String] = []
        for (keyword, argument) in keywords.sorted(by: { $0.key < $1.key }) where !Self.annotations.contains(keyword) {
            switch (keyword, argument) {
            case let ("$ref", .string(reference)):
                guard let target = self.schema(reference) else {
                    found.append("\(path): no schema at \(reference)")
                    continue
                }
                found += errors(value, target, path: path)
            case ("type", .string), ("type", .array):
                var names: [String] = []
                if case let .string(name) = argument { names = [name] }
                if case let .array(items) = argument {
                    for case let .string(name) in items { names.append(name) }
                }
                if !names.contains(where: { Self.isType(value, $0) }) { found.append("\(path): expected \(names.joined(separator: " or ")), found \(value)") }
            case ("const", _):
                if value != argument { found.append("\(path): expected \(argument), found \(value)") }
            case let ("enum", .array(options)):
                if !options.contains(value) { found.append("\(path): \(value) is not one of \(options)") }
            case let ("pattern", .string(pattern)):
                guard case let .string(text) = value else { continue }
                if text.range(of: pattern, options: .regularExpression) == nil { found.append("\(path): \"\(text)\" does not match \(pattern)") }
            case let ("minimum", .number(least)):
                if case let .number(number) = value, number < least { found.append("\(path): \(number) is below \(least)") }
            case let ("required", .array(names)):
                guard case let .object(members) = value else { continue }
                for case let .string(name) in names where members[name] == nil { found.append("\(path): \(name) is missing") }
            case let ("properties", .object(properties)):
                guard case let .object(members) = value else { continue }
                for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                    if let property = properties[name] { found += errors(member, property, path: "\(path).\(name)") }
                }
            case ("additionalProperties", _):
                guard case let .object(members) = value else { continue }
                let known: [String: JSONValue] = if case let .object(properties)? = keywords["properties"] { properties } else { [:] }
                for (name, member) in members.sorted(by: { $0.key < $1.key }) where known[name] == nil {
                    found += errors(member, argument, path: "\(path).\(name)")
                }
            case let ("prefixItems", .array(schemas)):
                guard case let .array(items) = value else { continue }
                for (index, (item, itemSchema)) in zip(items, schemas).enumerated() { found += errors(item, itemSchema, path: "\(path)[\(index)]") }
            case ("items", _):
                guard case let .array(items) = value else { continue }
                let first: Int = if case let .array(prefix)? = keywords["prefixItems"] { prefix.count } else { 0 }
                for (index, item) in items.enumerated() where index >= first { found += errors(item, argument, path: "\(path)[\(index)]") }
            case let ("minItems", .number(least)):
                if case let .array(items) = value, Double(items.count) < least { found.append("\(path): \(items.count) items, fewer than \(Int(least))") }
            case let ("maxItems", .number(most)):
                if case let .array(items) = value, Double(items.count) > most { found.append("\(path): \(items.count) items, more than \(Int(most))") }
            case let ("uniqueItems", .bool(unique)):
                guard unique, case let .array(items) = value else { continue }
                for (index, item) in items.enumerated() where items[..<index].contains(item) { found.append("\(path)[\(index)]: a repeated item") }
            case let ("anyOf", .array(choices)):
                let failures = choices.map { errors(value, $0, path: path) }
                if !failures.contains(where: \.isEmpty) {
                    // The closest choice's complaints say most about what is wrong.
                    found.append("\(path): matches none of anyOf; closest: \(failures.min { $0.count < $1.count }?.joined(separator: "; ") ?? "")")
                }
            case let ("oneOf", .array(choices)):
                let passing = choices.filter { errors(value, $0, path: path).isEmpty }.count
                if passing != 1 { found.append("\(path): matches \(passing) of oneOf, not exactly one") }
            case let ("allOf", .array(parts)):
                for part in parts { found += errors(value, part, path: path) }
            default:
                found.append("\(path): the validator does not know the keyword \(keyword) (\(argument))")
            }
        }
        return found
    }

    static func isType(_ value: JSONValue, _ name: String) -> Bool {
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object): true
        case let ("integer", .number(number)): number.rounded() == number
        default: false
        }
    }
}
