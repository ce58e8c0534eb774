import Foundation

/// A page of results and how to get the rest. Every list is paginated with a bounded size.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var totalCount: Int64
    public var pageNumber: Int
    public var pageSize: Int

    /// Creates a page.
    public init(items: [Item], totalCount: Int64, pageNumber: Int, pageSize: Int) {
        self.items = items
        self.totalCount = totalCount
        self.pageNumber = pageNumber
        self.pageSize = pageSize
    }

    /// The number of pages, at least 1.
    public var pageCount: Int { max(1, Int((totalCount + Int64(pageSize) - 1) / Int64(pageSize))) }
}

/// Which page of a list to read. Sizes are clamped so no request can ask for an unbounded list.
public struct PageRequest: Sendable, Hashable {
    /// The largest page any list serves.
    public static let maximumPageSize = 200
    /// The page size when none is asked for.
    public static let defaultPageSize = 20

    public let pageNumber: Int
    public let pageSize: Int

    /// Creates a request, clamping the number to ≥ 1 and the size to 1 … ``maximumPageSize``.
    public init(pageNumber: Int?, pageSize: Int?) {
        self.pageNumber = min(1_000_000, max(1, pageNumber ?? 1))
        self.pageSize = min(PageRequest.maximumPageSize, max(1, pageSize ?? PageRequest.defaultPageSize))
    }

    /// Rows to skip.
    public var offset: Int { (pageNumber - 1) * pageSize }
}
