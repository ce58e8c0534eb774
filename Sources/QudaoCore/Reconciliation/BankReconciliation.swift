import Foundation

/// One of HQ's bank accounts whose statements are imported, with its export's column mapping.
public struct BankAccountRecord: Sendable, Hashable {
    public let id: String
    /// What finance calls it: "招商银行 基本户".
    public var name: String
    public var format: BankFormat
    /// The decrypted account number; shown as ``maskedAccountNumber``.
    public let accountNumber: String
    /// The mapping in force: the format's preset, or the one HQ finance set.
    public var mapping: BankColumnMapping?
    public let createdAt: Date

    /// Creates a record.
    public init(id: String, name: String, format: BankFormat, accountNumber: String, mapping: BankColumnMapping?, createdAt: Date) {
        self.id = id
        self.name = name
        self.format = format
        self.accountNumber = accountNumber
        self.mapping = mapping
        self.createdAt = createdAt
    }

    /// The account number as screens show it, like a payout account: the first and last four digits.
    public var maskedAccountNumber: String { PersonalDataMask.identifier(accountNumber) }

    /// The mapping a file of this account is read with.
    public var effectiveMapping: BankColumnMapping? { mapping ?? format.preset }
}

/// Where a bank statement line is in matching (RULES §8).
public enum BankLineStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// A pending top-up's bank reference is in the memo, with the same amount: accept to credit it.
    case exact
    /// One pending top-up of the same amount from a payer on file, within 3 days: accept or reject.
    case suggested
    /// A reference matches but the amount differs.
    case mismatch
    /// No top-up found.
    case unmatched
    /// Accepted: the top-up is confirmed and credited, once.
    case matched
    /// Set aside by HQ finance, with a reason.
    case ignored
    /// Money paid out: never matched.
    case debit

    /// Whether HQ finance may still decide it.
    public var isOpen: Bool { [.exact, .suggested, .mismatch, .unmatched].contains(self) }
}

/// An imported bank statement file.
public struct BankStatementImportRecord: Sendable, Hashable {
    public let id: String
    /// BI-YYYYMMDD-NNNNNNN.
    public let number: String
    public let bankAccountId: String
    public let fileName: String
    public let fileSHA256: String
    /// Movements read from the file, the new ones among them, and those already imported before.
    public let lineCount: Int
    public let newCount: Int
    public let duplicateCount: Int
    /// Blank and totals rows.
    public let skippedCount: Int
    /// The file rows that were already imported (the first ones, for the result page).
    public let duplicateRows: [Int]
    public let importedByAccountId: String?
    public let importedAt: Date

    /// Creates a record.
    public init(
        id: String, number: String, bankAccountId: String, fileName: String, fileSHA256: String, lineCount: Int, newCount: Int,
        duplicateCount: Int, skippedCount: Int, duplicateRows: [Int], importedByAccountId: String?, importedAt: Date
    ) {
        self.id = id
        self.number = number
        self.bankAccountId = bankAccountId
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
        self.lineCount = lineCount
        self.newCount = newCount
        self.duplicateCount = duplicateCount
        self.skippedCount = skippedCount
        self.duplicateRows = duplicateRows
        self.importedByAccountId = importedByAccountId
        self.importedAt = importedAt
    }
}

/// A stored bank statement line and what it was matched to.
public struct BankStatementLineRecord: Sendable, Hashable {
    public let id: String
    public let importId: String
    public let rowNumber: Int
    public let bookedOn: String
    public let amount: Money
    public let direction: LedgerDirection
    public let counterpartyName: String
    /// The last four digits of the payer's account ("" without one).
    public let counterpartyAccountTail: String
    public let memo: String
    public var status: BankLineStatus
    /// The top-up it matches, is suggested for, or whose amount differs.
    public var topUpId: String?
    public var topUpNumber: String?
    public var topUpAmount: Money?
    public var partnerCode: String?
    public var ignoreReason: String?
    public var decidedAt: Date?

    /// Creates a record.
    public init(
        id: String, importId: String, rowNumber: Int, bookedOn: String, amount: Money, direction: LedgerDirection, counterpartyName: String,
        counterpartyAccountTail: String, memo: String, status: BankLineStatus, topUpId: String? = nil, topUpNumber: String? = nil,
        topUpAmount: Money? = nil, partnerCode: String? = nil, ignoreReason: String? = nil, decidedAt: Date? = nil
    ) {
        self.id = id
        self.importId = importId
        self.rowNumber = rowNumber
        self.bookedOn = bookedOn
        self.amount = amount
        self.direction = direction
        self.counterpartyName = counterpartyName
        self.counterpartyAccountTail = counterpartyAccountTail
        self.memo = memo
        self.status = status
        self.topUpId = topUpId
        self.topUpNumber = topUpNumber
        self.topUpAmount = topUpAmount
        self.partnerCode = partnerCode
        self.ignoreReason = ignoreReason
        self.decidedAt = decidedAt
    }
}

/// A name (and account) a partner pays from, so a bank line from it can be suggested for its top-ups.
public struct PartnerPayer: Sendable, Hashable {
    public let id: String
    public let partnerId: String
    public let name: String
    /// The last four digits of the account ("" for a name alone); the number itself stays encrypted.
    public let accountTail: String

    /// Creates a payer.
    public init(id: String, partnerId: String, name: String, accountTail: String) {
        self.id = id
        self.partnerId = partnerId
        self.name = name
        self.accountTail = accountTail
    }

    /// How a payer's name is compared: no spaces or brackets, so `深圳市 某某(有限)公司` finds `深圳市某某有限公司`.
    public static func nameKey(_ name: String) -> String {
        name.filter { !$0.isWhitespace && !"()（）·.".contains($0) }.lowercased()
    }

    /// An account number's last four digits.
    public static func tail(_ account: String) -> String {
        String(account.filter { $0.isASCII && $0.isNumber }.suffix(4))
    }
}
