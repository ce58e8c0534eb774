import Foundation
import HTTPTypes
import Hummingbird
import QudaoApp
import QudaoCore

/// The page frame: header with navigation, language switch and account menu.
enum Layout {
    static func page(_ page: PageContext, title: String, body: HTML) -> HTML {
        let language = page.language
        let isPortal = page.account?.kind == .partner
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
            <title>\(title) · \(page.company.brandName)</title>
            <link rel="stylesheet" href="/assets/app.css">
            <script src="/assets/app.js" defer></script>
            </head>
            <body class="\(isPortal ? "portal" : page.account == nil ? "public" : "console")">
            <header class="top">
              \(brand(page))
              \(navigation(page))
              <div class="account">
                \(accountMenu(page))
              </div>
            </header>
            \(urgentBanner(page))
            <main>
            \(body)
            </main>
            \(isPortal ? tabBar(page) : .empty)
            </body>
            </html>
            """
    }

    /// The brand's logo and name, linking home; the platform's name only before setup.
    static func brand(_ page: PageContext) -> HTML {
        let company = page.company
        let logo: HTML = company.logoFileId.map { "<img class=\"logo\" src=\"/brand/logo?v=\($0)\" alt=\"\">" } ?? .empty
        let subtitle = page.account?.kind == .partner ? page.t("订货平台", "Ordering") : page.t("渠道管理", "Channel management")
        return
            "<a class=\"brand\" href=\"/\" id=\"brand\">\(logo)<span class=\"brand-name\">\(company.brandName)</span><small>\(subtitle)</small></a>"
    }

    /// One link of a menu: its address, its label and the id browser tests and people's bookmarks rely on.
    struct MenuItem {
        let path: String
        let label: String
    }

    /// HQ's console groups its pages the way its people work (渠道, 商品与库存, 订单, 财务, 运营, 系统),
    /// so that the top bar stays one row at a desk; the portal lists a partner's pages.
    static func navigation(_ page: PageContext) -> HTML {
        guard let account = page.account else { return "<nav class=\"main\"></nav>" }
        if account.kind == .partner { return portalNavigation(page) }
        let principal = account.principal
        var groups: [(String, String, [MenuItem])] = []
        groups.append(
            (
                "channel", page.t("渠道", "Channel"),
                [
                    MenuItem(path: "/hq/partners", label: page.t("渠道商", "Partners")),
                    MenuItem(path: "/hq/partners/tree", label: page.t("渠道树", "Tree")),
                    MenuItem(path: "/hq/grading", label: page.t("分级", "Grading")),
                    MenuItem(path: "/hq/follow-ups", label: page.t("跟进任务", "Follow-ups")),
                    MenuItem(path: "/hq/certificates", label: page.t("资质到期", "Expiring certificates")),
                ]
            ))
        groups.append(
            (
                "catalogue", page.t("商品与库存", "Products and stock"),
                [
                    MenuItem(path: "/hq/products", label: page.t("商品", "Products")),
                    MenuItem(path: "/hq/categories", label: page.t("品类", "Categories")),
                    MenuItem(path: "/hq/stock", label: page.t(.stock)),
                ]
            ))
        groups.append(
            (
                "orders", page.t("订单", "Orders"),
                [
                    MenuItem(path: "/hq/orders", label: page.t("订单", "Orders")), MenuItem(path: "/hq/returns", label: page.t("退货", "Returns")),
                ]
            ))
        var finance = [
            MenuItem(path: "/hq/top-ups", label: page.t("充值审核", "Top-ups")), MenuItem(path: "/hq/prepaid", label: page.t("预存款", "Prepaid")),
        ]
        if principal.can(.viewFinance) {
            finance += [
                MenuItem(path: "/hq/commissions", label: page.t(.commission)),
                MenuItem(path: "/hq/settlements", label: page.t("结算", "Settlement")),
                MenuItem(path: "/hq/payouts", label: page.t(.bankPayouts)),
                MenuItem(path: "/hq/reconciliation", label: page.t("对账", "Reconciliation")),
                MenuItem(path: "/hq/bank", label: page.t("银行流水", "Bank statements")),
                MenuItem(path: "/hq/approvals", label: page.t("双人复核", "Approvals")),
            ]
        }
        groups.append(("finance", page.t("财务", "Finance"), finance))
        var operations = [MenuItem(path: "/hq/promotions", label: page.t("促销", "Promotions"))]
        if principal.can(.viewFinance) {
            operations.insert(
                contentsOf: [
                    MenuItem(path: "/hq/dashboard", label: page.t(.dashboard)),
                    MenuItem(path: "/hq/reports", label: page.t(.reports)),
                ], at: 0)
        }
        groups.append(("operations", page.t("运营", "Operations"), operations))
        var system: [MenuItem] = []
        if principal.can(.viewAccounts) { system.append(MenuItem(path: "/hq/accounts", label: page.t("账号", "Accounts"))) }
        if principal.can(.viewAuditLog) { system.append(MenuItem(path: "/hq/audit", label: page.t(.auditLog))) }
        if principal.can(.manageAccounts) { system.append(MenuItem(path: "/hq/integrations", label: page.t("接口与集成", "Integrations"))) }
        if principal.can(.revealPersonalData) { system.append(MenuItem(path: "/hq/privacy", label: page.t("个人信息请求", "Personal data requests"))) }
        if principal.can(.manageSettings) {
            system.append(MenuItem(path: "/hq/settings", label: page.t(.businessRules)))
            system.append(MenuItem(path: "/hq/settings/company", label: page.t(.companyAndBrand)))
        }
        if !system.isEmpty { groups.append(("system", page.t("系统", "System"), system)) }

        let current = currentPath(page, among: [MenuItem(path: "/hq", label: "")] + groups.flatMap(\.2))
        let overview: HTML =
            "<a href=\"/hq\" id=\"nav-overview\"\(current == "/hq" ? HTML(" class=\"current\"") : .empty)>\(page.t("概览", "Overview"))</a>"
        let menus = groups.html { id, label, items in
            let isCurrent = items.contains { $0.path == current }
            let links = items.html { item in
                "<a href=\"\(item.path)\"\(item.path == current ? HTML(" class=\"current\"") : .empty)>\(item.label)</a>"
            }
            return """
                <details class="menu\(isCurrent ? " current" : "")" id="nav-\(id)"><summary>\(label)</summary><div class="menu-items">\(links)</div></details>
                """
        }
        return "<nav class=\"main hq\">\(overview)\(menus)</nav>"
    }

    /// The portal's pages a partner account may open, in the order the 我的 page lists them.
    static func portalItems(_ page: PageContext) -> [MenuItem] {
        guard let principal = page.account?.principal else { return [] }
        var items = [MenuItem(path: "/portal", label: page.t(.home))]
        if principal.can(.partnerOrdering) {
            items.append(MenuItem(path: "/portal/order", label: page.t(.order)))
            items.append(MenuItem(path: "/portal/replenishment", label: page.t("一键补货", "Replenish")))
        }
        items.append(MenuItem(path: "/portal/orders", label: page.t("订单", "Orders")))
        if principal.can(.partnerFinanceView) {
            items.append(MenuItem(path: "/portal/commissions", label: page.t(.commission)))
            items.append(MenuItem(path: "/portal/prepaid", label: page.t("预存款与对账单", "Prepaid and statements")))
            items.append(MenuItem(path: "/portal/reconciliation", label: page.t("月度对账单", "Monthly statements")))
        }
        items.append(MenuItem(path: "/portal/stock", label: page.t(.stock)))
        items.append(MenuItem(path: "/portal/grade", label: page.t("渠道评级", "Grade")))
        items.append(MenuItem(path: "/portal/promotions", label: page.t(.promotions)))
        items.append(MenuItem(path: "/portal/certificates", label: page.t("资质档案", "Certificates")))
        if principal.can(.partnerOrdering) { items.append(MenuItem(path: "/portal/addresses", label: page.t("收货地址", "Addresses"))) }
        if principal.can(.partnerTeamView) { items.append(MenuItem(path: "/portal/team", label: page.t(.myTeam))) }
        items.append(MenuItem(path: "/portal/products", label: page.t("商品目录", "Catalogue")))
        if principal.can(.partnerManageSubAccounts) { items.append(MenuItem(path: "/portal/accounts", label: page.t("子账号", "Sub-accounts"))) }
        if principal.isOwner { items.append(MenuItem(path: "/portal/integrations", label: page.t("接口与集成", "Integrations"))) }
        items.append(MenuItem(path: "/portal/security", label: page.t("账户安全", "Security")))
        return items
    }

    /// On a desk the portal lists its pages in the header; on a phone the tab bar replaces it.
    static func portalNavigation(_ page: PageContext) -> HTML {
        let items = portalItems(page)
        let current = currentPath(page, among: items)
        let links = items.html { item in
            "<a href=\"\(item.path)\"\(item.path == current ? HTML(" class=\"current\"") : .empty)>\(item.label)</a>"
        }
        return "<nav class=\"main portal-links\">\(links)</nav>"
    }

    /// The phone's bottom tab bar: 首页 · 订货 · 订单 · 佣金 (or 消息 without finance rights) · 我的,
    /// only what the account may do; the rest is on the 我的 page.
    static func tabBar(_ page: PageContext) -> HTML {
        guard let principal = page.account?.principal else { return .empty }
        var tabs: [(String, String, String, String)] = [("/portal", "home", page.t(.home), "⌂")]
        if principal.can(.partnerOrdering) { tabs.append(("/portal/order", "order", page.t(.order), "＋")) }
        tabs.append(("/portal/orders", "orders", page.t("订单", "Orders"), "≡"))
        if principal.can(.partnerFinanceView) {
            tabs.append(("/portal/commissions", "commission", page.t(.commission), "¥"))
        } else {
            tabs.append(("/notifications", "inbox", page.t(.inbox), "✉"))
        }
        tabs.append(("/portal/me", "me", page.t(.me), "☺"))
        let tabPaths = tabs.map(\.0)
        // A page that is not a tab of its own belongs to 我的 (profile, stock, certificates…).
        let path = tabArea(page.path)
        let current = tabPaths.filter { path == $0 || ($0 != "/portal" && path.hasPrefix($0 + "/")) }.max(by: { $0.count < $1.count }) ?? "/portal/me"
        let links = tabs.html { tab in
            """
            <a href="\(tab.0)" id="tab-\(tab.1)"\(tab.0 == current ? HTML(" class=\"current\" aria-current=\"page\"") : .empty)><span class="icon" aria-hidden="true">\(tab.3)</span><span>\(tab.2)</span></a>
            """
        }
        return "<nav class=\"tabbar\" id=\"tabbar\" aria-label=\"\(page.t("主菜单", "Main menu"))\">\(links)</nav>"
    }

    /// The tab a page belongs to: ordering's later steps and a draft belong to 订货, statements to 佣金.
    static func tabArea(_ path: String) -> String {
        if path.hasPrefix("/portal/order/") || path == "/portal/replenishment" { return "/portal/order" }
        if path.hasPrefix("/portal/statements") || path.hasPrefix("/portal/payout") { return "/portal/commissions" }
        return path
    }

    /// The longest menu path the page's path falls under (areas reached from a page's own tabs light up that page's item).
    static func currentPath(_ page: PageContext, among items: [MenuItem]) -> String? {
        let areas = [
            "/hq/commission/": "/hq/commissions", "/hq/statements": "/hq/settlements",
            "/portal/statements": "/portal/commissions", "/portal/payout": "/portal/commissions",
            "/portal/follow-ups": "/portal/grade", "/portal/top-ups": "/portal/prepaid",
        ]
        let path = areas.first { page.path.hasPrefix($0.key) }?.value ?? page.path
        return items.map(\.path).filter { path == $0 || path.hasPrefix($0 + "/") }.max(by: { $0.count < $1.count })
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
        let other: Language = page.language == .chinese ? .english : .chinese
        let target = page.path + (page.query.isEmpty ? "" : "?" + page.query)
        let switchLink = "/language?set=\(other.rawValue)&next=\(target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")"
        let languageLink: HTML = "<a href=\"\(switchLink)\" id=\"language-switch\" class=\"wide-only\">\(other == .english ? "English" : "中文")</a>"
        guard let account = page.account else { return languageLink }
        let unread = page.notificationCounts.unread
        let badge: HTML = unread > 0 ? "<span class=\"count\" id=\"unread-count\">\(unread > 99 ? "99+" : String(unread))</span>" : .empty
        let inbox: HTML = "<a href=\"/notifications\" id=\"inbox-link\" class=\"inbox\">\(page.t(.inbox))\(badge)</a>"
        let role: String
        if let hqRole = account.hqRole {
            role = page.language.hqRole(hqRole)
        } else {
            role = account.isOwner ? page.t(.owner) : page.t("子账号", "Sub-account")
        }
        return """
            \(languageLink)
            \(inbox)
            <a href="/account/password" class="wide-only" title="\(page.t(.changePassword))">\(account.displayName)</a>
            <span class="muted wide-only">\(role)</span>
            <form method="post" action="/logout" class="wide-only">\(page.csrfField)<button class="link" type="submit" id="sign-out">\(page.t("退出", "Sign out"))</button></form>
            """
    }

    static func errorPage(problem: Problem, context: QudaoRequestContext) -> HTML {
        let page = PageContext(
            language: context.language, account: context.authenticated?.account,
            csrfToken: context.authenticated?.session.csrfToken ?? "", company: context.company)
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
        case "paymentPassword": text = page.t("支付密码已保存。", "The payment password is saved.")
        case "confirmed": text = page.t("已确认对账单。", "Statement confirmed.")
        case "disputed": text = page.t("已提交异议,总部财务处理后会通知您。", "Dispute sent; HQ finance will answer and you will be told.")
        case "answered": text = page.t("已处理该行异议。", "The line is answered.")
        case "reissued": text = page.t("异议已全部处理,已重新出具对账单。", "Every line is answered; the statement is issued again.")
        case "approval":
            // A held action changed nothing yet; say so, and where it waits.
            return """
                <div class="notice" role="status" id="approval-notice">\(page.t("已提交复核:另一位总部财务或管理员批准后才会生效。", "Sent for approval: it takes effect once another HQ finance or admin account approves it.")) <a href="/hq/approvals">\(page.t("查看待复核", "See approvals"))</a></div>
                """
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
