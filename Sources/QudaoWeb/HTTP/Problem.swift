import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// An RFC 9457 problem document, the one error shape of the API.
struct Problem: Codable, Sendable {
    /// One field's error.
    struct FieldMessage: Codable, Sendable, Equatable {
        let field: String
        let message: String
    }

    let type: String
    let title: String
    let status: Int
    let detail: String
    let errors: [FieldMessage]?

    /// Renders the problem as `application/problem+json`.
    func response(headers extraHeaders: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        var headers = extraHeaders
        headers[.contentType] = "application/problem+json; charset=utf-8"
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The problem for an operating error, in the caller's language.
    static func from(_ error: AppError, language: Language) -> Problem {
        switch error {
        case .validation(let failure):
            let messages = failure.errors.map {
                FieldMessage(field: $0.field, message: "\(language.fieldLabel($0.field)) \(language.message(for: $0.problem))")
            }
            return Problem(
                type: "urn:qudao:problem:validation", title: language.t("输入有误", "Invalid input"), status: 422,
                detail: messages.map(\.message).joined(separator: "; "), errors: messages)
        case .notFound(let entity):
            return Problem(
                type: "urn:qudao:problem:not-found", title: language.t("未找到", "Not found"), status: 404,
                detail: language.t("找不到该\(entityName(entity, language)),或您无权查看。", "No such \(entity), or you may not see it."),
                errors: nil)
        case .forbidden:
            return Problem(
                type: "urn:qudao:problem:forbidden", title: language.t("无权操作", "Forbidden"), status: 403,
                detail: language.t("您的账号没有执行此操作的权限。", "Your account may not do this."), errors: nil)
        case .unauthenticated:
            return Problem(
                type: "urn:qudao:problem:unauthenticated", title: language.t("未登录", "Unauthenticated"), status: 401,
                detail: language.t("请提供有效的登录凭证。", "Valid credentials are required."), errors: nil)
        case .conflict(let reason):
            return Problem(
                type: "urn:qudao:problem:conflict", title: language.t("冲突", "Conflict"), status: 409,
                detail: language.text(reason), errors: nil)
        case .insufficientBalance(let available, let required):
            let detail = language.t(
                "预存款余额不足:可用 \(available.formatted),本次需要 \(required.formatted)。未扣款,也未占用库存。",
                "The prepaid balance is insufficient: \(available.formatted) available, \(required.formatted) required. Nothing was debited or reserved."
            )
            return Problem(
                type: "urn:qudao:problem:insufficient-balance", title: language.t("余额不足", "Insufficient balance"), status: 422,
                detail: detail, errors: [FieldMessage(field: "balance", message: detail)])
        case .insufficientStock(let sku, let available, let requested):
            let detail = language.t(
                "商品 \(sku) 库存不足:可用 \(available),需要 \(requested)。",
                "Not enough stock of \(sku): \(available) available, \(requested) requested.")
            return Problem(
                type: "urn:qudao:problem:insufficient-stock", title: language.t("库存不足", "Insufficient stock"), status: 422,
                detail: detail, errors: [FieldMessage(field: "lines", message: detail)])
        case .rateLimited(let retryAfter):
            return Problem(
                type: "urn:qudao:problem:rate-limited", title: language.t("尝试次数过多", "Too many attempts"), status: 429,
                detail: language.t(
                    "登录失败次数过多,请于 \(BusinessTime.displayText(retryAfter)) 后再试。",
                    "Too many failed sign-ins; try again after \(BusinessTime.isoText(retryAfter))."),
                errors: nil)
        }
    }

    /// The problem for a request body that is not the JSON the endpoint expects.
    static func malformed(_ detail: String, field: String = "body", language: Language) -> Problem {
        Problem(
            type: "urn:qudao:problem:malformed-request", title: language.t("请求格式错误", "Malformed request"), status: 400,
            detail: detail, errors: [FieldMessage(field: field, message: detail)])
    }

    static func entityName(_ entity: String, _ language: Language) -> String {
        switch entity {
        case "partner": language.t("渠道商", "partner")
        case "product": language.t("商品", "product")
        case "category": language.t("品类", "category")
        case "account": language.t("账号", "account")
        case "commission": language.t("佣金记录", "commission record")
        case "statement": language.t("结算单", "statement")
        case "order": language.t("订单", "order")
        default: entity
        }
    }
}
