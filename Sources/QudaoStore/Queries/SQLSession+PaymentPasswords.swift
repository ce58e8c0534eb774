import Foundation
import SQLKit

/// A partner's payment password as stored: its bcrypt hash and when and by whom it was last set.
public struct StoredPaymentPassword: Sendable, Hashable {
    /// The partner.
    public let partnerId: String
    /// The bcrypt hash; the password itself is never stored.
    public let passwordHash: String
    /// The account that set it last.
    public let setByAccountId: String
    /// When it was last set.
    public let updatedAt: Date
    /// Increments with every change.
    public let rowVersion: Int64
}

/// Payment passwords (支付密码), one per partner.
extension SQLSession {
    /// The partner's payment password, if one is set.
    public func paymentPassword(partnerId: String) async throws -> StoredPaymentPassword? {
        try await first(
            """
            SELECT partner_id, password_hash, set_by_account_id, updated_at_ms, row_version FROM payment_passwords
            WHERE partner_id = \(bind: partnerId)
            """
        ).map { row in
            StoredPaymentPassword(
                partnerId: try row.string("partner_id"), passwordHash: try row.string("password_hash"),
                setByAccountId: try row.string("set_by_account_id"), updatedAt: try row.date("updated_at_ms"),
                rowVersion: try row.int64("row_version"))
        }
    }

    /// Sets the partner's payment password. `expectedVersion` is the version the caller read (nil
    /// when none was set): a change made meanwhile by another request makes this return false and
    /// change nothing, so two owners' simultaneous changes cannot silently overwrite each other.
    public func setPaymentPassword(
        partnerId: String, passwordHash: String, setByAccountId: String, now: Date, expectedVersion: Int64?
    ) async throws -> Bool {
        let milliseconds = Timestamp.milliseconds(now)
        guard let expectedVersion else {
            return try await changedRowCount(
                """
                INSERT INTO payment_passwords (partner_id, password_hash, set_by_account_id, updated_at_ms, row_version)
                VALUES (\(bind: partnerId), \(bind: passwordHash), \(bind: setByAccountId), \(bind: milliseconds), 1)
                ON CONFLICT (partner_id) DO NOTHING RETURNING partner_id
                """) == 1
        }
        return try await changedRowCount(
            """
            UPDATE payment_passwords SET password_hash = \(bind: passwordHash), set_by_account_id = \(bind: setByAccountId),
                updated_at_ms = \(bind: milliseconds), row_version = row_version + 1
            WHERE partner_id = \(bind: partnerId) AND row_version = \(bind: expectedVersion)
            RETURNING partner_id
            """) == 1
    }
}
