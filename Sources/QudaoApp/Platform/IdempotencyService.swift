import Foundation
import QudaoCore
import QudaoStore

/// Idempotency keys for the web layer: an API write's `Idempotency-Key` and a form's submission
/// key. The key is recorded inside the first write transaction of the request (see
/// `IdempotencyClaim`), so the change and its key commit together; the response is stored after.
public struct IdempotencyService: Sendable {
    let platform: Platform

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// One request under a key: run its work through ``run(_:)`` so that its first write
    /// transaction records the key.
    public struct Attempt: Sendable {
        let claim: IdempotencyClaim

        /// The account the key belongs to.
        public var accountId: String { claim.accountId }
        /// The key.
        public var key: String { claim.key }
        /// The hash of the request.
        public var requestHash: String { claim.requestHash }
        /// Whether a write transaction of the request has recorded the key (and so committed).
        public var isRecorded: Bool { claim.isRecorded }

        /// Runs the request's work with the key bound to its write transactions.
        public func run<Result: Sendable>(_ work: () async throws -> Result) async throws -> Result {
            try await IdempotencyClaim.$current.withValue(claim) { try await work() }
        }
    }

    /// The stored record of a key, if it was used before.
    public func record(accountId: String, key: String) async throws -> IdempotencyRecord? {
        try await platform.database.read { try await $0.idempotencyRecord(accountId: accountId, key: key) }
    }

    /// Starts a request under a key.
    public func attempt(accountId: String, key: String, requestHash: String) -> Attempt {
        Attempt(
            claim: IdempotencyClaim(
                accountId: accountId, key: key, requestHash: requestHash,
                createdAtMilliseconds: Timestamp.milliseconds(platform.clock.now())))
    }

    /// Stores the response of a request, so that a repeat gets it again.
    public func storeResponse(_ attempt: Attempt, status: Int, contentType: String, body: String) async throws {
        let now = platform.clock.now()
        try await platform.database.write { session in
            try await session.storeIdempotentResponse(
                accountId: attempt.accountId, key: attempt.key, requestHash: attempt.requestHash, status: status, contentType: contentType,
                body: body, now: now)
        }
    }

    /// Whether an error is another request having recorded the same key first.
    public static func isKeyTakenMeanwhile(_ error: any Error) -> Bool {
        DatabaseErrorClassifier.isUniqueViolation(error)
    }
}
