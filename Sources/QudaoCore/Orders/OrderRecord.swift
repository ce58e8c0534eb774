import Foundation

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

/// Whether a paid purchase order holds its HQ stock.
public enum OrderAllocation: String, Sendable, Codable, CaseIterable {
    /// Its stock is reserved (or it never needed any yet).
    case allocated
    /// Paid while HQ stock could not fill it: it waits, and is filled when stock arrives, quality
    /// partners first, then oldest first (RULES §9).
    case waiting
}
