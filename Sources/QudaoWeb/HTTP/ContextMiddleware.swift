import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import QudaoApp
import QudaoCore

/// Fills in the request context: language, client address and the signed-in account.
/// The API authenticates only with bearer tokens; pages only with the session cookie, whose
/// forms carry CSRF tokens. Keeping them apart means a cookie can never authorize an API call
/// that has no CSRF protection.
struct ContextMiddleware: RouterMiddleware {
    let auth: AuthService
    let apiKeys: APIKeyService
    let keyRates: APIKeyRateLimiter
    let clock: any Clock
    let notifications: NotificationService
    let company: CompanyService
    let trustForwardedFor: Bool
    let cookies: SiteCookies
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
            explicit: queryLanguage ?? (isAPI ? nil : cookies.value(CookieName.language, in: request)),
            acceptLanguage: isAPI ? request.headers[.acceptLanguage] : nil, fallback: isAPI ? .english : .chinese)
        context.sourceIP = clientAddress(request, context)
        context.userAgent = request.headers[.userAgent] ?? ""
        do {
            if isAPI {
                if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
                    let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
                    if token.hasPrefix(APIKeyPolicy.secretPrefix) {
                        context.authenticated = try await authenticateKey(token, context: context)
                    } else {
                        context.authenticated = try await auth.authenticate(token: token)
                        if context.authenticated?.session.kind != "api" { context.authenticated = nil }
                    }
                }
            } else if let token = cookies.value(CookieName.session, in: request) {
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

    /// The key behind a `qd_live_…` secret, within its address list and its rate; a refused key
    /// leaves the request unauthenticated.
    private func authenticateKey(_ secret: String, context: QudaoRequestContext) async throws -> Authenticated? {
        switch try await apiKeys.authenticate(secret: secret, address: context.sourceIP, userAgent: context.userAgent) {
        case .refused:
            return nil
        case .addressRefused:
            throw APIKeyAddressRefused(address: context.sourceIP)
        case .accepted(let authenticated):
            guard let key = authenticated.apiKey else { return nil }
            if let wait = keyRates.admit(keyId: key.id, requestsPerMinute: key.requestsPerMinute, now: clock.now()) {
                throw APIKeyRateLimited(requestsPerMinute: key.requestsPerMinute, retryAfterSeconds: wait)
            }
            return authenticated
        }
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
