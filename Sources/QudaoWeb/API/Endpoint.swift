import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// One operation of the API, declared once: the router registers its handler and the OpenAPI
/// document is written from its declaration, with the request and response schemas read from the
/// `Codable` types its handler takes and returns. A path appears in the sources exactly here.
///
/// ```swift
/// Endpoint(.post, "/api/v1/<orders>/{id}/cancel", "Cancel before shipping", tag: .orders, body: ReasonRequest.self, cancelOrder)
///
/// @Sendable func cancelOrder(_ request: Request, _ context: QudaoRequestContext, _ body: ReasonRequest) async throws -> OrderResponse
/// ```
///
/// The handler's types are the document's schemas: `ReasonRequest` is the request body, and
/// `OrderResponse` (a `Codable` struct) the 200 answer. (The path above is bracketed so that the
/// real one is written only in its declaration; `OpenAPIDocumentTests` holds that rule.)
struct Endpoint: Sendable {
    /// The request limits a handler reads its body within, resolved when the routes are built.
    struct Limits: Sendable {
        let bodyBytes: Int
    }

    /// Which body limit applies: the configured one for JSON, or room for a base64 file of a size.
    enum BodySize: Sendable {
        case standard
        case base64File(maximumBytes: Int)

        func limitBytes(_ limits: Limits) -> Int {
            switch self {
            case .standard: limits.bodyBytes
            // Base64 writes 3 bytes as 4 characters; the rest of the JSON fits in 4 KiB.
            case .base64File(let maximumBytes): maximumBytes * 4 / 3 + 4_096
            }
        }
    }

    /// What the operation answers with when it succeeds.
    enum Success: Sendable {
        case json(status: HTTPResponse.Status, schema: @Sendable (SchemaRecorder) throws -> Schema)
        case empty
        /// A response the handler builds itself (a download, a text document) in one of these content types.
        case produced(contentTypes: [String])
    }

    let method: HTTPRequest.Method
    let path: String
    let summary: String
    let tag: APITag
    let parameters: [Parameter]
    let requestSchema: (@Sendable (SchemaRecorder) throws -> Schema)?
    let isBodyRequired: Bool
    let success: Success
    let access: Access
    let extraProblems: [ProblemResponse]
    /// Whether the action may be held for a second HQ approver, answering 202 with the request.
    let mayAwaitApproval: Bool
    let handler: @Sendable (Request, QudaoRequestContext, Limits) async throws -> Response

    /// Who may call the operation: anyone (sign-in, health), or a signed-in caller.
    enum Access: Sendable {
        case everyone, signedIn
    }

    /// The path's `{name}` segments, in order.
    var pathParameterNames: [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    /// The problems the operation may answer with, from what it reads: a body or a query can be
    /// malformed or invalid, a path names something that may not exist, and a write may conflict.
    var problems: [ProblemResponse] {
        var found: [ProblemResponse] = []
        let readsInput = requestSchema != nil || parameters.contains { $0.location == .query && $0.name != "page" && $0.name != "pageSize" }
        let writes = method != .get && access == .signedIn
        // A body can be malformed, and so can a write's Idempotency-Key header.
        if requestSchema != nil || acceptsIdempotencyKey { found.append(.malformed) }
        // Any signed-in call may come with an API key, and a key has a rate.
        if access == .signedIn { found += [.unauthenticated, .forbidden, .tooManyRequests] }
        // An id in the path, or one in the query (`partnerId`), can name nothing the caller may see.
        if !pathParameterNames.isEmpty || parameters.contains(where: { $0.location == .query && $0.name.hasSuffix("Id") }) {
            found.append(.notFound)
        }
        if writes { found.append(.conflict) }
        // Input can be invalid; so can a path value that is not an id (a month), and a write can be
        // refused by a rule, with the field named.
        let readsPathValue = pathParameterNames.contains { $0 != "id" }
        if readsInput || readsPathValue || writes || parameters.contains(where: { $0.name == "pageSize" }) { found.append(.invalid) }
        for extra in extraProblems where !found.contains(extra) { found.append(extra) }
        return found.sorted { $0.status < $1.status }
    }

    private init(
        method: HTTPRequest.Method, path: String, summary: String, tag: APITag, parameters: [Parameter],
        requestSchema: (@Sendable (SchemaRecorder) throws -> Schema)?, isBodyRequired: Bool, success: Success, access: Access,
        extraProblems: [ProblemResponse], mayAwaitApproval: Bool = false,
        handler: @escaping @Sendable (Request, QudaoRequestContext, Limits) async throws -> Response
    ) {
        self.method = method
        self.path = path
        self.summary = summary
        self.tag = tag
        self.parameters = parameters
        self.requestSchema = requestSchema
        self.isBodyRequired = isBodyRequired
        self.success = success
        self.access = access
        self.extraProblems = extraProblems
        self.mayAwaitApproval = mayAwaitApproval
        self.handler = handler
    }

    /// An operation without a request body that answers JSON (or nothing, for `NoContent`).
    init<Output: Codable & SendableMetatype>(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, tag: APITag, parameters: [Parameter] = [],
        status: HTTPResponse.Status = .ok, access: Access = .signedIn, problems: [ProblemResponse] = [],
        _ handle: @escaping @Sendable (Request, QudaoRequestContext) async throws -> Output
    ) {
        self.init(
            method: method, path: path, summary: summary, tag: tag, parameters: parameters, requestSchema: nil, isBodyRequired: false,
            success: Self.success(Output.self, status: status), access: access, extraProblems: problems
        ) { request, context, _ in
            try Self.respond(try await handle(request, context), status: status)
        }
    }

    /// An operation that reads a JSON body of type `Input` (a 400 when it is missing or not JSON).
    init<Input: Decodable & SendableMetatype, Output: Codable & SendableMetatype>(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, tag: APITag, parameters: [Parameter] = [],
        body: Input.Type, bodySize: BodySize = .standard, status: HTTPResponse.Status = .ok, access: Access = .signedIn,
        problems: [ProblemResponse] = [], _ handle: @escaping @Sendable (Request, QudaoRequestContext, Input) async throws -> Output
    ) {
        self.init(
            method: method, path: path, summary: summary, tag: tag, parameters: parameters, requestSchema: { try $0.schema(of: Input.self) },
            isBodyRequired: true, success: Self.success(Output.self, status: status), access: access, extraProblems: problems
        ) { request, context, limits in
            let input = try await APIBody.decode(Input.self, request, context, limitBytes: bodySize.limitBytes(limits))
            return try Self.respond(try await handle(request, context, input), status: status)
        }
    }

    /// An operation that reads a JSON body and whose action a second HQ approver may hold: it
    /// answers `status` with `Output` when the action took effect, or 202 with the waiting request.
    init<Input: Decodable & SendableMetatype, Output: Codable & SendableMetatype>(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, tag: APITag, parameters: [Parameter] = [],
        body: Input.Type, status: HTTPResponse.Status = .ok, problems: [ProblemResponse] = [],
        _ handle: @escaping @Sendable (Request, QudaoRequestContext, Input) async throws -> Held<Output>
    ) {
        self.init(
            method: method, path: path, summary: summary, tag: tag, parameters: parameters, requestSchema: { try $0.schema(of: Input.self) },
            isBodyRequired: true, success: Self.success(Output.self, status: status), access: .signedIn, extraProblems: problems,
            mayAwaitApproval: true
        ) { request, context, limits in
            let input = try await APIBody.decode(Input.self, request, context, limitBytes: limits.bodyBytes)
            switch try await handle(request, context, input) {
            case .done(let output): return try Self.respond(output, status: status)
            case .awaitingApproval(let approval): return try JSONResponse.make(approval, status: .accepted)
            }
        }
    }

    /// An operation whose JSON body may be left out when every field of it is optional.
    init<Input: Decodable & SendableMetatype, Output: Codable & SendableMetatype>(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, tag: APITag, parameters: [Parameter] = [],
        optionalBody: Input.Type, status: HTTPResponse.Status = .ok, access: Access = .signedIn, problems: [ProblemResponse] = [],
        _ handle: @escaping @Sendable (Request, QudaoRequestContext, Input?) async throws -> Output
    ) {
        self.init(
            method: method, path: path, summary: summary, tag: tag, parameters: parameters, requestSchema: { try $0.schema(of: Input.self) },
            isBodyRequired: false, success: Self.success(Output.self, status: status), access: access, extraProblems: problems
        ) { request, context, limits in
            let input = try await APIBody.decodeIfPresent(Input.self, request, context, limitBytes: limits.bodyBytes)
            return try Self.respond(try await handle(request, context, input), status: status)
        }
    }

    /// An operation that answers a response it builds itself: a file, or a document in one of `contentTypes`.
    init(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, tag: APITag, parameters: [Parameter] = [],
        produces contentTypes: [String], access: Access = .signedIn, problems: [ProblemResponse] = [],
        _ handle: @escaping @Sendable (Request, QudaoRequestContext) async throws -> Response
    ) {
        self.init(
            method: method, path: path, summary: summary, tag: tag, parameters: parameters, requestSchema: nil, isBodyRequired: false,
            success: .produced(contentTypes: contentTypes), access: access, extraProblems: problems
        ) { request, context, _ in
            try await handle(request, context)
        }
    }

    private static func success<Output: Codable & SendableMetatype>(_ type: Output.Type, status: HTTPResponse.Status) -> Success {
        if Output.self == NoContent.self { return .empty }
        return .json(status: status) { try $0.schema(of: Output.self) }
    }

    private static func respond<Output: Encodable>(_ output: Output, status: HTTPResponse.Status) throws -> Response {
        if output is NoContent { return Response(status: .noContent) }
        return try JSONResponse.make(output, status: status)
    }
}

/// What an operation a second HQ approver may hold answers: its result, or the waiting request.
enum Held<Output: Encodable & Sendable>: Sendable {
    case done(Output)
    case awaitingApproval(ApprovalResponse)
}

/// The answer of an operation that succeeds with nothing to say (204).
struct NoContent: Codable, Sendable {}

extension Endpoint {
    /// A path, query or header parameter of an operation.
    struct Parameter: Sendable {
        enum Location: String, Sendable {
            case path, query, header
        }

        let name: String
        let location: Location
        let schema: Schema
        let description: String?

        /// A query parameter.
        static func query(_ name: String, _ schema: Schema = .string(), _ description: String? = nil) -> Parameter {
            Parameter(name: name, location: .query, schema: schema, description: description)
        }

        /// A query parameter that takes one of an enumeration's values.
        static func query<Value: CaseIterable & RawRepresentable>(
            _ name: String, oneOf type: Value.Type, _ description: String? = nil
        )
            -> Parameter where Value.RawValue == String
        {
            Parameter(name: name, location: .query, schema: .enumeration(type.allCases.map(\.rawValue)), description: description)
        }

        /// A path parameter holding an id such as `ord_…`.
        static func id(_ name: String = "id", prefix: String) -> Parameter {
            Parameter(name: name, location: .path, schema: .string(pattern: "^\(prefix)_[0-9a-z]{20}$"), description: nil)
        }

        /// A path parameter that takes one of an enumeration's values.
        static func path<Value: CaseIterable & RawRepresentable>(_ name: String, oneOf type: Value.Type) -> Parameter
        where Value.RawValue == String {
            Parameter(name: name, location: .path, schema: .enumeration(type.allCases.map(\.rawValue)), description: nil)
        }

        /// A path parameter holding a month such as `2026-10`.
        static func month(_ name: String = "month") -> Parameter {
            Parameter(name: name, location: .path, schema: .string(pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$", example: "2026-10"), description: nil)
        }

        /// The page and page size of a listing (at most 200 rows a page).
        static let paging: [Parameter] = [
            .query("page", .integer(minimum: 1)), .query("pageSize", .integer(minimum: 1, maximum: 200)),
        ]

        /// A date query parameter (`yyyy-MM-dd`).
        static func date(_ name: String, _ description: String? = nil) -> Parameter {
            .query(name, .string(format: "date"), description)
        }
    }
}

extension Endpoint {
    /// Whether the operation honours `Idempotency-Key`: every signed-in write (see `IdempotencyMiddleware`).
    var acceptsIdempotencyKey: Bool { method != .get && access == .signedIn }
}
