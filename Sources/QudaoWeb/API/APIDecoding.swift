import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// How the API reads a JSON body within its limit; an empty or non-JSON body is a 400 naming the problem.
enum APIBody {
    /// The body decoded; an empty body is a 400.
    static func decode<Body: Decodable>(
        _ type: Body.Type, _ request: Request, _ context: QudaoRequestContext, limitBytes: Int
    ) async throws -> Body {
        guard let body = try await decodeIfPresent(type, request, context, limitBytes: limitBytes) else {
            throw MalformedRequest(detail: context.language.t("请求内容为空,应为 JSON 对象", "The request body is empty; a JSON object is expected"))
        }
        return body
    }

    /// The body decoded, or nil when it is empty (endpoints whose fields are all optional).
    static func decodeIfPresent<Body: Decodable>(
        _ type: Body.Type, _ request: Request, _ context: QudaoRequestContext, limitBytes: Int
    ) async throws -> Body? {
        let buffer = try await request.body.collect(upTo: limitBytes)
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            if case .dataCorrupted(let decodingContext) = error, decodingContext.codingPath.isEmpty {
                throw MalformedRequest(detail: context.language.t("请求内容不是合法的 JSON", "The request body is not valid JSON"))
            }
            throw error
        }
    }
}

extension Request {
    /// The page a listing asks for (`page`, `pageSize`).
    var pageRequest: PageRequest {
        PageRequest(pageNumber: queryInteger("page"), pageSize: queryInteger("pageSize"))
    }
}
