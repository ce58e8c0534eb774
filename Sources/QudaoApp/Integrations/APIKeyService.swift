import Crypto
import Foundation
import HummingbirdBcrypt
import QudaoCore
import QudaoStore

/// What a person types to create an API key: the API's body and the page's form alike.
public struct APIKeyInput: Sendable {
    public var name: String?
    /// Scope names such as `orders:read`.
    public var scopes: [String]?
    /// The last day the key works (yyyy-MM-dd, business time); none for a key without an end.
    public var expiresOn: String?
    /// Addresses or ranges requests must come from; none for anywhere.
    public var allowedAddresses: [String]?
    public var requestsPerMinute: Int64?

    /// Creates an input.
    public init(
        name: String? = nil, scopes: [String]? = nil, expiresOn: String? = nil, allowedAddresses: [String]? = nil,
        requestsPerMinute: Int64? = nil
    ) {
        self.name = name
        self.scopes = scopes
        self.expiresOn = expiresOn
        self.allowedAddresses = allowedAddresses
        self.requestsPerMinute = requestsPerMinute
    }
}

/// A key with its secret, which is shown this once and never again.
public struct IssuedAPIKey: Sendable {
    public let key: APIKeyRecord
    public let secret: String
}

/// What a presented secret comes to.
public enum APIKeyAuthentication: Sendable {
    /// A usable key: the request acts as it.
    case accepted(Authenticated)
    /// A usable key used from an address it does not allow.
    case addressRefused(APIKeyRecord)
    /// No such key, or it is revoked, expired, or its partner is no longer active.
    case refused
}

/// API keys for other systems (issue 15): HQ admins create HQ's, a partner's owner creates the
/// partner's. A key acts as its own service account with exactly its scopes.
public struct APIKeyService: Sendable {
    let platform: Platform

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// Creates a key for the caller's side: HQ's for an HQ admin, the partner's for its owner.
    public func create(_ caller: Caller, _ input: APIKeyInput) async throws -> IssuedAPIKey {
        let partnerId = try Self.ownerPartnerId(caller)
        var validator = Validator()
        let name = validator.text("name", input.name, maximumCharacters: 60)
        let scopes = Self.scopes(input.scopes, partner: partnerId != nil, &validator)
        let now = platform.clock.now()
        var expiresAt: Date?
        if let text = input.expiresOn?.trimmingWhitespace(), !text.isEmpty {
            if let day = BusinessDate(text) {
                if day < BusinessDate(containing: now) { validator.add("expiresOn", .notAllowed(reason: .notBeforeFirstDay)) }
                expiresAt = day.end
            } else {
                validator.add("expiresOn", .invalidFormat(expected: .date))
            }
        }
        let ranges = Self.ranges(input.allowedAddresses, &validator)
        let rate =
            validator.integer(
                "requestsPerMinute", input.requestsPerMinute ?? Int64(APIKeyPolicy.defaultRequestsPerMinute),
                in: APIKeyPolicy.requestsPerMinuteRange) ?? 0
        try validator.throwIfInvalidAsAppError()
        guard let name else { preconditionFailure("validated above") }

        let secret = Self.newSecret()
        let keyId = Identifier.make(prefix: "key")
        // Nobody signs in to the service account; its password is random and thrown away.
        let unusablePassword = Bcrypt.hash(AuthService.randomToken(), cost: platform.passwordCost)
        let account = AccountRecord(
            id: Identifier.make(prefix: "acc"), username: "key." + keyId.dropFirst(4), displayName: name, passwordHash: unusablePassword,
            kind: partnerId == nil ? .hq : .partner, hqRole: partnerId == nil ? APIScope.hqRole(for: scopes) : nil, partnerId: partnerId,
            isOwner: false, permissions: partnerId == nil ? [] : APIScope.partnerPermissions(for: scopes), status: .active, createdAt: now,
            updatedAt: now, rowVersion: 1, isService: true)
        let key = APIKeyRecord(
            id: keyId, accountId: account.id, partnerId: partnerId, name: name, scopes: scopes,
            secretPrefix: String(secret.prefix(APIKeyPolicy.shownCharacters)), allowedAddresses: ranges, requestsPerMinute: Int(rate),
            expiresAt: expiresAt, status: .active, previousSecretValidUntil: nil, lastUsedAt: nil, lastUsedAddress: nil,
            createdByAccountId: caller.auditAccountId, createdAt: now, rotatedAt: nil, revokedAt: nil, rowVersion: 1)
        do {
            try await platform.database.write { session in
                if try await session.activeAPIKeyExists(partnerId: partnerId, name: name) { throw AppError.invalid("name", .duplicate) }
                if try await session.activeAPIKeyCount(partnerId: partnerId) >= APIKeyPolicy.maximumActiveKeys {
                    throw AppError.invalid("name", .notAllowed(reason: .tooManyAPIKeys(maximum: APIKeyPolicy.maximumActiveKeys)))
                }
                try await session.insertAccount(account)
                try await session.insertAPIKey(key, secretHash: AuthService.tokenHash(secret))
                try await session.audit(
                    caller, at: now, action: "api_key.create", entityType: "api_key", entityId: key.id, before: nil, after: Self.snapshot(key))
            }
        } catch let error where DatabaseErrorClassifier.isUniqueViolation(error) {
            // Another request created a key of this name at the same moment.
            throw AppError.invalid("name", .duplicate)
        }
        return IssuedAPIKey(key: key, secret: secret)
    }

    /// The keys the caller manages: every key for an HQ admin (HQ's and the partners'), the
    /// partner's own for its owner. Newest first, active before revoked.
    public func list(_ caller: Caller, page: PageRequest) async throws -> Page<APIKeyRecord> {
        let partnerId = try Self.ownerPartnerId(caller)
        return try await platform.database.read { try await $0.apiKeys(partnerId: partnerId, everyOwner: partnerId == nil, page: page) }
    }

    /// One key the caller manages.
    public func key(_ caller: Caller, id: String) async throws -> APIKeyRecord {
        try await platform.database.read { try await self.visibleKey(caller, id: id, $0) }
    }

    /// A new secret for the key; the old one keeps working for `graceHours` (0 ends it now).
    public func rotate(_ caller: Caller, id: String, graceHours: Int64?) async throws -> IssuedAPIKey {
        var validator = Validator()
        let grace = validator.integer("graceHours", graceHours ?? 24, in: 0...APIKeyPolicy.maximumGraceHours) ?? 0
        try validator.throwIfInvalidAsAppError()
        let secret = Self.newSecret()
        let now = platform.clock.now()
        let previousValidUntil = grace == 0 ? nil : now.addingTimeInterval(TimeInterval(grace * 3_600))
        let rotated = try await platform.database.write { session -> APIKeyRecord in
            let key = try await self.visibleKey(caller, id: id, session)
            guard key.status == .active else { throw AppError.conflict(reason: .apiKeyRevoked) }
            guard
                try await session.rotateAPIKey(
                    id: key.id, rowVersion: key.rowVersion, newSecretHash: AuthService.tokenHash(secret),
                    newPrefix: String(secret.prefix(APIKeyPolicy.shownCharacters)), previousValidUntil: previousValidUntil, now: now)
            else { throw AppError.conflict(reason: .apiKeyRevoked) }
            guard let stored = try await session.apiKey(id: key.id) else { throw AppError.notFound(entity: "api_key") }
            try await session.audit(
                caller, at: now, action: "api_key.rotate", entityType: "api_key", entityId: key.id, before: Self.snapshot(key),
                after: Self.snapshot(stored))
            return stored
        }
        return IssuedAPIKey(key: rotated, secret: secret)
    }

    /// Revokes a key at once (its previous secret too). HQ admins may revoke any partner's key.
    public func revoke(_ caller: Caller, id: String) async throws -> APIKeyRecord {
        let now = platform.clock.now()
        return try await platform.database.write { session in
            let key = try await self.visibleKey(caller, id: id, session)
            guard try await session.revokeAPIKey(id: key.id, now: now), let stored = try await session.apiKey(id: key.id) else {
                throw AppError.conflict(reason: .apiKeyRevoked)
            }
            try await session.audit(
                caller, at: now, action: "api_key.revoke", entityType: "api_key", entityId: key.id, before: Self.snapshot(key),
                after: Self.snapshot(stored))
            return stored
        }
    }

    /// The key a request presents, if it is one and usable from `address`. A key's last use is
    /// written at most once a minute per address.
    public func authenticate(secret: String, address: String, userAgent: String) async throws -> APIKeyAuthentication {
        guard secret.hasPrefix(APIKeyPolicy.secretPrefix), secret.count <= 128 else { return .refused }
        let now = platform.clock.now()
        let found = try await platform.database.read { session -> (APIKeyRecord, AccountRecord)? in
            guard let key = try await session.apiKey(secretHash: AuthService.tokenHash(secret), now: now), key.isUsable(at: now),
                let account = try await session.account(id: key.accountId), account.status == .active
            else { return nil }
            if let partnerId = key.partnerId, try await session.partnerStatus(id: partnerId) != .active { return nil }
            return (key, account)
        }
        guard let (key, account) = found else { return .refused }
        guard key.allows(address: address) else { return .addressRefused(key) }
        let stale = key.lastUsedAt.map { now.timeIntervalSince($0) >= APIKeyPolicy.lastUseWriteIntervalSeconds } ?? true
        if stale || key.lastUsedAddress != address {
            try await platform.database.write {
                try await $0.touchAPIKey(id: key.id, address: address, now: now, intervalSeconds: APIKeyPolicy.lastUseWriteIntervalSeconds)
            }
        }
        let session = SessionRecord(
            id: key.id, accountId: account.id, kind: "key", csrfToken: "", sourceIP: address, userAgent: userAgent, createdAt: key.createdAt,
            expiresAt: key.expiresAt ?? .distantFuture, lastSeenAt: now, revokedAt: nil)
        return .accepted(Authenticated(account: account, session: session, apiKey: key))
    }

    // MARK: Rules

    /// The partner whose keys the caller manages, or nil for HQ's; only HQ admins and partner owners manage keys.
    static func ownerPartnerId(_ caller: Caller) throws(AppError) -> String? {
        switch caller.principal.kind {
        case .hq:
            try caller.require(.manageAccounts)
            return nil
        case .partner:
            guard caller.principal.isOwner, let partnerId = caller.principal.partnerId else { throw AppError.forbidden }
            return partnerId
        }
    }

    func visibleKey(_ caller: Caller, id: String, _ session: SQLSession) async throws -> APIKeyRecord {
        let partnerId = try Self.ownerPartnerId(caller)
        guard Identifier.isWellFormed(id, prefix: "key"), let key = try await session.apiKey(id: id),
            partnerId == nil || key.partnerId == partnerId
        else { throw AppError.notFound(entity: "api_key") }
        return key
    }

    static func scopes(_ names: [String]?, partner: Bool, _ validator: inout Validator) -> Set<APIScope> {
        let given = (names ?? []).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard !given.isEmpty else {
            validator.add("scopes", .required)
            return []
        }
        var scopes: Set<APIScope> = []
        for name in given {
            guard let scope = APIScope(rawValue: name) else {
                validator.add("scopes", .notOneOf(allowed: (partner ? APIScope.partnerAllowed : APIScope.allCases).map(\.rawValue)))
                return []
            }
            if partner && !APIScope.partnerAllowed.contains(scope) {
                validator.add("scopes", .notAllowed(reason: .scopeNotForPartners(scope: scope.rawValue)))
                return []
            }
            scopes.insert(scope)
        }
        return scopes
    }

    static func ranges(_ texts: [String]?, _ validator: inout Validator) -> [NetworkRange] {
        let given = (texts ?? []).flatMap { $0.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "\r" || $0 == " " }) }.map(String.init)
            .filter { !$0.isEmpty }
        if given.count > APIKeyPolicy.maximumAllowedAddresses {
            validator.add(
                "allowedAddresses", .outOfRange(minimum: 0, maximum: Int64(APIKeyPolicy.maximumAllowedAddresses)))
            return []
        }
        var ranges: [NetworkRange] = []
        for text in given {
            guard let range = NetworkRange(text) else {
                validator.add("allowedAddresses", .invalidFormat(expected: .networkAddress))
                return []
            }
            if !ranges.contains(range) { ranges.append(range) }
        }
        return ranges
    }

    /// `qd_live_` and 32 random bytes in URL-safe base64.
    static func newSecret() -> String { APIKeyPolicy.secretPrefix + AuthService.randomToken() }

    static func snapshot(_ key: APIKeyRecord) -> String {
        AuditSnapshot.json([
            "name": .text(key.name), "scopes": .text(APIScope.stored(key.scopes)), "prefix": .text(key.secretPrefix),
            "partnerId": .optionalText(key.partnerId), "allowedAddresses": .text(SQLSession.storedRanges(key.allowedAddresses)),
            "requestsPerMinute": .integer(Int64(key.requestsPerMinute)),
            "expiresAt": .optionalText(key.expiresAt.map(BusinessTime.isoText)), "status": .text(key.status.rawValue),
            "previousSecretValidUntil": .optionalText(key.previousSecretValidUntil.map(BusinessTime.isoText)),
        ])
    }
}
