import Foundation
import HummingbirdBcrypt
import QudaoCore
import QudaoStore

/// Whether a partner has a payment password, and when it is asked for.
public struct PaymentPasswordStatus: Sendable, Hashable {
    /// Whether one is set.
    public let isSet: Bool
    /// When it was last set.
    public let updatedAt: Date?
    /// Prepaid purchase orders with a net amount above this need it; nil when HQ asks for none.
    public let requiredAbove: Money?
    /// Whether the caller (the partner's owner) may set or change it.
    public let callerMaySet: Bool
}

/// The payment password (支付密码): a partner owner's second secret, asked for when the partner
/// spends from prepaid above HQ's threshold and when its payout settings change, so that a signed-in
/// session alone (a shared phone, a stolen cookie, a careless sub-account) cannot move money.
///
/// Only a bcrypt hash is stored. Wrong passwords are counted per partner in the same database
/// throttle as sign-in: after ``SessionPolicy/maximumFailuresPerUsername`` failures in the window
/// the partner's payment password is locked for the lock period, for every account and server.
/// Only the partner's own signed-in accounts can try it, so the lock cannot be a stranger's weapon.
public struct PaymentPasswordService: Sendable {
    let platform: Platform

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// Whether the caller's partner has a payment password and when it is asked for.
    public func status(_ caller: Caller) async throws -> PaymentPasswordStatus {
        guard caller.principal.kind == .partner, let partnerId = caller.principal.partnerId else { throw AppError.forbidden }
        return try await platform.database.read { session in
            let stored = try await session.paymentPassword(partnerId: partnerId)
            let rules = try await SettingsService.prepaidRules(session)
            return PaymentPasswordStatus(
                isSet: stored != nil, updatedAt: stored?.updatedAt, requiredAbove: rules.paymentPasswordAbove,
                callerMaySet: caller.principal.isOwner)
        }
    }

    /// Sets or changes the partner's payment password (the owner only). The owner re-authenticates
    /// with the sign-in password, so a session left open is not enough, and a forgotten payment
    /// password is replaced the same way. Audited without the password or its hash.
    public func set(_ caller: Caller, signInPassword: String?, newPassword: String?, confirmation: String?) async throws {
        guard caller.principal.kind == .partner, caller.principal.isOwner, let partnerId = caller.principal.partnerId else {
            throw AppError.forbidden
        }
        var validator = Validator()
        if (signInPassword ?? "").isEmpty { validator.add("currentPassword", .required) }
        if let problem = PaymentPasswordPolicy.problem(with: newPassword ?? "") {
            validator.add("newPaymentPassword", problem)
        } else if newPassword != confirmation {
            validator.add("paymentPasswordConfirmation", .notAllowed(reason: .passwordsDiffer))
        }
        try validator.throwIfInvalidAsAppError()
        guard let signInPassword, let newPassword else { preconditionFailure("validated above") }
        let throttleKey = Self.reauthenticationThrottleKey(accountId: caller.principal.accountId)
        try await refuseIfLocked(throttleKey, field: "currentPassword")
        let account = try await platform.database.read { try await $0.account(id: caller.principal.accountId) }
        guard let account else { throw AppError.unauthenticated }
        let checkable = signInPassword.utf8.count <= PasswordPolicy.maximumBytes
        guard checkable, Bcrypt.verify(signInPassword, hash: account.passwordHash) else {
            try await recordFailure(caller, throttleKey: throttleKey, action: "payment_password.reauthentication_failed", partnerId: partnerId)
            throw AppError.invalid("currentPassword", .mismatch)
        }
        let hash = Bcrypt.hash(newPassword, cost: platform.passwordCost)
        try await platform.database.write { session in
            let now = self.platform.clock.now()
            let before = try await session.paymentPassword(partnerId: partnerId)
            guard
                try await session.setPaymentPassword(
                    partnerId: partnerId, passwordHash: hash, setByAccountId: account.id, now: now, expectedVersion: before?.rowVersion)
            else { throw AppError.conflict(reason: .accountChangedMeanwhile) }
            try await session.clearLoginFailures(key: throttleKey)
            try await session.clearLoginFailures(key: Self.throttleKey(partnerId: partnerId))
            try await session.audit(
                caller, at: now, action: before == nil ? "payment_password.set" : "payment_password.change", entityType: "partner",
                entityId: partnerId, before: before.map { AuditSnapshot.json(["setAt": .text(BusinessTime.isoText($0.updatedAt))]) },
                after: AuditSnapshot.json(["setAt": .text(BusinessTime.isoText(now))]))
        }
    }

    /// Checks `password` against the partner's payment password, outside any transaction because
    /// bcrypt is slow and a write transaction must not wait for it. Returns the stored password
    /// that matched; the caller's own transaction then confirms it is still the one stored
    /// (``requireUnchanged(_:partnerId:_:)``). A missing password, a wrong one and a lock are
    /// errors naming the `paymentPassword` field; a wrong one is counted and audited.
    func verify(_ caller: Caller, partnerId: String, password: String?) async throws -> StoredPaymentPassword {
        guard let password, !password.isEmpty else {
            let isSet = try await platform.database.read { try await $0.paymentPassword(partnerId: partnerId) } != nil
            throw AppError.invalid("paymentPassword", isSet ? .required : .notAllowed(reason: .paymentPasswordNotSet))
        }
        let throttleKey = Self.throttleKey(partnerId: partnerId)
        try await refuseIfLocked(throttleKey, field: "paymentPassword")
        guard let stored = try await platform.database.read({ try await $0.paymentPassword(partnerId: partnerId) }) else {
            throw AppError.invalid("paymentPassword", .notAllowed(reason: .paymentPasswordNotSet))
        }
        // Anything but six digits cannot match; it is still checked at full cost so timing says nothing.
        let candidate = password.utf8.count <= PasswordPolicy.maximumBytes ? password : ""
        guard Bcrypt.verify(candidate, hash: stored.passwordHash) else {
            try await recordFailure(caller, throttleKey: throttleKey, action: "payment_password.failed", partnerId: partnerId)
            throw AppError.invalid("paymentPassword", .mismatch)
        }
        try await Self.outsideTheRequestClaim {
            try await platform.database.write { try await $0.clearLoginFailures(key: throttleKey) }
        }
        return stored
    }

    /// Inside the paying transaction: the password verified before is still the partner's (an
    /// owner may have changed it between the check and the payment).
    static func requireUnchanged(_ verified: StoredPaymentPassword?, partnerId: String, _ session: SQLSession) async throws {
        let current = try await session.paymentPassword(partnerId: partnerId)
        guard let current else { throw AppError.invalid("paymentPassword", .notAllowed(reason: .paymentPasswordNotSet)) }
        guard let verified else { throw AppError.invalid("paymentPassword", .required) }
        guard verified.partnerId == partnerId, verified.rowVersion == current.rowVersion else {
            throw AppError.invalid("paymentPassword", .mismatch)
        }
    }

    /// The throttle key of a partner's payment password.
    static func throttleKey(partnerId: String) -> String { "payment:\(partnerId)" }

    /// The throttle key of an account's re-authentication with its sign-in password.
    static func reauthenticationThrottleKey(accountId: String) -> String { "reauthenticate:\(accountId)" }

    /// A locked password is a field error like any other (the same shape in a form and in JSON),
    /// saying until when.
    private func refuseIfLocked(_ key: String, field: String) async throws {
        let now = platform.clock.now()
        if let lockedUntil = try await platform.database.read({ try await $0.loginLockedUntil(key: key, now: now) }) {
            throw AppError.invalid(field, .notAllowed(reason: .tooManyWrongPasswords(until: lockedUntil)))
        }
    }

    private func recordFailure(_ caller: Caller, throttleKey: String, action: String, partnerId: String) async throws {
        let policy = platform.sessionPolicy
        try await Self.outsideTheRequestClaim {
            try await platform.database.write { session in
                let now = self.platform.clock.now()
                try await session.recordLoginFailure(
                    key: throttleKey, now: now, windowSeconds: policy.failureWindowSeconds,
                    maximumFailures: policy.maximumFailuresPerUsername, lockSeconds: policy.lockSeconds)
                try await session.audit(caller, at: now, action: action, entityType: "partner", entityId: partnerId, before: nil, after: nil)
            }
        }
    }

    /// The throttle's own writes are not the request's change: the first write transaction of a
    /// request records its idempotency key, so counting a wrong password there used up the key and
    /// the retry with the right password failed on the key's unique constraint (a 500).
    private static func outsideTheRequestClaim(_ work: () async throws -> Void) async throws {
        try await IdempotencyClaim.$current.withValue(nil) { try await work() }
    }
}
