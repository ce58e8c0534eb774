import Foundation
import QudaoCore
import SQLKit

/// Where a person's data is, found by their phone number: the partners they are the contact of,
/// the orders shipped to them and the addresses saved for them.
public struct PersonalDataMatches: Sendable, Hashable {
    /// Partners whose contact phone is the number.
    public var partnerIds: [String] = []
    /// Orders shipped to the number.
    public var orderIds: [String] = []
    /// Saved addresses with the number.
    public var addressIds: [String] = []

    /// Nothing found.
    public init() {}

    /// Whether nothing was found.
    public var isEmpty: Bool { partnerIds.isEmpty && orderIds.isEmpty && addressIds.isEmpty }
}

/// What an erasure replaces names with; amounts, dates and document numbers stay.
public enum ErasedText {
    /// A name.
    public static let name = "已匿名"
    /// An address.
    public static let address = "已删除"
}

/// Finding, anonymising and ageing out personal data (PIPL Art. 45 and 47).
extension SQLSession {
    /// Every row holding `phone`, by the keyed lookup hashes (bounded by `limit` per kind).
    public func personalDataMatches(phone: String, cipher: PersonalDataCipher, limit: Int) async throws -> PersonalDataMatches {
        let national = PersonalDataCipher.nationalDigits(phone)
        // Partners' lookups predate the national form and hash the digits as typed.
        let partnerHashes = [cipher.lookupHash(national), cipher.lookupHash("86" + national), cipher.lookupHash("0086" + national)]
        var matches = PersonalDataMatches()
        matches.partnerIds = try await rows(
            """
            SELECT id FROM partners WHERE contact_phone_lookup IN (\(bind: partnerHashes[0]), \(bind: partnerHashes[1]), \(bind: partnerHashes[2]))
            ORDER BY id LIMIT \(bind: limit)
            """
        ).map { try $0.string("id") }
        let hash = cipher.phoneLookupHash(phone)
        matches.orderIds = try await rows(
            "SELECT id FROM orders WHERE ship_phone_lookup = \(bind: hash) ORDER BY created_at_ms, id LIMIT \(bind: limit)"
        )
        .map { try $0.string("id") }
        matches.addressIds = try await rows("SELECT id FROM saved_addresses WHERE phone_lookup = \(bind: hash) ORDER BY id LIMIT \(bind: limit)")
            .map { try $0.string("id") }
        return matches
    }

    /// Hashes the phones of orders and addresses written before their lookup columns existed;
    /// returns how many rows it hashed (at most `limit`), so the caller repeats until 0.
    public func backfillPhoneLookups(cipher: PersonalDataCipher, limit: Int) async throws -> Int {
        var count = 0
        for row in try await rows(
            "SELECT id, ship_phone_encrypted FROM orders WHERE ship_phone_lookup IS NULL AND personal_data_erased_at_ms IS NULL LIMIT \(bind: limit)")
        {
            let phone = try cipher.decrypt(try row.string("ship_phone_encrypted"))
            try await execute("UPDATE orders SET ship_phone_lookup = \(bind: cipher.phoneLookupHash(phone)) WHERE id = \(bind: try row.string("id"))")
            count += 1
        }
        for row in try await rows("SELECT id, phone_encrypted FROM saved_addresses WHERE phone_lookup IS NULL LIMIT \(bind: limit)") {
            let phone = try cipher.decrypt(try row.string("phone_encrypted"))
            try await execute(
                "UPDATE saved_addresses SET phone_lookup = \(bind: cipher.phoneLookupHash(phone)) WHERE id = \(bind: try row.string("id"))")
            count += 1
        }
        return count
    }

    /// Replaces an order's recipient name, phone and address; amounts, lines, dates and its number
    /// stay (they are the financial record the law keeps). Returns false when already erased.
    public func erasePersonalData(orderId: String, cipher: PersonalDataCipher, at instant: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE orders SET ship_name = \(bind: ErasedText.name), ship_phone_encrypted = \(bind: try cipher.encrypt("")),
                ship_phone_lookup = NULL, ship_address = \(bind: ErasedText.address),
                personal_data_erased_at_ms = \(bind: Timestamp.milliseconds(instant))
            WHERE id = \(bind: orderId) AND personal_data_erased_at_ms IS NULL
            RETURNING id
            """) == 1
    }

    /// Anonymises a partner's contact and payout account and its accounts' display names; the
    /// partner, its code, its name as a business and its money stay.
    public func erasePartnerContact(partnerId: String, cipher: PersonalDataCipher, at instant: Date) async throws -> Int {
        let milliseconds = Timestamp.milliseconds(instant)
        // Their sessions go with the logins: they hold the addresses and browsers they signed in from.
        try await execute("DELETE FROM sessions WHERE account_id IN (SELECT id FROM accounts WHERE partner_id = \(bind: partnerId))")
        try await execute(
            """
            UPDATE partners SET contact_name = \(bind: ErasedText.name), contact_phone_encrypted = \(bind: try cipher.encrypt("")),
                contact_phone_lookup = \(bind: cipher.lookupHash("erased-\(partnerId)")), bank_account_name = NULL, bank_name = NULL,
                bank_account_encrypted = NULL, payout_method = 'prepaid', updated_at_ms = \(bind: milliseconds), row_version = row_version + 1
            WHERE id = \(bind: partnerId)
            """)
        return try await changedRowCount(
            """
            UPDATE accounts SET display_name = \(bind: ErasedText.name), status = 'disabled', updated_at_ms = \(bind: milliseconds),
                row_version = row_version + 1
            WHERE partner_id = \(bind: partnerId)
            RETURNING id
            """)
    }

    /// Orders finished before `cutoff` whose personal data is still held (for the retention job).
    public func ordersPastPersonalDataRetention(before cutoff: Date, limit: Int) async throws -> [String] {
        let milliseconds = Timestamp.milliseconds(cutoff)
        return try await rows(
            """
            SELECT id FROM orders WHERE personal_data_erased_at_ms IS NULL
                AND ((status = 'completed' AND completed_at_ms < \(bind: milliseconds))
                    OR (status = 'cancelled' AND cancelled_at_ms < \(bind: milliseconds)))
            ORDER BY id LIMIT \(bind: limit)
            """
        ).map { try $0.string("id") }
    }

    /// Deletes session records (with their source addresses and browsers) that ended before `cutoff`.
    public func deleteSessions(endedBefore cutoff: Date, limit: Int) async throws -> Int {
        let milliseconds = Timestamp.milliseconds(cutoff)
        return try await changedRowCount(
            """
            DELETE FROM sessions WHERE token_hash IN (
                SELECT token_hash FROM sessions WHERE COALESCE(revoked_at_ms, expires_at_ms) < \(bind: milliseconds) LIMIT \(bind: limit))
            RETURNING token_hash
            """)
    }

    /// When an order's personal data was erased, if it was.
    public func personalDataErasedAt(orderId: String) async throws -> Date? {
        try await first("SELECT personal_data_erased_at_ms FROM orders WHERE id = \(bind: orderId)")?.optionalDate("personal_data_erased_at_ms")
    }
}
