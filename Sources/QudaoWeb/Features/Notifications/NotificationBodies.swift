import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

struct NotificationResponse: Codable {
    let id: String
    let kind: String
    let priority: NotificationPriority
    let title: String
    let titleEn: String
    let body: String
    let bodyEn: String
    let link: String
    let createdAt: Date
    let readAt: Date?

    init(_ item: NotificationItem) {
        id = item.id
        kind = item.kind.rawValue
        priority = item.priority
        title = item.titleChinese
        titleEn = item.titleEnglish
        body = item.bodyChinese
        bodyEn = item.bodyEnglish
        link = item.link
        createdAt = item.createdAt
        readAt = item.readAt
    }
}

struct NotificationCountsResponse: Codable {
    let unread: Int64
    let unreadUrgent: Int64

    init(_ counts: NotificationCounts) {
        unread = counts.unread
        unreadUrgent = counts.unreadUrgent
    }
}
