import Foundation

/// What moved a partner's own stock.
public enum PartnerStockMovementKind: String, Sendable, Codable, CaseIterable {
    /// One of its purchase orders was delivered.
    case delivery
    /// Goods of a purchase order went back to HQ on a return.
    case `return`
    /// It sold to its customers (销售上报).
    case sellOut = "sell_out"
    /// A stock count (盘点) set the figure, with a reason.
    case count
}

/// Where a sell-out report came from.
public enum SellOutSource: String, Sendable, Codable, CaseIterable {
    case manual
    case file
    case api
}

/// A partner's on-hand stock of one product.
public struct PartnerStockLevel: Sendable, Hashable {
    public let productId: String
    public let sku: String
    public let name: String
    public let unit: String
    public let packSize: Int64
    public let onHand: Int64
    /// Units on its paid purchase orders not yet delivered.
    public let inTransit: Int64

    /// Creates a level.
    public init(productId: String, sku: String, name: String, unit: String, packSize: Int64, onHand: Int64, inTransit: Int64) {
        self.productId = productId
        self.sku = sku
        self.name = name
        self.unit = unit
        self.packSize = packSize
        self.onHand = onHand
        self.inTransit = inTransit
    }
}

/// One movement of a partner's stock, with the figure after it.
public struct PartnerStockMovement: Sendable, Hashable {
    public let id: Int64
    public let partnerId: String
    public let productId: String
    public let sku: String
    public let kind: PartnerStockMovementKind
    public let quantity: Int64
    public let onHandAfter: Int64
    /// The business day it happened (a sell-out's day of sale).
    public let businessDate: String
    /// The order, return, sell-out report or count it belongs to.
    public let reference: String
    public let reason: String
    public let createdAt: Date

    /// Creates a movement.
    public init(
        id: Int64, partnerId: String, productId: String, sku: String, kind: PartnerStockMovementKind, quantity: Int64, onHandAfter: Int64,
        businessDate: String, reference: String, reason: String, createdAt: Date
    ) {
        self.id = id
        self.partnerId = partnerId
        self.productId = productId
        self.sku = sku
        self.kind = kind
        self.quantity = quantity
        self.onHandAfter = onHandAfter
        self.businessDate = businessDate
        self.reference = reference
        self.reason = reason
        self.createdAt = createdAt
    }
}

/// A sell-out report: one entry, upload or API call, with its lines as stock movements.
public struct SellOutReport: Sendable, Hashable {
    public let id: String
    public let number: String
    public let partnerId: String
    public let source: SellOutSource
    public let fileName: String?
    public let lineCount: Int64
    public let unitCount: Int64
    public let createdBy: String
    public let createdAt: Date

    /// Creates a report.
    public init(
        id: String, number: String, partnerId: String, source: SellOutSource, fileName: String?, lineCount: Int64, unitCount: Int64,
        createdBy: String, createdAt: Date
    ) {
        self.id = id
        self.number = number
        self.partnerId = partnerId
        self.source = source
        self.fileName = fileName
        self.lineCount = lineCount
        self.unitCount = unitCount
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}
