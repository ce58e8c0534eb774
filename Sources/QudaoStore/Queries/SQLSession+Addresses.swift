import Foundation
import QudaoCore
import SQLKit

/// Saved shipping addresses; phones are encrypted like every other personal datum.
extension SQLSession {
    /// Inserts or replaces an address. Making one the default clears the partner's other default.
    public func saveAddress(_ address: AddressRecord, cipher: PersonalDataCipher, at instant: Date) async throws {
        let milliseconds = Timestamp.milliseconds(instant)
        if address.isDefault {
            try await execute("UPDATE saved_addresses SET is_default = 0 WHERE partner_id = \(bind: address.partnerId) AND id <> \(bind: address.id)")
        }
        try await execute(
            """
            INSERT INTO saved_addresses (id, partner_id, label, recipient_name, phone_encrypted, phone_lookup, province, city, district, detail,
                is_default, created_at_ms, updated_at_ms)
            VALUES (\(bind: address.id), \(bind: address.partnerId), \(bind: address.label), \(bind: address.recipientName),
                \(bind: try cipher.encrypt(address.phone)), \(bind: cipher.phoneLookupHash(address.phone)), \(bind: address.province),
                \(bind: address.city), \(bind: address.district),
                \(bind: address.detail), \(bind: address.isDefault ? 1 : 0), \(bind: milliseconds), \(bind: milliseconds))
            ON CONFLICT (id) DO UPDATE SET label = excluded.label, recipient_name = excluded.recipient_name,
                phone_encrypted = excluded.phone_encrypted, phone_lookup = excluded.phone_lookup, province = excluded.province, city = excluded.city, district = excluded.district,
                detail = excluded.detail, is_default = excluded.is_default, updated_at_ms = excluded.updated_at_ms
            """)
    }

    /// Deletes an address; false when it did not exist.
    public func deleteAddress(id: String) async throws -> Bool {
        try await changedRowCount("DELETE FROM saved_addresses WHERE id = \(bind: id) RETURNING id") == 1
    }

    /// One address.
    public func address(id: String, cipher: PersonalDataCipher) async throws -> AddressRecord? {
        try await first("SELECT * FROM saved_addresses WHERE id = \(bind: id)").map { try Self.decodeAddress($0, cipher: cipher) }
    }

    /// A partner's addresses, the default first (bounded).
    public func addresses(partnerId: String, cipher: PersonalDataCipher) async throws -> [AddressRecord] {
        try await rows(
            "SELECT * FROM saved_addresses WHERE partner_id = \(bind: partnerId) ORDER BY is_default DESC, label, id LIMIT 100"
        ).map { try Self.decodeAddress($0, cipher: cipher) }
    }

    /// How many addresses a partner has saved.
    public func addressCount(partnerId: String) async throws -> Int64 {
        try await first("SELECT COUNT(*) AS total FROM saved_addresses WHERE partner_id = \(bind: partnerId)")?.int64("total") ?? 0
    }

    static func decodeAddress(_ row: any SQLRow, cipher: PersonalDataCipher) throws -> AddressRecord {
        AddressRecord(
            id: try row.string("id"), partnerId: try row.string("partner_id"), label: try row.string("label"),
            recipientName: try row.string("recipient_name"), phone: try cipher.decrypt(try row.string("phone_encrypted")),
            province: try row.string("province"), city: try row.string("city"), district: try row.string("district"),
            detail: try row.string("detail"), isDefault: try row.flag("is_default"))
    }
}
