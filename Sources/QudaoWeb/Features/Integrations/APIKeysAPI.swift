import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// API keys for other systems: created, rotated and revoked by people (HQ admins for HQ, a
/// partner's owner for the partner). No key may call these: a key cannot make or widen keys.
struct APIKeysAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/api-keys",
                "API keys, active first and newest first (an HQ admin: HQ's and every partner's; a partner's owner: its own)",
                tag: .integrations, parameters: Endpoint.Parameter.paging, listKeys),
            Endpoint(
                .post, "/api/v1/api-keys",
                "Create a key with scopes, an optional last day and allowed source addresses, and a rate limit; the secret (qd_live_…) is in this answer only",
                tag: .integrations, body: APIKeyRequest.self, status: .created, createKey),
            Endpoint(.get, "/api/v1/api-keys/{id}", "One key (never its secret)", tag: .integrations, parameters: [.id(prefix: "key")], showKey),
            Endpoint(
                .post, "/api/v1/api-keys/{id}/rotate",
                "Give the key a new secret, shown in this answer only; the old one keeps working for graceHours (0–720, 24 by default; 0 ends it now)",
                tag: .integrations, parameters: [.id(prefix: "key")], body: RotateKeyRequest.self, rotateKey),
            Endpoint(
                .post, "/api/v1/api-keys/{id}/revoke", "Revoke a key at once, with the secret before its last rotation",
                tag: .integrations, parameters: [.id(prefix: "key")], revokeKey),
        ]
    }

    @Sendable func listKeys(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<APIKeyResponse> {
        PageResponse(try await services.apiKeys.list(try context.caller, page: request.pageRequest), APIKeyResponse.init)
    }

    @Sendable func createKey(_ request: Request, _ context: QudaoRequestContext, _ body: APIKeyRequest) async throws -> IssuedAPIKeyResponse {
        let issued = try await services.apiKeys.create(
            try context.caller,
            APIKeyInput(
                name: body.name, scopes: body.scopes, expiresOn: body.expiresOn, allowedAddresses: body.allowedAddresses,
                requestsPerMinute: body.requestsPerMinute))
        return IssuedAPIKeyResponse(issued)
    }

    @Sendable func showKey(_ request: Request, _ context: QudaoRequestContext) async throws -> APIKeyResponse {
        APIKeyResponse(try await services.apiKeys.key(try context.caller, id: try context.parameters.require("id")))
    }

    @Sendable func rotateKey(_ request: Request, _ context: QudaoRequestContext, _ body: RotateKeyRequest) async throws -> IssuedAPIKeyResponse {
        IssuedAPIKeyResponse(
            try await services.apiKeys.rotate(try context.caller, id: try context.parameters.require("id"), graceHours: body.graceHours))
    }

    @Sendable func revokeKey(_ request: Request, _ context: QudaoRequestContext) async throws -> APIKeyResponse {
        APIKeyResponse(try await services.apiKeys.revoke(try context.caller, id: try context.parameters.require("id")))
    }
}

struct APIKeyRequest: Decodable {
    let name: String?
    /// Scope names, e.g. `orders:read`.
    let scopes: [String]?
    /// The last day the key works, yyyy-MM-dd; absent for no end.
    let expiresOn: String?
    /// IPv4 or IPv6 addresses, with an optional prefix length; absent for anywhere.
    let allowedAddresses: [String]?
    /// 1–6000, 600 by default.
    let requestsPerMinute: Int64?
}

struct RotateKeyRequest: Decodable {
    let graceHours: Int64?
}

struct APIKeyResponse: Codable {
    let id: String
    let name: String
    /// The partner a partner's key belongs to; absent for HQ's.
    let partnerId: String?
    let scopes: [APIScope]
    /// The secret's first characters, to tell keys apart.
    let secretPrefix: String
    let allowedAddresses: [String]
    let requestsPerMinute: Int
    let expiresAt: String?
    let status: APIKeyStatus
    let previousSecretValidUntil: String?
    let lastUsedAt: String?
    let lastUsedAddress: String?
    let createdAt: String
    let rotatedAt: String?
    let revokedAt: String?

    init(_ key: APIKeyRecord) {
        id = key.id
        name = key.name
        partnerId = key.partnerId
        scopes = key.scopes.sorted()
        secretPrefix = key.secretPrefix
        allowedAddresses = key.allowedAddresses.map(\.description)
        requestsPerMinute = key.requestsPerMinute
        expiresAt = key.expiresAt.map(BusinessTime.isoText)
        status = key.status
        previousSecretValidUntil = key.previousSecretValidUntil.map(BusinessTime.isoText)
        lastUsedAt = key.lastUsedAt.map(BusinessTime.isoText)
        lastUsedAddress = key.lastUsedAddress
        createdAt = BusinessTime.isoText(key.createdAt)
        rotatedAt = key.rotatedAt.map(BusinessTime.isoText)
        revokedAt = key.revokedAt.map(BusinessTime.isoText)
    }
}

struct IssuedAPIKeyResponse: Codable {
    let key: APIKeyResponse
    /// The whole secret: send it as `Authorization: Bearer <secret>`. It is not shown again.
    let secret: String

    init(_ issued: IssuedAPIKey) {
        key = APIKeyResponse(issued.key)
        secret = issued.secret
    }
}
