import Foundation
import HTTPTypes
import QudaoTestSupport
import Testing

@testable import QudaoWeb

/// The OpenAPI document is written from the endpoints' declarations; these tests keep the
/// committed copy equal to it and hold the rules that make a route easy to find.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let committed = SourceFiles.root.appendingPathComponent("docs/openapi.json")

    @Test("the served document is docs/openapi.json (QUDAO_RECORD=1 rewrites it)")
    func servedEqualsCommitted() async throws {
        try await TestApp.run(demo: false) { app in
            let response = try await app.request(.get, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let served = Data(buffer: response.body)
            if ProcessInfo.processInfo.environment["QUDAO_RECORD"] == "1" {
                try served.write(to: Self.committed)
                return
            }
            let committed = try? Data(contentsOf: Self.committed)
            #expect(
                committed == served,
                "docs/openapi.json differs from the document the endpoints declare; if the API change is intended, regenerate it with QUDAO_RECORD=1 swift test --filter OpenAPIDocumentTests"
            )
        }
    }

    @Test("every operation is declared once in the sources, and its path is written nowhere else")
    func oneDeclarationPerOperation() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.committed)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let sources = try SourceFiles.swiftFiles(under: "Sources").map(\.text).joined(separator: "\n")
        for (path, operations) in paths {
            let written = sources.components(separatedBy: "\"\(path)\"").count - 1
            #expect(written == operations.count, "\(path) is written \(written) times in Sources for \(operations.count) operations")
            for method in operations.keys {
                let declaration = try Regex("Endpoint\\(\\s*\\.\(method),\\s*\"\(NSRegularExpression.escapedPattern(for: path))\"")
                let count = sources.matches(of: declaration).count
                #expect(count == 1, "\(method.uppercased()) \(path) is declared \(count) times; it must be one Endpoint")
            }
        }
        // No route is registered under a group or a computed prefix, which a search for its URL would miss.
        #expect(!sources.contains("router.group(\"api"), "an API route is registered under a group")
        // No route, page or API, has a path built by concatenation or interpolation.
        let built = try Regex(#"RouterPath\("[^"]*"\s*\+|router\.(get|post|put|patch|delete)\("[^"\n]*\\\("#)
        let found = sources.matches(of: built).map { String(sources[$0.range]) }
        #expect(found.isEmpty, "route paths built at run time: \(found)")
    }

    @Test("operation ids are unique, path parameters are declared, and every write takes an Idempotency-Key")
    func operationsAreWellFormed() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.committed)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        var identifiers = Set<String>()
        for (path, operations) in paths {
            for (method, operation) in operations {
                let identifier = try #require(operation["operationId"] as? String)
                #expect(identifiers.insert(identifier).inserted, "\(identifier) is used twice")
                let parameters = operation["parameters"] as? [[String: Any]] ?? []
                let names = Set(parameters.compactMap { $0["in"] as? String == "path" ? $0["name"] as? String : nil })
                let templated = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                #expect(names == templated, "\(method) \(path) declares path parameters \(names)")
                let isPublic = (operation["security"] as? [Any])?.isEmpty == true
                if method != "get" && !isPublic {
                    #expect(parameters.contains { $0["name"] as? String == "Idempotency-Key" }, "\(method) \(path) lacks Idempotency-Key")
                }
                let responses = try #require(operation["responses"] as? [String: Any])
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path) documents no success")
            }
        }
        #expect(identifiers.count > 100)
    }
}

/// The schema recorder reads a type's shape from its `Decodable` conformance.
@Suite("Schema recorder")
struct SchemaRecorderTests {
    enum Colour: String, Codable, CaseIterable {
        case red, green
    }

    struct Leaf: Codable {
        let name: String
        let amountFen: Int64
        let note: String?
        let colour: Colour
        let createdAt: Date
        let children: [Leaf]?
        let counts: [String: Int]
    }

    struct Holder: Codable {
        let leaf: Leaf
        let leaves: [Leaf]
    }

    struct NotIterable: Codable {
        enum Mood: String, Codable {
            case calm
        }
        let mood: Mood
    }

    @Test("required and optional keys, enumerations, dates, maps, conventions and recursion")
    func shapes() throws {
        let recorder = SchemaRecorder()
        #expect(try recorder.schema(of: Holder.self) == .reference("SchemaRecorderTests.Holder"))
        let leaf = try #require(recorder.components["SchemaRecorderTests.Leaf"])
        guard case .object(let properties) = leaf else {
            Issue.record("Leaf is not an object: \(leaf)")
            return
        }
        let byName = Dictionary(uniqueKeysWithValues: properties.map { ($0.name, $0) })
        #expect(Set(properties.filter(\.isRequired).map(\.name)) == ["name", "amountFen", "colour", "createdAt", "counts"])
        #expect(byName["note"]?.schema == .string())
        #expect(byName["colour"]?.schema == .enumeration(["red", "green"]))
        #expect(byName["createdAt"]?.schema == .string(format: "date-time"))
        #expect(byName["amountFen"]?.schema == .described(.integer(), "Amount in fen (1 yuan = 100 fen)"))
        #expect(byName["counts"]?.schema == .map(.integer()))
        // The recursive property refers to its own component instead of recursing forever.
        #expect(byName["children"]?.schema == .array(.reference("SchemaRecorderTests.Leaf")))
        guard case .object(let holder) = try #require(recorder.components["SchemaRecorderTests.Holder"]) else { return }
        #expect(holder.map(\.name).sorted() == ["leaf", "leaves"])
    }

    @Test("an enumeration that cannot list its cases is named, not guessed")
    func unreadableEnumeration() {
        #expect(throws: (any Error).self) { try SchemaRecorder().schema(of: NotIterable.self) }
    }

    @Test("a generic page is written inline around a component for its items")
    func genericContainers() throws {
        let recorder = SchemaRecorder()
        let schema = try recorder.schema(of: PageResponse<SchemaRecorderTests.Leaf>.self)
        guard case .object(let properties) = schema else {
            Issue.record("a page is not an inline object: \(schema)")
            return
        }
        #expect(properties.first { $0.name == "items" }?.schema == .array(.reference("SchemaRecorderTests.Leaf")))
        #expect(recorder.components.keys.contains("SchemaRecorderTests.Leaf"))
    }
}
