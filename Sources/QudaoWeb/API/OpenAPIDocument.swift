import Foundation
import Hummingbird

/// The OpenAPI 3.0 document of the API, written from the endpoints' declarations (`Endpoint`). It
/// is served at `/api/v1/openapi.json` and committed as `docs/openapi.json`; a test fails when the
/// two differ, so a change to the API shows in review as a change to the document.
enum OpenAPIDocument {
    static let introduction = """
        Versioned JSON API of Qudao (渠道). Authenticate with POST /api/v1/auth/token and send \
        `Authorization: Bearer <token>`. Amounts are integers in fen (`…Fen`), rates in basis points (`…Bp`), \
        times ISO 8601 in UTC. Errors are RFC 9457 problem documents; a 422 lists every invalid field in \
        `errors`. Every write accepts an `Idempotency-Key` header. A partner sees only itself and its \
        downline; ids outside that scope answer 404.
        """

    /// The document for these endpoints, as pretty-printed JSON with sorted keys.
    static func json(for endpoints: [Endpoint]) throws -> Data {
        try tree(for: endpoints).prettyJSON
    }

    static func tree(for endpoints: [Endpoint]) throws -> JSONTree {
        let recorder = SchemaRecorder()
        _ = try recorder.schema(of: Problem.self)
        var paths: [String: [String: JSONTree]] = [:]
        for endpoint in endpoints {
            paths[endpoint.path, default: [:]][endpoint.method.rawValue.lowercased()] = try operation(endpoint, recorder)
        }
        let problemResponses = ProblemResponse.allCases.map { problem in
            (
                problem.rawValue,
                JSONTree.object([
                    "description": .string(problem.description),
                    "content": ["application/problem+json": ["schema": Schema.reference("Problem").tree]],
                ])
            )
        }
        let tags = APITag.allCases.filter { tag in endpoints.contains { $0.tag == tag } }
        let webhooks = try WebhookSchemas.entries(recorder)
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "Qudao distribution platform API", "version": "1.0.0", "description": .string(introduction),
            ],
            "servers": [["url": "/"]],
            "security": [["bearer": []]],
            "tags": .array(tags.map { ["name": .string($0.rawValue), "description": .string($0.description)] }),
            "paths": .object(paths.mapValues(JSONTree.object)),
            // OpenAPI 3.0 has no `webhooks` section (3.1 does); `x-webhooks` is the extension Redoc and others read.
            "x-webhooks": .object(webhooks),
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": .object(recorder.components.mapValues(\.tree)),
                "responses": .object(Dictionary(uniqueKeysWithValues: problemResponses)),
            ],
        ]
    }

    private static func operation(_ endpoint: Endpoint, _ recorder: SchemaRecorder) throws -> JSONTree {
        var fields: [String: JSONTree] = [
            "summary": .string(endpoint.summary),
            "tags": [.string(endpoint.tag.rawValue)],
            "operationId": .string(operationId(endpoint)),
        ]
        var responses: [String: JSONTree] = [:]
        switch endpoint.success {
        case .json(let status, let schema):
            responses[String(status.code)] = [
                "description": .string(status.reasonPhrase),
                "content": ["application/json": ["schema": try schema(recorder).tree]],
            ]
        case .empty:
            responses["204"] = ["description": "Done; nothing to return"]
        case .produced(let contentTypes):
            let content = contentTypes.map { type -> (String, JSONTree) in
                (type, ["schema": type.contains("json") ? [:] : ["type": "string", "format": "binary"]])
            }
            responses["200"] = ["description": "OK", "content": .object(Dictionary(uniqueKeysWithValues: content))]
        }
        if endpoint.mayAwaitApproval {
            responses["202"] = [
                "description": "Held for a second HQ approver (双人复核): nothing changed yet; the request waits under /api/v1/approvals",
                "content": ["application/json": ["schema": try recorder.schema(of: ApprovalResponse.self).tree]],
            ]
        }
        for problem in endpoint.problems {
            responses[String(problem.status)] = ["$ref": .string("#/components/responses/\(problem.rawValue)")]
        }
        if endpoint.acceptsIdempotencyKey {
            responses["303"] = [
                "description": """
                A request with this Idempotency-Key committed but its answer was lost (the server stopped in between): \
                `Location` is what it made or changed
                """,
                "headers": ["Location": ["schema": ["type": "string"]]],
                "content": ["application/json": ["schema": try recorder.schema(of: CommittedResult.self).tree]],
            ]
        }
        fields["responses"] = .object(responses)
        if let requestSchema = endpoint.requestSchema {
            fields["requestBody"] = [
                "required": .boolean(endpoint.isBodyRequired),
                "content": ["application/json": ["schema": try requestSchema(recorder).tree]],
            ]
        }
        var parameters = endpoint.parameters
        for name in endpoint.pathParameterNames where !parameters.contains(where: { $0.name == name && $0.location == .path }) {
            parameters.append(.init(name: name, location: .path, schema: .string(), description: nil))
        }
        if endpoint.acceptsIdempotencyKey {
            parameters.append(
                .init(
                    name: "Idempotency-Key", location: .header, schema: .string(),
                    description: "1–255 visible ASCII characters; a retry with the same key and body gets the first answer"))
        }
        if !parameters.isEmpty {
            fields["parameters"] = .array(
                parameters.map { parameter in
                    var fields: [String: JSONTree] = [
                        "name": .string(parameter.name), "in": .string(parameter.location.rawValue), "schema": parameter.schema.tree,
                    ]
                    if parameter.location == .path { fields["required"] = true }
                    if let description = parameter.description { fields["description"] = .string(description) }
                    return .object(fields)
                })
        }
        if endpoint.access == .everyone { fields["security"] = [] }
        return .object(fields)
    }

    /// `POST /api/v1/orders/{id}/cancel` is `postOrdersIdCancel`: unique, stable and readable in a generated client.
    static func operationId(_ endpoint: Endpoint) -> String {
        let words = endpoint.path.replacingOccurrences(of: "/api/v1/", with: "/").split { "/{}-._".contains($0) }
        return endpoint.method.rawValue.lowercased() + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
