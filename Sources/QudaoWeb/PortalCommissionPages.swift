import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoStore

/// The partner's commission: records with their explanations, statements with downloads, and
/// where the money goes (prepaid balance or bank).
struct PortalCommissionPages {
    let services: WebServices

    static let links = CommissionViews.Links(record: "/portal/commissions", order: "/portal/orders", statement: "/portal/statements")

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/portal/commissions") { request, context in
            let caller = try services.caller(request, context)
            let page = PageContext(request, context)
            let filter = try CommissionViews.filter(request, partnerId: nil)
            let list = try await services.commissions.records(
                caller, filter: filter, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
            let summary = try await services.commissions.summary(caller)
            let numbers = try await services.platform.database.read {
                try await $0.documentNumbers(orderIds: list.items.compactMap(\.orderId), statementIds: list.items.compactMap(\.statementId))
            }
            let rule = try await services.commissions.currentRule()
            let body: HTML = """
                <h1>\(page.t("我的佣金", "My commission"))</h1>
                \(CommissionViews.portalTabs(page))
                \(CommissionViews.summaryCards(page, summary))
                <p class="muted">\(page.t("当前规则 v\(rule.version):一级 \(rule.rates[0].percentText) · 二级 \(rule.rates[1].percentText) · 三级 \(rule.rates[2].percentText);每月 \(rule.settlementDay) 日结算上月可结算佣金,低于 \(rule.minimumPayout.formatted) 结转下月。", "Rule v\(rule.version): level 1 \(rule.rates[0].percentText) · level 2 \(rule.rates[1].percentText) · level 3 \(rule.rates[2].percentText); on day \(rule.settlementDay) of each month last month's settleable commission is settled; under \(rule.minimumPayout.formatted) carries over."))</p>
                \(CommissionViews.filterForm(page, request, base: "/portal/commissions"))
                \(CommissionViews.recordTable(page, list.items, numbers: numbers, partners: nil, links: Self.links))
                \(Layout.pager(page, list, baseQuery: Self.query(request)))
                """
            return HTMLResponse.page(Layout.page(page, title: page.t("我的佣金", "My commission"), body: body))
        }
        router.get("/portal/commissions/{id}") { request, context in
            let caller = try services.caller(request, context)
            let view = try await services.commissions.record(caller, id: try context.parameters.require("id"))
            return HTMLResponse.page(Self.recordPage(PageContext(request, context), view, links: Self.links, back: "/portal/commissions"))
        }
        router.get("/portal/statements") { request, context in
            let caller = try services.caller(request, context)
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
        router.get("/portal/statements/{id}") { request, context in
            let caller = try services.caller(request, context)
            let id = try context.parameters.require("id")
            let detail = try await services.settlement.statement(caller, id: id)
            return HTMLResponse.page(
                try await StatementPage(services: services).render(
                    PageContext(request, context), detail, links: Self.links, download: "/portal/statements/\(id)/download", actions: .empty))
        }
        router.get("/portal/statements/{id}/download") { request, context in
            let caller = try services.caller(request, context)
            return try await StatementPage(services: services).download(request, context, caller: caller)
        }
        router.get("/portal/payout") { request, context in
            let caller = try services.caller(request, context)
            let settings = try await services.settlement.payoutSettings(caller, partnerId: nil)
            return HTMLResponse.page(
                PayoutSettingsForm.page(
                    PageContext(request, context), settings: settings, values: [:], errors: [], action: "/portal/payout",
                    editable: caller.principal.isOwner, notice: request.query("notice"), heading: .empty,
                    tabs: CommissionViews.portalTabs(PageContext(request, context))))
        }
        router.post("/portal/payout") { request, context in
            let caller = try services.caller(request, context)
            let form = try await services.form(request, context)
            return try await PayoutSettingsForm.save(services, caller, partnerId: nil, form: form, done: "/portal/payout?notice=saved") {
                settings, errors in
                let page = PageContext(request, context)
                return PayoutSettingsForm.page(
                    page, settings: settings, values: form.firstValues, errors: errors, action: "/portal/payout", editable: true, notice: nil,
                    heading: .empty, tabs: CommissionViews.portalTabs(page))
            }
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
              <dt>\(page.t("分佣顺位", "Chain position"))</dt><dd>\(record.position.map { page.language.chainPosition($0) } ?? "—")</dd>
              <dt>\(page.t("计佣基数", "Base"))</dt><dd class="number">\(record.base.formatted)</dd>
              <dt>\(page.t("金额", "Amount"))</dt><dd class="number"><strong id="record-amount">\(record.amount.formatted)</strong></dd>
              <dt>\(page.t("状态", "State"))</dt><dd>\(CommissionViews.stateBadge(page, record.state))</dd>
              <dt>\(page.t("产生时间", "Created"))</dt><dd>\(BusinessTime.displayText(record.createdAt))</dd>
              <dt>\(page.t("可结算时间", "Settleable at"))</dt><dd>\(record.settleableAt.map(BusinessTime.displayText) ?? page.t("订单完成后", "When the order completes"))</dd>
              <dt>\(page.t("结算单", "Statement"))</dt><dd>\(statement)</dd>
            </dl></div>
            \(CommissionViews.explanation(page, view))
            <p><a href="\(back)">\(page.t("返回佣金明细", "Back to the records"))</a></p>
            """
        return Layout.page(page, title: page.t("佣金计算说明", "Commission explanation"), body: body)
    }
}

/// A statement page and its download, for the portal and HQ.
struct StatementPage {
    let services: WebServices

    func render(
        _ page: PageContext, _ detail: (statement: StatementRecord, records: [CommissionRecord], partner: PartnerRecord),
        links: CommissionViews.Links,
        download: String, actions: HTML
    ) async throws -> HTML {
        let numbers = try await services.platform.database.read {
            try await $0.documentNumbers(orderIds: detail.records.compactMap(\.orderId), statementIds: [detail.statement.id])
        }
        let body: HTML = """
            <h1>\(page.t("结算单", "Statement")) <span class="mono">\(detail.statement.number)</span></h1>
            \(CommissionViews.statementSummary(page, detail.statement, partner: detail.partner, download: download))
            \(actions)
            <h2>\(page.t("包含的佣金记录", "Records included")) (\(detail.records.count))</h2>
            \(CommissionViews.recordTable(page, detail.records, numbers: numbers, partners: nil, links: links))
            """
        return Layout.page(page, title: page.t("结算单", "Statement") + " " + detail.statement.number, body: body)
    }

    func download(_ request: Request, _ context: QudaoRequestContext, caller: Caller) async throws -> Response {
        let format = try ExportFormat.requested(request)
        let detail = try await services.settlement.statement(caller, id: try context.parameters.require("id"))
        let numbers = try await services.platform.database.read {
            try await $0.documentNumbers(orderIds: detail.records.compactMap(\.orderId), statementIds: [])
        }
        return try CommissionViews.statementFile(
            detail.statement, records: detail.records, partner: detail.partner, numbers: numbers, format: format, language: context.language,
            at: services.platform.clock.now(), brand: context.company.exportBrand)
    }
}

/// The payout settings form: prepaid balance or a bank account (number shown masked).
enum PayoutSettingsForm {
    /// Saves the form; a blank account number keeps the one on file (the form never shows it in full).
    static func save(
        _ services: WebServices, _ caller: Caller, partnerId: String?, form: FormData, done: String,
        invalid: (PayoutSettings, [FieldError]) -> HTML
    ) async throws -> Response {
        let current = try await services.settlement.payoutSettings(caller, partnerId: partnerId)
        let typed = form["bankAccountNumber"]?.trimmingWhitespace() ?? ""
        do {
            _ = try await services.settlement.setPayoutSettings(
                caller, partnerId: partnerId, method: form["payoutMethod"], accountName: form["bankAccountName"], bankName: form["bankName"],
                accountNumber: typed.isEmpty ? current.accountNumber : typed)
            return Response.redirect(to: done, type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(invalid(current, failure.errors), status: .unprocessableContent)
        }
    }

    static func page(
        _ page: PageContext, settings: PayoutSettings, values: [String: String], errors: [FieldError], action: String, editable: Bool,
        notice: String?, heading: HTML, tabs: HTML
    ) -> HTML {
        let method = values["payoutMethod"] ?? settings.method.rawValue
        let form: HTML =
            editable
            ? """
            <form method="post" action="\(action)" class="card" id="payout-form">\(page.csrfField)
              \(Layout.errorSummary(page, errors))
              \(Field.select(page, name: "payoutMethod", options: PayoutMethod.allCases.map { ($0.rawValue, page.language.payoutMethod($0)) }, selected: method, errors: errors))
              \(Field.text(page, name: "bankAccountName", value: values["bankAccountName"] ?? settings.accountName, errors: errors))
              \(Field.text(page, name: "bankName", value: values["bankName"] ?? settings.bankName, errors: errors))
              \(Field.text(page, name: "bankAccountNumber", value: values["bankAccountNumber"], errors: errors, hint: settings.accountNumber.map { page.t("当前:", "Current: ") + PersonalDataMask.identifier($0) + page.t("(重新填写才会更改)", " (type it again to change it)") }, attributes: " inputmode=\"numeric\" autocomplete=\"off\""))
              <button type="submit">\(page.t("保存", "Save"))</button></form>
            """
            : "<p class=\"muted\">\(page.t("只有主账号可以修改收款方式。", "Only the owner account can change the payout method."))</p>"
        let body: HTML = """
            \(Layout.notice(page, notice))
            <h1>\(page.t("佣金收款方式", "Payout method"))</h1>
            \(heading)\(tabs)
            <div class="card" id="payout-current"><dl class="profile">
              <dt>\(page.t("发放方式", "Method"))</dt><dd>\(page.language.payoutMethod(settings.method))</dd>
              <dt>\(page.t("开户名", "Account name"))</dt><dd>\(settings.accountName ?? "—")</dd>
              <dt>\(page.t("开户行", "Bank"))</dt><dd>\(settings.bankName ?? "—")</dd>
              <dt>\(page.t("银行账号", "Account number"))</dt><dd class="mono">\(settings.accountNumber.map(PersonalDataMask.identifier) ?? "—")</dd>
            </dl><p class="muted">\(page.t("转入预存款:结算当日自动入账;银行转账:总部财务导出打款文件后打款。", "To prepaid: credited on the settlement day; bank transfer: HQ finance pays from the payout file."))</p></div>
            \(form)
            """
        return Layout.page(page, title: page.t("佣金收款方式", "Payout method"), body: body)
    }
}
