import Foundation
import Logging
import QudaoCore
import QudaoStore

/// Everything a use case needs: the database, the clock, the personal-data cipher and the policies.
/// Built once by the composition root and shared by every request and scheduled job.
public struct Platform: Sendable {
    /// The database.
    public let database: Database
    /// The platform's clock; a test clock in tests and under `--test-clock`.
    public let clock: any Clock
    /// Encrypts personal data at rest.
    public let cipher: PersonalDataCipher
    /// bcrypt work factor: 12 in production, lower in tests to keep them fast.
    public let passwordCost: UInt8
    /// Sign-in and session policy.
    public let sessionPolicy: SessionPolicy
    /// The logger.
    public let logger: Logger

    /// Creates the platform.
    public init(
        database: Database, clock: any Clock, cipher: PersonalDataCipher, passwordCost: UInt8 = 12,
        sessionPolicy: SessionPolicy = SessionPolicy(), logger: Logger
    ) {
        precondition((4...31).contains(passwordCost), "bcrypt cost must be 4 … 31")
        self.database = database
        self.clock = clock
        self.cipher = cipher
        // Chains are keyed with the data key, which never enters the database.
        database.useChainKey(cipher.chainKey)
        self.passwordCost = passwordCost
        self.sessionPolicy = sessionPolicy
        self.logger = logger
    }
}

extension Platform {
    /// The same platform on another clock (the demo loader builds a past with it).
    public func with(clock: any Clock) -> Platform {
        Platform(database: database, clock: clock, cipher: cipher, passwordCost: passwordCost, sessionPolicy: sessionPolicy, logger: logger)
    }
}

/// Limits for sessions and sign-in attempts.
public struct SessionPolicy: Sendable {
    /// A web session ends after this long without activity.
    public var webIdleSeconds: Int = 8 * 3600
    /// An API token lives this long.
    public var apiTokenSeconds: Int = 30 * 24 * 3600
    /// Failed sign-ins for one login name from one source address (or one trusted browser) before
    /// that source may no longer try the name; other sources still can, so a stranger cannot lock
    /// the owner out.
    public var maximumFailuresPerUsername: Int = 5
    /// Failed sign-ins for one login name from everywhere before browsers it has never signed in
    /// from are refused too (a distributed guessing attack); a browser holding the account's device
    /// token still signs in.
    public var maximumFailuresPerUsernameEverywhere: Int = 50
    /// Failed sign-ins per source address before it is locked.
    public var maximumFailuresPerAddress: Int = 30
    /// How long a browser's device token is honoured after a successful sign-in.
    public var deviceTokenSeconds: Int = 180 * 86_400
    /// The window failures are counted in.
    public var failureWindowSeconds: Int = 15 * 60
    /// How long a lock lasts.
    public var lockSeconds: Int = 15 * 60

    /// The default policy.
    public init() {}
}

/// Where a request came from, for the audit log and sessions.
public struct RequestOrigin: Sendable, Hashable {
    /// The client's address.
    public let sourceIP: String
    /// The client's user agent, truncated.
    public let userAgent: String

    /// Creates an origin; the user agent is cut to 300 characters.
    public init(sourceIP: String, userAgent: String) {
        self.sourceIP = sourceIP.isEmpty ? "unknown" : String(sourceIP.prefix(64))
        self.userAgent = String(userAgent.prefix(300))
    }

    /// Work started by the platform itself (demo loading, migrations, scheduled jobs).
    public static let system = RequestOrigin(sourceIP: "local", userAgent: "qudao")
}

/// An authenticated caller: who acts, and from where.
public struct Caller: Sendable {
    /// The account acting.
    public let principal: Principal
    /// Where the request came from.
    public let origin: RequestOrigin

    /// Creates a caller.
    public init(principal: Principal, origin: RequestOrigin) {
        self.principal = principal
        self.origin = origin
    }

    /// The platform acting on its own behalf, with HQ admin rights (demo data, command line).
    public static func system(origin: RequestOrigin = .system) -> Caller {
        Caller(
            principal: Principal(
                accountId: "system", username: "system", kind: .hq, hqRole: .admin, partnerId: nil, isOwner: false,
                permissions: []),
            origin: origin)
    }

    /// The scheduler acting on its own (HQ admin rights), as the audit log names it.
    public static let scheduler = Caller(
        principal: Principal(
            accountId: "system", username: "scheduler", kind: .hq, hqRole: .admin, partnerId: nil, isOwner: false, permissions: []),
        origin: RequestOrigin(sourceIP: "local", userAgent: "qudao scheduler"))

    /// Throws ``AppError/forbidden`` unless the caller may do `capability`.
    public func require(_ capability: Capability) throws(AppError) {
        guard principal.can(capability) else { throw AppError.forbidden }
    }

    /// The account id to record in the audit log (nil for the platform itself).
    var auditAccountId: String? { principal.accountId == "system" ? nil : principal.accountId }
}

/// Operating errors a use case reports; the web layer maps each to an HTTP status and a problem document.
public enum AppError: Error, Sendable, Equatable {
    /// The input is invalid; every field's problem is listed.
    case validation(ValidationFailure)
    /// No such entity, or the caller may not see it (the two are not distinguished, so ids do not leak).
    case notFound(entity: String)
    /// The caller is signed in but may not do this.
    case forbidden
    /// No valid credentials.
    case unauthenticated
    /// The change conflicts with the current state (e.g. it was changed meanwhile).
    case conflict(reason: Reason)
    /// Too many attempts; try again after the given instant.
    case rateLimited(retryAfter: Date)
    /// The prepaid balance does not cover the payment; nothing was reserved or debited.
    case insufficientBalance(available: Money, required: Money)
    /// HQ stock does not cover the order; nothing was reserved or debited.
    case insufficientStock(sku: String, available: Int64, requested: Int64)

    /// A validation error for a single field.
    public static func invalid(_ field: String, _ problem: FieldError.Problem) -> AppError {
        .validation(ValidationFailure(field: field, problem: problem))
    }
}

extension Validator {
    /// Throws the collected errors as an ``AppError``.
    func throwIfInvalidAsAppError() throws(AppError) {
        do {
            try throwIfInvalid()
        } catch {
            throw AppError.validation(error)
        }
    }
}
