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

/// One line of an order: the product as it was when ordered, and what came back.
public struct OrderLineRecord: Sendable, Hashable {
    public var lineNumber: Int
    public var productId: String
    public var sku: String
    public var productName: String
    public var unit: String
    public var packSize: Int64
    public var unitPrice: Money
    public var quantity: Int64
    /// Units refunded after a return.
    public var returnedQuantity: Int64
    /// The product's commission override when the order was placed (nil: the rule's rates).
    public var commissionOverride: CommissionOverride?
    /// The promotion that set the unit price, if any, and the price without it.
    public var promotionId: String?
    public var regularUnitPrice: Money?

    /// Creates a line.
    public init(
        lineNumber: Int, productId: String, sku: String, productName: String, unit: String, packSize: Int64, unitPrice: Money,
        quantity: Int64, returnedQuantity: Int64, commissionOverride: CommissionOverride?, promotionId: String? = nil, regularUnitPrice: Money? = nil
    ) {
        self.promotionId = promotionId
        self.regularUnitPrice = regularUnitPrice
        self.lineNumber = lineNumber
        self.productId = productId
        self.sku = sku
        self.productName = productName
        self.unit = unit
        self.packSize = packSize
        self.unitPrice = unitPrice
        self.quantity = quantity
        self.returnedQuantity = returnedQuantity
        self.commissionOverride = commissionOverride
    }

    /// quantity × unit price.
    public var gross: Money { unitPrice.times(quantity) }

    /// The line as the amount arithmetic sees it, keeping `quantity − returned`.
    public var amountLine: AmountLine { AmountLine(unitPrice: unitPrice, quantity: quantity, keptQuantity: quantity - returnedQuantity) }
}

/// How an order was or will be paid.
public enum PaymentMethod: String, Sendable, Codable, CaseIterable {
    /// From the partner's prepaid balance (purchase orders).
    case prepaid
    /// Through a payment provider, confirmed with a payment reference (referral orders).
    case external
}

/// An order with its lines.
public struct OrderRecord: Sendable, Hashable {
    public var id: String
    public var number: String
    public var kind: OrderKind
    /// The buyer of a purchase order, or the partner a referral order is attributed to.
    public var partnerId: String
    /// The partner's tree path when the order was paid (the commission chain is read from it).
    public var partnerPathAtPayment: String?
    public var buyerLevel: Int?
    public var status: OrderStatus
    public var gross: Money
    public var discountRate: Rate
    public var discount: Money
    public var net: Money
    public var refunded: Money
    public var paymentMethod: PaymentMethod
    public var paymentReference: String?
    public var shipName: String
    public var shipPhone: String
    public var shipAddress: String
    public var carrier: String?
    public var trackingNumber: String?
    public var proofOfDelivery: String?
    public var createdBy: String
    public var createdAt: Date
    public var paidAt: Date?
    public var shippedAt: Date?
    public var deliveredAt: Date?
    public var receivedAt: Date?
    public var completedAt: Date?
    public var cancelledAt: Date?
    public var updatedAt: Date
    public var rowVersion: Int64
    public var lines: [OrderLineRecord]
    /// Whether a paid purchase order holds its stock or waits for HQ stock (a back-order).
    public var allocation: OrderAllocation = .allocated
    /// When it started and stopped waiting.
    public var backorderedAt: Date?
    public var allocatedAt: Date?

    /// Creates a record.
    public init(
        id: String, number: String, kind: OrderKind, partnerId: String, partnerPathAtPayment: String?, buyerLevel: Int?,
        status: OrderStatus, gross: Money, discountRate: Rate, discount: Money, net: Money, refunded: Money,
        paymentMethod: PaymentMethod, paymentReference: String?, shipName: String, shipPhone: String, shipAddress: String,
        carrier: String?, trackingNumber: String?, proofOfDelivery: String?, createdBy: String, createdAt: Date, paidAt: Date?,
        shippedAt: Date?, deliveredAt: Date?, receivedAt: Date?, completedAt: Date?, cancelledAt: Date?, updatedAt: Date,
        rowVersion: Int64, lines: [OrderLineRecord]
    ) {
        self.id = id
        self.number = number
        self.kind = kind
        self.partnerId = partnerId
        self.partnerPathAtPayment = partnerPathAtPayment
        self.buyerLevel = buyerLevel
        self.status = status
        self.gross = gross
        self.discountRate = discountRate
        self.discount = discount
        self.net = net
        self.refunded = refunded
        self.paymentMethod = paymentMethod
        self.paymentReference = paymentReference
        self.shipName = shipName
        self.shipPhone = shipPhone
        self.shipAddress = shipAddress
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.proofOfDelivery = proofOfDelivery
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.paidAt = paidAt
        self.shippedAt = shippedAt
        self.deliveredAt = deliveredAt
        self.receivedAt = receivedAt
        self.completedAt = completedAt
        self.cancelledAt = cancelledAt
        self.updatedAt = updatedAt
        self.rowVersion = rowVersion
        self.lines = lines
    }

    /// The lines as the amount arithmetic sees them.
    public var amountLines: [AmountLine] { lines.map(\.amountLine) }
}

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

/// A saved shipping address (常用地址).
public struct AddressRecord: Sendable, Hashable {
    public var id: String
    public var partnerId: String
    public var label: String
    public var recipientName: String
    public var phone: String
    public var province: String
    public var city: String
    public var district: String
    public var detail: String
    public var isDefault: Bool

    /// Creates a record.
    public init(
        id: String, partnerId: String, label: String, recipientName: String, phone: String, province: String, city: String,
        district: String, detail: String, isDefault: Bool
    ) {
        self.id = id
        self.partnerId = partnerId
        self.label = label
        self.recipientName = recipientName
        self.phone = phone
        self.province = province
        self.city = city
        self.district = district
        self.detail = detail
        self.isDefault = isDefault
    }

    /// The address as one line, the way couriers write it.
    public var formattedLine: String { PostalAddress.line([province, city, district, detail]) }

    /// Recipient, phone and address on three lines, ready to paste (one-click copy).
    public func formatted(maskPhone: Bool) -> String {
        "\(recipientName) \(maskPhone ? PersonalDataMask.phone(phone) : phone)\n\(formattedLine)"
    }
}

/// HQ warehouse stock of one product.
public struct StockLevel: Sendable, Hashable {
    public var productId: String
    public var sku: String
    public var productName: String
    public var onHand: Int64
    public var reserved: Int64

    /// Creates a level.
    public init(productId: String, sku: String, productName: String, onHand: Int64, reserved: Int64) {
        self.productId = productId
        self.sku = sku
        self.productName = productName
        self.onHand = onHand
        self.reserved = reserved
    }

    /// Units that can still be promised to new orders.
    public var available: Int64 { onHand - reserved }
}

/// Whether a paid purchase order holds its HQ stock.
public enum OrderAllocation: String, Sendable, Codable, CaseIterable {
    /// Its stock is reserved (or it never needed any yet).
    case allocated
    /// Paid while HQ stock could not fill it: it waits, and is filled when stock arrives, quality
    /// partners first, then oldest first (RULES §9).
    case waiting
}
