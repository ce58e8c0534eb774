import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoStore

/// The partner portal: the partner's own profile and its downline, built for a phone first.
struct PortalPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/portal") { request, context in
            let caller = try services.caller(request, context)
            guard let partnerId = caller.principal.partnerId else { throw AppError.forbidden }
            let view = try await services.partners.view(caller, id: partnerId)
            let page = PageContext(request, context)
            let partner = view.partner
            let team: HTML
            if caller.principal.can(.partnerTeamView) {
                let downline = try await services.partners.tree(caller)
                team = """
                    <h2>\(page.t("我的团队", "My team")) (\(downline.count - 1))</h2>
                    <p><a href="/portal/team">\(page.t("查看团队结构", "See the team structure"))</a></p>
                    """
            } else {
                team = .empty
            }
            var money: HTML = .empty
            if caller.principal.can(.partnerFinanceView) {
                let position = try await services.prepaid.position(caller, partnerId: nil)
                let summary = try await services.commissions.summary(caller)
                money = """
                    \(PrepaidStatementView.balanceCards(page, position))
                    <h2>\(page.t("我的佣金", "My commission")) <a class="small" href="/portal/commissions">\(page.t("明细", "Details"))</a></h2>
                    \(CommissionViews.summaryCards(page, summary))
                    """
            }
            let recent = try await services.orders.list(
                caller, filter: OrderFilter(partnerIds: [partner.id]), page: PageRequest(pageNumber: 1, pageSize: 5))
            let recentRows = recent.items.html { order in
                "<li><a href=\"/portal/orders/\(order.id)\">\(order.number)</a> \(OrderViews.statusBadge(page, order.status)) <span class=\"mono\">\(order.net.formatted)</span></li>"
            }
            let referralLink = "\(request.head.authority.map { "http://\($0)" } ?? "")/r/\(partner.referralCode)"
            let formatted =
                "\(partner.name)\n\(partner.province)\(partner.city)\(partner.address)\n\(partner.contactName) \(partner.maskedContactPhone)"
            let body: HTML = """
                <h1>\(partner.name)</h1>
                <div class="card"><dl class="profile" id="own-profile">\(Self.profileRows(page, view))
                  <dt>\(page.t("营业执照号", "Business licence"))</dt><dd class="mono">\(partner.businessLicenceNumber.map(PersonalDataMask.identifier) ?? "—")</dd>
                </dl></div>
                \(money)
                <div class="card"><strong>\(page.t("我的推广链接", "My referral link"))</strong>
                  <p>\(page.t("推荐码", "Referral code")) <span class="mono" id="referral-code">\(partner.referralCode)</span></p>
                  <p class="mono copy-target" id="referral-link">\(referralLink)</p>
                  <button class="secondary" type="button" data-copy="referral-link" data-copied="\(page.t("已复制", "Copied"))">\(page.t("复制链接", "Copy link"))</button></div>
                <div class="card"><strong>\(page.t("最近订单", "Recent orders"))</strong><ul id="recent-orders">\(recentRows)</ul>
                  <a href="/portal/orders">\(page.t("全部订单", "All orders"))</a></div>
                <div class="card"><strong>\(page.t("收货地址", "Shipping address"))</strong>
                  <p class="copy-target" id="own-address">\(formatted)</p>
                  <button class="secondary" type="button" data-copy="own-address" data-copied="\(page.t("已复制", "Copied"))">\(page.t("一键复制", "Copy"))</button></div>
                \(team)
                """
            return HTMLResponse.page(Layout.page(page, title: page.t("首页", "Home"), body: body))
        }
        router.get("/portal/team") { request, context in
            let caller = try services.caller(request, context)
            try caller.require(.partnerTeamView)
            let partners = try await services.partners.tree(caller)
            let page = PageContext(request, context)
            let own = partners.first { $0.id == caller.principal.partnerId }
            let body: HTML = """
                <h1>\(page.t("我的团队", "My team"))</h1>
                <div class="card" id="team-tree">\(TreeView.render(page, partners: partners, root: own, link: { "/portal/team/\($0.id)" }))</div>
                """
            return HTMLResponse.page(Layout.page(page, title: page.t("我的团队", "My team"), body: body))
        }
        router.get("/portal/team/{id}") { request, context in
            let caller = try services.caller(request, context)
            let view = try await services.partners.view(caller, id: try context.parameters.require("id"))
            let page = PageContext(request, context)
            let partner = view.partner
            let body: HTML = """
                <h1>\(partner.name)</h1>
                <div class="card"><dl class="profile">\(Self.profileRows(page, view))
                  <dt>\(page.t("直属下级", "Direct downline"))</dt><dd>\(view.childCount)</dd>
                </dl></div>
                <p><a href="/portal/team">\(page.t("返回团队", "Back to the team"))</a></p>
                """
            return HTMLResponse.page(Layout.page(page, title: partner.name, body: body))
        }
    }

    /// The profile rows a partner may see of itself and of its downline: public business facts,
    /// the parent's code and name (never more of the upline), and the phone masked.
    static func profileRows(_ page: PageContext, _ view: PartnerView) -> HTML {
        let language = page.language
        let partner = view.partner
        return """
            <dt>\(page.t("渠道编码", "Code"))</dt><dd class="mono" id="partner-code">\(partner.code)</dd>
            <dt>\(page.t("类型", "Type"))</dt><dd>\(language.partnerType(partner.type))</dd>
            <dt>\(page.t("层级", "Level"))</dt><dd>\(language.level(partner.level))</dd>
            <dt>\(page.t("上级", "Parent"))</dt><dd>\(view.parent.map { "\($0.code) \($0.name)" } ?? page.t("总部", "HQ"))</dd>
            <dt>\(page.t("状态", "Status"))</dt><dd><span class="badge \(partner.status.rawValue)">\(language.partnerStatus(partner.status))</span></dd>
            <dt>\(page.t("地区", "Region"))</dt><dd>\(partner.province) \(partner.city)</dd>
            <dt>\(page.t("联系人", "Contact"))</dt><dd>\(partner.contactName) <span class="mono">\(partner.maskedContactPhone)</span></dd>
            """
    }
}
