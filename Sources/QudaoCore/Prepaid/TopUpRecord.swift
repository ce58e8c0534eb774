import Foundation

/// A top-up request (充值申请) and what became of it.
public struct TopUpRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending
        case confirmed
        case rejected
    }

    public var id: String
    public var number: String
    public var partnerId: String
    public var amount: Money
    public var bonus: Money
    public var bankReference: String
    public var proofFileId: String?
    public var note: String
    public var status: Status
    public var requestedBy: String
    public var requestedAt: Date
    public var decidedBy: String?
    public var decidedAt: Date?
    public var rejectionReason: String?
    public var rowVersion: Int64

    /// Creates a record.
    public init(
        id: String, number: String, partnerId: String, amount: Money, bonus: Money, bankReference: String, proofFileId: String?,
        note: String, status: Status, requestedBy: String, requestedAt: Date, decidedBy: String?, decidedAt: Date?,
        rejectionReason: String?, rowVersion: Int64
    ) {
        self.id = id
        self.number = number
        self.partnerId = partnerId
        self.amount = amount
        self.bonus = bonus
        self.bankReference = bankReference
        self.proofFileId = proofFileId
        self.note = note
        self.status = status
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.rejectionReason = rejectionReason
        self.rowVersion = rowVersion
    }
}
