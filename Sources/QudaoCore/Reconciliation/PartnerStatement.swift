import Foundation

/// The accounts a partner statement (对账单) covers, RULES §8: every account the partner holds.
public enum StatementAccountKind: String, Sendable, Codable, CaseIterable {
    /// The prepaid balance (预存款).
    case prepaid
    /// Commission HQ owes the partner from settlement statements until paid (应付佣金).
    case commissionPayable = "commission_payable"
}

/// One movement of an account in the month, as the partner reads it.
public struct StatementMovement: Sendable, Hashable, Codable {
    /// The ledger entry, so a dispute can name the line.
    public let entryId: Int64
    /// When it was posted, in business time (`yyyy-MM-dd HH:mm`).
    public let postedAt: String
    /// The document behind it (PO-…, TU-…, RT-…, ST-…), empty for a manual adjustment.
    public let documentNumber: String
    /// What it was, in Chinese.
    public let description: String
    /// Signed: a credit to the partner is positive.
    public let amount: Money
    /// The account's balance after it.
    public let balanceAfter: Money

    /// Creates a movement.
    public init(entryId: Int64, postedAt: String, documentNumber: String, description: String, amount: Money, balanceAfter: Money) {
        self.entryId = entryId
        self.postedAt = postedAt
        self.documentNumber = documentNumber
        self.description = description
        self.amount = amount
        self.balanceAfter = balanceAfter
    }
}

/// One account on a statement: opening + Σ movements = closing, exactly.
public struct StatementAccount: Sendable, Hashable, Codable {
    public let kind: StatementAccountKind
    public let opening: Money
    public let movements: [StatementMovement]
    public let closing: Money

    /// Creates an account section.
    public init(kind: StatementAccountKind, opening: Money, movements: [StatementMovement], closing: Money) {
        self.kind = kind
        self.opening = opening
        self.movements = movements
        self.closing = closing
    }

    /// Whether the movements explain the closing balance, and each running balance follows the last.
    public var balances: Bool {
        var running = opening
        for movement in movements {
            running = running + movement.amount
            if running != movement.balanceAfter { return false }
        }
        return running == closing
    }
}

/// An order on a statement: one the partner placed, or a referral order attributed to it, in the month.
public struct StatementOrder: Sendable, Hashable, Codable {
    public let number: String
    /// `purchase` or `referral`.
    public let kind: String
    /// When it was placed (`yyyy-MM-dd`).
    public let placedOn: String
    /// Its status now, in Chinese.
    public let status: String
    public let net: Money

    /// Creates an order line.
    public init(number: String, kind: String, placedOn: String, status: String, net: Money) {
        self.number = number
        self.kind = kind
        self.placedOn = placedOn
        self.status = status
        self.net = net
    }
}

/// A return refunded in the month.
public struct StatementReturn: Sendable, Hashable, Codable {
    public let number: String
    public let orderNumber: String
    public let refundedOn: String
    public let refund: Money

    /// Creates a return line.
    public init(number: String, orderNumber: String, refundedOn: String, refund: Money) {
        self.number = number
        self.orderNumber = orderNumber
        self.refundedOn = refundedOn
        self.refund = refund
    }
}

/// The commission settled for the month: its settlement statement (ST-…), if the partner earned any.
public struct StatementCommission: Sendable, Hashable, Codable {
    public let statementNumber: String
    public let commission: Money
    public let bonus: Money
    public let net: Money
    public let recordCount: Int64

    /// Creates the commission section.
    public init(statementNumber: String, commission: Money, bonus: Money, net: Money, recordCount: Int64) {
        self.statementNumber = statementNumber
        self.commission = commission
        self.bonus = bonus
        self.net = net
        self.recordCount = recordCount
    }
}

/// What a partner statement says: the part both sides sign off, rendered canonically and hashed so
/// either can prove which version it saw (RULES §8).
public struct PartnerStatementContent: Sendable, Hashable, Codable {
    public let partnerCode: String
    public let partnerName: String
    /// `2026-11`.
    public let month: String
    /// Which version for the partner and month: 1, then 2 when reissued after a dispute.
    public let version: Int
    public let accounts: [StatementAccount]
    public let orders: [StatementOrder]
    public let returns: [StatementReturn]
    public let commission: StatementCommission?

    /// Creates content.
    public init(
        partnerCode: String, partnerName: String, month: String, version: Int, accounts: [StatementAccount], orders: [StatementOrder],
        returns: [StatementReturn], commission: StatementCommission?
    ) {
        self.partnerCode = partnerCode
        self.partnerName = partnerName
        self.month = month
        self.version = version
        self.accounts = accounts
        self.orders = orders
        self.returns = returns
        self.commission = commission
    }

    /// The account section of a kind.
    public func account(_ kind: StatementAccountKind) -> StatementAccount? {
        accounts.first { $0.kind == kind }
    }

    /// Whether anything happened: a movement or an order. A month without either issues no statement.
    public var hasActivity: Bool {
        accounts.contains { !$0.movements.isEmpty } || !orders.isEmpty || !returns.isEmpty || commission != nil
    }

    /// The canonical rendering the hash is taken over: JSON with sorted keys and no spaces, amounts in
    /// fen. Any change to a figure, a line or a word changes it.
    public func canonicalData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A partner statement as stored: the content, its hash and where it is in its life (RULES §8).
public struct PartnerStatementRecord: Sendable, Hashable {
    /// `issued → confirmed`, `issued → disputed → resolved → reissued` (a new version is issued).
    public enum Status: String, Sendable, Codable, CaseIterable {
        case issued, confirmed, disputed, resolved, reissued
    }

    public let id: String
    /// RS-YYYYMM-NNNNNNN.
    public let number: String
    public let partnerId: String
    public let month: String
    public let version: Int
    public var status: Status
    public let content: PartnerStatementContent
    /// SHA-256 of the canonical content, hex.
    public let contentHash: String
    public let issuedAt: Date
    public let issuedByAccountId: String?
    public var confirmedAt: Date?
    public var confirmedByAccountId: String?
    public var autoConfirmed: Bool
    public var replacedById: String?

    /// Creates a record.
    public init(
        id: String, number: String, partnerId: String, month: String, version: Int, status: Status, content: PartnerStatementContent,
        contentHash: String, issuedAt: Date, issuedByAccountId: String?, confirmedAt: Date? = nil, confirmedByAccountId: String? = nil,
        autoConfirmed: Bool = false, replacedById: String? = nil
    ) {
        self.id = id
        self.number = number
        self.partnerId = partnerId
        self.month = month
        self.version = version
        self.status = status
        self.content = content
        self.contentHash = contentHash
        self.issuedAt = issuedAt
        self.issuedByAccountId = issuedByAccountId
        self.confirmedAt = confirmedAt
        self.confirmedByAccountId = confirmedByAccountId
        self.autoConfirmed = autoConfirmed
        self.replacedById = replacedById
    }
}

/// Which partner statements a list shows.
public struct PartnerStatementFilter: Sendable, Hashable {
    public var partnerId: String?
    public var month: String?
    public var status: PartnerStatementRecord.Status?

    /// Creates a filter.
    public init(partnerId: String? = nil, month: String? = nil, status: PartnerStatementRecord.Status? = nil) {
        self.partnerId = partnerId
        self.month = month
        self.status = status
    }
}

/// HQ's reconciliation settings: how many days an unanswered statement waits before it is
/// confirmed automatically (RULES §8's N).
public struct ReconciliationSettings: Sendable, Hashable, Codable {
    public var autoConfirmDays: Int

    /// Creates settings.
    public init(autoConfirmDays: Int) {
        self.autoConfirmDays = autoConfirmDays
    }

    /// N = 10, as RULES §8 says.
    public static let defaults = ReconciliationSettings(autoConfirmDays: 10)
    /// At least 3 days, so the reminder two days before comes after the statement; at most 60.
    public static let autoConfirmDaysRange: ClosedRange<Int64> = 3...60

    /// What is wrong with the settings, field by field.
    public func problems() -> [FieldError] {
        Self.autoConfirmDaysRange.contains(Int64(autoConfirmDays))
            ? []
            : [
                FieldError(
                    field: "autoConfirmDays",
                    problem: .outOfRange(minimum: Self.autoConfirmDaysRange.lowerBound, maximum: Self.autoConfirmDaysRange.upperBound))
            ]
    }
}
