import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// How API handlers read a request: its page, and its JSON body with the body limits.
extension APIRoutes {
    func pageRequest(_ request: Request) -> PageRequest {
        PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("pageSize"))
    }

    /// Decodes a JSON body when there is one; an empty body is nil (endpoints whose fields are all optional).
    func decodeOptional<Body: Decodable>(_ type: Body.Type, _ request: Request, _ context: QudaoRequestContext) async throws -> Body? {
        let buffer = try await request.body.collect(upTo: services.configuration.maximumBodyBytes)
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

    /// Decodes a JSON body; an empty or non-JSON body is a 400 naming the problem.
    func decode<Body: Decodable>(_ type: Body.Type, _ request: Request, _ context: QudaoRequestContext) async throws -> Body {
        let buffer = try await request.body.collect(upTo: services.configuration.maximumBodyBytes)
        guard buffer.readableBytes > 0 else {
            throw MalformedRequest(detail: context.language.t("请求内容为空,应为 JSON 对象", "The request body is empty; a JSON object is expected"))
        }
        let decoder = JSONDecoder()
        do {
            return try decoder.decode(Body.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            if case .dataCorrupted(let decodingContext) = error, decodingContext.codingPath.isEmpty {
                throw MalformedRequest(detail: context.language.t("请求内容不是合法的 JSON", "The request body is not valid JSON"))
            }
            throw error
        }
    }

    /// A JSON body that may carry a base64 file, within the upload limit.
    func decodeLarge<Body: Decodable>(_ type: Body.Type, _ request: Request, _ context: QudaoRequestContext) async throws -> Body {
        let buffer = try await request.body.collect(upTo: WebServices.maximumUploadBytes * 4 / 3 + 4_096)
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
