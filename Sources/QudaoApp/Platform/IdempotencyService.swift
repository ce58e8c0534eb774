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
        try await platform.database.read { try await $0.idempotencyRecord(accountId: accountId, key: key, cipher: self.platform.cipher) }
    }

    /// How long a key is honoured: a retry within a week gets the first answer; after that the key
    /// and its stored answer are forgotten, so answers are not kept for ever.
    public static let retentionSeconds: TimeInterval = 7 * 86_400

    /// The most keys one housekeeping run forgets; the next run continues.
    public static let purgeBatchSize = 1_000

    /// Forgets keys older than ``retentionSeconds`` as of `now`; returns how many.
    @discardableResult
    public func purgeExpired(now: Date) async throws -> Int {
        try await platform.database.write { session in
            try await session.deleteIdempotencyKeys(createdBefore: now.addingTimeInterval(-Self.retentionSeconds), limit: Self.purgeBatchSize)
        }
    }

    /// Encrypts every response body an earlier version stored in plain text; run at start.
    @discardableResult
    public func sealPlaintextResponses() async throws -> Int {
        var sealed = 0
        while true {
            let batch = try await platform.database.write { session in
                try await session.sealPlaintextIdempotentResponses(cipher: self.platform.cipher, limit: 500)
            }
            sealed += batch
            if batch == 0 { return sealed }
        }
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
                body: body, now: now, cipher: self.platform.cipher)
        }
    }

    /// Whether an error is another request having recorded the same key first.
    public static func isKeyTakenMeanwhile(_ error: any Error) -> Bool {
        DatabaseErrorClassifier.isUniqueViolation(error)
    }
}
