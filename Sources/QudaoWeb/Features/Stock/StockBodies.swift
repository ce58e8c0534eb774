import Foundation
import QudaoApp
import QudaoCore

struct StockChangeRequest: Decodable {
    let productId: String?
    let quantity: IntegerInput?
    let note: String?
}

struct StockResponse: Codable {
    let productId: String
    let sku: String
    let name: String
    let onHand: Int64
    let reserved: Int64
    let available: Int64
    /// The available quantity at or below which `stock.low` is sent; absent for none.
    let lowStockUnits: Int64?

    init(_ level: StockLevel) {
        productId = level.productId
        sku = level.sku
        name = level.productName
        onHand = level.onHand
        reserved = level.reserved
        available = level.available
        lowStockUnits = level.lowStockUnits
    }
}

struct LowStockLineRequest: Decodable {
    /// Units; absent or null clears the line.
    let units: IntegerInput?
}
