import Foundation

/// The brand's own settings (issue 11): the name shown in the header, on the consumer's referral
/// page, in exports and PDFs; its customer-service phone; its logo.
public struct CompanyProfile: Sendable, Hashable, Codable {
    /// The brand name people see, e.g. 悦己生活. At most ``maximumBrandNameCharacters``.
    public var brandName: String
    /// The company's registered name (开票/合同), e.g. 广州悦己生活科技有限公司.
    public var companyName: String
    /// The phone partners and consumers call, as typed (mobile, landline or 400/800 number).
    public var customerServicePhone: String
    /// The stored file of the logo (PNG or JPEG), if one was uploaded.
    public var logoFileId: String?

    /// Creates a profile.
    public init(brandName: String, companyName: String, customerServicePhone: String, logoFileId: String? = nil) {
        self.brandName = brandName
        self.companyName = companyName
        self.customerServicePhone = customerServicePhone
        self.logoFileId = logoFileId
    }

    /// What a database without a profile shows: the platform's own name.
    public static let unset = CompanyProfile(brandName: "Qudao 渠道", companyName: "", customerServicePhone: "")

    /// Most characters of a brand name (it must fit the phone's header).
    public static let maximumBrandNameCharacters = 20
    /// Most characters of a company name.
    public static let maximumCompanyNameCharacters = 60

    /// Whether the brand has been named (a profile was saved).
    public var isSet: Bool { !companyName.isEmpty }

    /// The name exports and PDFs carry: the brand's, or none before setup.
    public var exportBrand: String { isSet ? brandName : "" }
}

/// An HQ bank account partners transfer top-ups to (户名, 开户行, 账号).
public struct CompanyBankAccount: Sendable, Hashable {
    public let id: String
    /// 户名: the account holder, normally the company's registered name.
    public var accountName: String
    /// 开户行: the bank and branch, e.g. 招商银行广州天河支行.
    public var bankName: String
    /// 账号: digits as the bank prints them (spaces allowed between groups).
    public var accountNumber: String
    /// Where it is listed (smallest first).
    public var position: Int64
    public var rowVersion: Int64

    /// Creates an account.
    public init(id: String, accountName: String, bankName: String, accountNumber: String, position: Int64, rowVersion: Int64) {
        self.id = id
        self.accountName = accountName
        self.bankName = bankName
        self.accountNumber = accountNumber
        self.position = position
        self.rowVersion = rowVersion
    }

    /// The number in groups of four, as banks print it and people copy it.
    public var groupedAccountNumber: String {
        let digits = Array(accountNumber.filter { !$0.isWhitespace })
        return stride(from: 0, to: digits.count, by: 4).map { String(digits[$0..<min($0 + 4, digits.count)]) }.joined(separator: " ")
    }

    /// The number without its spaces (what is stored and compared).
    public static func normalizedAccountNumber(_ text: String) -> String {
        text.filter { !$0.isWhitespace && $0 != "-" }
    }

    /// A bank account number: 8 to 30 digits once spaces and hyphens are removed.
    public static func isAccountNumber(_ text: String) -> Bool {
        let digits = normalizedAccountNumber(text)
        return (8...30).contains(digits.count) && digits.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    /// Most accounts HQ lists.
    public static let maximumAccounts = 5
}
