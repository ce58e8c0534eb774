import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import QudaoApp
import QudaoCore

/// Honours `Idempotency-Key` on API writes: the same key with the same request returns the first
/// response; with a different request, 422. The key is recorded inside the first write transaction
/// of the request (see `IdempotencyClaim`), so the change and its key commit together, and so does
/// the object the request made: when the server stopped after the commit but before the answer was
/// stored, a retry is sent to that object (303 See Other) instead of "in progress" for ever.
struct IdempotencyMiddleware: RouterMiddleware {
    let idempotency: IdempotencyService
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
        let requestHash = Hexadecimal.text(hasher.finalize())

        if let replay = try await existingResponse(accountId: account.id, key: key, requestHash: requestHash, context: context) {
            return replay
        }
        var forwarded = request
        forwarded.body = .init(buffer: body)
        let claim = idempotency.attempt(accountId: account.id, key: key, requestHash: requestHash)
        let response: Response
        do {
            response = try await claim.run {
                try await next(forwarded, context)
            }
        } catch {
            if IdempotencyService.isKeyTakenMeanwhile(error), !claim.isRecorded,
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
    private func remember(_ response: Response, claim: IdempotencyService.Attempt) async throws -> Response {
        if response.status.code >= 500 && !claim.isRecorded { return response }
        let collector = CollectingBodyWriter()
        var response = response
        let body = response.body
        try await body.write(collector.writer())
        let bytes = collector.bytes()
        let text = String(decoding: bytes, as: UTF8.self)
        let contentType = response.headers[.contentType] ?? "application/json"
        try await idempotency.storeResponse(claim, status: Int(response.status.code), contentType: contentType, body: text)
        response.body = .init(byteBuffer: ByteBuffer(bytes: bytes))
        return response
    }

    private func existingResponse(
        accountId: String, key: String, requestHash: String, context: QudaoRequestContext
    ) async throws
        -> Response?
    {
        guard let record = try await idempotency.record(accountId: accountId, key: key) else {
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
            if let committed = CommittedResult(record) { return committed.response(language: language) }
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

/// The object a committed request made or changed, told to a retry whose first answer was lost.
struct CommittedResult: Codable {
    /// What kind of object: `order`, `top_up`, `partner`, …
    let resultType: String
    let resultId: String
    /// Where the API shows it, when it does.
    let location: String?

    init?(_ record: IdempotencyRecord) {
        guard let type = record.resultEntityType, let id = record.resultEntityId else { return nil }
        resultType = type
        resultId = id
        location = Self.paths[type].map { $0 + id }
    }

    /// The API's reading of each kind of object, by the kind the audit log names.
    static let paths: [String: String] = [
        "order": "/api/v1/orders/", "top_up": "/api/v1/top-ups/", "partner": "/api/v1/partners/", "product": "/api/v1/products/",
        "account": "/api/v1/accounts/", "address": "/api/v1/addresses/", "promotion": "/api/v1/promotions/",
        "follow_up_task": "/api/v1/follow-ups/", "statement": "/api/v1/statements/",
    ]

    /// 303 to the object, with its kind and id in the body for a client that does not follow; an
    /// object the API has no reading of is named in a 409 problem.
    func response(language: Language) -> Response {
        guard let location else {
            return Problem(
                type: "urn:qudao:problem:idempotency-key-committed", title: language.t("请求已完成", "Request committed"), status: 409,
                detail: language.t(
                    "使用此 Idempotency-Key 的请求已完成(\(resultType) \(resultId)),但其应答未能保存",
                    "The request with this Idempotency-Key committed (\(resultType) \(resultId)); its answer was not kept"),
                errors: nil
            ).response()
        }
        var headers: HTTPFields = [:]
        headers[.contentType] = "application/json"
        headers[IdempotencyMiddleware.replayedHeader] = "true"
        headers[.location] = location
        let body = (try? JSONEncoder().encode(self)) ?? Data("{}".utf8)
        return Response(status: .seeOther, headers: headers, body: .init(byteBuffer: ByteBuffer(data: body)))
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
