import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import QudaoApp
import QudaoCore

/// Security headers on every response. Pages are never cached, because they show private data.
struct SecurityHeadersMiddleware: RouterMiddleware {
    /// Whether to send `Strict-Transport-Security`: only when the site is served over TLS, because
    /// a browser that saw it refuses plain HTTP to the host for a year.
    let strictTransportSecurity: Bool

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
        if strictTransportSecurity {
            response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
