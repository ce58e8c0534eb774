import Foundation
import QudaoApp
import QudaoCore

/// The partner's phone home (极简: 我的佣金, 待结算订单 and 预存余额 first, then quick actions) and
/// its 我的 page (the profile, the referral link, every other page, the account).
enum PortalHomeView {
    static func home(
        _ page: PageContext, partner: PartnerRecord, finance: (position: PrepaidPosition, summary: CommissionSummary)?, recent: [OrderRecord]
    ) -> HTML {
        let principal = page.account?.principal
        let figures: HTML =
            finance.map { finance in
                """
                <div class="figures" id="home-figures">
                  <a class="figure" href="/portal/commissions" id="home-commission"><span class="label">\(page.t(.myCommission))</span>
                    <span class="value">\(finance.summary.settleable.formatted)</span><span class="sub">\(page.t("可结算 · 冻结中 \(finance.summary.frozen.formatted)", "settleable · \(finance.summary.frozen.formatted) frozen"))</span></a>
                  <a class="figure" href="/portal/commissions?state=frozen" id="home-pending-orders"><span class="label">\(page.t("待结算订单", "Orders to settle"))</span>
                    <span class="value">\(finance.summary.ordersAwaitingSettlement)</span><span class="sub">\(page.t("完成后佣金可结算", "commission settles on completion"))</span></a>
                  <a class="figure" href="/portal/prepaid" id="home-balance"><span class="label">\(page.t("预存余额", "Prepaid balance"))</span>
                    <span class="value">\(finance.position.balance.formatted)</span><span class="sub">\(page.t("进货折扣 \(finance.position.discountRate.percentText)", "purchase discount \(finance.position.discountRate.percentText)"))</span></a>
                </div>
                """
            } ?? .empty
        var actions: [(String, String, String, String)] = []
        if principal?.can(.partnerOrdering) == true {
            actions.append(("/portal/order", "action-order", page.t(.order), "＋"))
            actions.append(("/portal/replenishment", "action-replenish", page.t("一键补货", "Replenish"), "↻"))
        }
        if principal?.can(.partnerFinanceView) == true {
            actions.append(("/portal/prepaid#top-up", "action-top-up", page.t("充值", "Top up"), "¥"))
            actions.append(("/portal/prepaid#statement", "action-statement", page.t("对账单", "Statement"), "▤"))
        }
        let quick = actions.html { action in
            "<a href=\"\(action.0)\" id=\"\(action.1)\"><span class=\"icon\" aria-hidden=\"true\">\(action.3)</span>\(action.2)</a>"
        }
        let recentItems = recent.html { order in
            """
            <li><a href="/portal/orders/\(order.id)"><span class="mono">\(order.number)</span> \(OrderViews.statusBadge(page, order.status))
            <span class="amount">\(order.net.formatted)</span></a></li>
            """
        }
        let recentList: HTML =
            recent.isEmpty
            ? HTML(
                "<p class=\"empty\">\(page.t("还没有订单。", "No order yet."))\(principal?.can(.partnerOrdering) == true ? HTML(" <a href=\"/portal/order\">\(page.t("去订货", "Place the first order"))</a>") : .empty)</p>"
            )
            : "<ul class=\"list-links\" id=\"recent-orders\">\(recentItems)</ul><a href=\"/portal/orders\">\(page.t("全部订单", "All orders"))</a>"
        let details: HTML =
            finance.map { finance in
                """
                <details class="card" id="commission-details"><summary>\(page.t("佣金概况", "Commission in detail"))</summary>
                \(CommissionViews.summaryCards(page, finance.summary))</details>
                """
            } ?? .empty
        let body: HTML = """
            <section class="home-head"><h1>\(partner.name)</h1><span class="muted">\(page.language.level(partner.level)) · \(partner.code)</span></section>
            \(figures)
            \(actions.isEmpty ? .empty : HTML("<nav class=\"quick-actions\" id=\"quick-actions\">\(quick)</nav>"))
            <div class="card"><h2>\(page.t("最近订单", "Recent orders"))</h2>\(recentList)</div>
            \(details)
            """
        return Layout.page(page, title: page.t(.home), body: body)
    }

    static func me(_ page: PageContext, view: PartnerView, referralLink: String) -> HTML {
        let partner = view.partner
        let tabPaths: Set<String> = ["/portal", "/portal/order", "/portal/orders", "/portal/commissions"]
        let menu = Layout.portalItems(page).filter { !tabPaths.contains($0.path) }.html { item in
            "<li><a href=\"\(item.path)\">\(item.label)<span class=\"chevron\" aria-hidden=\"true\">›</span></a></li>"
        }
        let formatted = "\(partner.name)\n\(partner.formattedAddress)\n\(partner.contactName) \(partner.maskedContactPhone)"
        let other: Language = page.language == .chinese ? .english : .chinese
        let account = page.account
        let role = account.map { $0.isOwner ? page.t(.owner) : page.t("子账号", "Sub-account") } ?? ""
        let body: HTML = """
            <h1>\(page.t(.me))</h1>
            <ul class="list-links card" id="me-menu">\(menu)
              <li><a href="/notifications">\(page.t(.inbox))\(page.notificationCounts.unread > 0 ? HTML(" <span class=\"count\">\(page.notificationCounts.unread)</span>") : .empty)<span class="chevron" aria-hidden="true">›</span></a></li></ul>
            <div class="card"><strong>\(page.t("我的推广链接", "My referral link"))</strong>
              <p>\(page.t("推荐码", "Referral code")) <span class="mono" id="referral-code">\(partner.referralCode)</span></p>
              <p class="mono copy-target wrap" id="referral-link">\(referralLink)</p>
              <button class="secondary" type="button" data-copy="referral-link" data-copied="\(page.t(.copied))">\(page.t("复制链接", "Copy link"))</button></div>
            <div class="card"><strong>\(page.t("收货地址", "Shipping address"))</strong>
              <p class="copy-target" id="own-address">\(formatted)</p>
              <button class="secondary" type="button" data-copy="own-address" data-copied="\(page.t(.copied))">\(page.t(.copy))</button></div>
            <div class="card"><dl class="profile" id="own-profile">\(PortalPages.profileRows(page, view))
              <dt>\(page.t(.businessLicence))</dt><dd class="mono">\(partner.businessLicenceNumber.map(PersonalDataMask.identifier) ?? "—")</dd>
            </dl></div>
            <div class="card" id="my-account"><strong>\(account?.displayName ?? "")</strong> <span class="muted">\(role) · \(account?.username ?? "")</span>
              <ul class="list-links">
                <li><a href="/account/password">\(page.t(.changePassword))<span class="chevron" aria-hidden="true">›</span></a></li>
                <li><a href="/language?set=\(other.rawValue)&amp;next=%2Fportal%2Fme" id="me-language">\(other == .english ? "English" : "中文")<span class="chevron" aria-hidden="true">›</span></a></li>
              </ul>
              <form method="post" action="/logout">\(page.csrfField)<button class="secondary block" type="submit" id="sign-out-me">\(page.t("退出登录", "Sign out"))</button></form></div>
            \(page.company.customerServicePhone.isEmpty ? HTML.empty : HTML("<p class=\"muted center\">\(page.t("客服电话", "Customer service")) <a href=\"tel:\(page.company.customerServicePhone)\">\(page.company.customerServicePhone)</a></p>"))
            """
        return Layout.page(page, title: page.t(.me), body: body)
    }
}
