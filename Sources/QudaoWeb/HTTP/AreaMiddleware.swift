import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import QudaoApp
import QudaoCore

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
