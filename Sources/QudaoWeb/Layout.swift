import Foundation
import HTTPTypes
import Hummingbird
import QudaoApp
import QudaoCore

/// What every page needs to render its frame: language, the signed-in account, the CSRF token
/// for its forms and where it is.
struct PageContext: Sendable {
    let language: Language
    let account: AccountRecord?
    let csrfToken: String
    let path: String
    let query: String
    /// The reader's unread notifications (the header's badge and the urgent banner).
    let notificationCounts: NotificationCounts

    init(_ request: Request, _ context: QudaoRequestContext) {
        language = context.language
        account = context.authenticated?.account
        csrfToken = context.authenticated?.session.csrfToken ?? ""
        path = request.uri.path
        query = request.uri.query ?? ""
        notificationCounts = context.notificationCounts
    }

    func t(_ chinese: String, _ english: String) -> String { language.t(chinese, english) }

    /// The hidden CSRF field every state-changing form carries.
    var csrfField: HTML { "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrfToken)\">" }
}

/// Responses carrying HTML.
enum HTMLResponse {
    static func page(_ html: HTML, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html.rendered)))
    }
}

/// The page frame: header with navigation, language switch and account menu.
enum Layout {
    static func page(_ page: PageContext, title: String, body: HTML) -> HTML {
        let language = page.language
        let other: Language = language == .chinese ? .english : .chinese
        let target = page.path + (page.query.isEmpty ? "" : "?" + page.query)
        let switchLink = "/language?set=\(other.rawValue)&next=\(target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")"
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · \(page.t("渠道分销管理平台", "Qudao distribution platform"))</title>
            <link rel="stylesheet" href="/assets/app.css">
            <script src="/assets/app.js" defer></script>
            </head>
            <body>
            <header class="top">
              <a class="brand" href="/">渠道 Qudao<small>\(page.t("分销管理平台", "Distribution"))</small></a>
              \(navigation(page))
              <div class="account">
                <a href="\(switchLink)" id="language-switch">\(other == .english ? "English" : "中文")</a>
                \(accountMenu(page))
              </div>
            </header>
            \(urgentBanner(page))
            <main>
            \(body)
            </main>
            </body>
            </html>
            """
    }

    static func navigation(_ page: PageContext) -> HTML {
        guard let account = page.account else { return "<nav class=\"main\"></nav>" }
        var items: [(String, String)] = []
        let principal = account.principal
        if account.kind == .hq {
            items.append(("/hq", page.t("概览", "Overview")))
            if principal.can(.viewFinance) {
                items.append(("/hq/dashboard", page.t("数据看板", "Dashboard")))
                items.append(("/hq/reports", page.t("报表", "Reports")))
            }
            items.append(("/hq/partners", page.t("渠道商", "Partners")))
            items.append(("/hq/partners/tree", page.t("渠道树", "Tree")))
            items.append(("/hq/grading", page.t("分级", "Grading")))
            items.append(("/hq/promotions", page.t("促销", "Promotions")))
            items.append(("/hq/orders", page.t("订单", "Orders")))
            items.append(("/hq/returns", page.t("退货", "Returns")))
            items.append(("/hq/top-ups", page.t("充值", "Top-ups")))
            items.append(("/hq/prepaid", page.t("预存款", "Prepaid")))
            if principal.can(.viewFinance) {
                items.append(("/hq/commissions", page.t("佣金", "Commission")))
                items.append(("/hq/settlements", page.t("结算", "Settlement")))
            }
            items.append(("/hq/products", page.t("商品", "Products")))
            items.append(("/hq/stock", page.t("库存", "Stock")))
            items.append(("/hq/categories", page.t("品类", "Categories")))
            if principal.can(.viewAccounts) { items.append(("/hq/accounts", page.t("账号", "Accounts"))) }
            if principal.can(.viewAuditLog) { items.append(("/hq/audit", page.t("操作日志", "Audit log"))) }
            if principal.can(.manageAccounts) { items.append(("/hq/settings", page.t("设置", "Settings"))) }
        } else {
            items.append(("/portal", page.t("首页", "Home")))
            if principal.can(.partnerOrdering) {
                items.append(("/portal/order", page.t("订货", "Order")))
                items.append(("/portal/replenishment", page.t("补货", "Replenish")))
            }
            items.append(("/portal/orders", page.t("订单", "Orders")))
            if principal.can(.partnerFinanceView) {
                items.append(("/portal/prepaid", page.t("预存款", "Prepaid")))
                items.append(("/portal/commissions", page.t("佣金", "Commission")))
            }
            items.append(("/portal/stock", page.t("库存", "Stock")))
            items.append(("/portal/grade", page.t("评级", "Grade")))
            items.append(("/portal/promotions", page.t("促销", "Promotions")))
            items.append(("/portal/certificates", page.t("档案", "Profile")))
            if principal.can(.partnerOrdering) { items.append(("/portal/addresses", page.t("地址", "Addresses"))) }
            if principal.can(.partnerTeamView) { items.append(("/portal/team", page.t("我的团队", "My team"))) }
            items.append(("/portal/products", page.t("商品", "Products")))
            if principal.can(.partnerManageSubAccounts) { items.append(("/portal/accounts", page.t("子账号", "Sub-accounts"))) }
        }
        // Pages reached from an area's own tabs light up that area's item.
        let areas = [
            "/hq/commission/": "/hq/commissions", "/hq/statements": "/hq/settlements", "/hq/payouts": "/hq/settlements",
            "/portal/statements": "/portal/commissions", "/portal/payout": "/portal/commissions",
            "/hq/follow-ups": "/hq/grading", "/portal/follow-ups": "/portal/grade",
        ]
        let path = areas.first { page.path.hasPrefix($0.key) }?.value ?? page.path
        let current = items.map(\.0).filter { path == $0 || path.hasPrefix($0 + "/") }.max(by: { $0.count < $1.count })
        let links = items.html { item in
            "<a href=\"\(item.0)\"\(item.0 == current ? HTML(" class=\"current\"") : .empty)>\(item.1)</a>"
        }
        return "<nav class=\"main\">\(links)</nav>"
    }

    /// A banner on every page while urgent notifications are unread (not on the inbox itself).
    static func urgentBanner(_ page: PageContext) -> HTML {
        let urgent = page.notificationCounts.unreadUrgent
        guard page.account != nil, urgent > 0, page.path != "/notifications" else { return .empty }
        return """
            <div class="urgent-banner" role="alert" id="urgent-banner"><strong>\(page.t("紧急通知", "Urgent"))</strong>
            \(page.t("您有 \(urgent) 条未读的紧急通知。", "You have \(urgent) unread urgent notification\(urgent == 1 ? "" : "s")."))
            <a href="/notifications?priority=urgent&amp;unread=1">\(page.t("立即查看", "Read now"))</a></div>
            """
    }

    static func accountMenu(_ page: PageContext) -> HTML {
        guard let account = page.account else { return .empty }
        let unread = page.notificationCounts.unread
        let badge: HTML = unread > 0 ? "<span class=\"count\" id=\"unread-count\">\(unread > 99 ? "99+" : String(unread))</span>" : .empty
        let inbox: HTML = "<a href=\"/notifications\" id=\"inbox-link\" class=\"inbox\">\(page.t("消息", "Inbox"))\(badge)</a>"
        let role: String
        if let hqRole = account.hqRole {
            role = page.language.hqRole(hqRole)
        } else {
            role = account.isOwner ? page.t("主账号", "Owner") : page.t("子账号", "Sub-account")
        }
        return """
            \(inbox)
            <a href="/account/password" title="\(page.t("修改密码", "Change password"))">\(account.displayName)</a>
            <span class="muted">\(role)</span>
            <form method="post" action="/logout">\(page.csrfField)<button class="link" type="submit" id="sign-out">\(page.t("退出", "Sign out"))</button></form>
            """
    }

    static func errorPage(problem: Problem, context: QudaoRequestContext) -> HTML {
        let page = PageContext(
            language: context.language, account: context.authenticated?.account,
            csrfToken: context.authenticated?.session.csrfToken ?? "")
        return self.page(
            page, title: problem.title,
            body: """
                <div class="card"><h1>\(problem.title)</h1><p>\(problem.detail)</p>
                <p><a href="/">\(page.t("返回首页", "Back to the start page"))</a></p></div>
                """)
    }

    /// A success notice chosen by the `notice` query value after a redirect.
    static func notice(_ page: PageContext, _ value: String?) -> HTML {
        guard let value else { return .empty }
        let text: String
        switch value {
        case "created": text = page.t("已创建。", "Created.")
        case "saved": text = page.t("已保存。", "Saved.")
        case "moved": text = page.t("已移动到新的上级。", "Moved to the new parent.")
        case "status": text = page.t("状态已更新。", "Status updated.")
        case "password": text = page.t("密码已修改,其他设备已退出登录。", "Password changed; other sessions were signed out.")
        case "revoked": text = page.t("该账号的所有会话已注销。", "Every session of the account was signed out.")
        default: return .empty
        }
        return "<div class=\"notice\" role=\"status\">\(text)</div>"
    }

    /// The list of every problem of a form, shown above it.
    static func errorSummary(_ page: PageContext, _ errors: [FieldError]) -> HTML {
        guard !errors.isEmpty else { return .empty }
        let items = errors.html { "<li>\(page.language.fieldLabel($0.field)) \(page.language.message(for: $0.problem))</li>" }
        return "<div class=\"alert\" role=\"alert\">\(page.t("请修正以下问题:", "Please correct the following:"))<ul>\(items)</ul></div>"
    }

    /// Previous / next links for a paginated list, keeping the other query values.
    static func pager<Item>(_ page: PageContext, _ list: Page<Item>, baseQuery: [String: String]) -> HTML {
        func link(_ number: Int) -> String {
            var query = baseQuery
            query["page"] = String(number)
            return "?"
                + query.sorted { $0.key < $1.key }.filter { !$0.value.isEmpty }
                .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .joined(separator: "&")
        }
        let previous: HTML = list.pageNumber > 1 ? "<a href=\"\(link(list.pageNumber - 1))\" rel=\"prev\">‹ \(page.t("上一页", "Previous"))</a>" : .empty
        let next: HTML =
            list.pageNumber < list.pageCount ? "<a href=\"\(link(list.pageNumber + 1))\" rel=\"next\">\(page.t("下一页", "Next")) ›</a>" : .empty
        return """
            <div class="pager">\(previous)
            <span>\(page.t("第 \(list.pageNumber) / \(list.pageCount) 页,共 \(list.totalCount) 条", "Page \(list.pageNumber) of \(list.pageCount), \(list.totalCount) in all"))</span>
            \(next)</div>
            """
    }
}

extension PageContext {
    init(language: Language, account: AccountRecord?, csrfToken: String) {
        self.language = language
        self.account = account
        self.csrfToken = csrfToken
        self.path = "/"
        self.query = ""
        self.notificationCounts = .none
    }
}

/// Form fields that show their value and error, shared by every form.
enum Field {
    static func text(
        _ page: PageContext, name: String, label: String? = nil, value: String?, errors: [FieldError], type: String = "text",
        hint: String? = nil, required: Bool = false, attributes: HTML = .empty
    ) -> HTML {
        let error = errors.first { $0.field == name }
        let errorHTML: HTML = error.map { "<div class=\"error\" id=\"\(name)-error\">\(page.language.message(for: $0.problem))</div>" } ?? .empty
        let hintHTML: HTML = hint.map { "<div class=\"hint\">\($0)</div>" } ?? .empty
        return """
            <div class="field\(error == nil ? "" : " invalid")">
              <label for="\(name)">\(label ?? page.language.fieldLabel(name))\(required ? " *" : "")</label>
              <input type="\(type)" id="\(name)" name="\(name)" value="\(value ?? "")"\(required ? HTML(" required") : .empty)\(error == nil ? HTML.empty : HTML(" aria-invalid=\"true\""))\(attributes)>
              \(hintHTML)\(errorHTML)
            </div>
            """
    }

    static func select(
        _ page: PageContext, name: String, label: String? = nil, options: [(value: String, label: String)], selected: String?,
        errors: [FieldError], includeBlank: String? = nil
    ) -> HTML {
        let error = errors.first { $0.field == name }
        let errorHTML: HTML = error.map { "<div class=\"error\" id=\"\(name)-error\">\(page.language.message(for: $0.problem))</div>" } ?? .empty
        let blank: HTML = includeBlank.map { "<option value=\"\">\($0)</option>" } ?? .empty
        let optionsHTML = options.html { option in
            "<option value=\"\(option.value)\"\(option.value == selected ? HTML(" selected") : .empty)>\(option.label)</option>"
        }
        return """
            <div class="field\(error == nil ? "" : " invalid")">
              <label for="\(name)">\(label ?? page.language.fieldLabel(name))</label>
              <select id="\(name)" name="\(name)">\(blank)\(optionsHTML)</select>
              \(errorHTML)
            </div>
            """
    }
}

/// Plain-text responses (text a button copies to the clipboard). Never cached: they hold personal data.
enum PlainText {
    static func response(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
