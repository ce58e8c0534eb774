import Foundation

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
