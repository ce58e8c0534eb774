import Foundation

/// A product (SKU) with its prices and commission overrides.
public struct ProductRecord: Sendable, Hashable {
    public var id: String
    public var sku: String
    public var name: String
    public var categoryId: String
    public var categoryName: String
    public var unit: String
    public var packSize: Int64
    public var prices: ProductPrices
    /// nil when the commission rule's rates apply.
    public var commissionOverride: CommissionOverride?
    public var onShelf: Bool
    public var description: String
    /// The stored file of the product's image (PNG or JPEG), if HQ uploaded one.
    public var imageFileId: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var rowVersion: Int64

    /// Creates a record.
    public init(
        id: String, sku: String, name: String, categoryId: String, categoryName: String, unit: String, packSize: Int64,
        prices: ProductPrices, commissionOverride: CommissionOverride?, onShelf: Bool, description: String, imageFileId: String? = nil,
        createdAt: Date, updatedAt: Date, rowVersion: Int64
    ) {
        self.id = id
        self.sku = sku
        self.name = name
        self.categoryId = categoryId
        self.categoryName = categoryName
        self.unit = unit
        self.packSize = packSize
        self.prices = prices
        self.commissionOverride = commissionOverride
        self.onShelf = onShelf
        self.description = description
        self.imageFileId = imageFileId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.rowVersion = rowVersion
    }
}
