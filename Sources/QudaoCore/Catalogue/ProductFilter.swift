import Foundation

/// Filters for the product list.
public struct ProductFilter: Sendable, Hashable {
    /// Matches SKU or name (substring).
    public var search: String?
    public var categoryId: String?
    public var onShelf: Bool?

    /// Creates a filter.
    public init(search: String? = nil, categoryId: String? = nil, onShelf: Bool? = nil) {
        self.search = search
        self.categoryId = categoryId
        self.onShelf = onShelf
    }
}
