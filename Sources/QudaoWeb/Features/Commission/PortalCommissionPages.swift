import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The partner's commission: records with their explanations, statements with downloads, and
/// where the money goes (prepaid balance or bank).
struct PortalCommissionPages {
    let services: WebServices

    static let links = CommissionViews.Links(record: "/portal/commissions", order: "/portal/orders", statement: "/portal/statements")

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/portal/commissions", use: showPortalCommissions)
        router.get("/portal/commissions/{id}", use: showPortalCommissionsDetail)
        router.get("/portal/statements", use: showPortalStatements)
        router.get("/portal/statements/{id}", use: showPortalStatementsDetail)
        router.get("/portal/statements/{id}/download", use: showPortalStatementsDownload)
        router.get("/portal/payout", use: showPortalPayout)
        router.post("/portal/payout", use: submitPortalPayout)
    }

    @Sendable func showPortalCommissions(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let page = PageContext(request, context)
        let filter = try CommissionViews.filter(request, partnerId: nil)
        let list = try await services.commissions.records(
            caller, filter: filter, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let summary = try await services.commissions.summary(caller)
        let numbers = try await services.commissions.documentNumbers(
            orderIds: list.items.compactMap(\.orderId), statementIds: list.items.compactMap(\.statementId))
        let rule = try await services.commissions.currentRule()
        let body: HTML = """
            <h1>\(page.t(.myCommission))</h1>
            \(CommissionViews.portalTabs(page))
            \(CommissionViews.summaryCards(page, summary))
            <p class="muted">\(page.t("当前规则 v\(rule.version):一级 \(rule.rates[0].percentText) · 二级 \(rule.rates[1].percentText) · 三级 \(rule.rates[2].percentText);每月 \(rule.settlementDay) 日结算上月可结算佣金,低于 \(rule.minimumPayout.formatted) 结转下月。", "Rule v\(rule.version): level 1 \(rule.rates[0].percentText) · level 2 \(rule.rates[1].percentText) · level 3 \(rule.rates[2].percentText); on day \(rule.settlementDay) of each month last month's settleable commission is settled; under \(rule.minimumPayout.formatted) carries over."))</p>
            \(CommissionViews.filterForm(page, request, base: "/portal/commissions"))
            \(CommissionViews.recordTable(page, list.items, numbers: numbers, partners: nil, links: Self.links))
            \(Layout.pager(page, list, baseQuery: Self.query(request)))
            """
        return HTMLResponse.page(Layout.page(page, title: page.t(.myCommission), body: body))
    }

    @Sendable func showPortalCommissionsDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let view = try await services.commissions.record(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(Self.recordPage(PageContext(request, context), view, links: Self.links, back: "/portal/commissions"))
    }

    @Sendable func showPortalStatements(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let page = PageContext(request, context)
        let list = try await services.settlement.statements(
            caller, partnerId: nil, month: request.query("month"), status: nil,
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let body: HTML = """
            <h1>\(page.t("结算单", "Statements"))</h1>
            \(CommissionViews.portalTabs(page))
            \(CommissionViews.statementTable(page, list.items, partners: nil, base: "/portal/statements"))
            \(Layout.pager(page, list, baseQuery: [:]))
            """
        return HTMLResponse.page(Layout.page(page, title: page.t("结算单", "Statements"), body: body))
    }

    @Sendable func showPortalStatementsDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let id = try context.parameters.require("id")
        let detail = try await services.settlement.statement(caller, id: id)
        return HTMLResponse.page(
            try await StatementPage(services: services).render(
                PageContext(request, context), detail, links: Self.links, download: "/portal/statements/\(id)/download", actions: .empty))
    }

    @Sendable func showPortalStatementsDownload(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return try await StatementPage(services: services).download(request, context, caller: caller)
    }

    @Sendable func showPortalPayout(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let settings = try await services.settlement.payoutSettings(caller, partnerId: nil)
        let paymentPassword = try await services.paymentPasswords.status(caller)
        return HTMLResponse.page(
            PayoutSettingsForm.page(
                PageContext(request, context), settings: settings, values: [:], errors: [], action: "/portal/payout",
                editable: caller.principal.isOwner, notice: request.query("notice"), heading: .empty,
                tabs: CommissionViews.portalTabs(PageContext(request, context)), paymentPassword: paymentPassword))
    }

    @Sendable func submitPortalPayout(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let paymentPassword = try await services.paymentPasswords.status(caller)
        return try await PayoutSettingsForm.save(services, caller, partnerId: nil, form: form, done: "/portal/payout?notice=saved") {
            settings, errors in
            let page = PageContext(request, context)
            return PayoutSettingsForm.page(
                page, settings: settings, values: form.firstValues, errors: errors, action: "/portal/payout", editable: true, notice: nil,
                heading: .empty, tabs: CommissionViews.portalTabs(page), paymentPassword: paymentPassword)
        }
    }

    static func query(_ request: Request) -> [String: String] {
        var query: [String: String] = [:]
        for name in ["state", "kind", "month", "orderNumber", "partnerId", "statementId"] { query[name] = request.query(name) ?? "" }
        return query
    }

    /// A record with its explanation (portal and HQ).
    static func recordPage(_ page: PageContext, _ view: CommissionRecordView, links: CommissionViews.Links, back: String) -> HTML {
        let record = view.record
        let order: HTML =
            view.order.map { order in
                "<a class=\"mono\" href=\"\(links.order)/\(order.id)\">\(order.number)</a> \(page.language.orderKind(order.kind)) \(OrderViews.statusBadge(page, order.status))"
            } ?? "—"
        let statement: HTML =
            view.statement.map { statement in "<a class=\"mono\" href=\"\(links.statement)/\(statement.id)\">\(statement.number)</a>" } ?? "—"
        let body: HTML = """
            <h1>\(page.language.commissionKind(record.kind)) <span class="mono">\(record.amount.formatted)</span></h1>
            <div class="card"><dl class="profile" id="record-facts">
              <dt>\(page.t("受益渠道商", "Beneficiary"))</dt><dd>\(view.partner.code) \(view.partner.name)</dd>
              <dt>\(page.t("订单", "Order"))</dt><dd>\(order)</dd>
              <dt>\(page.t(.chainPosition))</dt><dd>\(record.position.map { page.language.chainPosition($0) } ?? "—")</dd>
              <dt>\(page.t(.base))</dt><dd class="number">\(record.base.formatted)</dd>
              <dt>\(page.t(.amount))</dt><dd class="number"><strong id="record-amount">\(record.amount.formatted)</strong></dd>
              <dt>\(page.t(.status))</dt><dd>\(CommissionViews.stateBadge(page, record.state))</dd>
              <dt>\(page.t("产生时间", "Created"))</dt><dd>\(BusinessTime.displayText(record.createdAt))</dd>
              <dt>\(page.t(.settleableAt))</dt><dd>\(record.settleableAt.map(BusinessTime.displayText) ?? page.t("订单完成后", "When the order completes"))</dd>
              <dt>\(page.t("结算单", "Statement"))</dt><dd>\(statement)</dd>
            </dl></div>
            \(CommissionViews.explanation(page, view))
            <p><a href="\(back)">\(page.t("返回佣金明细", "Back to the records"))</a></p>
            """
        return Layout.page(page, title: page.t("佣金计算说明", "Commission explanation"), body: body)
    }
}
