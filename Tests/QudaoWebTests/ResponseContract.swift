import Foundation
import HTTPTypes
import QudaoTestSupport
import Testing

@testable import QudaoWeb

/// Every JSON response a web test receives from `/api/v1` is checked against the OpenAPI document
/// committed as `docs/openapi.json` (which `OpenAPIDocumentTests` proves is the one the server
/// serves): its keys must be documented properties, the required ones present, and values of the
/// documented type and enum. So the API tests are also tests of the document an integrator reads.
enum ResponseContract {
    /// The committed document, parsed once; read-only after that, so sharing it across tests is safe.
    nonisolated(unsafe) static let document: [String: Any] = {
        let url = SourceFiles.root.appendingPathComponent("docs/openapi.json")
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }()

    /// The shared problem responses of `components/responses`.
    static var sharedResponses: [String: Any] { (document["components"] as? [String: Any])?["responses"] as? [String: Any] ?? [:] }

    static var schemas: [String: Any] { (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:] }

    /// The documented operations as (method, path pattern, operation).
    nonisolated(unsafe) static let operations: [(method: String, pattern: NSRegularExpression, template: String, operation: [String: Any])] = {
        var found: [(String, NSRegularExpression, String, [String: Any])] = []
        for (path, value) in document["paths"] as? [String: [String: Any]] ?? [:] {
            let escaped = NSRegularExpression.escapedPattern(for: path)
            let pattern = "^" + escaped.replacingOccurrences(of: #"\\\{[^}]+\\\}"#, with: "[^/]+", options: .regularExpression) + "$"
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            for (method, operation) in value {
                if let operation = operation as? [String: Any] { found.append((method.uppercased(), expression, path, operation)) }
            }
        }
        // Literal paths before templated ones, so `/partners/tree` is not read as `/partners/{id}`.
        return found.sorted { $0.2.filter { $0 == "{" }.count < $1.2.filter { $0 == "{" }.count }
    }()

    /// The problems of one response, empty when it matches its documented schema.
    static func problems(method: HTTPRequest.Method, uri: String, status: Int, contentType: String?, body: Data) -> [String] {
        let path = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
        guard path.hasPrefix("/api/v1/"), path != "/api/v1/openapi.json", let contentType, contentType.contains("json"), !body.isEmpty
        else { return [] }
        let range = NSRange(path.startIndex..., in: path)
        guard let operation = operations.first(where: { $0.method == method.rawValue && $0.pattern.firstMatch(in: path, range: range) != nil })
        else { return status == 404 || status == 405 ? [] : ["\(method.rawValue) \(path) is not documented"] }
        let responses = operation.operation["responses"] as? [String: Any] ?? [:]
        guard var response = responses[String(status)] as? [String: Any] ?? responses["default"] as? [String: Any] else {
            // Problem documents share one shape; other statuses must be documented.
            if contentType.hasPrefix("application/problem+json") { return [] }
            return ["\(method.rawValue) \(operation.template) answered \(status), which is not documented"]
        }
        if let reference = response["$ref"] as? String {
            response = sharedResponses[String(reference.split(separator: "/").last ?? "")] as? [String: Any] ?? [:]
        }
        guard let content = (response["content"] as? [String: Any])?.values.first as? [String: Any],
            let schema = content["schema"] as? [String: Any]
        else { return ["\(method.rawValue) \(operation.template) \(status) has a body the document does not describe"] }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            return ["\(method.rawValue) \(operation.template) \(status) is not JSON"]
        }
        return check(value, against: schema, at: "\(method.rawValue) \(operation.template) \(status) body")
    }

    static func resolve(_ schema: [String: Any]) -> [String: Any] {
        if let parts = schema["allOf"] as? [[String: Any]], parts.count == 1 { return resolve(parts[0]) }
        guard let reference = schema["$ref"] as? String else { return schema }
        let name = String(reference.split(separator: "/").last ?? "")
        return resolve(schemas[name] as? [String: Any] ?? [:])
    }

    /// Checks a value against a schema (the first 50 items of an array).
    static func check(_ value: JSONValue, against raw: [String: Any], at place: String) -> [String] {
        let schema = resolve(raw)
        if case .null = value { return schema["nullable"] as? Bool == true || schema.isEmpty ? [] : ["\(place) is null"] }
        if let options = schema["oneOf"] as? [[String: Any]] ?? schema["anyOf"] as? [[String: Any]] {
            return options.contains { check(value, against: $0, at: place).isEmpty } ? [] : ["\(place) matches none of its schemas"]
        }
        var found: [String] = []
        switch schema["type"] as? String {
        case "object":
            guard case .object(let object) = value else { return ["\(place) is not an object"] }
            let properties = schema["properties"] as? [String: Any]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil { found.append("\(place) lacks required \(name)") }
            if let properties {
                for (key, item) in object {
                    guard let property = properties[key] as? [String: Any] else {
                        if schema["additionalProperties"] == nil || schema["additionalProperties"] as? Bool == false {
                            found.append("\(place) has undocumented \(key)")
                        }
                        continue
                    }
                    found += check(item, against: property, at: "\(place).\(key)")
                }
            } else if let additional = schema["additionalProperties"] as? [String: Any] {
                for (key, item) in object { found += check(item, against: additional, at: "\(place).\(key)") }
            }
        case "array":
            guard case .array(let array) = value else { return ["\(place) is not an array"] }
            let items = schema["items"] as? [String: Any] ?? [:]
            for (index, item) in array.prefix(50).enumerated() { found += check(item, against: items, at: "\(place)[\(index)]") }
        case "string":
            guard case .string(let text) = value else { return ["\(place) is not a string"] }
            if let allowed = schema["enum"] as? [String], !allowed.contains(text) { found.append("\(place) is \(text), not one of \(allowed)") }
        case "integer":
            guard case .integer = value else { return ["\(place) is not an integer"] }
        case "number":
            switch value {
            case .integer, .number: break
            default: return ["\(place) is not a number"]
            }
        case "boolean":
            guard case .boolean = value else { return ["\(place) is not a boolean"] }
        default:
            break
        }
        return found
    }
}

/// A JSON value as it was sent, keeping integers apart from fractions and booleans apart from numbers.
enum JSONValue: Decodable {
    case null, boolean(Bool), integer(Int64), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
