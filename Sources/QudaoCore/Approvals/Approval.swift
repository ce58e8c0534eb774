import Foundation

/// Which sensitive HQ actions wait for a second HQ approver (双人复核), a setting HQ admins change.
/// One insider could otherwise publish a rule that pays a friend, point a partner's commission at
/// their own bank account, or credit a balance out of nothing; with the setting on, each needs a
/// second HQ account with finance rights to approve it before it takes effect.
public struct ApprovalPolicy: Sendable, Hashable, Codable {
    /// Publishing a commission rule version (the order windows belong to the rule, so changing
    /// them is a publication too).
    public var commissionRules: Bool
    /// HQ setting a partner's payout to a bank account (a partner owner's own change is guarded
    /// by its payment password instead, and a switch to the prepaid balance pays the partner itself).
    public var payoutAccounts: Bool
    /// A direct prepaid credit above this amount; nil holds none.
    public var prepaidCreditAbove: Money?

    /// The default: payout accounts need a second approver, the rest do not.
    public static let defaults = ApprovalPolicy(commissionRules: false, payoutAccounts: true, prepaidCreditAbove: nil)

    /// Creates a policy.
    public init(commissionRules: Bool, payoutAccounts: Bool, prepaidCreditAbove: Money?) {
        self.commissionRules = commissionRules
        self.payoutAccounts = payoutAccounts
        self.prepaidCreditAbove = prepaidCreditAbove
    }

    /// The largest threshold: a direct credit can never exceed the largest top-up.
    public static let maximumCreditThreshold = PrepaidRules.defaults.maximumTopUp

    /// The problems with this policy, by field.
    public func problems() -> [FieldError] {
        guard let threshold = prepaidCreditAbove, threshold < .zero || threshold > Self.maximumCreditThreshold else { return [] }
        return [FieldError(field: "prepaidCreditAboveFen", problem: .amountOutOfRange(minimumFen: 0, maximumFen: Self.maximumCreditThreshold.fen))]
    }

    /// Whether a direct prepaid credit of `amount` waits for a second approver.
    public func holdsCredit(_ amount: Money) -> Bool {
        prepaidCreditAbove.map { amount > $0 } ?? false
    }
}

/// What a held action will do once approved: everything needed to carry it out, stored encrypted
/// (a bank account number is personal data).
public enum ApprovalChange: Sendable, Hashable, Codable {
    /// Publish this rule version (its version number is given when it is published).
    case commissionRule(CommissionRule)
    /// Set a partner's payout settings.
    case payoutAccount(partnerId: String, method: PayoutMethod, accountName: String?, bankName: String?, accountNumber: String?)
    /// Credit a partner's prepaid balance, with the reason the statement shows.
    case prepaidCredit(partnerId: String, amount: Money, reason: String)

    /// The kind of action.
    public var action: ApprovalAction {
        switch self {
        case .commissionRule: .commissionRule
        case .payoutAccount: .payoutAccount
        case .prepaidCredit: .prepaidCredit
        }
    }

    /// The partner the change is about, if any.
    public var partnerId: String? {
        switch self {
        case .commissionRule: nil
        case .payoutAccount(let partnerId, _, _, _, _), .prepaidCredit(let partnerId, _, _): partnerId
        }
    }

    /// At most one request of this key waits at a time: one rule publication, one payout change per
    /// partner (a second would race the first). Credits have none: two credits are two requests.
    public var exclusiveKey: String? {
        switch self {
        case .commissionRule: "commission_rule"
        case .payoutAccount(let partnerId, _, _, _, _): "payout_account:\(partnerId)"
        case .prepaidCredit: nil
        }
    }
}

/// The kinds of action a second approver may be asked for.
public enum ApprovalAction: String, Sendable, Codable, CaseIterable {
    case commissionRule = "commission_rule"
    case payoutAccount = "payout_account"
    case prepaidCredit = "prepaid_credit"
}

/// A request for a second HQ approver.
public struct ApprovalRequest: Sendable, Hashable {
    /// Where a request is in its life: it waits, then is approved (and carried out in the same
    /// transaction), rejected by another account, or withdrawn by the one who asked.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending, approved, rejected, withdrawn
    }

    public let id: String
    /// The document number people use: AP-YYYYMMDD-NNNNNNN.
    public let number: String
    public let change: ApprovalChange
    /// Why the requester asks (shown to the approver).
    public let note: String?
    public var status: Status
    public let requestedByAccountId: String
    public let requestedAt: Date
    public var decidedByAccountId: String?
    public var decidedAt: Date?
    /// The rejection reason, if any.
    public var decisionNote: String?
    /// What the approved action made: the rule version, the adjustment reference.
    public var resultReference: String?

    /// Creates a request.
    public init(
        id: String, number: String, change: ApprovalChange, note: String?, status: Status, requestedByAccountId: String, requestedAt: Date,
        decidedByAccountId: String? = nil, decidedAt: Date? = nil, decisionNote: String? = nil, resultReference: String? = nil
    ) {
        self.id = id
        self.number = number
        self.change = change
        self.note = note
        self.status = status
        self.requestedByAccountId = requestedByAccountId
        self.requestedAt = requestedAt
        self.decidedByAccountId = decidedByAccountId
        self.decidedAt = decidedAt
        self.decisionNote = decisionNote
        self.resultReference = resultReference
    }
}

/// Which approval requests a list shows.
public struct ApprovalFilter: Sendable, Hashable {
    public var status: ApprovalRequest.Status?
    public var action: ApprovalAction?

    /// Creates a filter.
    public init(status: ApprovalRequest.Status? = nil, action: ApprovalAction? = nil) {
        self.status = status
        self.action = action
    }
}
