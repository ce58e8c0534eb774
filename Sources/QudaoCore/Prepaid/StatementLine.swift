import Foundation

/// One movement on a partner's prepaid statement, with the running balance after it.
public struct StatementLine: Sendable, Hashable {
    public let entryId: Int64
    public let transactionId: String
    public let kind: PostingKind
    public let reference: String
    public let memo: String
    /// Positive when the balance grew.
    public let change: Money
    public let balanceAfter: Money
    public let postedAt: Date

    /// Creates the value.
    public init(entryId: Int64, transactionId: String, kind: PostingKind, reference: String, memo: String, change: Money, balanceAfter: Money, postedAt: Date) {
        self.entryId = entryId
        self.transactionId = transactionId
        self.kind = kind
        self.reference = reference
        self.memo = memo
        self.change = change
        self.balanceAfter = balanceAfter
        self.postedAt = postedAt
    }
}
