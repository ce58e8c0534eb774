import Foundation

/// A return request (退货单) for some quantities of some lines.
public struct ReturnRecord: Sendable, Hashable {
    public var id: String
    public var number: String
    public var orderId: String
    public var status: ReturnStatus
    public var reason: String
    /// Booked by HQ after the order completed (an audited exception).
    public var afterCompletion: Bool
    /// Quantities by order line number.
    public var quantities: [Int: Int64]
    public var refund: Money?
    public var rejectionReason: String?
    public var requestedBy: String
    public var requestedAt: Date
    public var decidedAt: Date?
    public var receivedAt: Date?
    public var refundedAt: Date?
    public var rowVersion: Int64

    /// Creates a record.
    public init(
        id: String, number: String, orderId: String, status: ReturnStatus, reason: String, afterCompletion: Bool, quantities: [Int: Int64],
        refund: Money?, rejectionReason: String?, requestedBy: String, requestedAt: Date, decidedAt: Date?, receivedAt: Date?,
        refundedAt: Date?, rowVersion: Int64
    ) {
        self.id = id
        self.number = number
        self.orderId = orderId
        self.status = status
        self.reason = reason
        self.afterCompletion = afterCompletion
        self.quantities = quantities
        self.refund = refund
        self.rejectionReason = rejectionReason
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.decidedAt = decidedAt
        self.receivedAt = receivedAt
        self.refundedAt = refundedAt
        self.rowVersion = rowVersion
    }
}
