import Foundation

/// A commission record as stored: one beneficiary's commission on one order, an adjustment after a
/// return, or a monthly bonus.
public struct CommissionRecord: Sendable, Hashable {
    public var id: String
    public var kind: CommissionKind
    public var orderId: String?
    public var partnerId: String
    public var position: Int?
    /// For bonuses: the month, `2026-10`.
    public var month: String?
    public var base: Money
    public var amount: Money
    public var ruleVersion: Int64
    public var state: CommissionState
    public var settleableAt: Date?
    public var statementId: String?
    /// JSON of ``CommissionExplanation`` (or of the bonus's sales figure).
    public var explanationJSON: String
    public var createdAt: Date

    /// Creates a record.
    public init(
        id: String, kind: CommissionKind, orderId: String?, partnerId: String, position: Int?, month: String?, base: Money, amount: Money,
        ruleVersion: Int64, state: CommissionState, settleableAt: Date?, statementId: String?, explanationJSON: String, createdAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.orderId = orderId
        self.partnerId = partnerId
        self.position = position
        self.month = month
        self.base = base
        self.amount = amount
        self.ruleVersion = ruleVersion
        self.state = state
        self.settleableAt = settleableAt
        self.statementId = statementId
        self.explanationJSON = explanationJSON
        self.createdAt = createdAt
    }
}

/// How a statement is paid out (RULES §7).
public enum PayoutMethod: String, Sendable, Codable, CaseIterable {
    /// Credited to the prepaid balance at once.
    case prepaid
    /// By bank transfer: HQ finance exports a payout file and marks each paid or failed.
    case bank
}

/// A settlement statement (结算单) for one partner and month.
public struct StatementRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case paid
        case pendingPayout = "pending_payout"
        case payoutFailed = "payout_failed"
    }

    public var id: String
    public var number: String
    public var partnerId: String
    public var month: String
    public var commission: Money
    public var bonus: Money
    public var net: Money
    public var recordCount: Int64
    public var payoutMethod: PayoutMethod
    public var status: Status
    public var failureReason: String?
    public var createdAt: Date
    public var paidAt: Date?

    /// Creates a record.
    public init(
        id: String, number: String, partnerId: String, month: String, commission: Money, bonus: Money, net: Money, recordCount: Int64,
        payoutMethod: PayoutMethod, status: Status, failureReason: String?, createdAt: Date, paidAt: Date?
    ) {
        self.id = id
        self.number = number
        self.partnerId = partnerId
        self.month = month
        self.commission = commission
        self.bonus = bonus
        self.net = net
        self.recordCount = recordCount
        self.payoutMethod = payoutMethod
        self.status = status
        self.failureReason = failureReason
        self.createdAt = createdAt
        self.paidAt = paidAt
    }
}

/// Where a partner's commission goes.
public struct PayoutSettings: Sendable, Hashable {
    public var method: PayoutMethod
    public var accountName: String?
    public var bankName: String?
    /// The decrypted account number; shown masked.
    public var accountNumber: String?

    /// Creates settings.
    public init(method: PayoutMethod, accountName: String?, bankName: String?, accountNumber: String?) {
        self.method = method
        self.accountName = accountName
        self.bankName = bankName
        self.accountNumber = accountNumber
    }
}
