import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The inbox through the API: the same events, filters and read marks.
struct NotificationAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/notifications", "The caller's notifications, newest first: the same events as the in-app inbox", tag: .notifications,
                parameters: Endpoint.Parameter.paging + [
                    .query("unread", .enumeration(["1"]), "1: unread only"), .query("priority", oneOf: NotificationPriority.self),
                    .query("kind", oneOf: NotificationKind.self),
                ], listNotifications),
            Endpoint(
                .get, "/api/v1/notifications/unread-count", "How many of the caller's notifications are unread, and how many of those are urgent",
                tag: .notifications, countUnreadNotifications),
            Endpoint(
                .post, "/api/v1/notifications/{id}/read", "Mark one notification read (only the caller's own; others are not found)",
                tag: .notifications, parameters: [.id(prefix: "ntf")], markNotificationRead),
            Endpoint(
                .post, "/api/v1/notifications/read-all", "Mark every notification the caller can see read", tag: .notifications,
                markAllNotificationsRead),
        ]
    }

    @Sendable func listNotifications(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<NotificationResponse> {
        let caller = try context.caller
        let page = try await services.notifications.inbox(caller, filter: NotificationPages.filter(request), page: request.pageRequest)
        return PageResponse(page, NotificationResponse.init)
    }

    @Sendable func countUnreadNotifications(_ request: Request, _ context: QudaoRequestContext) async throws -> NotificationCountsResponse {
        let caller = try context.caller
        return NotificationCountsResponse(try await services.notifications.counts(caller))
    }

    @Sendable func markNotificationRead(_ request: Request, _ context: QudaoRequestContext) async throws -> NotificationResponse {
        let caller = try context.caller
        return NotificationResponse(try await services.notifications.markRead(caller, id: try context.parameters.require("id")))
    }

    @Sendable func markAllNotificationsRead(_ request: Request, _ context: QudaoRequestContext) async throws -> NotificationCountsResponse {
        let caller = try context.caller
        return NotificationCountsResponse(try await services.notifications.markAllRead(caller))
    }
}
