import Crypto
import Foundation
import HummingbirdBcrypt
import QudaoCore
import QudaoStore

/// The result of signing in: the secret token (shown once, stored only as a hash) and its session.
public struct SignedIn: Sendable {
    /// The bearer token or cookie value.
    public let token: String
    /// The stored session.
    public let session: SessionRecord
    /// The account.
    public let account: AccountRecord
}

/// An authenticated request's identity.
public struct Authenticated: Sendable {
    /// The account.
    public let account: AccountRecord
    /// The session the token belongs to.
    public let session: SessionRecord
}

/// Signing in and out, sessions and API tokens, with login throttling stored in the database so
/// that it holds across server instances.
public struct AuthService: Sendable {
    let platform: Platform

    /// A bcrypt hash checked when the login name is unknown, so a wrong name takes as long as a wrong password.
    static let timingEqualizerHash = Bcrypt.hash("qudao-timing-equalizer", cost: 4)

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// Signs in with a login name and password. `kind` is `web` for a browser session or `api` for a bearer token.
    public func signIn(username rawUsername: String?, password: String?, kind: String, origin: RequestOrigin) async throws -> SignedIn {
        var validator = Validator()
        let username = validator.text("username", rawUsername, maximumCharacters: 64)?.lowercased()
        if (password ?? "").isEmpty { validator.add("password", .required) }
        try validator.throwIfInvalidAsAppError()
        guard let username, let password else { preconditionFailure("validated above") }
        let policy = platform.sessionPolicy
        let now = platform.clock.now()
        let userKey = "user:\(username)"
        let addressKey = "ip:\(origin.sourceIP)"

        let lockedUntil = try await platform.database.read { session in
            let userLock = try await session.loginLockedUntil(key: userKey, now: now)
            let addressLock = try await session.loginLockedUntil(key: addressKey, now: now)
            return [userLock, addressLock].compactMap { $0 }.max()
        }
        if let lockedUntil { throw AppError.rateLimited(retryAfter: lockedUntil) }

        let account = try await platform.database.read { try await $0.account(username: username) }
        let passwordMatches =
            password.utf8.count <= PasswordPolicy.maximumBytes
            && Bcrypt.verify(password, hash: account?.passwordHash ?? Self.timingEqualizerHash)
        guard let account, passwordMatches, account.status == .active else {
            try await platform.database.write { session in
                try await session.recordLoginFailure(
                    key: userKey, now: now, windowSeconds: policy.failureWindowSeconds,
                    maximumFailures: policy.maximumFailuresPerUsername, lockSeconds: policy.lockSeconds)
                try await session.recordLoginFailure(
                    key: addressKey, now: now, windowSeconds: policy.failureWindowSeconds,
                    maximumFailures: policy.maximumFailuresPerAddress, lockSeconds: policy.lockSeconds)
                try await session.appendAudit(
                    occurredAt: now, accountId: account?.id, username: username, sourceIP: origin.sourceIP,
                    action: "auth.sign_in_failed", entityType: "account", entityId: account?.id ?? username, beforeJSON: nil,
                    afterJSON: nil)
            }
            throw AppError.unauthenticated
        }

        let (token, record) = Self.newSession(for: account, kind: kind, origin: origin, now: now, policy: policy)
        try await platform.database.write { session in
            try await session.insertSession(record, tokenHash: Self.tokenHash(token))
            try await session.clearLoginFailures(key: userKey)
            try await session.appendAudit(
                occurredAt: now, accountId: account.id, username: account.username, sourceIP: origin.sourceIP,
                action: kind == "api" ? "auth.token_issued" : "auth.sign_in", entityType: "session", entityId: record.id,
                beforeJSON: nil, afterJSON: nil)
        }
        return SignedIn(token: token, session: record, account: account)
    }

    /// The account and session behind a token, if it is live and the account active. Web sessions
    /// slide: activity pushes the idle expiry forward.
    public func authenticate(token: String) async throws -> Authenticated? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        let now = platform.clock.now()
        let hash = Self.tokenHash(token)
        let found = try await platform.database.read { session -> Authenticated? in
            guard let record = try await session.liveSession(tokenHash: hash, now: now),
                let account = try await session.account(id: record.accountId), account.status == .active
            else { return nil }
            return Authenticated(account: account, session: record)
        }
        if let found, found.session.kind == "web", now.timeIntervalSince(found.session.lastSeenAt) > 60 {
            let expiresAt = now.addingTimeInterval(TimeInterval(platform.sessionPolicy.webIdleSeconds))
            try await platform.database.write { try await $0.touchSession(id: found.session.id, now: now, expiresAt: expiresAt) }
        }
        return found
    }

    /// Ends a session (sign out, or revoking an API token).
    public func signOut(_ caller: Caller, sessionId: String) async throws {
        try await platform.database.write { session in
            let now = self.platform.clock.now()
            if try await session.revokeSession(id: sessionId, now: now) {
                try await session.audit(
                    caller, at: now, action: "auth.sign_out", entityType: "session", entityId: sessionId, before: nil, after: nil)
            }
        }
    }

    /// Changes the caller's own password after checking the current one; every other session ends.
    public func changeOwnPassword(_ caller: Caller, currentPassword: String?, newPassword: String?, keepSessionId: String?) async throws {
        var validator = Validator()
        if (currentPassword ?? "").isEmpty { validator.add("currentPassword", .required) }
        if let problem = PasswordPolicy.problem(with: newPassword ?? "") { validator.add("newPassword", problem) }
        try validator.throwIfInvalidAsAppError()
        guard let currentPassword, let newPassword else { preconditionFailure("validated above") }
        let newHash = Bcrypt.hash(newPassword, cost: platform.passwordCost)
        try await platform.database.write { session in
            guard var account = try await session.account(id: caller.principal.accountId) else { throw AppError.unauthenticated }
            guard Bcrypt.verify(currentPassword, hash: account.passwordHash) else {
                throw AppError.invalid("currentPassword", .mismatch)
            }
            let before = AuditSnapshot.account(account)
            let now = self.platform.clock.now()
            account.passwordHash = newHash
            account.updatedAt = now
            guard try await session.updateAccount(account) else { throw AppError.conflict(reason: .accountChangedMeanwhile) }
            for live in try await session.liveSessions(accountId: account.id, now: now) where live.id != keepSessionId {
                _ = try await session.revokeSession(id: live.id, now: now)
            }
            try await session.audit(
                caller, at: now, action: "account.change_password", entityType: "account", entityId: account.id, before: before,
                after: AuditSnapshot.account(account))
        }
    }

    /// A new session for `account` and its secret token (stored only as its hash by the caller).
    static func newSession(
        for account: AccountRecord, kind: String, origin: RequestOrigin, now: Date, policy: SessionPolicy
    ) -> (token: String, record: SessionRecord) {
        let lifetime = kind == "api" ? policy.apiTokenSeconds : policy.webIdleSeconds
        let record = SessionRecord(
            id: Identifier.make(prefix: "ses"), accountId: account.id, kind: kind, csrfToken: randomToken(),
            sourceIP: origin.sourceIP, userAgent: origin.userAgent, createdAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(lifetime)), lastSeenAt: now, revokedAt: nil)
        return (randomToken(), record)
    }

    /// 32 random bytes as URL-safe base64 without padding.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 in hexadecimal. Tokens are stored only this way, so a database leak does not leak live sessions.
    public static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
