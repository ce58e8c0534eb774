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
    /// A device token for the browser to keep: with it, this browser can still sign in to the
    /// account while strangers' failed attempts have locked the name for everyone else.
    public let deviceToken: String
}

/// An authenticated request's identity.
public struct Authenticated: Sendable {
    /// The account: a person's, or an API key's service account.
    public let account: AccountRecord
    /// The session the token belongs to; for an API key, one made up for the request (kind `key`).
    public let session: SessionRecord
    /// The API key the request presented, if it did.
    public let apiKey: APIKeyRecord?

    /// Creates an identity.
    public init(account: AccountRecord, session: SessionRecord, apiKey: APIKeyRecord? = nil) {
        self.account = account
        self.session = session
        self.apiKey = apiKey
    }

    /// Who acts: the account, or the key with exactly its scopes' rights and its name in the audit log.
    public var principal: Principal { apiKey?.principal ?? account.principal }
}

/// Signing in and out, sessions and API tokens, with login throttling stored in the database so
/// that it holds across server instances.
public struct AuthService: Sendable {
    let platform: Platform

    /// A bcrypt hash of the accounts' cost, checked when the login name is unknown (or the password
    /// too long to check), so a wrong name takes as long as a wrong password: with a cheaper hash an
    /// unknown name answered in 20 ms against 500 ms, which told whether a name exists.
    public static func timingEqualizerHash(cost: UInt8) -> String {
        EqualizerHashes.shared.hash(cost: cost)
    }

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// Signs in with a login name and password. `kind` is `web` for a browser session or `api` for a bearer token.
    ///
    /// Failures are counted per login name and source (or per login name and trusted browser), per
    /// source address, and per login name from everywhere. Only the first two lock the name for that
    /// source alone, so a stranger's failures never lock the owner out; the third, a distributed
    /// attack, refuses browsers the account has never signed in from, while `deviceToken` from an
    /// earlier sign-in keeps the owner's own browser working.
    public func signIn(
        username rawUsername: String?, password: String?, kind: String, origin: RequestOrigin, deviceToken: String? = nil
    ) async throws -> SignedIn {
        var validator = Validator()
        let username = validator.text("username", rawUsername, maximumCharacters: 64)?.lowercased()
        if (password ?? "").isEmpty { validator.add("password", .required) }
        try validator.throwIfInvalidAsAppError()
        guard let username, let password else { preconditionFailure("validated above") }
        let policy = platform.sessionPolicy
        let now = platform.clock.now()
        let account = try await platform.database.read { try await $0.account(username: username) }
        let device = account.flatMap { DeviceToken.deviceId(deviceToken, accountId: $0.id, now: now, policy: policy, cipher: platform.cipher) }
        let sourceKey = device.map { "user:\(username)|device:\($0)" } ?? "user:\(username)|ip:\(origin.sourceIP)"
        let everywhereKey = "user:\(username)"
        let addressKey = "ip:\(origin.sourceIP)"
        // A trusted browser answers only for its own failures; anyone else also for its address's
        // and, during a distributed attack, the name's.
        let lockKeys = device == nil ? [sourceKey, addressKey, everywhereKey] : [sourceKey]
        let lockedUntil = try await platform.database.read { session in
            var until: [Date] = []
            for key in lockKeys { if let locked = try await session.loginLockedUntil(key: key, now: now) { until.append(locked) } }
            return until.max()
        }
        if let lockedUntil { throw AppError.rateLimited(retryAfter: lockedUntil) }

        // bcrypt runs on every attempt at the same cost, known name or not, so the time taken says nothing.
        let checkable = password.utf8.count <= PasswordPolicy.maximumBytes
        let accountHash = checkable ? account?.passwordHash : nil
        let verified = Bcrypt.verify(checkable ? password : "", hash: accountHash ?? Self.timingEqualizerHash(cost: platform.passwordCost))
        guard let account, accountHash != nil, verified, account.status == .active else {
            try await platform.database.write { session in
                try await session.recordLoginFailure(
                    key: sourceKey, now: now, windowSeconds: policy.failureWindowSeconds,
                    maximumFailures: policy.maximumFailuresPerUsername, lockSeconds: policy.lockSeconds)
                try await session.recordLoginFailure(
                    key: everywhereKey, now: now, windowSeconds: policy.failureWindowSeconds,
                    maximumFailures: policy.maximumFailuresPerUsernameEverywhere, lockSeconds: policy.lockSeconds)
                if device == nil {
                    try await session.recordLoginFailure(
                        key: addressKey, now: now, windowSeconds: policy.failureWindowSeconds,
                        maximumFailures: policy.maximumFailuresPerAddress, lockSeconds: policy.lockSeconds)
                }
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
            try await session.clearLoginFailures(key: sourceKey)
            try await session.appendAudit(
                occurredAt: now, accountId: account.id, username: account.username, sourceIP: origin.sourceIP,
                action: kind == "api" ? "auth.token_issued" : "auth.sign_in", entityType: "session", entityId: record.id,
                beforeJSON: nil, afterJSON: nil)
        }
        return SignedIn(
            token: token, session: record, account: account,
            deviceToken: DeviceToken.make(accountId: account.id, now: now, cipher: platform.cipher))
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
        if let problem = PasswordPolicy.problem(with: newPassword ?? "", loginName: caller.principal.username) {
            validator.add("newPassword", problem)
        }
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
        Hexadecimal.text(SHA256.hash(data: Data(token.utf8)))
    }
}

/// A browser's proof that it signed in to an account before: `d1.<account>.<issued ms>.<nonce>.<signature>`,
/// signed with a key derived from the data key, so it cannot be made without the server.
enum DeviceToken {
    static func make(accountId: String, now: Date, cipher: PersonalDataCipher) -> String {
        let body = "d1.\(accountId).\(Timestamp.milliseconds(now)).\(AuthService.randomToken().prefix(22))"
        return body + "." + cipher.signature(of: body)
    }

    /// The device's id (its nonce) when `token` is a live token of `accountId`; nil otherwise.
    static func deviceId(_ token: String?, accountId: String, now: Date, policy: SessionPolicy, cipher: PersonalDataCipher) -> String? {
        guard let token, token.count <= 256 else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "d1", parts[1] == accountId, let issued = Int64(parts[2]) else { return nil }
        let body = parts[0..<4].joined(separator: ".")
        guard ConstantTime.equal(cipher.signature(of: body), parts[4]) else { return nil }
        let age = Timestamp.milliseconds(now) - issued
        guard age >= 0, age <= Int64(policy.deviceTokenSeconds) * 1000 else { return nil }
        return parts[3]
    }
}

/// The timing equalizer's hash for each bcrypt cost, made once per cost (a cost-12 hash takes a
/// quarter of a second).
final class EqualizerHashes: @unchecked Sendable {
    static let shared = EqualizerHashes()
    private let lock = NSLock()
    private var byCost: [UInt8: String] = [:]

    func hash(cost: UInt8) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let known = byCost[cost] { return known }
        let made = Bcrypt.hash("qudao-timing-equalizer", cost: cost)
        byCost[cost] = made
        return made
    }
}
