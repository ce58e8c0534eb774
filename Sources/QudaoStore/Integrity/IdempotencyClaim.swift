import Foundation
import SQLKit

/// An `Idempotency-Key` being honoured for the current request.
///
/// The web layer sets it as a task-local value around a write request. The first write transaction
/// of that request inserts the key's row inside the same transaction as the business change, so the
/// change and the record that it happened commit together or not at all: a retry after a crash can
/// never apply the change twice. The response is attached to the row once it is known.
public final class IdempotencyClaim: Sendable {
    /// The account the key belongs to: keys are scoped per account.
    public let accountId: String
    /// The client's key.
    public let key: String
    /// SHA-256 of method, path and body, to refuse the same key with a different request.
    public let requestHash: String
    /// When the claim was made, in milliseconds since 1970 (UTC).
    public let createdAtMilliseconds: Int64
    private let state = LockedFlag()

    /// The claim of the request being handled, if it carries a key.
    @TaskLocal public static var current: IdempotencyClaim?

    /// Creates a claim.
    public init(accountId: String, key: String, requestHash: String, createdAtMilliseconds: Int64) {
        self.accountId = accountId
        self.key = key
        self.requestHash = requestHash
        self.createdAtMilliseconds = createdAtMilliseconds
    }

    /// Whether a write transaction of this request has inserted the key's row (it may still roll back).
    public var isRecorded: Bool { state.value }

    static func recordIfPending(in session: SQLSession) async throws -> Bool {
        guard let claim = current, !claim.state.value else { return false }
        try await session.execute(
            """
            INSERT INTO idempotency_keys (account_id, idempotency_key, request_hash, created_at_ms)
            VALUES (\(bind: claim.accountId), \(bind: claim.key), \(bind: claim.requestHash), \(bind: claim.createdAtMilliseconds))
            """)
        claim.state.set(true)
        return true
    }

    /// Records, inside the current transaction, the object the request made or changed (the first
    /// audited one), so that a retry after a crash between the commit and storing the response can
    /// still be told the result. Later objects of the same request leave the first in place.
    static func noteResult(entityType: String, entityId: String, in session: SQLSession) async throws {
        guard let claim = current, claim.state.value else { return }
        try await session.execute(
            """
            UPDATE idempotency_keys SET result_entity_type = \(bind: entityType), result_entity_id = \(bind: entityId)
            WHERE account_id = \(bind: claim.accountId) AND idempotency_key = \(bind: claim.key) AND result_entity_type IS NULL
            """)
    }

    /// Marks the claim as not recorded, after the transaction that recorded it rolled back.
    public func forgetRecording() {
        state.set(false)
    }
}

/// A Boolean behind a lock, for state shared between the request task and its transactions.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = false

    var value: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func set(_ newValue: Bool) {
        lock.lock()
        stored = newValue
        lock.unlock()
    }
}
