import Foundation
import QudaoCore
import QudaoStore

/// What HQ sends to add a receiving bank account.
public struct CompanyBankAccountInput: Sendable, Hashable {
    public var accountName: String?
    public var bankName: String?
    public var accountNumber: String?

    /// Creates an input.
    public init(accountName: String? = nil, bankName: String? = nil, accountNumber: String? = nil) {
        self.accountName = accountName
        self.bankName = bankName
        self.accountNumber = accountNumber
    }
}

/// The brand's own settings (issue 11): name, company, customer-service phone, logo, and the HQ
/// bank accounts partners transfer to. Anyone may read the profile and the logo (the consumer's
/// referral page shows them); signed-in accounts read the bank accounts; HQ admins change them,
/// every change audited.
public struct CompanyService: Sendable {
    let platform: Platform

    /// The largest logo accepted: 1 MB (it is shown in every page's header).
    public static let maximumLogoBytes = 1_048_576

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// The profile in force (``CompanyProfile/unset`` before setup).
    public func profile() async throws -> CompanyProfile {
        try await platform.database.read { try await $0.companyProfile() }
    }

    /// The HQ receiving accounts, for a signed-in caller.
    public func bankAccounts(_ caller: Caller) async throws -> [CompanyBankAccount] {
        try await platform.database.read { try await $0.companyBankAccounts(cipher: self.platform.cipher) }
    }

    /// Changes the brand name, company name and customer-service phone (HQ admin).
    public func updateProfile(
        _ caller: Caller, brandName: String?, companyName: String?, customerServicePhone: String?
    ) async throws
        -> CompanyProfile
    {
        try caller.require(.manageSettings)
        var validator = Validator()
        let checked = Self.validatedProfile(
            brandName: brandName, companyName: companyName, customerServicePhone: customerServicePhone, &validator)
        try validator.throwIfInvalidAsAppError()
        guard let checked else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            var profile = checked
            profile.logoFileId = try await session.companyProfile().logoFileId
            try await Self.save(profile, caller: caller, now: self.platform.clock.now(), session)
            return profile
        }
    }

    /// Replaces the logo with an uploaded PNG or JPEG (HQ admin).
    public func setLogo(_ caller: Caller, _ upload: UploadedFile?) async throws {
        try caller.require(.manageSettings)
        var validator = Validator()
        let checked = UploadedFile.checkedImage(upload, field: "logo", maximumBytes: Self.maximumLogoBytes, &validator)
        if upload == nil { validator.add("logo", .required) }
        try validator.throwIfInvalidAsAppError()
        guard let checked else { preconditionFailure("validated above") }
        try await platform.database.write { session in
            var profile = try await session.companyProfile()
            let now = self.platform.clock.now()
            profile.logoFileId = try await checked.file.storePublic(
                contentType: checked.type, uploadedBy: caller.principal.accountId, at: now, session)
            try await Self.save(profile, caller: caller, now: now, session)
        }
    }

    /// Takes the logo off (the header shows the brand name alone).
    public func removeLogo(_ caller: Caller) async throws {
        try caller.require(.manageSettings)
        try await platform.database.write { session in
            var profile = try await session.companyProfile()
            guard profile.logoFileId != nil else { return }
            profile.logoFileId = nil
            try await Self.save(profile, caller: caller, now: self.platform.clock.now(), session)
        }
    }

    /// The logo's file, for anyone.
    public func logo() async throws -> StoredFile {
        try await platform.database.read { session in
            guard let id = try await session.companyProfile().logoFileId, let file = try await session.file(id: id) else {
                throw AppError.notFound(entity: "logo")
            }
            return file
        }
    }

    /// Adds a receiving account to the end of the list (HQ admin); at most ``CompanyBankAccount/maximumAccounts``.
    public func addBankAccount(_ caller: Caller, _ input: CompanyBankAccountInput) async throws -> CompanyBankAccount {
        try caller.require(.manageSettings)
        var validator = Validator()
        let accountName = validator.text("accountName", input.accountName, maximumCharacters: 60)
        let bankName = validator.text("bankName", input.bankName, maximumCharacters: 60)
        let number = validator.text("accountNumber", input.accountNumber, maximumCharacters: 40)
        if let number, !CompanyBankAccount.isAccountNumber(number) {
            validator.add("accountNumber", .invalidFormat(expected: .bankAccountNumber))
        }
        try validator.throwIfInvalidAsAppError()
        guard let accountName, let bankName, let number else { preconditionFailure("validated above") }
        do {
            return try await platform.database.write { session in
                let existing = try await session.companyBankAccounts(cipher: self.platform.cipher)
                guard existing.count < CompanyBankAccount.maximumAccounts else {
                    throw AppError.invalid("accountNumber", .notAllowed(reason: .tooManyReceivingAccounts(maximum: 5)))
                }
                let now = self.platform.clock.now()
                let account = CompanyBankAccount(
                    id: Identifier.make(prefix: "cba"), accountName: accountName, bankName: bankName,
                    accountNumber: CompanyBankAccount.normalizedAccountNumber(number), position: (existing.map(\.position).max() ?? 0) + 1,
                    rowVersion: 1)
                try await session.insertCompanyBankAccount(account, cipher: self.platform.cipher, now: now)
                try await session.audit(
                    caller, at: now, action: "company.bank_account_add", entityType: "setting", entityId: account.id, before: nil,
                    after: Self.snapshot(account))
                return account
            }
        } catch let error where DatabaseErrorClassifier.isUniqueViolation(error) {
            throw AppError.invalid("accountNumber", .duplicate)
        }
    }

    /// Takes a receiving account off the list (HQ admin).
    public func removeBankAccount(_ caller: Caller, id: String) async throws {
        try caller.require(.manageSettings)
        try await platform.database.write { session in
            guard Identifier.isWellFormed(id, prefix: "cba"),
                let account = try await session.companyBankAccounts(cipher: self.platform.cipher).first(where: { $0.id == id })
            else { throw AppError.notFound(entity: "bank account") }
            let now = self.platform.clock.now()
            guard try await session.removeCompanyBankAccount(id: id, expectedRowVersion: account.rowVersion, now: now) else {
                throw AppError.conflict(reason: .changedMeanwhile(.account))
            }
            try await session.audit(
                caller, at: now, action: "company.bank_account_remove", entityType: "setting", entityId: id, before: Self.snapshot(account),
                after: nil)
        }
    }

    /// Checks a profile's fields, adding each problem; nil when any is wrong.
    static func validatedProfile(
        brandName: String?, companyName: String?, customerServicePhone: String?, _ validator: inout Validator
    ) -> CompanyProfile? {
        let brand = validator.text("brandName", brandName, maximumCharacters: CompanyProfile.maximumBrandNameCharacters)
        let company = validator.text("companyName", companyName, maximumCharacters: CompanyProfile.maximumCompanyNameCharacters)
        let phone = validator.text("customerServicePhone", customerServicePhone, maximumCharacters: 24)
        if let phone, !InputFormat.isServicePhone(phone) {
            validator.add("customerServicePhone", .invalidFormat(expected: .servicePhone))
        }
        guard let brand, let company, let phone, InputFormat.isServicePhone(phone) else { return nil }
        return CompanyProfile(brandName: brand, companyName: company, customerServicePhone: phone)
    }

    /// Saves the profile inside the caller's transaction, with its audit entry.
    static func save(_ profile: CompanyProfile, caller: Caller, now: Date, _ session: SQLSession) async throws {
        let before = try await session.companyProfile()
        guard before != profile else { return }
        try await session.setCompanyProfile(profile, now: now)
        try await session.audit(
            caller, at: now, action: "company.update", entityType: "setting", entityId: SQLSession.companyProfileKey,
            before: before.isSet || before.logoFileId != nil ? SQLSession.canonicalJSON(before) : nil, after: SQLSession.canonicalJSON(profile))
    }

    /// An account as the audit log records it: the number masked to its last four digits.
    static func snapshot(_ account: CompanyBankAccount) -> String {
        AuditSnapshot.json([
            "accountName": .text(account.accountName), "bankName": .text(account.bankName),
            "accountNumber": .text("****" + String(account.accountNumber.suffix(4))),
        ])
    }
}

extension UploadedFile {
    /// Checks an optional image upload: present means not empty, at most `maximumBytes`, and a
    /// PNG or JPEG by its first bytes (never by its name). Returns it with its detected type.
    static func checkedImage(
        _ upload: UploadedFile?, field: String, maximumBytes: Int, _ validator: inout Validator
    ) -> (file: UploadedFile, type: String)? {
        guard let upload else { return nil }
        if upload.content.isEmpty {
            validator.add(field, .required)
        } else if upload.content.count > maximumBytes {
            validator.add(field, .fileTooLarge(maximumBytes: Int64(maximumBytes)))
        } else if let type = detectedContentType(upload.content), type.hasPrefix("image/") {
            return (upload, type)
        } else {
            validator.add(field, .invalidFormat(expected: .image))
        }
        return nil
    }

    /// Stores a file that belongs to no partner (a logo, a product image); returns its id.
    func storePublic(contentType: String, uploadedBy: String, at instant: Date, _ session: SQLSession) async throws -> String {
        try await store(contentType: contentType, partnerId: nil, uploadedBy: uploadedBy, at: instant, session)
    }
}
