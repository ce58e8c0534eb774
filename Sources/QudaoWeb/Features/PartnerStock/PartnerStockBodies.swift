import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

struct PartnerStockResponse: Codable {
    let partnerId: String
    let productId: String
    let sku: String
    let name: String
    let unit: String
    let packSize: Int64
    let onHand: Int64
    let inTransit: Int64

    init(_ level: PartnerStockLevel, partnerId: String) {
        self.partnerId = partnerId
        productId = level.productId
        sku = level.sku
        name = level.name
        unit = level.unit
        packSize = level.packSize
        onHand = level.onHand
        inTransit = level.inTransit
    }
}

struct PartnerStockMovementResponse: Codable {
    let id: Int64
    let partnerId: String
    let productId: String
    let sku: String
    let kind: PartnerStockMovementKind
    let quantity: Int64
    let onHandAfter: Int64
    let businessDate: String
    let reference: String
    let reason: String
    let createdAt: Date

    init(_ movement: PartnerStockMovement) {
        id = movement.id
        partnerId = movement.partnerId
        productId = movement.productId
        sku = movement.sku
        kind = movement.kind
        quantity = movement.quantity
        onHandAfter = movement.onHandAfter
        businessDate = movement.businessDate
        reference = movement.reference
        reason = movement.reason
        createdAt = movement.createdAt
    }
}

struct SellOutReportResponse: Codable {
    let id: String
    let number: String
    let partnerId: String
    let source: SellOutSource
    let fileName: String?
    let lineCount: Int64
    let unitCount: Int64
    let createdAt: Date

    init(_ report: SellOutReport) {
        id = report.id
        number = report.number
        partnerId = report.partnerId
        source = report.source
        fileName = report.fileName
        lineCount = report.lineCount
        unitCount = report.unitCount
        createdAt = report.createdAt
    }
}

struct SellOutRequest: Decodable {
    struct Line: Decodable {
        let productId: String?
        let quantity: IntegerInput?
        let soldOn: String?
    }

    let lines: [Line]?
}

struct StockCountRequest: Decodable {
    let partnerId: String?
    let productId: String?
    let countedQuantity: IntegerInput?
    let reason: String?
}
