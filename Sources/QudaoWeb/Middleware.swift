import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import QudaoApp
import QudaoCore
import QudaoStore

/// Names of the cookies the site sets.
enum CookieName {
    static let session = "qudao_session"
    static let language = "lang"
    static let loginCSRF = "qudao_login_csrf"
}

/// Fills in the request context: language, client address and the signed-in account.
/// The API authenticates only with bearer tokens; pages only with the session cookie, whose
/// forms carry CSRF tokens. Keeping them apart means a cookie can never authorize an API call
/// that has no CSRF protection.
struct ContextMiddleware: RouterMiddleware {
    let auth: AuthService
    let notifications: NotificationService
    let company: CompanyService
    let trustForwardedFor: Bool
    let logger: Logger

    func handle(
        _ request: Request, context: QudaoRequestContext, next: (Request, QudaoRequestContext) async throws -> Response
    ) async throws
        -> Response
    {
        var context = context
        let queryLanguage = request.uri.queryParameters["lang"].map(String.init)
        let isAPI = request.uri.path.hasPrefix("/api/")
        // Pages are Chinese unless the person switches to English (the choice is kept in a cookie),
        // whatever language the browser advertises; API clients get English unless they ask for Chinese.
        context.language = Language.negotiate(
            explicit: queryLanguage ?? (isAPI ? nil : request.cookies[CookieName.language]?.value),
            acceptLanguage: isAPI ? request.headers[.acceptLanguage] : nil, fallback: isAPI ? .english : .chinese)
        context.sourceIP = clientAddress(request, context)
        do {
            if isAPI {
                if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
                    let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
                    context.authenticated = try await auth.authenticate(token: token)
                    if context.authenticated?.session.kind != "api" { context.authenticated = nil }
                }
            } else if let token = request.cookies[CookieName.session]?.value {
                context.authenticated = try await auth.authenticate(token: token)
                if context.authenticated?.session.kind != "web" { context.authenticated = nil }
            }
            // Pages show the unread count in their header; a failure to count must not break the page.
            if !isAPI, request.method == .get, let account = context.authenticated?.account {
                context.notificationCounts = (try? await notifications.counts(for: account.principal)) ?? .none
            }
            // Every page carries the brand; like the counts, a failure to read it must not break the page.
            if !isAPI && !request.uri.path.hasPrefix("/assets/") {
                context.company = (try? await company.profile()) ?? .unset
            }
        } catch {
            // This middleware runs outside the error middleware, so it renders its own failures.
            return ErrorResponder.response(for: error, request: request, context: context, logger: logger)
        }
        return try await next(request, context)
    }

    private func clientAddress(_ request: Request, _ context: QudaoRequestContext) -> String {
        if trustForwardedFor, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!] {
            if let first = forwarded.split(separator: ",").first {
                return first.trimmingCharacters(in: .whitespaces)
            }
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Keeps each console to its own people: `/hq` pages are for HQ accounts, `/portal` pages for
/// partner accounts. (Use cases check permissions again; this stops a partner from browsing HQ's
/// console even where a use case would show it its own scoped data.)
struct AreaMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: QudaoRequestContext, next: (Request, QudaoRequestContext) async throws -> Response
    ) async throws
        -> Response
    {
        if let account = context.authenticated?.account {
            let path = request.uri.path
            let isHQArea = path == "/hq" || path.hasPrefix("/hq/")
            let isPortalArea = path == "/portal" || path.hasPrefix("/portal/")
            if (isHQArea && account.kind != .hq) || (isPortalArea && account.kind != .partner) {
                throw AppError.forbidden
            }
        }
        return try await next(request, context)
    }
}

/// Turns errors into responses: problem documents for the API, pages for people.
struct ErrorMiddleware: RouterMiddleware {
    let logger: Logger

    func handle(
        _ request: Request, context: QudaoRequestContext, next: (Request, QudaoRequestContext) async throws -> Response
    ) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            return ErrorResponder.response(for: error, request: request, context: context, logger: logger)
        }
    }
}

/// The one place an error becomes a response.
enum ErrorResponder {
    static func response(for error: any Error, request: Request, context: QudaoRequestContext, logger: Logger) -> Response {
        let isAPI = request.uri.path.hasPrefix("/api/")
        let language = context.language
        let problem: Problem
        var headers: HTTPFields = [:]
        switch error {
        case let appError as AppError:
            problem = Problem.from(appError, language: language)
            if case .rateLimited(let retryAfter) = appError {
                headers[.retryAfter] = String(max(1, Int(retryAfter.timeIntervalSinceNow.rounded(.up))))
            }
            if case .unauthenticated = appError, isAPI {
                headers[.wwwAuthenticate] = "Bearer realm=\"qudao\""
            }
        case let malformed as MalformedRequest:
            problem = Problem.malformed(malformed.detail, language: language)
        case let decodingError as DecodingError:
            let (field, detail) = describe(decodingError, language: language)
            problem = Problem.malformed(detail, field: field, language: language)
        case let httpError as any HTTPResponseError:
            // Framework errors such as an unknown route (404) or a body over the limit (413).
            let status = httpError.status
            let detail: String
            switch status {
            case .contentTooLarge: detail = language.t("请求内容过大", "The request body is too large")
            case .notFound: detail = language.t("找不到该页面或接口。", "No such page or endpoint.")
            case .methodNotAllowed: detail = language.t("不支持该请求方法。", "This method is not allowed here.")
            default: detail = (httpError as? HTTPError)?.body ?? status.reasonPhrase
            }
            problem = Problem(
                type: "urn:qudao:problem:http-\(status.code)", title: status.reasonPhrase, status: status.code, detail: detail, errors: nil)
        default:
            logger.error("unhandled error", metadata: ["error": .string(String(reflecting: error)), "path": .string(request.uri.path)])
            problem = Problem(
                type: "urn:qudao:problem:internal", title: language.t("服务器错误", "Internal error"), status: 500,
                detail: language.t("服务器处理请求时出错,请稍后重试。", "The server could not complete the request; try again later."),
                errors: nil)
        }
        if isAPI { return problem.response(headers: headers) }
        if problem.status == 401 {
            let target = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return .redirect(to: "/login?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        let page = Layout.errorPage(problem: problem, context: context)
        return HTMLResponse.page(page, status: HTTPResponse.Status(code: problem.status), headers: headers)
    }

    /// Says which field of a JSON body is wrong and how.
    static func describe(_ error: DecodingError, language: Language) -> (field: String, detail: String) {
        func path(_ codingPath: [any CodingKey]) -> String {
            let joined = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "body" : joined.replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return (field, language.t("\(field) 的类型不正确(应为 \(typeName(type)))", "\(field) has the wrong type (expected \(typeName(type)))"))
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            return (field, language.t("\(field) 不能为 null(应为 \(typeName(type)))", "\(field) must not be null (expected \(typeName(type)))"))
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return (field, language.t("缺少字段 \(field)", "\(field) is required"))
        case .dataCorrupted(let context):
            return (path(context.codingPath), language.t("请求内容不是合法的 JSON", "The request body is not valid JSON"))
        @unknown default:
            return ("body", language.t("请求内容无法解析", "The request body could not be read"))
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Int.Type, is Int64.Type: "integer"
        case is Bool.Type: "boolean"
        case is [String].Type: "array of strings"
        default: "\(type)"
        }
    }
}

/// Security headers on every response. Pages are never cached, because they show private data.
struct SecurityHeadersMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: QudaoRequestContext, next: (Request, QudaoRequestContext) async throws -> Response
    ) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'"
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

/// Honours `Idempotency-Key` on API writes: the same key with the same request returns the first
/// response; with a different request, 422. The key is recorded inside the first write transaction
/// of the request (see `IdempotencyClaim`), so the change and its key commit together.
struct IdempotencyMiddleware: RouterMiddleware {
    let database: Database
    let clock: any QudaoCore.Clock
    let logger: Logger
    let maximumBodyBytes: Int

    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotency-Replayed")!

    func handle(
        _ request: Request, context: QudaoRequestContext, next: (Request, QudaoRequestContext) async throws -> Response
    ) async throws
        -> Response
    {
        guard [.post, .put, .patch, .delete].contains(request.method), let key = request.headers[Self.header],
            let account = context.authenticated?.account
        else { return try await next(request, context) }
        guard (1...255).contains(key.count), key.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            return Problem.malformed(
                context.language.t("Idempotency-Key 必须是 1–255 个可见 ASCII 字符", "Idempotency-Key must be 1–255 visible ASCII characters"),
                field: "Idempotency-Key", language: context.language
            ).response()
        }
        let body = try await request.body.collect(upTo: maximumBodyBytes)
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.uri.path)\n".utf8))
        hasher.update(data: Data(buffer: body))
        let requestHash = hasher.finalize().map { String(format: "%02x", $0) }.joined()

        if let replay = try await existingResponse(accountId: account.id, key: key, requestHash: requestHash, context: context) {
            return replay
        }
        var forwarded = request
        forwarded.body = .init(buffer: body)
        let claim = IdempotencyClaim(
            accountId: account.id, key: key, requestHash: requestHash, createdAtMilliseconds: Timestamp.milliseconds(clock.now()))
        let response: Response
        do {
            response = try await IdempotencyClaim.$current.withValue(claim) {
                try await next(forwarded, context)
            }
        } catch {
            if DatabaseErrorClassifier.isUniqueViolation(error), !claim.isRecorded,
                let replay = try await existingResponse(accountId: account.id, key: key, requestHash: requestHash, context: context)
            {
                return replay
            }
            let errorResponse = ErrorResponder.response(for: error, request: request, context: context, logger: logger)
            return try await remember(errorResponse, claim: claim)
        }
        return try await remember(response, claim: claim)
    }

    /// Stores a response under its key, unless it is a server error that was not committed
    /// (then a retry must be allowed to run again).
    private func remember(_ response: Response, claim: IdempotencyClaim) async throws -> Response {
        if response.status.code >= 500 && !claim.isRecorded { return response }
        let collector = CollectingBodyWriter()
        var response = response
        let body = response.body
        try await body.write(collector.writer())
        let bytes = collector.bytes()
        let text = String(decoding: bytes, as: UTF8.self)
        let now = clock.now()
        let status = Int(response.status.code)
        let contentType = response.headers[.contentType] ?? "application/json"
        try await database.write { session in
            try await session.storeIdempotentResponse(
                accountId: claim.accountId, key: claim.key, requestHash: claim.requestHash, status: status,
                contentType: contentType, body: text, now: now)
        }
        response.body = .init(byteBuffer: ByteBuffer(bytes: bytes))
        return response
    }

    private func existingResponse(
        accountId: String, key: String, requestHash: String, context: QudaoRequestContext
    ) async throws
        -> Response?
    {
        guard let record = try await database.read({ try await $0.idempotencyRecord(accountId: accountId, key: key) }) else {
            return nil
        }
        let language = context.language
        guard record.requestHash == requestHash else {
            return Problem(
                type: "urn:qudao:problem:idempotency-key-reused", title: language.t("幂等键已被使用", "Idempotency key reused"),
                status: 422,
                detail: language.t(
                    "此 Idempotency-Key 已用于另一个不同的请求", "This Idempotency-Key was already used for a different request"),
                errors: [Problem.FieldMessage(field: "Idempotency-Key", message: language.t("已用于不同的请求", "was used for a different request"))]
            ).response()
        }
        guard let status = record.responseStatus, let body = record.responseBody else {
            return Problem(
                type: "urn:qudao:problem:idempotency-key-in-progress", title: language.t("请求处理中", "Request in progress"),
                status: 409,
                detail: language.t(
                    "使用此 Idempotency-Key 的请求已被处理或正在处理,请稍后查询结果",
                    "A request with this Idempotency-Key was processed or is in progress; check the result later"),
                errors: nil
            ).response()
        }
        var headers: HTTPFields = [:]
        headers[.contentType] = record.responseContentType ?? "application/json"
        headers[Self.replayedHeader] = "true"
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Collects a response body into memory (API responses are small and bounded by page sizes).
struct CollectingBodyWriter {
    final class Storage: @unchecked Sendable {
        var buffer = ByteBuffer()
    }

    let storage = Storage()

    func writer() -> some ResponseBodyWriter {
        Writer(storage: storage)
    }

    func bytes() -> [UInt8] {
        Array(storage.buffer.readableBytesView)
    }

    struct Writer: ResponseBodyWriter {
        let storage: Storage

        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            storage.buffer.writeBuffer(&buffer)
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
