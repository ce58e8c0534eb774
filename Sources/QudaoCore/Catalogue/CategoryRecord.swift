import Foundation

/// A product category.
public struct CategoryRecord: Sendable, Hashable {
    public var id: String
    public var name: String
    public var sortOrder: Int64
    public var productCount: Int64

    /// Creates a record.
    public init(id: String, name: String, sortOrder: Int64, productCount: Int64) {
        self.id = id
        self.name = name
        self.sortOrder = sortOrder
        self.productCount = productCount
    }
}
