import Foundation

/// What every webhook body is: the event's unique id (receivers keep it to drop a repeat), its
/// type, when it happened, and the type's data. Amounts are in fen, as everywhere in the API.
public struct WebhookEnvelope<Payload: Codable & Sendable>: Codable, Sendable {
    /// `evt_…`, unique; a delivery sent again carries the same id.
    public let id: String
    public let type: String
    public let createdAt: String
    public let data: Payload

    /// Creates an envelope.
    public init(id: String, type: WebhookEventType, createdAt: String, data: Payload) {
        self.id = id
        self.type = type.rawValue
        self.createdAt = createdAt
        self.data = data
    }
}

/// `order.paid`, `order.shipped`, `order.delivered`, `order.completed`, `order.cancelled`.
public struct WebhookOrderData: Codable, Sendable, Hashable {
    public let orderId: String
    /// PO-… or RO-…
    public let number: String
    public let kind: OrderKind
    public let status: OrderStatus
    public let partnerId: String
    public let partnerCode: String
    public let grossFen: Int64
    public let netFen: Int64
    public let refundedFen: Int64
    public let carrier: String?
    public let trackingNumber: String?
    public let lines: [Line]

    /// One line of the order.
    public struct Line: Codable, Sendable, Hashable {
        public let sku: String
        public let quantity: Int64
        public let unitPriceFen: Int64

        /// Creates a line.
        public init(sku: String, quantity: Int64, unitPriceFen: Int64) {
            self.sku = sku
            self.quantity = quantity
            self.unitPriceFen = unitPriceFen
        }
    }

    /// Creates the data.
    public init(
        orderId: String, number: String, kind: OrderKind, status: OrderStatus, partnerId: String, partnerCode: String, grossFen: Int64,
        netFen: Int64, refundedFen: Int64, carrier: String?, trackingNumber: String?, lines: [Line]
    ) {
        self.orderId = orderId
        self.number = number
        self.kind = kind
        self.status = status
        self.partnerId = partnerId
        self.partnerCode = partnerCode
        self.grossFen = grossFen
        self.netFen = netFen
        self.refundedFen = refundedFen
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.lines = lines
    }
}

/// `topup.confirmed`, `topup.rejected`.
public struct WebhookTopUpData: Codable, Sendable, Hashable {
    public let topUpId: String
    /// TU-…
    public let number: String
    public let partnerId: String
    public let partnerCode: String
    public let amountFen: Int64
    /// The rebate credited with it (0 when rejected).
    public let rebateFen: Int64
    public let status: String
    public let reason: String?

    /// Creates the data.
    public init(
        topUpId: String, number: String, partnerId: String, partnerCode: String, amountFen: Int64, rebateFen: Int64, status: String,
        reason: String?
    ) {
        self.topUpId = topUpId
        self.number = number
        self.partnerId = partnerId
        self.partnerCode = partnerCode
        self.amountFen = amountFen
        self.rebateFen = rebateFen
        self.status = status
        self.reason = reason
    }
}

/// `partner.created`, `partner.status_changed`, `partner.grade_changed`.
public struct WebhookPartnerData: Codable, Sendable, Hashable {
    public let partnerId: String
    public let code: String
    public let name: String
    public let type: String
    public let level: Int
    public let parentId: String?
    public let status: String
    /// For `partner.status_changed`: the status before.
    public let previousStatus: String?
    /// For `partner.grade_changed`: the grade now and before.
    public let grade: String?
    public let previousGrade: String?

    /// Creates the data.
    public init(
        partnerId: String, code: String, name: String, type: String, level: Int, parentId: String?, status: String, previousStatus: String?,
        grade: String?, previousGrade: String?
    ) {
        self.partnerId = partnerId
        self.code = code
        self.name = name
        self.type = type
        self.level = level
        self.parentId = parentId
        self.status = status
        self.previousStatus = previousStatus
        self.grade = grade
        self.previousGrade = previousGrade
    }
}

/// `webhook.test`: sent by the "send a test event" button.
public struct WebhookTestData: Codable, Sendable, Hashable {
    public let subscriptionId: String
    public let message: String

    /// Creates the data.
    public init(subscriptionId: String, message: String) {
        self.subscriptionId = subscriptionId
        self.message = message
    }
}

/// `return.refunded`.
public struct WebhookReturnData: Codable, Sendable, Hashable {
    public let returnId: String
    /// RT-…
    public let number: String
    public let orderId: String
    public let orderNumber: String
    public let partnerId: String
    public let partnerCode: String
    public let refundFen: Int64
    /// Quantities returned, by the order's line number.
    public let lines: [Line]

    /// One returned line.
    public struct Line: Codable, Sendable, Hashable {
        public let lineNumber: Int
        public let sku: String
        public let quantity: Int64

        /// Creates a line.
        public init(lineNumber: Int, sku: String, quantity: Int64) {
            self.lineNumber = lineNumber
            self.sku = sku
            self.quantity = quantity
        }
    }

    /// Creates the data.
    public init(
        returnId: String, number: String, orderId: String, orderNumber: String, partnerId: String, partnerCode: String, refundFen: Int64,
        lines: [Line]
    ) {
        self.returnId = returnId
        self.number = number
        self.orderId = orderId
        self.orderNumber = orderNumber
        self.partnerId = partnerId
        self.partnerCode = partnerCode
        self.refundFen = refundFen
        self.lines = lines
    }
}

/// `statement.issued`, `statement.paid` and `commission.settled`: a month's settlement statement,
/// which settles the partner's commission records of the month (RULES §5).
public struct WebhookStatementData: Codable, Sendable, Hashable {
    public let statementId: String
    /// ST-…
    public let number: String
    public let partnerId: String
    public let partnerCode: String
    /// yyyy-MM.
    public let month: String
    public let commissionFen: Int64
    public let bonusFen: Int64
    public let netFen: Int64
    /// The commission records it settled.
    public let recordCount: Int64
    /// `prepaid` or `bank`.
    public let payoutMethod: String
    public let status: String

    /// Creates the data.
    public init(
        statementId: String, number: String, partnerId: String, partnerCode: String, month: String, commissionFen: Int64, bonusFen: Int64,
        netFen: Int64, recordCount: Int64, payoutMethod: String, status: String
    ) {
        self.statementId = statementId
        self.number = number
        self.partnerId = partnerId
        self.partnerCode = partnerCode
        self.month = month
        self.commissionFen = commissionFen
        self.bonusFen = bonusFen
        self.netFen = netFen
        self.recordCount = recordCount
        self.payoutMethod = payoutMethod
        self.status = status
    }
}

/// `stock.low`: a change took a product's available quantity in HQ's warehouse from above its
/// low-stock line to at or below it (once per crossing; stock back above the line arms it again).
public struct WebhookStockData: Codable, Sendable, Hashable {
    public let productId: String
    public let sku: String
    public let productName: String
    public let onHand: Int64
    public let reserved: Int64
    /// What may still be promised to new orders: on hand less reserved.
    public let available: Int64
    public let lowStockUnits: Int64

    /// Creates the data.
    public init(productId: String, sku: String, productName: String, onHand: Int64, reserved: Int64, available: Int64, lowStockUnits: Int64) {
        self.productId = productId
        self.sku = sku
        self.productName = productName
        self.onHand = onHand
        self.reserved = reserved
        self.available = available
        self.lowStockUnits = lowStockUnits
    }
}
