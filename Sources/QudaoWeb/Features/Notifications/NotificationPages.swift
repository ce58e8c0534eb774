import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The in-app inbox, the same page for HQ and partner accounts: filters, unread marks, mark one or
/// all read. Opening a notification marks it read and follows its link.
struct NotificationPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/notifications", use: showNotifications)
        router.post("/notifications/{id}/read", use: submitNotificationsRead)
        router.post("/notifications/read-all", use: submitNotificationsReadAll)
    }

    @Sendable func showNotifications(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let filter = Self.filter(request)
        let list = try await services.notifications.inbox(
            caller, filter: filter, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        return HTMLResponse.page(inboxPage(PageContext(request, context), request: request, filter: filter, list: list))
    }

    @Sendable func submitNotificationsRead(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let item = try await services.notifications.markRead(caller, id: try context.parameters.require("id"))
        // Opening follows the notification's link; "mark read" stays on the inbox.
        if form["open"] == "1", !item.link.isEmpty { return Response.redirect(to: item.link, type: .found) }
        return Response.redirect(to: Self.safeReturn(form["return"]), type: .found)
    }

    @Sendable func submitNotificationsReadAll(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        _ = try await services.notifications.markAllRead(caller)
        return Response.redirect(to: Self.safeReturn(form["return"]), type: .found)
    }

    /// Where to go back to after marking: only the inbox itself, with its filters.
    static func safeReturn(_ value: String?) -> String {
        guard let value, value.hasPrefix("/notifications"), !value.contains("//") else { return "/notifications" }
        return value
    }

    static func filter(_ request: Request) -> NotificationFilter {
        NotificationFilter(
            unreadOnly: request.query("unread") == "1", priority: request.query("priority").flatMap(NotificationPriority.init(rawValue:)),
            kind: request.query("kind").flatMap(NotificationKind.init(rawValue:)))
    }

    func inboxPage(_ page: PageContext, request: Request, filter: NotificationFilter, list: Page<NotificationItem>) -> HTML {
        let language = page.language
        let returnPath = "/notifications" + (page.query.isEmpty ? "" : "?" + page.query)
        let items = list.items.html { item in
            let unread = item.readAt == nil
            let classes = [unread ? "unread" : "", item.priority == .urgent ? "urgent" : ""].filter { !$0.isEmpty }.joined(separator: " ")
            let markForm: HTML =
                unread
                ? """
                <form method="post" action="/notifications/\(item.id)/read" class="inline">\(page.csrfField)
                <input type="hidden" name="return" value="\(returnPath)"><button class="link" type="submit">\(page.t("标为已读", "Mark read"))</button></form>
                """ : .empty
            let openForm: HTML =
                item.link.isEmpty
                ? .empty
                : """
                <form method="post" action="/notifications/\(item.id)/read" class="inline">\(page.csrfField)<input type="hidden" name="open" value="1">
                <button class="link" type="submit">\(page.t("查看", "Open"))</button></form>
                """
            return """
                <li class="\(classes)" data-kind="\(item.kind.rawValue)" data-id="\(item.id)">
                  <div class="actions spread" style="margin:0"><span class="title">\(page.t(item.titleChinese, item.titleEnglish))</span>
                    <span><span class="badge \(item.priority.rawValue)">\(language.notificationPriority(item.priority))</span>
                    <span class="muted">\(language.notificationKind(item.kind))</span></span></div>
                  <div>\(page.t(item.bodyChinese, item.bodyEnglish))</div>
                  <div class="actions" style="margin:.3rem 0 0"><span class="muted">\(BusinessTime.displayText(item.createdAt))</span>
                    \(unread ? HTML("<span class=\"badge pending\">\(page.t("未读", "Unread"))</span>") : .empty)\(openForm)\(markForm)</div>
                </li>
                """
        }
        let priorityOptions = NotificationPriority.allCases.map { ($0.rawValue, language.notificationPriority($0)) }
        let kindOptions = NotificationKind.allCases.map { ($0.rawValue, language.notificationKind($0)) }
        let query: [String: String] = [
            "unread": filter.unreadOnly ? "1" : "", "priority": filter.priority?.rawValue ?? "", "kind": filter.kind?.rawValue ?? "",
        ]
        let counts = page.notificationCounts
        let body: HTML = """
            <div class="actions spread"><h1>\(page.t("消息通知", "Notifications"))</h1>
              <form method="post" action="/notifications/read-all" class="inline">\(page.csrfField)
                <input type="hidden" name="return" value="\(returnPath)">
                <button type="submit" class="secondary" id="read-all"\(counts.unread == 0 ? HTML(" disabled") : .empty)>\(page.t("全部标为已读", "Mark all read"))</button></form></div>
            <p class="muted" id="inbox-summary">\(page.t("未读 \(counts.unread) 条,其中紧急 \(counts.unreadUrgent) 条。", "\(counts.unread) unread, \(counts.unreadUrgent) of them urgent."))</p>
            <form method="get" class="toolbar" action="/notifications">
              \(Field.select(page, name: "priority", label: page.t("优先级", "Priority"), options: priorityOptions, selected: filter.priority?.rawValue, errors: [], includeBlank: page.t(.all)))
              \(Field.select(page, name: "kind", label: page.t(.type), options: kindOptions, selected: filter.kind?.rawValue, errors: [], includeBlank: page.t(.all)))
              <div class="field checks"><label><input type="checkbox" name="unread" value="1"\(filter.unreadOnly ? HTML(" checked") : .empty)> \(page.t("只看未读", "Unread only"))</label></div>
              <button type="submit">\(page.t(.filter))</button>
            </form>
            <ul class="inbox-list" id="notifications">\(items)</ul>
            \(list.items.isEmpty ? HTML("<p class=\"empty\">\(page.t("没有消息。充值到账、佣金发放、评级预警和证书到期都会通知到这里。", "No notification. Top-ups, commission payouts, grade warnings and expiring certificates are announced here."))</p>") : .empty)
            \(Layout.pager(page, list, baseQuery: query))
            """
        return Layout.page(page, title: page.t("消息通知", "Notifications"), body: body)
    }
}
