import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The inbox through the API: the same events, filters and read marks.
struct NotificationAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        api.get("notifications") { request, context in
            let caller = try services.caller(request, context)
            let page = try await services.notifications.inbox(caller, filter: NotificationPages.filter(request), page: helper.pageRequest(request))
            return try JSONResponse.make(PageResponse(page, NotificationResponse.init))
        }
        api.get("notifications/unread-count") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(NotificationCountsResponse(try await services.notifications.counts(caller)))
        }
        api.post("notifications/{id}/read") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                NotificationResponse(try await services.notifications.markRead(caller, id: try context.parameters.require("id"))))
        }
        api.post("notifications/read-all") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(NotificationCountsResponse(try await services.notifications.markAllRead(caller)))
        }
    }
}
