import Foundation

/// HQ warehouse stock of one product.
public struct StockLevel: Sendable, Hashable {
    public var productId: String
    public var sku: String
    public var productName: String
    public var onHand: Int64
    public var reserved: Int64
    /// The available quantity at or below which HQ wants `stock.low`; nil for none.
    public var lowStockUnits: Int64?

    /// Creates a level.
    public init(productId: String, sku: String, productName: String, onHand: Int64, reserved: Int64, lowStockUnits: Int64? = nil) {
        self.productId = productId
        self.sku = sku
        self.productName = productName
        self.onHand = onHand
        self.reserved = reserved
        self.lowStockUnits = lowStockUnits
    }

    /// Units that can still be promised to new orders.
    public var available: Int64 { onHand - reserved }
}
