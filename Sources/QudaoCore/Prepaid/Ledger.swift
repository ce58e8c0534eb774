/// Which side of an account an entry is on.
public enum LedgerDirection: String, Sendable, Codable, CaseIterable {
    case debit
    case credit
}

/// The ledger's accounts. A partner's prepaid balance is a liability of HQ to the partner
/// (credit-normal); HQ's own accounts record where the money came from and went.
public enum LedgerAccount: Sendable, Hashable, CustomStringConvertible {
    /// A partner's prepaid balance (预存款), credit-normal, never below zero.
    case prepaid(partnerId: String)
    /// Money HQ received or paid out through the bank or a payment provider (asset, debit-normal).
    case bank
    /// Order revenue at gross amounts (revenue, credit-normal).
    case sales
    /// Prepaid discounts granted on purchase orders (contra-revenue, debit-normal).
    case prepaidDiscount
    /// Top-up rebates (返利) granted (expense, debit-normal).
    case topUpBonus
    /// Manual credits and debits by HQ finance (expense, debit-normal).
    case adjustments
    /// Commission HQ owes a partner from settlement statements, until paid out (liability, credit-normal).
    case commissionPayable(partnerId: String)
    /// Commission and monthly bonuses HQ pays (expense, debit-normal).
    case commissionExpense

    /// The account's code as stored: `prepaid:<partner id>` or `hq:<name>`.
    public var code: String {
        switch self {
        case .prepaid(let partnerId): "prepaid:\(partnerId)"
        case .bank: "hq:bank"
        case .sales: "hq:sales"
        case .prepaidDiscount: "hq:prepaid_discount"
        case .topUpBonus: "hq:topup_bonus"
        case .adjustments: "hq:adjustments"
        case .commissionPayable(let partnerId): "commission:\(partnerId)"
        case .commissionExpense: "hq:commission_expense"
        }
    }

    /// The side on which the account grows.
    public var normalSide: LedgerDirection {
        switch self {
        case .prepaid, .sales, .commissionPayable: .credit
        case .bank, .prepaidDiscount, .topUpBonus, .adjustments, .commissionExpense: .debit
        }
    }

    /// Whether the account's balance must never go below zero (guarded in SQL).
    public var mayNotGoNegative: Bool {
        switch self {
        case .prepaid, .commissionPayable: true
        default: false
        }
    }

    /// The partner a per-partner account belongs to.
    public var partnerId: String? {
        switch self {
        case .prepaid(let partnerId), .commissionPayable(let partnerId): partnerId
        default: nil
        }
    }

    /// HQ's accounts, which exist from the first migration on.
    public static let hqAccounts: [LedgerAccount] = [.bank, .sales, .prepaidDiscount, .topUpBonus, .adjustments]
    /// HQ's accounts added with the commission engine.
    public static let commissionAccounts: [LedgerAccount] = [.commissionExpense]

    public var description: String { code }
}

/// One line of a posting: an amount on one side of one account.
public struct LedgerEntry: Sendable, Hashable {
    public let account: LedgerAccount
    public let direction: LedgerDirection
    /// Always positive.
    public let amount: Money

    /// Creates an entry.
    public init(_ direction: LedgerDirection, _ account: LedgerAccount, _ amount: Money) {
        self.account = account
        self.direction = direction
        self.amount = amount
    }

    /// How the entry changes the account's balance, seen from the account's normal side.
    public var balanceChange: Money {
        direction == account.normalSide ? amount : -amount
    }
}

/// What caused a posting; shown on statements and used to find the posting of a business event.
public enum PostingKind: String, Sendable, Codable, CaseIterable {
    case topUp = "top_up"
    case topUpBonus = "top_up_bonus"
    case purchasePayment = "purchase_payment"
    case referralPayment = "referral_payment"
    case refund
    case manualCredit = "manual_credit"
    case manualDebit = "manual_debit"
    case commissionStatement = "commission_statement"
    case commissionPayout = "commission_payout"
    /// A correction HQ finance accepted from a partner's statement dispute (对账差异调整).
    case statementCorrection = "statement_correction"
}

/// A balanced double-entry transaction, ready to be posted. It can only be made balanced:
/// Σ debits = Σ credits, every amount positive (zero-amount lines are dropped).
public struct LedgerPosting: Sendable, Hashable {
    public let kind: PostingKind
    public let entries: [LedgerEntry]
    /// The business object it belongs to, e.g. an order or a top-up id.
    public let reference: String
    public let memo: String

    /// Makes a posting, or nil when every line is zero (nothing to post).
    ///
    /// - Precondition: the lines balance and none is negative; a violation is a programming error.
    public init?(kind: PostingKind, reference: String, memo: String, entries: [LedgerEntry]) {
        precondition(entries.allSatisfy { $0.amount.fen >= 0 }, "ledger amounts are never negative")
        let lines = entries.filter { $0.amount.fen > 0 }
        guard !lines.isEmpty else { return nil }
        let debits = lines.filter { $0.direction == .debit }.map(\.amount).sum()
        let credits = lines.filter { $0.direction == .credit }.map(\.amount).sum()
        precondition(debits == credits, "a posting must balance: debits \(debits.fen) ≠ credits \(credits.fen)")
        self.kind = kind
        self.entries = lines
        self.reference = reference
        self.memo = memo
    }

    /// The total moved: Σ debits (= Σ credits).
    public var amount: Money { entries.filter { $0.direction == .debit }.map(\.amount).sum() }

    /// The change to a partner's prepaid balance.
    public func prepaidChange(partnerId: String) -> Money {
        entries.filter { $0.account == .prepaid(partnerId: partnerId) }.map(\.balanceChange).sum()
    }
}

/// The postings of each money movement (RULES §6, §8).
public enum Postings {
    /// A confirmed top-up: the money arrived at the bank and is owed to the partner.
    public static func topUp(partnerId: String, amount: Money, reference: String) -> LedgerPosting? {
        LedgerPosting(
            kind: .topUp, reference: reference, memo: "top-up",
            entries: [LedgerEntry(.debit, .bank, amount), LedgerEntry(.credit, .prepaid(partnerId: partnerId), amount)])
    }

    /// The rebate (返利) on a top-up, a separate credit beside it.
    public static func topUpBonus(partnerId: String, bonus: Money, reference: String) -> LedgerPosting? {
        LedgerPosting(
            kind: .topUpBonus, reference: reference, memo: "top-up rebate",
            entries: [LedgerEntry(.debit, .topUpBonus, bonus), LedgerEntry(.credit, .prepaid(partnerId: partnerId), bonus)])
    }

    /// A purchase order paid from the prepaid balance: revenue at gross, the discount granted,
    /// and the net taken from the partner's balance.
    public static func purchasePayment(partnerId: String, amounts: OrderAmounts, reference: String) -> LedgerPosting? {
        LedgerPosting(
            kind: .purchasePayment, reference: reference, memo: "purchase order payment",
            entries: [
                LedgerEntry(.debit, .prepaid(partnerId: partnerId), amounts.net),
                LedgerEntry(.debit, .prepaidDiscount, amounts.discount),
                LedgerEntry(.credit, .sales, amounts.gross),
            ])
    }

    /// A referral order paid by the consumer through a payment provider.
    public static func referralPayment(amounts: OrderAmounts, reference: String) -> LedgerPosting? {
        precondition(amounts.discount == .zero, "referral orders are sold at list price, without a prepaid discount")
        return LedgerPosting(
            kind: .referralPayment, reference: reference, memo: "referral order payment",
            entries: [LedgerEntry(.debit, .bank, amounts.net), LedgerEntry(.credit, .sales, amounts.gross)])
    }

    /// A refund (cancellation or return): the reverse of the payment for the part given back.
    /// Prepaid-paid orders are refunded to the prepaid balance, others through the bank.
    public static func refund(partnerId: String?, refund: RefundAmounts, reference: String) -> LedgerPosting? {
        let destination: LedgerAccount = partnerId.map { .prepaid(partnerId: $0) } ?? .bank
        return LedgerPosting(
            kind: .refund, reference: reference, memo: "refund",
            entries: [
                LedgerEntry(.debit, .sales, refund.gross),
                LedgerEntry(.credit, .prepaidDiscount, refund.discount),
                LedgerEntry(.credit, destination, refund.net),
            ])
    }

    /// A manual credit or debit by HQ finance.
    public static func manual(partnerId: String, amount: Money, credit: Bool, reference: String, memo: String) -> LedgerPosting? {
        let prepaid = LedgerAccount.prepaid(partnerId: partnerId)
        return LedgerPosting(
            kind: credit ? .manualCredit : .manualDebit, reference: reference, memo: memo,
            entries: credit
                ? [LedgerEntry(.debit, .adjustments, amount), LedgerEntry(.credit, prepaid, amount)]
                : [LedgerEntry(.debit, prepaid, amount), LedgerEntry(.credit, .adjustments, amount)])
    }

    /// A settlement statement: the month's net commission becomes payable to the partner.
    public static func commissionStatement(partnerId: String, net: Money, reference: String) -> LedgerPosting? {
        LedgerPosting(
            kind: .commissionStatement, reference: reference, memo: "commission statement",
            entries: [LedgerEntry(.debit, .commissionExpense, net), LedgerEntry(.credit, .commissionPayable(partnerId: partnerId), net)])
    }

    /// A correction accepted from a statement dispute: `change` (signed, as the partner's balance
    /// moves) on the partner's prepaid or commission-payable account, against HQ's adjustments, with
    /// the dispute's id as reference and its number in the memo.
    public static func statementCorrection(account: LedgerAccount, change: Money, reference: String, memo: String) -> LedgerPosting? {
        precondition(account.partnerId != nil, "a statement correction moves a partner's account")
        let amount = change.fen < 0 ? -change : change
        return LedgerPosting(
            kind: .statementCorrection, reference: reference, memo: memo,
            entries: change.fen > 0
                ? [LedgerEntry(.debit, .adjustments, amount), LedgerEntry(.credit, account, amount)]
                : [LedgerEntry(.debit, account, amount), LedgerEntry(.credit, .adjustments, amount)])
    }

    /// Paying a statement out: to the partner's prepaid balance, or through the bank.
    public static func commissionPayout(partnerId: String, amount: Money, toPrepaid: Bool, reference: String) -> LedgerPosting? {
        LedgerPosting(
            kind: .commissionPayout, reference: reference,
            memo: toPrepaid ? "commission paid to prepaid balance" : "commission paid by bank transfer",
            entries: [
                LedgerEntry(.debit, .commissionPayable(partnerId: partnerId), amount),
                LedgerEntry(.credit, toPrepaid ? .prepaid(partnerId: partnerId) : .bank, amount),
            ])
    }
}
