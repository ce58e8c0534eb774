import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// People's accounts and their sessions.
struct AccountsAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/accounts", "List accounts (HQ admin: all; a partner owner or team manager: its own sub-accounts)", tag: .accounts,
                parameters: Endpoint.Parameter.paging + [
                    .query("search"), .query("kind", oneOf: AccountKind.self), .query("partnerId"), .query("status", oneOf: AccountStatus.self),
                ], listAccounts),
            Endpoint(.post, "/api/v1/accounts", "Create an account", tag: .accounts, body: AccountRequest.self, status: .created, createAccount),
            Endpoint(.get, "/api/v1/accounts/{id}", "One account", tag: .accounts, parameters: [.id(prefix: "acc")], showAccount),
            Endpoint(
                .patch, "/api/v1/accounts/{id}", "Edit an account: name, role or permissions, status, password reset", tag: .accounts,
                parameters: [.id(prefix: "acc")], body: AccountRequest.self, updateAccount),
            Endpoint(
                .post, "/api/v1/accounts/{id}/revoke-sessions", "Sign an account out everywhere", tag: .accounts, parameters: [.id(prefix: "acc")],
                revokeAccountSessions),
        ]
    }

    @Sendable func listAccounts(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<AccountResponse> {
        let caller = try context.caller
        let filter = AccountFilter(
            search: request.query("search"), kind: request.query("kind").flatMap(AccountKind.init(rawValue:)),
            partnerId: request.query("partnerId"), status: request.query("status").flatMap(AccountStatus.init(rawValue:)))
        let page = try await services.accounts.list(caller, filter: filter, page: request.pageRequest)
        return PageResponse(page, AccountResponse.init)
    }

    @Sendable func createAccount(_ request: Request, _ context: QudaoRequestContext, _ body: AccountRequest) async throws -> AccountResponse {
        let caller = try context.caller
        let account = try await services.accounts.create(caller, body.input)
        return AccountResponse(account)
    }

    @Sendable func showAccount(_ request: Request, _ context: QudaoRequestContext) async throws -> AccountResponse {
        let caller = try context.caller
        return AccountResponse(try await services.accounts.account(caller, id: try context.parameters.require("id")))
    }

    @Sendable func updateAccount(_ request: Request, _ context: QudaoRequestContext, _ body: AccountRequest) async throws -> AccountResponse {
        let caller = try context.caller
        let account = try await services.accounts.update(caller, id: try context.parameters.require("id"), body.input)
        return AccountResponse(account)
    }

    @Sendable func revokeAccountSessions(_ request: Request, _ context: QudaoRequestContext) async throws -> RevokedResponse {
        let caller = try context.caller
        let count = try await services.accounts.revokeSessions(caller, accountId: try context.parameters.require("id"))
        return RevokedResponse(revokedSessions: count)
    }
}
