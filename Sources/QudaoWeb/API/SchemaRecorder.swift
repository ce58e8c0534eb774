import Foundation
import QudaoCore

/// A type that states its own schema because its `Codable` conformance is written by hand (a value
/// that may be a number or text, say), so decoding it cannot reveal its shape.
protocol SchemaDescribing {
    static var schema: Schema { get }
    static var schemaSample: Self { get }
}

/// The raw strings of an enumeration sent as one of them (any `CaseIterable` enum whose raw
/// value is a `String`), with its first case as the sample; nil for any other type.
func enumerationValues(_ type: Any.Type) -> (values: [String], sample: Any)? {
    guard let caseIterable = type as? any CaseIterable.Type else { return nil }
    func cases<Enumeration: CaseIterable>(_ type: Enumeration.Type) -> [Any] { Array(type.allCases) }
    let all = cases(caseIterable)
    let values = all.compactMap { ($0 as? any RawRepresentable)?.rawValue as? String }
    guard let first = all.first, values.count == all.count else { return nil }
    return (values, first)
}

/// Derives JSON Schemas from `Decodable` types by decoding each type once from a decoder that
/// records every key it is asked for: `decode` is a required property, `decodeIfPresent` an
/// optional one. Structs become named components (`#/components/schemas/OrderResponse`), so a
/// recursive type refers to itself instead of recursing. Response types are `Codable` for this:
/// their synthesized `Decodable` reads exactly the keys their synthesized `Encodable` writes.
final class SchemaRecorder {
    /// A type whose shape cannot be read by decoding it (a hand-written decoder the recorder does
    /// not understand); the message names it so it can state its schema with `SchemaDescribing`.
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    private(set) var components: [String: Schema] = [:]
    private var inProgress: Set<String> = []

    /// The schema of a type: a reference for a struct, inline for everything else.
    func schema<T: Decodable>(of type: T.Type) throws -> Schema {
        let name = Self.componentName(of: type)
        if let name, components[name] != nil || inProgress.contains(name) { return .reference(name) }
        return try sample(type).schema
    }

    /// The schema of a type and a value of it, for a parent that needs the value to finish decoding.
    func sample<T: Decodable>(_ type: T.Type) throws -> (schema: Schema, value: T) {
        if let found = Self.primitive(type) { return found }
        if let described = type as? any SchemaDescribing.Type {
            return (described.schema, described.schemaSample as! T)
        }
        if let enumeration = enumerationValues(type) {
            return (.enumeration(enumeration.values), enumeration.sample as! T)
        }
        if let container = type as? any ContainerSchema.Type {
            let (schema, value) = try container.containerSample(self)
            return (schema, value as! T)
        }
        let name = Self.componentName(of: type)
        if let name { inProgress.insert(name) }
        defer { if let name { inProgress.remove(name) } }
        let decoder = RecordingDecoder(recorder: self, typeName: String(describing: type))
        let value = try T(from: decoder)
        let schema = try decoder.recordedSchema()
        guard let name, case .object = schema else { return (schema, value) }
        components[name] = schema
        return (.reference(name), value)
    }

    /// Structs and classes get components named after their Swift type (`ReportPageResponse.Column`);
    /// generic containers such as `PageResponse<OrderResponse>` are written inline.
    static func componentName(of type: Any.Type) -> String? {
        if type is any ContainerSchema.Type || type is any SchemaDescribing.Type || enumerationValues(type) != nil { return nil }
        let reflected = String(reflecting: type)
        guard !reflected.contains("<"), !reflected.hasPrefix("Swift."), !reflected.hasPrefix("Foundation.") else { return nil }
        return reflected.split(separator: ".").dropFirst().joined(separator: ".")
    }

    private static func primitive<T>(_ type: T.Type) -> (schema: Schema, value: T)? {
        let found: (Schema, Any)? =
            switch type {
            case is String.Type: (.string(), "")
            case is Bool.Type: (.boolean, false)
            case is Int.Type: (.integer(), 0 as Int)
            case is Int64.Type: (.integer(), 0 as Int64)
            case is Int32.Type: (.integer(), 0 as Int32)
            case is Double.Type: (.number, 0.0 as Double)
            case is Date.Type: (.string(format: "date-time"), Date(timeIntervalSince1970: 0))
            default: nil
            }
        return found.map { ($0.0, $0.1 as! T) }
    }
}

/// Arrays, dictionaries and optionals: their schema comes from their element's.
protocol ContainerSchema {
    static func containerSample(_ recorder: SchemaRecorder) throws -> (Schema, Any)
}

extension Array: ContainerSchema where Element: Decodable {
    static func containerSample(_ recorder: SchemaRecorder) throws -> (Schema, Any) {
        (.array(try recorder.schema(of: Element.self)), [Element]())
    }
}

extension Dictionary: ContainerSchema where Key == String, Value: Decodable {
    static func containerSample(_ recorder: SchemaRecorder) throws -> (Schema, Any) {
        (.map(try recorder.schema(of: Value.self)), [String: Value]())
    }
}

extension Optional: ContainerSchema where Wrapped: Decodable {
    static func containerSample(_ recorder: SchemaRecorder) throws -> (Schema, Any) {
        (try recorder.schema(of: Wrapped.self), Wrapped?.none as Any)
    }
}

/// The decoder that records what a type asks for.
private final class RecordingDecoder: Decoder {
    let recorder: SchemaRecorder
    let typeName: String
    var properties: [Schema.Property] = []
    var single: Schema?
    var usedKeyedContainer = false
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(recorder: SchemaRecorder, typeName: String) {
        self.recorder = recorder
        self.typeName = typeName
    }

    func recordedSchema() throws -> Schema {
        if usedKeyedContainer { return .object(properties) }
        if let single { return single }
        throw SchemaRecorder.Unreadable(description: "\(typeName) decodes nothing the schema recorder can read")
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        usedKeyedContainer = true
        return KeyedDecodingContainer(RecordingKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw SchemaRecorder.Unreadable(description: "\(typeName) decodes an unkeyed container; give it a SchemaDescribing conformance")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        RecordingSingleValueContainer(decoder: self)
    }

    func record(_ key: String, _ schema: Schema, required: Bool) {
        let described = Self.conventionalDescription(key).map { schema.described($0) } ?? schema
        properties.removeAll { $0.name == key }
        properties.append(Schema.Property(name: key, schema: described, isRequired: required))
    }

    /// The API's naming conventions say what a number means, so the document says it once for all.
    static func conventionalDescription(_ key: String) -> String? {
        if key.hasSuffix("Fen") { return "Amount in fen (1 yuan = 100 fen)" }
        if key.hasSuffix("Bp") { return "Rate in basis points (1% = 100)" }
        return nil
    }
}

private struct RecordingKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: RecordingDecoder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (schema, value) = try decoder.recorder.sample(type)
        decoder.record(key.stringValue, schema, required: true)
        return value
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        decoder.record(key.stringValue, try decoder.recorder.schema(of: type), required: false)
        return nil
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, generic: key) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, generic: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type, generic: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type, generic: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type, generic: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type, generic: key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeIfPresent(type, generic: key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeIfPresent(type, generic: key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeIfPresent(type, generic: key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeIfPresent(type, generic: key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decodeIfPresent(type, generic: key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeIfPresent(type, generic: key) }

    private func decode<T: Decodable>(_ type: T.Type, generic key: Key) throws -> T {
        let (schema, value) = try decoder.recorder.sample(type)
        decoder.record(key.stringValue, schema, required: true)
        return value
    }

    private func decodeIfPresent<T: Decodable>(_ type: T.Type, generic key: Key) throws -> T? {
        decoder.record(key.stringValue, try decoder.recorder.schema(of: type), required: false)
        return nil
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw SchemaRecorder.Unreadable(description: "\(decoder.typeName) nests a container at \(key.stringValue)")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw SchemaRecorder.Unreadable(description: "\(decoder.typeName) nests an unkeyed container at \(key.stringValue)")
    }

    func superDecoder() throws -> any Decoder { throw SchemaRecorder.Unreadable(description: "\(decoder.typeName) uses a super decoder") }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        throw SchemaRecorder.Unreadable(description: "\(decoder.typeName) uses a super decoder")
    }
}

private struct RecordingSingleValueContainer: SingleValueDecodingContainer {
    let decoder: RecordingDecoder
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try decoder.recorder.sample(type)
        decoder.single = schema
        return value
    }

    func decode(_ type: String.Type) throws -> String { try decode(generic: type) }
    func decode(_ type: Bool.Type) throws -> Bool { try decode(generic: type) }
    func decode(_ type: Int.Type) throws -> Int { try decode(generic: type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decode(generic: type) }
    func decode(_ type: Double.Type) throws -> Double { try decode(generic: type) }

    private func decode<T: Decodable>(generic type: T.Type) throws -> T {
        let (schema, value) = try decoder.recorder.sample(type)
        decoder.single = schema
        return value
    }
}
