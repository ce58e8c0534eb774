import Foundation

/// A JSON Schema, as the OpenAPI document writes it. Schemas are derived from the `Codable` types
/// the handlers decode and return (see `SchemaRecorder`), so the document cannot drift from them.
indirect enum Schema: Sendable, Equatable {
    /// A property of an object schema.
    struct Property: Sendable, Equatable {
        let name: String
        let schema: Schema
        let isRequired: Bool
    }

    case string(format: String? = nil, pattern: String? = nil, example: String? = nil)
    case enumeration([String])
    case integer(minimum: Int64? = nil, maximum: Int64? = nil)
    case number
    case boolean
    case array(Schema)
    case object([Property])
    /// An object whose keys are free and whose values share one schema.
    case map(Schema)
    /// A schema of `#/components/schemas/<name>`.
    case reference(String)
    /// Any one of the schemas, or null when `isNullable`.
    case oneOf([Schema], isNullable: Bool)
    /// Any JSON value.
    case anyValue
    case described(Schema, String)

    /// The schema with a description for the reader of the document.
    func described(_ text: String?) -> Schema {
        guard let text else { return self }
        return .described(self, text)
    }

    /// The schema as a JSON tree, ready to encode.
    var tree: JSONTree {
        switch self {
        case .string(let format, let pattern, let example):
            var fields: [String: JSONTree] = ["type": "string"]
            fields["format"] = format.map(JSONTree.string)
            fields["pattern"] = pattern.map(JSONTree.string)
            fields["example"] = example.map(JSONTree.string)
            return .object(fields)
        case .enumeration(let values):
            return .object(["type": "string", "enum": .array(values.map(JSONTree.string))])
        case .integer(let minimum, let maximum):
            var fields: [String: JSONTree] = ["type": "integer"]
            fields["minimum"] = minimum.map(JSONTree.integer)
            fields["maximum"] = maximum.map(JSONTree.integer)
            return .object(fields)
        case .number:
            return .object(["type": "number"])
        case .boolean:
            return .object(["type": "boolean"])
        case .array(let items):
            return .object(["type": "array", "items": items.tree])
        case .object(let properties):
            var fields: [String: JSONTree] = [
                "type": "object",
                "properties": .object(Dictionary(uniqueKeysWithValues: properties.map { ($0.name, $0.schema.tree) })),
            ]
            let required = properties.filter(\.isRequired).map(\.name).sorted()
            if !required.isEmpty { fields["required"] = .array(required.map(JSONTree.string)) }
            return .object(fields)
        case .map(let values):
            return .object(["type": "object", "additionalProperties": values.tree])
        case .reference(let name):
            return .object(["$ref": .string("#/components/schemas/\(name)")])
        case .oneOf(let options, let isNullable):
            var fields: [String: JSONTree] = ["oneOf": .array(options.map(\.tree))]
            if isNullable { fields["nullable"] = true }
            return .object(fields)
        case .anyValue:
            return .object([:])
        case .described(let schema, let text):
            // OpenAPI 3.0 ignores siblings of `$ref`, so a described reference is wrapped in `allOf`.
            if case .reference = schema { return .object(["allOf": .array([schema.tree]), "description": .string(text)]) }
            guard case .object(var fields) = schema.tree else { return schema.tree }
            fields["description"] = .string(text)
            return .object(fields)
        }
    }
}

/// A JSON value built in Swift and encoded with sorted keys, so the document is the same bytes on
/// every build.
enum JSONTree: Encodable, Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    case string(String)
    case integer(Int64)
    case boolean(Bool)
    case array([JSONTree])
    case object([String: JSONTree])

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .boolean(value) }
    init(arrayLiteral elements: JSONTree...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONTree)...) { self = .object(Dictionary(uniqueKeysWithValues: elements)) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        case .boolean(let flag): try container.encode(flag)
        case .array(let items): try container.encode(items)
        case .object(let fields): try container.encode(fields)
        }
    }

    /// The tree as pretty-printed JSON with sorted keys and a final newline.
    var prettyJSON: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data("{}".utf8)) + Data("\n".utf8)
    }
}
