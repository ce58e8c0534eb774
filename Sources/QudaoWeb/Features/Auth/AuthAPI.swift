import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Signing in for the API: tokens and the signed-in account.
struct AuthAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .post, "/api/v1/auth/token", "Exchange a login name and password for a bearer token", tag: .auth, body: TokenRequest.self,
                status: .created, signIn),
            Endpoint(.delete, "/api/v1/auth/token", "Revoke the token used for this request", tag: .auth, signOut),
            Endpoint(.get, "/api/v1/me", "The signed-in account", tag: .auth, showMe),
        ]
    }

    @Sendable func signIn(_ request: Request, _ context: QudaoRequestContext, _ body: TokenRequest) async throws -> TokenResponse {
        let signedIn = try await services.auth.signIn(
            username: body.username, password: body.password, kind: "api",
            origin: context.origin)
        return TokenResponse(token: signedIn.token, expiresAt: signedIn.session.expiresAt, account: AccountResponse(signedIn.account))
    }

    @Sendable func signOut(_ request: Request, _ context: QudaoRequestContext) async throws -> NoContent {
        let caller = try context.caller
        if let session = context.authenticated?.session {
            try await services.auth.signOut(caller, sessionId: session.id)
        }
        return NoContent()
    }

    @Sendable func showMe(_ request: Request, _ context: QudaoRequestContext) async throws -> AccountResponse {
        _ = try context.caller
        guard let account = context.authenticated?.account else { throw AppError.unauthenticated }
        return AccountResponse(account)
    }
}
