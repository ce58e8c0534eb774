import Foundation
import HummingbirdBcrypt
import QudaoCore
import QudaoStore

/// What a client sends to create or edit an account.
public struct AccountInput: Sendable, Hashable {
    public var username: String?
    public var displayName: String?
    /// `hq` or `partner` (creation only).
    public var kind: String?
    /// For HQ accounts.
    public var hqRole: String?
    /// For partner accounts (creation only): id or code of the partner.
    public var partner: String?
    /// Whether the account is the partner's owner (creation only, HQ only).
    public var isOwner: Bool?
    /// For partner sub-accounts: the permissions granted.
    public var permissions: [String]?
    /// `active` or `disabled` (edits).
    public var status: String?
    /// Required on creation.
    public var password: String?
    /// The caller's current password: required to set a new password on one's own account, so a
    /// session left open (or a stolen token) cannot take the account over.
    public var currentPassword: String?
    public var rowVersion: Int64?

    /// Creates an input.
    public init(
        username: String? = nil, displayName: String? = nil, kind: String? = nil, hqRole: String? = nil, partner: String? = nil,
        isOwner: Bool? = nil, permissions: [String]? = nil, status: String? = nil, password: String? = nil, currentPassword: String? = nil,
        rowVersion: Int64? = nil
    ) {
        self.currentPassword = currentPassword
        self.username = username
        self.displayName = displayName
        self.kind = kind
        self.hqRole = hqRole
        self.partner = partner
        self.isOwner = isOwner
        self.permissions = permissions
        self.status = status
        self.password = password
        self.rowVersion = rowVersion
    }
}

/// HQ accounts with roles, and partner master accounts and sub-accounts with permissions (capability 12).
///
/// HQ admins manage every account. A partner's owner, or a sub-account with team management,
/// manages that partner's sub-accounts; only the owner may grant team management, and nobody but
/// HQ touches an owner account.
public struct AccountService: Sendable {
    let platform: Platform

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// A filtered page of the accounts the caller may manage or see.
    public func list(_ caller: Caller, filter: AccountFilter, page: PageRequest) async throws -> Page<AccountRecord> {
        var scoped = filter
        switch caller.principal.kind {
        case .hq:
            try caller.require(.viewAccounts)
        case .partner:
            try caller.require(.partnerManageSubAccounts)
            scoped.partnerId = caller.principal.partnerId
            scoped.kind = .partner
        }
        let finalFilter = scoped
        return try await platform.database.read { try await $0.accounts(matching: finalFilter, page: page) }
    }

    /// One account the caller may see.
    public func account(_ caller: Caller, id: String) async throws -> AccountRecord {
        try await platform.database.read { try await self.visibleAccount(caller, id: id, $0) }
    }

    /// Creates an HQ account or a partner account.
    public func create(_ caller: Caller, _ input: AccountInput) async throws -> AccountRecord {
        var validator = Validator()
        let username = validator.text("username", input.username, maximumCharacters: 64)?.lowercased()
        if let username, !InputFormat.isUsername(username) {
            validator.add("username", .invalidFormat(expected: .loginName))
        }
        let displayName = validator.text("displayName", input.displayName, maximumCharacters: 50)
        if let problem = PasswordPolicy.problem(with: input.password ?? "", loginName: username, displayName: displayName) {
            validator.add("password", problem)
        }

        let kind: AccountKind?
        if caller.principal.kind == .partner {
            try caller.require(.partnerManageSubAccounts)
            kind = .partner
        } else {
            try caller.require(.manageAccounts)
            kind = validator.oneOf("kind", input.kind, as: AccountKind.self)
        }
        var role: HQRole?
        var permissions: Set<PartnerPermission> = []
        var isOwner = false
        if kind == .hq {
            role = validator.oneOf("hqRole", input.hqRole, as: HQRole.self)
        } else if kind == .partner {
            permissions = parsePermissions(input.permissions, validator: &validator)
            isOwner = caller.principal.kind == .hq && (input.isOwner ?? false)
            if caller.principal.kind == .partner && !caller.principal.isOwner && permissions.contains(.teamManagement) {
                validator.add("permissions", .notAllowed(reason: .onlyOwnerGrantsTeamManagement))
            }
            if caller.principal.kind == .hq && (input.partner ?? "").trimmingWhitespace().isEmpty {
                validator.add("partnerId", .required)
            }
        }
        try validator.throwIfInvalidAsAppError()
        guard let username, let displayName, let kind, let password = input.password else { preconditionFailure("validated above") }
        let passwordHash = Bcrypt.hash(password, cost: platform.passwordCost)
        let ownerFlag = isOwner
        let grantedPermissions = isOwner ? Set(PartnerPermission.allCases) : permissions
        let hqRole = role
        do {
            return try await platform.database.write { session in
                var validator = Validator()
                if try await session.account(username: username) != nil { validator.add("username", .duplicate) }
                var partnerId: String?
                if kind == .partner {
                    if caller.principal.kind == .partner {
                        partnerId = caller.principal.partnerId
                    } else {
                        let reference = input.partner?.trimmingWhitespace() ?? ""
                        let partner = try await PartnerService(platform: self.platform).partnerByReference(reference, session)
                        if partner == nil { validator.add("partnerId", .notFound) }
                        partnerId = partner?.id
                        if let partnerId, ownerFlag,
                            try await session.accounts(
                                matching: AccountFilter(partnerId: partnerId), page: PageRequest(pageNumber: 1, pageSize: 200)
                            ).items.contains(where: \.isOwner)
                        {
                            validator.add("isOwner", .notAllowed(reason: .partnerHasOwner))
                        }
                    }
                }
                try validator.throwIfInvalidAsAppError()
                let now = self.platform.clock.now()
                let account = AccountRecord(
                    id: Identifier.make(prefix: "acc"), username: username, displayName: displayName, passwordHash: passwordHash,
                    kind: kind, hqRole: hqRole, partnerId: partnerId, isOwner: ownerFlag, permissions: grantedPermissions,
                    status: .active, createdAt: now, updatedAt: now, rowVersion: 1)
                try await Self.insert(account, caller: caller, at: now, session)
                return account
            }
        } catch let error where DatabaseErrorClassifier.isUniqueViolation(error) {
            throw AppError.invalid("username", .duplicate)
        }
    }

    /// Inserts a new account with its audit entry, inside the caller's transaction.
    static func insert(_ account: AccountRecord, caller: Caller, at now: Date, _ session: SQLSession) async throws {
        try await session.insertAccount(account)
        try await session.audit(
            caller, at: now, action: "account.create", entityType: "account", entityId: account.id, before: nil,
            after: AuditSnapshot.account(account))
    }

    /// Edits an account's display name, role or permissions, and status; disabling ends its sessions.
    public func update(_ caller: Caller, id: String, _ input: AccountInput) async throws -> AccountRecord {
        var validator = Validator()
        let displayName = validator.text("displayName", input.displayName, required: false, maximumCharacters: 50)
        let status = validator.oneOf("status", input.status, as: AccountStatus.self, required: false)
        let role = validator.oneOf("hqRole", input.hqRole, as: HQRole.self, required: false)
        let permissions = input.permissions.map { parsePermissions($0, validator: &validator) }
        if let password = input.password, !password.isEmpty,
            let problem = PasswordPolicy.problem(with: password, displayName: input.displayName)
        {
            validator.add("password", problem)
        }
        try validator.throwIfInvalidAsAppError()
        let newHash = (input.password ?? "").isEmpty ? nil : Bcrypt.hash(input.password ?? "", cost: platform.passwordCost)
        let finalPermissions = permissions

        return try await platform.database.write { session in
            var account = try await self.visibleAccount(caller, id: id, session)
            if caller.principal.kind == .partner {
                guard !account.isOwner else { throw AppError.forbidden }
                if !caller.principal.isOwner, let finalPermissions, finalPermissions.contains(.teamManagement),
                    !account.permissions.contains(.teamManagement)
                {
                    throw AppError.invalid("permissions", .notAllowed(reason: .onlyOwnerGrantsTeamManagement))
                }
            } else {
                try caller.require(.manageAccounts)
            }
            if let expected = input.rowVersion, expected != account.rowVersion {
                throw AppError.conflict(reason: .changedMeanwhile(.account))
            }
            let before = AuditSnapshot.account(account)
            let now = self.platform.clock.now()
            if let displayName { account.displayName = displayName }
            if let status { account.status = status }
            if account.kind == .hq, let role { account.hqRole = role }
            if account.kind == .partner, !account.isOwner, let finalPermissions { account.permissions = finalPermissions }
            if let password = input.password, !password.isEmpty,
                let problem = PasswordPolicy.problem(with: password, loginName: account.username, displayName: account.displayName)
            {
                throw AppError.invalid("password", problem)
            }
            if let newHash {
                // Setting one's own password is re-authenticated, as the password page is.
                if account.id == caller.principal.accountId {
                    guard let current = input.currentPassword, !current.isEmpty else { throw AppError.invalid("currentPassword", .required) }
                    guard current.utf8.count <= PasswordPolicy.maximumBytes, Bcrypt.verify(current, hash: account.passwordHash) else {
                        throw AppError.invalid("currentPassword", .mismatch)
                    }
                }
                account.passwordHash = newHash
            }
            account.updatedAt = now
            if account.id == caller.principal.accountId && (account.status == .disabled || account.hqRole != caller.principal.hqRole) {
                throw AppError.invalid("status", .notAllowed(reason: .cannotChangeOwnAccount))
            }
            guard try await session.updateAccount(account) else {
                throw AppError.conflict(reason: .changedMeanwhile(.account))
            }
            account.rowVersion += 1
            if account.status == .disabled || newHash != nil {
                try await session.revokeSessions(accountId: account.id, now: now)
            }
            let after = AuditSnapshot.account(account)
            if after != before {
                try await session.audit(
                    caller, at: now, action: newHash != nil ? "account.reset_password" : "account.update", entityType: "account",
                    entityId: account.id, before: before, after: after)
            }
            return account
        }
    }

    /// The live sessions of an account the caller may manage.
    public func sessions(_ caller: Caller, accountId: String) async throws -> [SessionRecord] {
        try await platform.database.read { session in
            let account = try await self.visibleAccount(caller, id: accountId, session)
            return try await session.liveSessions(accountId: account.id, now: self.platform.clock.now())
        }
    }

    /// Ends every session of an account (e.g. a lost phone).
    public func revokeSessions(_ caller: Caller, accountId: String) async throws -> Int {
        try await platform.database.write { session in
            let account = try await self.visibleAccount(caller, id: accountId, session)
            if caller.principal.kind == .partner && account.isOwner && account.id != caller.principal.accountId {
                throw AppError.forbidden
            }
            let now = self.platform.clock.now()
            let count = try await session.revokeSessions(accountId: account.id, now: now)
            try await session.audit(
                caller, at: now, action: "account.revoke_sessions", entityType: "account", entityId: account.id, before: nil,
                after: AuditSnapshot.json(["revokedSessions": .integer(Int64(count))]))
            return count
        }
    }

    func visibleAccount(_ caller: Caller, id: String, _ session: SQLSession) async throws -> AccountRecord {
        // An API key's service account is managed as its key, never as an account.
        guard Identifier.isWellFormed(id, prefix: "acc"), let account = try await session.account(id: id), !account.isService else {
            throw AppError.notFound(entity: "account")
        }
        switch caller.principal.kind {
        case .hq:
            try caller.require(.viewAccounts)
        case .partner:
            try caller.require(.partnerManageSubAccounts)
            guard account.partnerId == caller.principal.partnerId else { throw AppError.notFound(entity: "account") }
        }
        return account
    }

    func parsePermissions(_ values: [String]?, validator: inout Validator) -> Set<PartnerPermission> {
        var permissions: Set<PartnerPermission> = []
        for value in values ?? [] where !value.isEmpty {
            if let permission = PartnerPermission(rawValue: value) {
                permissions.insert(permission)
            } else {
                validator.add("permissions", .notOneOf(allowed: PartnerPermission.allCases.map(\.rawValue)))
            }
        }
        return permissions
    }
}

/// An HQ admin's checked login name, display name and password.
struct AdministratorFields: Sendable {
    let username: String
    let displayName: String
    let password: String
}

extension AccountService {
    /// Checks the fields of a new HQ admin (setup page and `qudao admin create`), adding each problem.
    static func validatedAdministrator(
        username rawUsername: String?, displayName rawDisplayName: String?, password: String?, _ validator: inout Validator
    ) -> AdministratorFields? {
        let username = validator.text("username", rawUsername, maximumCharacters: 64)?.lowercased()
        if let username, !InputFormat.isUsername(username) {
            validator.add("username", .invalidFormat(expected: .loginName))
        }
        let displayName = validator.text("displayName", rawDisplayName, maximumCharacters: 50)
        let passwordProblem = PasswordPolicy.problem(with: password ?? "", loginName: username, displayName: displayName)
        if let passwordProblem { validator.add("password", passwordProblem) }
        guard let username, let displayName, let password, InputFormat.isUsername(username), passwordProblem == nil
        else { return nil }
        return AdministratorFields(username: username, displayName: displayName, password: password)
    }

    /// Creates an HQ admin from the server's own command line (`qudao admin create`): whoever can
    /// run the binary against the database is trusted, as with `qudao migrate`. Audited as the
    /// platform, with the origin the command gives. Any setup link stops working.
    public func createAdministrator(
        username: String?, displayName: String?, password: String?, origin: RequestOrigin
    ) async throws -> AccountRecord {
        var validator = Validator()
        let fields = Self.validatedAdministrator(username: username, displayName: displayName, password: password, &validator)
        try validator.throwIfInvalidAsAppError()
        guard let fields else { preconditionFailure("validated above") }
        let passwordHash = Bcrypt.hash(fields.password, cost: platform.passwordCost)
        let caller = Caller.system(origin: origin)
        do {
            return try await platform.database.write { session in
                if try await session.account(username: fields.username) != nil { throw AppError.invalid("username", .duplicate) }
                let now = self.platform.clock.now()
                let account = AccountRecord(
                    id: Identifier.make(prefix: "acc"), username: fields.username, displayName: fields.displayName,
                    passwordHash: passwordHash, kind: .hq, hqRole: .admin, partnerId: nil, isOwner: false, permissions: [],
                    status: .active, createdAt: now, updatedAt: now, rowVersion: 1)
                try await Self.insert(account, caller: caller, at: now, session)
                try await session.removeSetupTokens()
                return account
            }
        } catch let error where DatabaseErrorClassifier.isUniqueViolation(error) {
            throw AppError.invalid("username", .duplicate)
        }
    }

    /// Sets a new password for any account from the server's command line (`qudao admin
    /// reset-password`), ends its sessions, clears its sign-in lock and records it in the audit log.
    public func resetPasswordFromCommandLine(username: String?, password: String?, origin: RequestOrigin) async throws -> AccountRecord {
        var validator = Validator()
        let name = validator.text("username", username, maximumCharacters: 64)?.lowercased()
        if let problem = PasswordPolicy.problem(with: password ?? "", loginName: name) { validator.add("password", problem) }
        try validator.throwIfInvalidAsAppError()
        guard let name, let password else { preconditionFailure("validated above") }
        let passwordHash = Bcrypt.hash(password, cost: platform.passwordCost)
        let caller = Caller.system(origin: origin)
        return try await platform.database.write { session in
            guard var account = try await session.account(username: name) else { throw AppError.invalid("username", .notFound) }
            let before = AuditSnapshot.account(account)
            let now = self.platform.clock.now()
            account.passwordHash = passwordHash
            account.updatedAt = now
            guard try await session.updateAccount(account) else {
                throw AppError.conflict(reason: .changedMeanwhile(.account))
            }
            account.rowVersion += 1
            let revoked = try await session.revokeSessions(accountId: account.id, now: now)
            try await session.clearLoginFailures(username: account.username)
            try await session.audit(
                caller, at: now, action: "account.reset_password", entityType: "account", entityId: account.id, before: before,
                after: AuditSnapshot.json(["username": .text(account.username), "revokedSessions": .integer(Int64(revoked))]))
            return account
        }
    }
}
