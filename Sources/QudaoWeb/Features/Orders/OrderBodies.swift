import Foundation
import QudaoApp
import QudaoCore

/// JSON bodies of the order endpoints.

struct OrderLineRequest: Decodable {
    let productId: String?
    let quantity: IntegerInput?

    var input: OrderLineInput { OrderLineInput(product: productId, quantity: quantity ?? .missing) }
}

struct ShippingRequest: Decodable {
    let addressId: String?
    let name: String?
    let phone: String?
    let province: String?
    let city: String?
    let district: String?
    let detail: String?

    var input: ShippingInput {
        ShippingInput(addressId: addressId, name: name, phone: phone, province: province, city: city, district: district, detail: detail)
    }
}

struct QuoteRequest: Decodable {
    let lines: [OrderLineRequest]?
}

struct PlaceOrderRequest: Decodable {
    let lines: [OrderLineRequest]?
    let shipping: ShippingRequest?
    /// The partner's payment password, required when the quote says `paymentPasswordRequired`.
    let paymentPassword: String?
}

struct ReferralOrderRequest: Decodable {
    let referralCode: String?
    let lines: [OrderLineRequest]?
    let consumer: ShippingRequest?
}

struct PaymentRequest: Decodable {
    let paymentReference: String?
}

struct ShipRequest: Decodable {
    let carrier: String?
    let trackingNumber: String?
}

struct DeliverRequest: Decodable {
    let trackingNumber: String?
    let proofOfDelivery: String?
}

struct QuoteLineResponse: Codable {
    let productId: String
    let sku: String
    let name: String
    let quantity: Int64
    let unitPriceFen: Int64
    let grossFen: Int64
}

struct QuoteResponse: Codable {
    let lines: [QuoteLineResponse]
    let grossFen: Int64
    let discountRateBp: Int64
    let discountFen: Int64
    let netFen: Int64
    let balanceFen: Int64
    let balanceAfterFen: Int64
    /// Whether placing this order needs the partner's payment password.
    let paymentPasswordRequired: Bool

    init(_ quote: OrderQuote) {
        lines = quote.lines.map {
            QuoteLineResponse(
                productId: $0.product.id, sku: $0.product.sku, name: $0.product.name, quantity: $0.quantity, unitPriceFen: $0.unitPrice.fen,
                grossFen: $0.gross.fen)
        }
        grossFen = quote.amounts.gross.fen
        discountRateBp = quote.amounts.discountRate.basisPoints
        discountFen = quote.amounts.discount.fen
        netFen = quote.amounts.net.fen
        balanceFen = quote.balance.fen
        balanceAfterFen = quote.balanceAfter.fen
        paymentPasswordRequired = quote.paymentPasswordRequired
    }
}

struct OrderLineResponse: Codable {
    let lineNumber: Int
    let productId: String
    let sku: String
    let name: String
    let unit: String
    let unitPriceFen: Int64
    let quantity: Int64
    let returnedQuantity: Int64
    let grossFen: Int64
    /// The promotion that set the unit price, and the price without it.
    var promotionId: String? = nil
    var regularUnitPriceFen: Int64? = nil
}

struct OrderResponse: Codable {
    let id: String
    let number: String
    let kind: OrderKind
    let partnerId: String
    let status: OrderStatus
    let grossFen: Int64
    let discountRateBp: Int64
    let discountFen: Int64
    let netFen: Int64
    let refundedFen: Int64
    let paymentMethod: PaymentMethod
    let paymentReference: String?
    let shipName: String
    let shipPhoneMasked: String
    let shipAddress: String
    let carrier: String?
    let trackingNumber: String?
    let createdAt: Date
    let paidAt: Date?
    let shippedAt: Date?
    let deliveredAt: Date?
    let receivedAt: Date?
    let completedAt: Date?
    let cancelledAt: Date?
    let lines: [OrderLineResponse]?
    let returns: [ReturnResponse]?
    /// `waiting` for a paid purchase order that HQ stock could not fill yet (a back-order).
    let allocation: OrderAllocation
    let backorderedAt: Date?
    let allocatedAt: Date?

    init(_ order: OrderRecord, returns: [ReturnRecord]? = nil) {
        allocation = order.allocation
        backorderedAt = order.backorderedAt
        allocatedAt = order.allocatedAt
        id = order.id
        number = order.number
        kind = order.kind
        partnerId = order.partnerId
        status = order.status
        grossFen = order.gross.fen
        discountRateBp = order.discountRate.basisPoints
        discountFen = order.discount.fen
        netFen = order.net.fen
        refundedFen = order.refunded.fen
        paymentMethod = order.paymentMethod
        paymentReference = order.paymentReference
        shipName = order.shipName
        shipPhoneMasked = PersonalDataMask.phone(order.shipPhone)
        shipAddress = order.shipAddress
        carrier = order.carrier
        trackingNumber = order.trackingNumber
        createdAt = order.createdAt
        paidAt = order.paidAt
        shippedAt = order.shippedAt
        deliveredAt = order.deliveredAt
        receivedAt = order.receivedAt
        completedAt = order.completedAt
        cancelledAt = order.cancelledAt
        lines =
            order.lines.isEmpty
            ? nil
            : order.lines.map {
                OrderLineResponse(
                    lineNumber: $0.lineNumber, productId: $0.productId, sku: $0.sku, name: $0.productName, unit: $0.unit,
                    unitPriceFen: $0.unitPrice.fen,
                    quantity: $0.quantity, returnedQuantity: $0.returnedQuantity, grossFen: $0.gross.fen, promotionId: $0.promotionId,
                    regularUnitPriceFen: $0.regularUnitPrice?.fen)
            }
        self.returns = returns.map { $0.map(ReturnResponse.init) }
    }
}

struct VoucherResponse: Codable {
    let sequence: Int64
    let id: String
    let event: String
    let fromStatus: String?
    let toStatus: String
    let occurredAt: Date
    let actor: String
    let sourceIP: String
    let payload: String
    let rowHash: String

    init(_ voucher: VoucherRecord) {
        sequence = voucher.sequence
        id = voucher.id
        event = voucher.event
        fromStatus = voucher.fromStatus?.rawValue
        toStatus = voucher.toStatus.rawValue
        occurredAt = voucher.occurredAt
        actor = voucher.actorName
        sourceIP = voucher.sourceIP
        payload = voucher.payloadJSON
        rowHash = voucher.rowHash
    }
}

struct ReferralOrderResponse: Codable {
    let order: OrderResponse
    let consumerToken: String
    let consumerUrl: String
}
