import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import QudaoApp
import QudaoCore

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
        case let limited as APIKeyRateLimited:
            headers[.retryAfter] = String(limited.retryAfterSeconds)
            problem = Problem(
                type: "urn:qudao:problem:rate-limited", title: language.t("请求过于频繁", "Too many requests"), status: 429,
                detail: language.t(
                    "该接口密钥每分钟最多 \(limited.requestsPerMinute) 次请求,请 \(limited.retryAfterSeconds) 秒后再试。",
                    "This API key may make \(limited.requestsPerMinute) requests a minute; try again in \(limited.retryAfterSeconds) s."),
                errors: nil)
        case let refused as APIKeyAddressRefused:
            problem = Problem(
                type: "urn:qudao:problem:forbidden", title: language.t("无权操作", "Forbidden"), status: 403,
                detail: language.t(
                    "该接口密钥不允许从 \(refused.address) 使用。", "This API key may not be used from \(refused.address)."),
                errors: nil)
        case let refused as APIKeyScopeRefused:
            let names = refused.allowing.map(\.rawValue).joined(separator: ", ")
            problem = Problem(
                type: "urn:qudao:problem:forbidden", title: language.t("无权操作", "Forbidden"), status: 403,
                detail: refused.allowing.isEmpty
                    ? language.t("接口密钥不能调用此接口,请以账号登录操作。", "No API key may call this operation; a person must sign in to do it.")
                    : language.t("该接口密钥缺少此接口所需的权限:\(names)。", "This API key lacks the scope this operation needs: \(names)."),
                errors: nil)
        case let malformed as MalformedRequest:
            problem = Problem.malformed(malformed.detail, language: language)
        case let decodingError as DecodingError:
            let (field, detail) = describe(decodingError, language: language)
            problem = Problem.malformed(detail, field: field, language: language)
        case let httpError as any HTTPResponseError:
            // Framework errors such as an unknown route (404) or a body over the limit (413).
            let status = httpError.status
            // Framework headers such as `Allow` on a 405 go out with the problem.
            if let framework = httpError as? HTTPError { headers.append(contentsOf: framework.headers) }
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
