import Foundation
import QudaoApp
import QudaoCore
import QudaoStore

/// JSON bodies of the money-path endpoints.

struct LineBody: Decodable {
    let productId: String?
    let quantity: IntegerInput?

    var input: OrderLineInput { OrderLineInput(product: productId, quantity: quantity ?? .missing) }
}

struct ShippingBody: Decodable {
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
    let lines: [LineBody]?
}

struct PlaceOrderRequest: Decodable {
    let lines: [LineBody]?
    let shipping: ShippingBody?
}

struct ReferralOrderRequest: Decodable {
    let referralCode: String?
    let lines: [LineBody]?
    let consumer: ShippingBody?
}

struct ReasonBody: Decodable {
    let reason: String?
}

struct PaymentBody: Decodable {
    let paymentReference: String?
}

struct ShipBody: Decodable {
    let carrier: String?
    let trackingNumber: String?
}

struct DeliverBody: Decodable {
    let trackingNumber: String?
    let proofOfDelivery: String?
}

struct ReturnLineBody: Decodable {
    let lineNumber: Int?
    let quantity: IntegerInput?
}

struct ReturnRequestBody: Decodable {
    let lines: [ReturnLineBody]?
    let reason: String?
}

struct ProofBody: Decodable {
    let fileName: String?
    let contentType: String?
    let contentBase64: String?
}

struct TopUpRequestBody: Decodable {
    let amountFen: IntegerInput?
    let bankReference: String?
    let note: String?
    let partnerId: String?
    let proof: ProofBody?
}

struct AdjustmentBody: Decodable {
    let partnerId: String?
    let amountFen: IntegerInput?
    let direction: String?
    let reason: String?
}

struct AddressBody: Decodable {
    let label: String?
    let name: String?
    let phone: String?
    let province: String?
    let city: String?
    let district: String?
    let detail: String?
    let isDefault: Bool?

    var shipping: ShippingInput {
        ShippingInput(name: name, phone: phone, province: province, city: city, district: district, detail: detail)
    }
}

struct StockChangeBody: Decodable {
    let productId: String?
    let quantity: IntegerInput?
    let note: String?
}

struct TestClockBody: Codable {
    let now: String
}

struct QuoteLineResponse: Encodable {
    let productId: String
    let sku: String
    let name: String
    let quantity: Int64
    let unitPriceFen: Int64
    let grossFen: Int64
}

struct QuoteResponse: Encodable {
    let lines: [QuoteLineResponse]
    let grossFen: Int64
    let discountRateBp: Int64
    let discountFen: Int64
    let netFen: Int64
    let balanceFen: Int64
    let balanceAfterFen: Int64

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
    }
}

struct OrderLineResponse: Encodable {
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

struct ReturnResponse: Encodable {
    struct Line: Encodable {
        let lineNumber: Int
        let quantity: Int64
    }

    let id: String
    let number: String
    let orderId: String
    let status: String
    let reason: String
    let afterCompletion: Bool
    let lines: [Line]
    let refundFen: Int64?
    let rejectionReason: String?
    let requestedAt: Date

    init(_ request: ReturnRecord) {
        id = request.id
        number = request.number
        orderId = request.orderId
        status = request.status.rawValue
        reason = request.reason
        afterCompletion = request.afterCompletion
        lines = request.quantities.sorted { $0.key < $1.key }.map { Line(lineNumber: $0.key, quantity: $0.value) }
        refundFen = request.refund?.fen
        rejectionReason = request.rejectionReason
        requestedAt = request.requestedAt
    }
}

struct OrderResponse: Encodable {
    let id: String
    let number: String
    let kind: String
    let partnerId: String
    let status: String
    let grossFen: Int64
    let discountRateBp: Int64
    let discountFen: Int64
    let netFen: Int64
    let refundedFen: Int64
    let paymentMethod: String
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
    let allocation: String
    let backorderedAt: Date?
    let allocatedAt: Date?

    init(_ order: OrderRecord, returns: [ReturnRecord]? = nil) {
        allocation = order.allocation.rawValue
        backorderedAt = order.backorderedAt
        allocatedAt = order.allocatedAt
        id = order.id
        number = order.number
        kind = order.kind.rawValue
        partnerId = order.partnerId
        status = order.status.rawValue
        grossFen = order.gross.fen
        discountRateBp = order.discountRate.basisPoints
        discountFen = order.discount.fen
        netFen = order.net.fen
        refundedFen = order.refunded.fen
        paymentMethod = order.paymentMethod.rawValue
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

struct VoucherResponse: Encodable {
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

struct ReferralOrderResponse: Encodable {
    let order: OrderResponse
    let consumerToken: String
    let consumerUrl: String
}

struct TopUpResponse: Encodable {
    let id: String
    let number: String
    let partnerId: String
    let amountFen: Int64
    let bonusFen: Int64
    let bankReference: String
    let hasProof: Bool
    let note: String
    let status: String
    let requestedAt: Date
    let decidedAt: Date?
    let rejectionReason: String?

    init(_ topUp: TopUpRecord) {
        id = topUp.id
        number = topUp.number
        partnerId = topUp.partnerId
        amountFen = topUp.amount.fen
        bonusFen = topUp.bonus.fen
        bankReference = topUp.bankReference
        hasProof = topUp.proofFileId != nil
        note = topUp.note
        status = topUp.status.rawValue
        requestedAt = topUp.requestedAt
        decidedAt = topUp.decidedAt
        rejectionReason = topUp.rejectionReason
    }
}

struct BalanceResponse: Encodable {
    let partnerId: String
    let balanceFen: Int64
    let topUpsInWindowFen: Int64
    let discountRateBp: Int64

    init(_ position: PrepaidPosition) {
        partnerId = position.partner.id
        balanceFen = position.balance.fen
        topUpsInWindowFen = position.topUpsInWindow.fen
        discountRateBp = position.discountRate.basisPoints
    }
}

struct StatementLineResponse: Encodable {
    let entryId: Int64
    let kind: String
    let reference: String
    let memo: String
    let changeFen: Int64
    let balanceAfterFen: Int64
    let postedAt: Date

    init(_ line: StatementLine) {
        entryId = line.entryId
        kind = line.kind.rawValue
        reference = line.reference
        memo = line.memo
        changeFen = line.change.fen
        balanceAfterFen = line.balanceAfter.fen
        postedAt = line.postedAt
    }
}

struct AddressResponse: Encodable {
    let id: String
    let label: String
    let name: String
    let phoneMasked: String
    let province: String
    let city: String
    let district: String
    let detail: String
    let isDefault: Bool
    let formatted: String

    init(_ address: AddressRecord) {
        id = address.id
        label = address.label
        name = address.recipientName
        phoneMasked = PersonalDataMask.phone(address.phone)
        province = address.province
        city = address.city
        district = address.district
        detail = address.detail
        isDefault = address.isDefault
        formatted = address.formatted(maskPhone: false)
    }
}

struct StockResponse: Encodable {
    let productId: String
    let sku: String
    let name: String
    let onHand: Int64
    let reserved: Int64
    let available: Int64

    init(_ level: StockLevel) {
        productId = level.productId
        sku = level.sku
        name = level.productName
        onHand = level.onHand
        reserved = level.reserved
        available = level.available
    }
}

struct TierBody: Codable {
    let thresholdFen: Int64
    let rateBp: Int64
}

struct PrepaidRulesBody: Codable {
    let bonusTiers: [TierBody]
    let discountTiers: [TierBody]
    let maximumTopUpFen: Int64
    let discountWindowDays: Int

    init(_ rules: PrepaidRules) {
        bonusTiers = rules.bonusTiers.map { TierBody(thresholdFen: $0.threshold.fen, rateBp: $0.rate.basisPoints) }
        discountTiers = rules.discountTiers.map { TierBody(thresholdFen: $0.threshold.fen, rateBp: $0.rate.basisPoints) }
        maximumTopUpFen = rules.maximumTopUp.fen
        discountWindowDays = rules.discountWindowDays
    }

    var rules: PrepaidRules {
        PrepaidRules(
            bonusTiers: bonusTiers.map { Tier(threshold: Money(fen: $0.thresholdFen), rate: Rate(basisPoints: $0.rateBp)) },
            discountTiers: discountTiers.map { Tier(threshold: Money(fen: $0.thresholdFen), rate: Rate(basisPoints: $0.rateBp)) },
            maximumTopUp: Money(fen: maximumTopUpFen), discountWindowDays: discountWindowDays)
    }
}

struct OrderWindowsBody: Codable {
    let autoReceiveDays: Int
    let returnWindowDays: Int
}
