import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import QudaoApp
import QudaoCore

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
