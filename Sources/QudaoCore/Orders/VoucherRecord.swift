import Foundation

/// An electronic voucher (电子凭证): the immutable record of one step in an order's life.
public struct VoucherRecord: Sendable, Hashable {
    public var orderId: String
    public var sequence: Int64
    public var id: String
    public var event: String
    public var fromStatus: OrderStatus?
    public var toStatus: OrderStatus
    public var occurredAt: Date
    public var actorAccountId: String?
    public var actorName: String
    public var sourceIP: String
    /// JSON: payment reference, carrier and tracking number, proof of delivery, return details…
    public var payloadJSON: String
    public var previousHash: String
    public var rowHash: String

    /// Creates a record.
    public init(
        orderId: String, sequence: Int64, id: String, event: String, fromStatus: OrderStatus?, toStatus: OrderStatus, occurredAt: Date,
        actorAccountId: String?, actorName: String, sourceIP: String, payloadJSON: String, previousHash: String, rowHash: String
    ) {
        self.orderId = orderId
        self.sequence = sequence
        self.id = id
        self.event = event
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.occurredAt = occurredAt
        self.actorAccountId = actorAccountId
        self.actorName = actorName
        self.sourceIP = sourceIP
        self.payloadJSON = payloadJSON
        self.previousHash = previousHash
        self.rowHash = rowHash
    }
}
