import Foundation

/// What a dispute line names on the statement: one movement of an account, or one of the month's orders.
public enum DisputedItem: Sendable, Hashable {
    /// A ledger movement, by its entry id (the statement shows it).
    case movement(entryId: Int64)
    /// An order of the month, by its number.
    case order(number: String)

    /// The stored kind: `movement` or `order`.
    public var kind: String {
        switch self {
        case .movement: "movement"
        case .order: "order"
        }
    }
}

/// A partner's objection to a statement (有异议, RULES §8): the lines it disputes, each with the
/// amount it believes right, a comment and an optional attachment. HQ finance answers each line;
/// once every line is answered the statement is resolved and a new version is issued.
public struct StatementDispute: Sendable, Hashable {
    /// `open` while a line waits for HQ's answer, `resolved` once each is answered.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, resolved
    }

    public let id: String
    /// DS-YYYYMM-NNNNNNN: the number every correction it causes carries.
    public let number: String
    public let statementId: String
    public let partnerId: String
    public let comment: String
    public let attachmentFileId: String?
    public let attachmentName: String?
    public let raisedByAccountId: String
    public let raisedAt: Date
    public var status: Status
    public var resolvedAt: Date?
    /// The version issued once it was resolved.
    public var reissuedStatementId: String?
    public var lines: [StatementDisputeLine]

    /// Creates a dispute.
    public init(
        id: String, number: String, statementId: String, partnerId: String, comment: String, attachmentFileId: String?, attachmentName: String?,
        raisedByAccountId: String, raisedAt: Date, status: Status, resolvedAt: Date? = nil, reissuedStatementId: String? = nil,
        lines: [StatementDisputeLine]
    ) {
        self.id = id
        self.number = number
        self.statementId = statementId
        self.partnerId = partnerId
        self.comment = comment
        self.attachmentFileId = attachmentFileId
        self.attachmentName = attachmentName
        self.raisedByAccountId = raisedByAccountId
        self.raisedAt = raisedAt
        self.status = status
        self.resolvedAt = resolvedAt
        self.reissuedStatementId = reissuedStatementId
        self.lines = lines
    }

    /// The lines still waiting for HQ's answer.
    public var openLines: [StatementDisputeLine] { lines.filter { $0.status == .open } }
}

/// One disputed line and HQ's answer to it.
public struct StatementDisputeLine: Sendable, Hashable {
    /// `open` until HQ answers: `accepted` (with a correction posted) or `rejected` (with a reply).
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, accepted, rejected
    }

    /// 1, 2, … in the order the partner listed them.
    public let lineNumber: Int
    public let item: DisputedItem
    /// The account a correction of this line is posted to: the movement's, or for an order the
    /// prepaid account (a purchase order is paid from it) or commission payable (a referral order
    /// only earns the partner commission).
    public let account: StatementAccountKind
    /// As the statement shows it, so the line still reads the same once the statement is reissued.
    public let documentNumber: String
    public let description: String
    /// The amount on the statement (signed, as shown), and the amount the partner believes right.
    public let stated: Money
    public let claimed: Money
    public var status: Status
    /// The correction posted when accepted (signed, to the partner's account), and its ledger transaction.
    public var adjustment: Money?
    public var adjustmentTransactionId: String?
    public var reply: String?
    public var answeredByAccountId: String?
    public var answeredAt: Date?

    /// Creates a line.
    public init(
        lineNumber: Int, item: DisputedItem, account: StatementAccountKind, documentNumber: String, description: String, stated: Money,
        claimed: Money, status: Status = .open, adjustment: Money? = nil, adjustmentTransactionId: String? = nil, reply: String? = nil,
        answeredByAccountId: String? = nil, answeredAt: Date? = nil
    ) {
        self.lineNumber = lineNumber
        self.item = item
        self.account = account
        self.documentNumber = documentNumber
        self.description = description
        self.stated = stated
        self.claimed = claimed
        self.status = status
        self.adjustment = adjustment
        self.adjustmentTransactionId = adjustmentTransactionId
        self.reply = reply
        self.answeredByAccountId = answeredByAccountId
        self.answeredAt = answeredAt
    }

    /// The amount it believes right less the amount shown.
    public var difference: Money { claimed - stated }

    /// The correction that gives the partner what it claims, as its balance moves: a movement's
    /// difference; for a purchase order the reverse (a lower price is money back); none for a
    /// referral order, whose net is not the partner's money (HQ finance works out the commission).
    public var suggestedCorrection: Money? {
        switch item {
        case .movement: difference
        case .order: account == .prepaid ? -difference : nil
        }
    }
}

/// A line of a dispute as the partner sends it: the item and the amount it believes right.
public struct DisputeLineInput: Sendable, Hashable {
    /// A movement's entry id, or an order's number.
    public var entryId: Int64?
    public var orderNumber: String?
    public var claimed: AmountInput

    /// Creates a line input.
    public init(entryId: Int64? = nil, orderNumber: String? = nil, claimed: AmountInput) {
        self.entryId = entryId
        self.orderNumber = orderNumber
        self.claimed = claimed
    }
}

/// HQ's answer to one line: accept with a correction, or reject with a reply.
public enum DisputeDecision: String, Sendable, Codable, CaseIterable {
    case accepted, rejected
}
