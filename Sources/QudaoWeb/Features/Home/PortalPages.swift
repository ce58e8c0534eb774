import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The partner portal: the partner's own profile and its downline, built for a phone first.
struct PortalPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/portal", use: showPortal)
        router.get("/portal/me", use: showPortalMe)
        router.get("/portal/team", use: showPortalTeam)
        router.get("/portal/team/{id}", use: showPortalTeamDetail)
    }

    @Sendable func showPortal(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        guard let partnerId = caller.principal.partnerId else { throw AppError.forbidden }
        let page = PageContext(request, context)
        let partner = try await services.partners.view(caller, id: partnerId).partner
        var finance: (position: PrepaidPosition, summary: CommissionSummary)?
        if caller.principal.can(.partnerFinanceView) {
            finance = (try await services.prepaid.position(caller, partnerId: nil), try await services.commissions.summary(caller))
        }
        let recent = try await services.orders.list(
            caller, filter: OrderFilter(partnerIds: [partner.id]), page: PageRequest(pageNumber: 1, pageSize: 5))
        return HTMLResponse.page(PortalHomeView.home(page, partner: partner, finance: finance, recent: recent.items))
    }

    @Sendable func showPortalMe(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        guard let partnerId = caller.principal.partnerId else { throw AppError.forbidden }
        let view = try await services.partners.view(caller, id: partnerId)
        let page = PageContext(request, context)
        let base = services.configuration.publicURL ?? request.head.authority.map { "http://\($0)" } ?? ""
        return HTMLResponse.page(PortalHomeView.me(page, view: view, referralLink: "\(base)/r/\(view.partner.referralCode)"))
    }

    @Sendable func showPortalTeam(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.partnerTeamView)
        let partners = try await services.partners.tree(caller)
        let page = PageContext(request, context)
        let own = partners.first { $0.id == caller.principal.partnerId }
        let body: HTML = """
            <h1>\(page.t(.myTeam))</h1>
            <div class="card" id="team-tree">\(TreeView.render(page, partners: partners, root: own, link: { "/portal/team/\($0.id)" }))</div>
            """
        return HTMLResponse.page(Layout.page(page, title: page.t(.myTeam), body: body))
    }

    @Sendable func showPortalTeamDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let view = try await services.partners.view(caller, id: try context.parameters.require("id"))
        let page = PageContext(request, context)
        let partner = view.partner
        let body: HTML = """
            <h1>\(partner.name)</h1>
            <div class="card"><dl class="profile">\(Self.profileRows(page, view))
              <dt>\(page.t(.directDownline))</dt><dd>\(view.childCount)</dd>
            </dl></div>
            <p><a href="/portal/team">\(page.t("返回团队", "Back to the team"))</a></p>
            """
        return HTMLResponse.page(Layout.page(page, title: partner.name, body: body))
    }

    /// The profile rows a partner may see of itself and of its downline: public business facts,
    /// the parent's code and name (never more of the upline), and the phone masked.
    static func profileRows(_ page: PageContext, _ view: PartnerView) -> HTML {
        let language = page.language
        let partner = view.partner
        return """
            <dt>\(page.t("渠道编码", "Code"))</dt><dd class="mono" id="partner-code">\(partner.code)</dd>
            <dt>\(page.t(.type))</dt><dd>\(language.partnerType(partner.type))</dd>
            <dt>\(page.t(.level))</dt><dd>\(language.level(partner.level))</dd>
            <dt>\(page.t(.parent))</dt><dd>\(view.parent.map { "\($0.code) \($0.name)" } ?? page.t(.hq))</dd>
            <dt>\(page.t(.status))</dt><dd><span class="badge \(partner.status.rawValue)">\(language.partnerStatus(partner.status))</span></dd>
            <dt>\(page.t(.region))</dt><dd>\(partner.province) \(partner.city)</dd>
            <dt>\(page.t(.contact))</dt><dd>\(partner.contactName) <span class="mono">\(partner.maskedContactPhone)</span></dd>
            """
    }
}
