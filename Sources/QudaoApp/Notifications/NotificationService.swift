import Foundation
import QudaoCore
import QudaoStore

/// The in-app inbox of every account (PRODUCT.md capability 11). Use cases send notifications
/// inside the transaction of the change that caused them, so a notification exists exactly when
/// its cause committed; readers list, count and mark them read.
public struct NotificationService: Sendable {
    let platform: Platform

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// Sends a notification inside the caller's transaction; an event already notified is not sent again.
    @discardableResult
    static func send(_ draft: NotificationDraft, to audience: NotificationAudience, at instant: Date, _ session: SQLSession) async throws -> Bool {
        try await session.insertNotification(draft, audience: audience, id: Identifier.make(prefix: "ntf"), at: instant)
    }

    /// The caller's notifications, newest first.
    public func inbox(_ caller: Caller, filter: NotificationFilter, page: PageRequest) async throws -> Page<NotificationItem> {
        try await platform.database.read { try await $0.notifications(for: caller.principal, filter: filter, page: page) }
    }

    /// The caller's unread counts (the header's badge and urgent banner).
    public func counts(_ caller: Caller) async throws -> NotificationCounts {
        try await platform.database.read { try await $0.notificationCounts(for: caller.principal) }
    }

    /// The counts for a principal without a request (the page frame reads them for every page).
    public func counts(for principal: Principal) async throws -> NotificationCounts {
        try await platform.database.read { try await $0.notificationCounts(for: principal) }
    }

    /// Marks one of the caller's notifications read and returns it. Another reader's
    /// notification is "not found", like every object outside the caller's scope.
    public func markRead(_ caller: Caller, id: String) async throws -> NotificationItem {
        guard Identifier.isWellFormed(id, prefix: "ntf") else { throw AppError.notFound(entity: "notification") }
        return try await platform.database.write { session in
            guard try await session.notification(id: id, for: caller.principal) != nil else { throw AppError.notFound(entity: "notification") }
            try await session.markNotificationRead(id: id, accountId: caller.principal.accountId, at: self.platform.clock.now())
            guard let item = try await session.notification(id: id, for: caller.principal) else { throw AppError.notFound(entity: "notification") }
            return item
        }
    }

    /// Marks everything the caller can see as read.
    public func markAllRead(_ caller: Caller) async throws -> NotificationCounts {
        try await platform.database.write { session in
            try await session.markAllNotificationsRead(accountId: caller.principal.accountId, at: self.platform.clock.now())
            return try await session.notificationCounts(for: caller.principal)
        }
    }
}
