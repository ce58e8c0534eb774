import Foundation
import QudaoCore
import SQLKit

/// A login session (web cookie) or API token as stored; the token itself is kept only as a hash.
public struct SessionRecord: Sendable, Hashable {
    public var id: String
    public var accountId: String
    public var kind: String
    public var csrfToken: String
    public var sourceIP: String
    public var userAgent: String
    public var createdAt: Date
    public var expiresAt: Date
    public var lastSeenAt: Date
    public var revokedAt: Date?

    /// Creates a record.
    public init(
        id: String, accountId: String, kind: String, csrfToken: String, sourceIP: String, userAgent: String, createdAt: Date,
        expiresAt: Date, lastSeenAt: Date, revokedAt: Date?
    ) {
        self.id = id
        self.accountId = accountId
        self.kind = kind
        self.csrfToken = csrfToken
        self.sourceIP = sourceIP
        self.userAgent = userAgent
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastSeenAt = lastSeenAt
        self.revokedAt = revokedAt
    }
}

/// Sessions, login throttling and idempotency keys.
extension SQLSession {
    private static let sessionColumns = """
        id, account_id, kind, csrf_token, source_ip, user_agent, created_at_ms, expires_at_ms, last_seen_at_ms, revoked_at_ms
        """

    /// Stores a new session under the hash of its token.
    public func insertSession(_ session: SessionRecord, tokenHash: String) async throws {
        try await execute(
            """
            INSERT INTO sessions (token_hash, id, account_id, kind, csrf_token, source_ip, user_agent, created_at_ms,
                expires_at_ms, last_seen_at_ms, revoked_at_ms)
            VALUES (\(bind: tokenHash), \(bind: session.id), \(bind: session.accountId), \(bind: session.kind),
                \(bind: session.csrfToken), \(bind: session.sourceIP), \(bind: session.userAgent),
                \(bind: Timestamp.milliseconds(session.createdAt)), \(bind: Timestamp.milliseconds(session.expiresAt)),
                \(bind: Timestamp.milliseconds(session.lastSeenAt)), NULL)
            """)
    }

    /// The live (unexpired, unrevoked) session with this token hash.
    public func liveSession(tokenHash: String, now: Date) async throws -> SessionRecord? {
        try await first(
            """
            SELECT \(unsafeRaw: Self.sessionColumns) FROM sessions
            WHERE token_hash = \(bind: tokenHash) AND revoked_at_ms IS NULL AND expires_at_ms > \(bind: Timestamp.milliseconds(now))
            """
        ).map(Self.decodeSession)
    }

    /// Records activity, sliding the expiry forward; only writes when the last write is a minute old,
    /// so that busy pages do not turn every read into a write.
    public func touchSession(id: String, now: Date, expiresAt: Date) async throws {
        let milliseconds = Timestamp.milliseconds(now)
        try await execute(
            """
            UPDATE sessions SET last_seen_at_ms = \(bind: milliseconds), expires_at_ms = \(bind: Timestamp.milliseconds(expiresAt))
            WHERE id = \(bind: id) AND revoked_at_ms IS NULL AND last_seen_at_ms < \(bind: milliseconds - 60_000)
            """)
    }

    /// Revokes one session. Returns false if it was not live.
    public func revokeSession(id: String, now: Date) async throws -> Bool {
        try await changedRowCount(
            "UPDATE sessions SET revoked_at_ms = \(bind: Timestamp.milliseconds(now)) WHERE id = \(bind: id) AND revoked_at_ms IS NULL RETURNING id"
        ) == 1
    }

    /// Revokes every live session of an account (after a password change or when it is disabled).
    @discardableResult
    public func revokeSessions(accountId: String, now: Date) async throws -> Int {
        try await changedRowCount(
            """
            UPDATE sessions SET revoked_at_ms = \(bind: Timestamp.milliseconds(now))
            WHERE account_id = \(bind: accountId) AND revoked_at_ms IS NULL RETURNING id
            """)
    }

    /// The live sessions of an account, newest first (bounded).
    public func liveSessions(accountId: String, now: Date) async throws -> [SessionRecord] {
        try await rows(
            """
            SELECT \(unsafeRaw: Self.sessionColumns) FROM sessions
            WHERE account_id = \(bind: accountId) AND revoked_at_ms IS NULL AND expires_at_ms > \(bind: Timestamp.milliseconds(now))
            ORDER BY created_at_ms DESC LIMIT 50
            """
        ).map(Self.decodeSession)
    }

    static func decodeSession(_ row: any SQLRow) throws -> SessionRecord {
        SessionRecord(
            id: try row.string("id"), accountId: try row.string("account_id"), kind: try row.string("kind"),
            csrfToken: try row.string("csrf_token"), sourceIP: try row.string("source_ip"), userAgent: try row.string("user_agent"),
            createdAt: try row.date("created_at_ms"), expiresAt: try row.date("expires_at_ms"),
            lastSeenAt: try row.date("last_seen_at_ms"), revokedAt: try row.optionalDate("revoked_at_ms"))
    }

    // MARK: - Login throttling

    /// When the key (a login name or a source address) is locked out until, if it is.
    public func loginLockedUntil(key: String, now: Date) async throws -> Date? {
        let row = try await first("SELECT locked_until_ms FROM login_throttle WHERE throttle_key = \(bind: key)")
        guard let until = try row?.optionalInt64("locked_until_ms"), until > Timestamp.milliseconds(now) else { return nil }
        return Timestamp.date(until)
    }

    /// Counts a failed login for `key` in a fixed window, locking the key for `lockSeconds` when the
    /// count reaches `maximumFailures`. One upsert, so concurrent failures are all counted.
    public func recordLoginFailure(key: String, now: Date, windowSeconds: Int, maximumFailures: Int, lockSeconds: Int) async throws {
        let milliseconds = Timestamp.milliseconds(now)
        let windowStart = milliseconds - Int64(windowSeconds) * 1000
        let lockUntil = milliseconds + Int64(lockSeconds) * 1000
        try await execute(
            """
            INSERT INTO login_throttle (throttle_key, failure_count, window_started_at_ms, locked_until_ms)
            VALUES (\(bind: key), 1, \(bind: milliseconds), NULL)
            ON CONFLICT (throttle_key) DO UPDATE SET
                failure_count = CASE WHEN login_throttle.window_started_at_ms < \(bind: windowStart) THEN 1
                    ELSE login_throttle.failure_count + 1 END,
                window_started_at_ms = CASE WHEN login_throttle.window_started_at_ms < \(bind: windowStart) THEN \(bind: milliseconds)
                    ELSE login_throttle.window_started_at_ms END,
                locked_until_ms = CASE
                    WHEN login_throttle.window_started_at_ms >= \(bind: windowStart)
                        AND login_throttle.failure_count + 1 >= \(bind: maximumFailures) THEN \(bind: lockUntil)
                    ELSE login_throttle.locked_until_ms END
            """)
    }

    /// Clears every failure counted against a login name, from any source or browser (an
    /// administrator's password reset). The name is matched exactly, not as a pattern.
    public func clearLoginFailures(username: String) async throws {
        try await execute(
            """
            DELETE FROM login_throttle WHERE throttle_key = \(bind: "user:" + username)
                OR substr(throttle_key, 1, CAST(\(bind: username.count + 6) AS INTEGER)) = \(bind: "user:" + username + "|")
            """)
    }

    /// Clears the failures of a key after a successful login.
    public func clearLoginFailures(key: String) async throws {
        try await execute("DELETE FROM login_throttle WHERE throttle_key = \(bind: key)")
    }

    // MARK: - Idempotency keys

    /// A stored idempotency key (the type lives in the domain, where the web can read it).
    public typealias IdempotencyRecord = QudaoCore.IdempotencyRecord

    /// The record of a key, if it was used before; the stored body is decrypted with `cipher`.
    public func idempotencyRecord(accountId: String, key: String, cipher: PersonalDataCipher) async throws -> IdempotencyRecord? {
        try await first(
            """
            SELECT request_hash, response_status, response_content_type, response_body, result_entity_type, result_entity_id
            FROM idempotency_keys WHERE account_id = \(bind: accountId) AND idempotency_key = \(bind: key)
            """
        ).map {
            IdempotencyRecord(
                requestHash: try $0.string("request_hash"), responseStatus: try $0.optionalInt64("response_status").map(Int.init),
                responseContentType: try $0.optionalString("response_content_type"),
                responseBody: try $0.optionalString("response_body").map { try cipher.decrypt($0) },
                resultEntityType: try $0.optionalString("result_entity_type"), resultEntityId: try $0.optionalString("result_entity_id"))
        }
    }

    /// Encrypts response bodies an earlier version stored in plain text, a batch at a time; returns
    /// how many it sealed (zero when none are left).
    public func sealPlaintextIdempotentResponses(cipher: PersonalDataCipher, limit: Int) async throws -> Int {
        let rows = try await rows(
            """
            SELECT account_id, idempotency_key, response_body FROM idempotency_keys
            WHERE response_body IS NOT NULL AND response_body NOT LIKE 'v1:%' LIMIT \(bind: limit)
            """)
        for row in rows {
            try await execute(
                """
                UPDATE idempotency_keys SET response_body = \(bind: try cipher.encrypt(try row.string("response_body")))
                WHERE account_id = \(bind: try row.string("account_id")) AND idempotency_key = \(bind: try row.string("idempotency_key"))
                """)
        }
        return rows.count
    }

    /// Forgets keys made before `cutoff`, at most `limit` of them; returns how many.
    public func deleteIdempotencyKeys(createdBefore cutoff: Date, limit: Int) async throws -> Int {
        let expired = try await rows(
            """
            SELECT account_id, idempotency_key FROM idempotency_keys WHERE created_at_ms < \(bind: Timestamp.milliseconds(cutoff))
            ORDER BY created_at_ms LIMIT \(bind: limit)
            """)
        for row in expired {
            try await execute(
                """
                DELETE FROM idempotency_keys
                WHERE account_id = \(bind: try row.string("account_id")) AND idempotency_key = \(bind: try row.string("idempotency_key"))
                """)
        }
        return expired.count
    }

    /// Stores the response of a key, inserting the key if no write transaction recorded it. The body
    /// is encrypted like other personal data, because a response can hold a revealed phone or a
    /// one-time token that its own table keeps only encrypted or hashed.
    public func storeIdempotentResponse(
        accountId: String, key: String, requestHash: String, status: Int, contentType: String, body plaintext: String, now: Date,
        cipher: PersonalDataCipher
    ) async throws {
        let body = try cipher.encrypt(plaintext)
        try await execute(
            """
            INSERT INTO idempotency_keys (account_id, idempotency_key, request_hash, response_status, response_content_type,
                response_body, created_at_ms)
            VALUES (\(bind: accountId), \(bind: key), \(bind: requestHash), \(bind: status), \(bind: contentType), \(bind: body),
                \(bind: Timestamp.milliseconds(now)))
            ON CONFLICT (account_id, idempotency_key) DO UPDATE SET response_status = excluded.response_status,
                response_content_type = excluded.response_content_type, response_body = excluded.response_body
            WHERE idempotency_keys.request_hash = excluded.request_hash AND idempotency_keys.response_status IS NULL
            """)
    }
}
