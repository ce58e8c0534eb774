import Foundation
import QudaoApp
import QudaoCore

struct PageResponse<Item: Codable>: Codable {
    let items: [Item]
    let page: Int
    let pageSize: Int
    let totalCount: Int64

    init<Source>(_ page: Page<Source>, _ transform: (Source) -> Item) {
        items = page.items.map(transform)
        self.page = page.pageNumber
        pageSize = page.pageSize
        totalCount = page.totalCount
    }
}

struct ItemsResponse<Item: Codable>: Codable {
    let items: [Item]
}
