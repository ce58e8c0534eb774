import Foundation
import HummingbirdBcrypt
import QudaoCore
import QudaoStore

/// What the first-run setup page sends: the company and its first HQ admin.
public struct SetupInput: Sendable, Hashable {
    public var brandName: String?
    public var companyName: String?
    public var customerServicePhone: String?
    public var username: String?
    public var displayName: String?
    public var password: String?
    public var passwordConfirmation: String?

    /// Creates an input.
    public init(
        brandName: String? = nil, companyName: String? = nil, customerServicePhone: String? = nil, username: String? = nil,
        displayName: String? = nil, password: String? = nil, passwordConfirmation: String? = nil
    ) {
        self.brandName = brandName
        self.companyName = companyName
        self.customerServicePhone = customerServicePhone
        self.username = username
        self.displayName = displayName
        self.password = password
        self.passwordConfirmation = passwordConfirmation
    }
}

/// Going live without the demo (issue 11): the first HQ admin, made either on the one-time setup
/// page whose link the server prints at start, or with `qudao admin create` on the server itself.
///
/// The link holds a random token; only its SHA-256 is stored, it expires after
/// ``tokenLifetimeSeconds``, and the transaction that creates the first admin removes every token,
/// so the page answers 404 from then on. Two setups racing with two links (two instances) cannot
/// both succeed: each writes the same `setup.completed_at` key with a plain insert.
public struct SetupService: Sendable {
    let platform: Platform

    /// How long a setup link works: a day, long enough to find it in the log, short enough that an
    /// old log is no key to a new installation.
    public static let tokenLifetimeSeconds = 24 * 3600

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// At start: a new setup token when no active HQ admin exists (nil otherwise, and any old
    /// token is removed).
    public func issueTokenIfNeeded() async throws -> String? {
        let now = platform.clock.now()
        return try await platform.database.write { session -> String? in
            guard !(try await session.activeHQAdminExists()) else {
                try await session.removeSetupTokens()
                return nil
            }
            let token = AuthService.randomToken()
            try await session.insertSetupToken(
                hash: AuthService.tokenHash(token), createdAt: now, expiresAt: now.addingTimeInterval(TimeInterval(Self.tokenLifetimeSeconds)))
            return token
        }
    }

    /// Whether `token` opens the setup page now: it is live and no HQ admin exists yet.
    public func isOpen(token: String?) async throws -> Bool {
        guard let token, !token.isEmpty, token.count <= 128 else { return false }
        let now = platform.clock.now()
        return try await platform.database.read { session in
            guard try await session.setupTokenIsValid(hash: AuthService.tokenHash(token), now: now) else { return false }
            return !(try await session.activeHQAdminExists())
        }
    }

    /// Creates the company profile and the first HQ admin, uses the token up and signs the admin in
    /// (a web session). Every field's problem is reported at once; a dead token is `notFound`.
    public func complete(token: String?, _ input: SetupInput, origin: RequestOrigin) async throws -> SignedIn {
        var validator = Validator()
        let profile = CompanyService.validatedProfile(
            brandName: input.brandName, companyName: input.companyName, customerServicePhone: input.customerServicePhone, &validator)
        let admin = AccountService.validatedAdministrator(
            username: input.username, displayName: input.displayName, password: input.password, &validator)
        if let password = input.password, !password.isEmpty, password != input.passwordConfirmation {
            validator.add("passwordConfirmation", .notAllowed(reason: .passwordsDiffer))
        }
        guard try await isOpen(token: token) else { throw AppError.notFound(entity: "setup") }
        try validator.throwIfInvalidAsAppError()
        guard let profile, let admin, let token else { preconditionFailure("validated above") }
        let passwordHash = Bcrypt.hash(admin.password, cost: platform.passwordCost)
        let now = platform.clock.now()
        return try await platform.database.write { session in
            try await session.lock("setup")
            guard try await session.consumeSetupToken(hash: AuthService.tokenHash(token), now: now),
                !(try await session.activeHQAdminExists())
            else { throw AppError.notFound(entity: "setup") }
            try await session.markSetupCompleted(now: now)
            if try await session.account(username: admin.username) != nil { throw AppError.invalid("username", .duplicate) }
            let account = AccountRecord(
                id: Identifier.make(prefix: "acc"), username: admin.username, displayName: admin.displayName, passwordHash: passwordHash,
                kind: .hq, hqRole: .admin, partnerId: nil, isOwner: false, permissions: [], status: .active, createdAt: now,
                updatedAt: now, rowVersion: 1)
            let caller = Caller(principal: account.principal, origin: origin)
            try await session.audit(
                caller, at: now, action: "setup.complete", entityType: "setting", entityId: SQLSession.setupCompletedKey, before: nil,
                after: AuditSnapshot.json(["admin": .text(account.username), "brandName": .text(profile.brandName)]))
            try await AccountService.insert(account, caller: caller, at: now, session)
            try await CompanyService.save(profile, caller: caller, now: now, session)
            // A new company asks for the payment password above ¥10,000.00 from its first order;
            // HQ changes or clears the threshold in the settings.
            var rules = try await SettingsService.prepaidRules(session)
            rules.paymentPasswordAbove = PrepaidRules.newCompanyPaymentPasswordAbove
            try await SettingsService.savePrepaidRules(rules, caller: caller, now: now, session)
            let (secret, record) = AuthService.newSession(for: account, kind: "web", origin: origin, now: now, policy: self.platform.sessionPolicy)
            try await session.insertSession(record, tokenHash: AuthService.tokenHash(secret))
            try await session.audit(
                caller, at: now, action: "auth.sign_in", entityType: "session", entityId: record.id, before: nil, after: nil)
            return SignedIn(
                token: secret, session: record, account: account,
                deviceToken: DeviceToken.make(accountId: account.id, now: now, cipher: self.platform.cipher))
        }
    }
}
