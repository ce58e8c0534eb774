import Foundation
import QudaoCore
import SQLKit

/// The in-app inbox: notifications, who may read them, and read marks.
extension SQLSession {
    /// Records a notification for an audience, once per event: a second call with the same event
    /// key changes nothing and returns false.
    @discardableResult
    public func insertNotification(_ draft: NotificationDraft, audience: NotificationAudience, id: String, at instant: Date) async throws -> Bool {
        var partnerId: String?
        var permission: String?
        var roles: String?
        var accountId: String?
        let audienceName: String
        switch audience {
        case .partner(let id, let required):
            audienceName = "partner"
            partnerId = id
            permission = required?.rawValue
        case .hq(let set):
            precondition(!set.isEmpty, "an HQ notification names at least one role")
            audienceName = "hq"
            // Stored between commas so one role matches with a LIKE that cannot hit another's name.
            roles = "," + set.map(\.rawValue).sorted().joined(separator: ",") + ","
        case .account(let id):
            audienceName = "account"
            accountId = id
        }
        let inserted = try await rows(
            """
            INSERT INTO notifications (id, audience, partner_id, required_permission, hq_roles, account_id, kind, priority,
                title_zh, title_en, body_zh, body_en, link, event_key, created_at_ms)
            VALUES (\(bind: id), \(bind: audienceName), \(bind: partnerId), \(bind: permission), \(bind: roles), \(bind: accountId),
                \(bind: draft.kind.rawValue), \(bind: draft.kind.priority.rawValue), \(bind: draft.titleChinese), \(bind: draft.titleEnglish),
                \(bind: draft.bodyChinese), \(bind: draft.bodyEnglish), \(bind: draft.link), \(bind: draft.eventKey),
                \(bind: Timestamp.milliseconds(instant)))
            ON CONFLICT (event_key) DO NOTHING
            RETURNING id
            """)
        return !inserted.isEmpty
    }

    /// The condition selecting what `reader` may read, on the alias `n`.
    static func notificationVisibility(_ reader: Principal) -> SQLQueryString {
        var condition: SQLQueryString = "(n.audience = 'account' AND n.account_id = \(bind: reader.accountId))"
        switch reader.kind {
        case .hq:
            if let role = reader.hqRole {
                condition += " OR (n.audience = 'hq' AND n.hq_roles LIKE \(bind: "%," + role.rawValue + ",%"))"
            }
        case .partner:
            if let partnerId = reader.partnerId {
                let granted = reader.permissions.map(\.rawValue).sorted()
                var permissions: SQLQueryString = "n.required_permission IS NULL"
                for permission in granted { permissions += " OR n.required_permission = \(bind: permission)" }
                condition += " OR (n.audience = 'partner' AND n.partner_id = \(bind: partnerId) AND (\(permissions)))"
            }
        }
        return "(" + condition + ")"
    }

    /// The condition that a visible notification is unread by the reader.
    static func notificationUnread(_ reader: Principal) -> SQLQueryString {
        """
        n.created_at_ms > COALESCE((SELECT m.read_through_ms FROM notification_read_marks m WHERE m.account_id = \(bind: reader.accountId)), -1)
        AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.account_id = \(bind: reader.accountId))
        """
    }

    /// The reader's notifications, newest first.
    public func notifications(for reader: Principal, filter: NotificationFilter, page: PageRequest) async throws -> Page<NotificationItem> {
        var condition = Self.notificationVisibility(reader)
        if filter.unreadOnly { condition += " AND " + Self.notificationUnread(reader) }
        if let priority = filter.priority { condition += " AND n.priority = \(bind: priority.rawValue)" }
        if let kind = filter.kind { condition += " AND n.kind = \(bind: kind.rawValue)" }
        let total = try await first("SELECT COUNT(*) AS total FROM notifications n WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT n.*, r.read_at_ms AS read_at_ms,
                (SELECT m.read_through_ms FROM notification_read_marks m WHERE m.account_id = \(bind: reader.accountId)) AS read_through_ms
            FROM notifications n
            LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.account_id = \(bind: reader.accountId)
            WHERE \(condition)
            ORDER BY n.created_at_ms DESC, n.id DESC LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.notificationItem)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// One notification the reader may read, or nil.
    public func notification(id: String, for reader: Principal) async throws -> NotificationItem? {
        try await first(
            """
            SELECT n.*, r.read_at_ms AS read_at_ms,
                (SELECT m.read_through_ms FROM notification_read_marks m WHERE m.account_id = \(bind: reader.accountId)) AS read_through_ms
            FROM notifications n
            LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.account_id = \(bind: reader.accountId)
            WHERE n.id = \(bind: id) AND \(Self.notificationVisibility(reader))
            """
        ).map(Self.notificationItem)
    }

    static func notificationItem(_ row: any SQLRow) throws -> NotificationItem {
        let createdAt = try row.int64("created_at_ms")
        // Read one by one, or covered by a "read everything up to here" mark.
        var readAt = try row.optionalDate("read_at_ms")
        if readAt == nil, let mark = try row.optionalInt64("read_through_ms"), createdAt <= mark { readAt = Timestamp.date(mark) }
        let kind = NotificationKind(rawValue: try row.string("kind")) ?? .system
        return NotificationItem(
            id: try row.string("id"), kind: kind, priority: NotificationPriority(rawValue: try row.string("priority")) ?? kind.priority,
            titleChinese: try row.string("title_zh"), titleEnglish: try row.string("title_en"), bodyChinese: try row.string("body_zh"),
            bodyEnglish: try row.string("body_en"), link: try row.string("link"), createdAt: Timestamp.date(createdAt), readAt: readAt)
    }

    /// How many visible notifications the reader has not read, and how many of them are urgent.
    public func notificationCounts(for reader: Principal) async throws -> NotificationCounts {
        let row = try await first(
            """
            SELECT COUNT(*) AS unread, COALESCE(SUM(CASE WHEN n.priority = 'urgent' THEN 1 ELSE 0 END), 0) AS urgent
            FROM notifications n WHERE \(Self.notificationVisibility(reader)) AND \(Self.notificationUnread(reader))
            """)
        return NotificationCounts(unread: try row?.int64("unread") ?? 0, unreadUrgent: try row?.int64("urgent") ?? 0)
    }

    /// Marks one notification read by the reader (a second time changes nothing).
    public func markNotificationRead(id: String, accountId: String, at instant: Date) async throws {
        try await execute(
            """
            INSERT INTO notification_reads (notification_id, account_id, read_at_ms) VALUES (\(bind: id), \(bind: accountId), \(bind: Timestamp.milliseconds(instant)))
            ON CONFLICT (notification_id, account_id) DO NOTHING
            """)
    }

    /// Marks everything the reader could see up to `instant` as read, in one row.
    public func markAllNotificationsRead(accountId: String, at instant: Date) async throws {
        let milliseconds = Timestamp.milliseconds(instant)
        try await execute(
            """
            INSERT INTO notification_read_marks (account_id, read_through_ms, updated_at_ms) VALUES (\(bind: accountId), \(bind: milliseconds), \(bind: milliseconds))
            ON CONFLICT (account_id) DO UPDATE SET read_through_ms = excluded.read_through_ms, updated_at_ms = excluded.updated_at_ms
            WHERE notification_read_marks.read_through_ms < excluded.read_through_ms
            """)
    }
}
