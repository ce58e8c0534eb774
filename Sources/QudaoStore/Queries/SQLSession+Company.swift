import Foundation
import QudaoCore
import SQLKit

/// The brand's profile (a JSON setting) and its receiving bank accounts (numbers encrypted at rest
/// like every other bank account number, with a keyed hash so one cannot be listed twice).
extension SQLSession {
    /// The setting that holds the company profile.
    public static let companyProfileKey = "company.profile"

    /// The saved profile, or ``CompanyProfile/unset``.
    public func companyProfile() async throws -> CompanyProfile {
        guard let text = try await setting(Self.companyProfileKey),
            let profile = try? JSONDecoder().decode(CompanyProfile.self, from: Data(text.utf8))
        else { return .unset }
        return profile
    }

    /// Saves the profile.
    public func setCompanyProfile(_ profile: CompanyProfile, now: Date) async throws {
        try await setSetting(Self.companyProfileKey, value: Self.canonicalJSON(profile), now: now)
    }

    /// The profile as the audit log records it (keys sorted).
    public static func canonicalJSON(_ profile: CompanyProfile) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(profile)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The active receiving accounts, in their listed order.
    public func companyBankAccounts(cipher: PersonalDataCipher) async throws -> [CompanyBankAccount] {
        try await rows(
            """
            SELECT id, account_name, bank_name, account_number_encrypted, position, row_version FROM company_bank_accounts
            WHERE status = 'active' ORDER BY position, created_at_ms, id
            """
        ).map { row in
            CompanyBankAccount(
                id: try row.string("id"), accountName: try row.string("account_name"), bankName: try row.string("bank_name"),
                accountNumber: try cipher.decrypt(try row.string("account_number_encrypted")), position: try row.int64("position"),
                rowVersion: try row.int64("row_version"))
        }
    }

    /// Adds a receiving account; a number already listed violates the unique index.
    public func insertCompanyBankAccount(_ account: CompanyBankAccount, cipher: PersonalDataCipher, now: Date) async throws {
        let number = CompanyBankAccount.normalizedAccountNumber(account.accountNumber)
        try await execute(
            """
            INSERT INTO company_bank_accounts (id, account_name, bank_name, account_number_encrypted, account_number_hash, position, status,
                created_at_ms, updated_at_ms, row_version)
            VALUES (\(bind: account.id), \(bind: account.accountName), \(bind: account.bankName), \(bind: try cipher.encrypt(number)),
                \(bind: cipher.lookupHash(number)), \(bind: account.position), 'active', \(bind: Timestamp.milliseconds(now)),
                \(bind: Timestamp.milliseconds(now)), 1)
            """)
    }

    /// Takes an account off the list if its row version is unchanged; true when it was removed.
    public func removeCompanyBankAccount(id: String, expectedRowVersion: Int64, now: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE company_bank_accounts SET status = 'removed', updated_at_ms = \(bind: Timestamp.milliseconds(now)), row_version = row_version + 1
            WHERE id = \(bind: id) AND status = 'active' AND row_version = \(bind: expectedRowVersion)
            RETURNING id
            """) == 1
    }

    /// Sets a product's image (nil removes it).
    public func setProductImage(productId: String, fileId: String?, now: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE products SET image_file_id = \(bind: fileId), updated_at_ms = \(bind: Timestamp.milliseconds(now)), row_version = row_version + 1
            WHERE id = \(bind: productId)
            RETURNING id
            """) == 1
    }
}
