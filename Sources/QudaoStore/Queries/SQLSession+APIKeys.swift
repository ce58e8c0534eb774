import Foundation
import QudaoCore
import SQLKit

/// How API keys are read and written.
extension SQLSession {
    private static let apiKeyColumns = """
        id, account_id, partner_id, name, scopes, secret_prefix, allowed_addresses, requests_per_minute, expires_at_ms, status,
        previous_valid_until_ms, last_used_at_ms, last_used_address, created_by_account_id, created_at_ms, rotated_at_ms, revoked_at_ms,
        row_version
        """

    /// Stores a new key with the hash of its secret.
    public func insertAPIKey(_ key: APIKeyRecord, secretHash: String) async throws {
        try await execute(
            """
            INSERT INTO api_keys (id, account_id, partner_id, name, scopes, secret_prefix, secret_hash, allowed_addresses,
                requests_per_minute, expires_at_ms, status, created_by_account_id, created_at_ms, row_version)
            VALUES (\(bind: key.id), \(bind: key.accountId), \(bind: key.partnerId), \(bind: key.name), \(bind: APIScope.stored(key.scopes)),
                \(bind: key.secretPrefix), \(bind: secretHash), \(bind: Self.storedRanges(key.allowedAddresses)),
                \(bind: Int64(key.requestsPerMinute)), \(bind: key.expiresAt.map(Timestamp.milliseconds)), \(bind: key.status.rawValue),
                \(bind: key.createdByAccountId), \(bind: Timestamp.milliseconds(key.createdAt)), 1)
            """)
    }

    /// One key by id.
    public func apiKey(id: String) async throws -> APIKeyRecord? {
        try await first("SELECT \(unsafeRaw: Self.apiKeyColumns) FROM api_keys WHERE id = \(bind: id)").map(Self.decodeAPIKey)
    }

    /// The key a secret belongs to: its current secret, or the one before its last rotation while
    /// that is within its grace period.
    public func apiKey(secretHash: String, now: Date) async throws -> APIKeyRecord? {
        try await first(
            """
            SELECT \(unsafeRaw: Self.apiKeyColumns) FROM api_keys
            WHERE secret_hash = \(bind: secretHash)
                OR (previous_secret_hash = \(bind: secretHash) AND previous_valid_until_ms > \(bind: Timestamp.milliseconds(now)))
            """
        ).map(Self.decodeAPIKey)
    }

    /// Keys, newest first: HQ's and every partner's (`partnerId` nil and `everyOwner`), HQ's only, or one partner's.
    public func apiKeys(partnerId: String?, everyOwner: Bool, page: PageRequest) async throws -> Page<APIKeyRecord> {
        let condition: SQLQueryString =
            everyOwner ? "1 = 1" : partnerId.map { "partner_id = \(bind: $0)" } ?? "partner_id IS NULL"
        let total = try await first("SELECT COUNT(*) AS total FROM api_keys WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.apiKeyColumns) FROM api_keys WHERE \(condition)
            ORDER BY status, created_at_ms DESC, id LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodeAPIKey)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// How many active keys an owner (a partner, or HQ for nil) holds.
    public func activeAPIKeyCount(partnerId: String?) async throws -> Int {
        let condition: SQLQueryString = partnerId.map { "partner_id = \(bind: $0)" } ?? "partner_id IS NULL"
        return try await first("SELECT COUNT(*) AS total FROM api_keys WHERE status = 'active' AND \(condition)")?.int("total") ?? 0
    }

    /// Replaces an active key's secret, keeping the old one valid until `previousValidUntil` (or
    /// not at all when nil). False when the key changed meanwhile or is no longer active.
    public func rotateAPIKey(
        id: String, rowVersion: Int64, newSecretHash: String, newPrefix: String, previousValidUntil: Date?, now: Date
    ) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE api_keys SET
                previous_secret_hash = \(unsafeRaw: previousValidUntil == nil ? "NULL" : "secret_hash"),
                previous_valid_until_ms = \(bind: previousValidUntil.map(Timestamp.milliseconds)),
                secret_hash = \(bind: newSecretHash), secret_prefix = \(bind: newPrefix), rotated_at_ms = \(bind: Timestamp.milliseconds(now)),
                row_version = row_version + 1
            WHERE id = \(bind: id) AND row_version = \(bind: rowVersion) AND status = 'active'
            RETURNING id
            """) == 1
    }

    /// Revokes an active key at once, its previous secret too; false when it was revoked already.
    public func revokeAPIKey(id: String, now: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE api_keys SET status = 'revoked', revoked_at_ms = \(bind: Timestamp.milliseconds(now)), previous_secret_hash = NULL,
                previous_valid_until_ms = NULL, row_version = row_version + 1
            WHERE id = \(bind: id) AND status = 'active'
            RETURNING id
            """) == 1
    }

    /// Records a key's last use, unless it was recorded from the same address less than `intervalSeconds` ago,
    /// so a busy key costs one write a minute rather than one per request.
    public func touchAPIKey(id: String, address: String, now: Date, intervalSeconds: TimeInterval) async throws {
        let threshold = Timestamp.milliseconds(now.addingTimeInterval(-intervalSeconds))
        try await execute(
            """
            UPDATE api_keys SET last_used_at_ms = \(bind: Timestamp.milliseconds(now)), last_used_address = \(bind: address)
            WHERE id = \(bind: id)
                AND (last_used_at_ms IS NULL OR last_used_at_ms < \(bind: threshold) OR last_used_address <> \(bind: address))
            """)
    }

    /// A partner's status alone, for checks that need nothing else of it (a partner key's requests).
    public func partnerStatus(id: String) async throws -> PartnerStatus? {
        try await first("SELECT status FROM partners WHERE id = \(bind: id)").flatMap { PartnerStatus(rawValue: try $0.string("status")) }
    }

    /// Whether the owner (a partner, or HQ for nil) has an active key of this name.
    public func activeAPIKeyExists(partnerId: String?, name: String) async throws -> Bool {
        let condition: SQLQueryString = partnerId.map { "partner_id = \(bind: $0)" } ?? "partner_id IS NULL"
        return try await first("SELECT id FROM api_keys WHERE status = 'active' AND name = \(bind: name) AND \(condition)") != nil
    }

    /// Address ranges as stored and audited: their texts joined by commas.
    public static func storedRanges(_ ranges: [NetworkRange]) -> String { ranges.map(\.description).joined(separator: ",") }

    static func decodeAPIKey(_ row: any SQLRow) throws -> APIKeyRecord {
        APIKeyRecord(
            id: try row.string("id"), accountId: try row.string("account_id"), partnerId: try row.optionalString("partner_id"),
            name: try row.string("name"), scopes: APIScope.parse(try row.string("scopes")), secretPrefix: try row.string("secret_prefix"),
            allowedAddresses: try row.string("allowed_addresses").split(separator: ",").compactMap { NetworkRange(String($0)) },
            requestsPerMinute: try row.int("requests_per_minute"), expiresAt: try row.optionalDate("expires_at_ms"),
            status: APIKeyStatus(rawValue: try row.string("status")) ?? .revoked,
            previousSecretValidUntil: try row.optionalDate("previous_valid_until_ms"), lastUsedAt: try row.optionalDate("last_used_at_ms"),
            lastUsedAddress: try row.optionalString("last_used_address"), createdByAccountId: try row.optionalString("created_by_account_id"),
            createdAt: try row.date("created_at_ms"), rotatedAt: try row.optionalDate("rotated_at_ms"),
            revokedAt: try row.optionalDate("revoked_at_ms"), rowVersion: try row.int64("row_version"))
    }
}
