import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// HQ's finance and warehouse pages: top-up requests, balances and statements, adjustments, stock.
struct HQFinancePages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/top-ups", use: showHQTopUps)
        router.get("/hq/top-ups/{id}/proof", use: showHQTopUpsProof)
        router.post("/hq/top-ups/{id}/confirm", use: submitHQTopUpsConfirm)
        router.post("/hq/top-ups/{id}/reject", use: submitHQTopUpsReject)
        router.get("/hq/prepaid", use: showHQPrepaid)
        router.get("/hq/prepaid/{id}", use: showHQPrepaidDetail)
        router.get("/hq/prepaid/{id}/statement.xlsx") { request, context in try await exportHQPrepaidStatement(request, context, format: .xlsx) }
        router.get("/hq/prepaid/{id}/statement.pdf") { request, context in try await exportHQPrepaidStatement(request, context, format: .pdf) }
        router.post("/hq/prepaid/{id}/adjust", use: submitHQPrepaidAdjust)
        router.get("/hq/stock", use: showHQStock)
        router.post("/hq/stock", use: submitHQStock)
        router.post("/hq/stock/low-stock-line", use: submitLowStockLine)
    }

    func exportHQPrepaidStatement(_ request: Request, _ context: QudaoRequestContext, format: ReportFormat) async throws -> Response {
        try await PrepaidStatementView.export(
            services, caller: try context.caller, partnerId: try context.parameters.require("id"), request: request, language: context.language,
            format: format)
    }

    @Sendable func showHQTopUps(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let status = request.query("status").flatMap(TopUpRecord.Status.init(rawValue:)) ?? (request.query("status") == "all" ? nil : .pending)
        let list = try await services.prepaid.topUps(
            caller, filter: TopUpFilter(status: status),
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let partners = try await HQOrderPages(services: services).partnersById(list.items.map(\.partnerId))
        return HTMLResponse.page(
            topUpsPage(PageContext(request, context), request: request, list: list, partners: partners, caller: caller, errors: []))
    }

    @Sendable func showHQTopUpsProof(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return FileResponse.make(try await services.prepaid.proofFile(caller, topUpId: try context.parameters.require("id")))
    }

    @Sendable func submitHQTopUpsConfirm(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        _ = try await services.prepaid.confirmTopUp(caller, id: try context.parameters.require("id"))
        return Response.redirect(to: "/hq/top-ups?notice=saved", type: .found)
    }

    @Sendable func submitHQTopUpsReject(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        do {
            _ = try await services.prepaid.rejectTopUp(caller, id: id, reason: form["reason"])
            return Response.redirect(to: "/hq/top-ups?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            // A blank reason: the list again, the message beside this request's reason field.
            let list = try await services.prepaid.topUps(
                caller, filter: TopUpFilter(status: .pending), page: PageRequest(pageNumber: 1, pageSize: PageRequest.maximumPageSize))
            let partners = try await HQOrderPages(services: services).partnersById(list.items.map(\.partnerId))
            return HTMLResponse.page(
                topUpsPage(
                    PageContext(request, context), request: request, list: list, partners: partners, caller: caller, errors: failure.errors,
                    failedTopUpId: id),
                status: .unprocessableContent)
        }
    }

    @Sendable func showHQPrepaid(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.viewFinance)
        let list = try await services.partners.list(
            caller, filter: PartnerFilter(search: request.query("q")),
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let balances = try await services.prepaid.balances(partnerIds: list.items.map(\.id))
        let page = PageContext(request, context)
        let rows = list.items.html { partner in
            """
            <tr><td class="mono"><a href="/hq/prepaid/\(partner.id)">\(partner.code)</a></td><td>\(partner.name)</td><td>\(page.language.level(partner.level))</td>
            <td class="number" data-partner="\(partner.code)">\((balances[partner.id] ?? .zero).formatted)</td></tr>
            """
        }
        let body: HTML = """
            <h1>\(page.t("预存款余额", "Prepaid balances"))</h1>
            <form method="get" class="toolbar" action="/hq/prepaid"><div class="field"><label for="q">\(page.t(.search))</label>
            <input type="search" id="q" name="q" value="\(request.query("q"))"></div><button type="submit">\(page.t(.filter))</button></form>
            <div class="table-wrap"><table id="balance-list"><thead><tr><th>\(page.t(.code))</th><th>\(page.t("名称", "Name"))</th><th>\(page.t(.level))</th>
            <th class="number">\(page.t(.balance))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(Layout.pager(page, list, baseQuery: ["q": request.query("q") ?? ""]))
            """
        return HTMLResponse.page(Layout.page(page, title: page.t("预存款余额", "Prepaid balances"), body: body))
    }

    @Sendable func showHQPrepaidDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(
            try await statementPage(
                request, context, caller: caller, partnerId: try context.parameters.require("id"), errors: [], notice: request.query("notice")))
    }

    @Sendable func submitHQPrepaidAdjust(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        do {
            let submission = try await services.prepaid.adjust(
                caller, partner: id, amount: .yuanText(form["amountFen"]), direction: form["direction"], reason: form["reason"])
            return Response.redirect(to: "/hq/prepaid/\(id)?notice=\(submission.applied == nil ? "approval" : "saved")", type: .found)
        } catch let error as AppError {
            let errors: [FieldError]
            switch error {
            case .validation(let failure): errors = failure.errors
            case .insufficientBalance(let available, let required):
                errors = [FieldError(field: "amountFen", problem: .amountOutOfRange(minimumFen: 1, maximumFen: available.fen))]
                _ = required
            default: throw error
            }
            return HTMLResponse.page(
                try await statementPage(request, context, caller: caller, partnerId: id, errors: errors, notice: nil),
                status: .unprocessableContent)
        }
    }

    @Sendable func showHQStock(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(try await stockPage(request, context, caller: caller, errors: []))
    }

    @Sendable func submitHQStock(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            _ = try await services.stock.record(
                caller, product: form["productId"], quantity: IntegerInput(text: form["quantity"]), adjustment: form["kind"] == "adjustment",
                note: form["note"])
            return Response.redirect(to: "/hq/stock?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(try await stockPage(request, context, caller: caller, errors: failure.errors), status: .unprocessableContent)
        }
    }

    @Sendable func submitLowStockLine(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            _ = try await services.stock.setLowStockLine(caller, product: form["lineProductId"], units: IntegerInput(text: form["units"]))
            return Response.redirect(to: "/hq/stock?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            let errors = failure.errors.map { $0.field == "productId" ? FieldError(field: "lineProductId", problem: $0.problem) : $0 }
            return HTMLResponse.page(try await stockPage(request, context, caller: caller, errors: errors), status: .unprocessableContent)
        } catch AppError.notFound {
            let errors = [FieldError(field: "lineProductId", problem: .notFound)]
            return HTMLResponse.page(try await stockPage(request, context, caller: caller, errors: errors), status: .unprocessableContent)
        }
    }

    /// The message beside a reason field whose form was refused.
    static func reasonError(_ page: PageContext, _ errors: [FieldError]) -> HTML {
        guard let error = errors.first(where: { $0.field == "reason" }) else { return .empty }
        return "<div class=\"error\" id=\"reason-error\">\(page.t("驳回原因", "The reason")) \(page.language.message(for: error.problem))</div>"
    }

    func topUpsPage(
        _ page: PageContext, request: Request, list: Page<TopUpRecord>, partners: [String: PartnerRecord], caller: Caller, errors: [FieldError],
        failedTopUpId: String? = nil
    ) -> HTML {
        let canDecide = caller.principal.can(.manageFinance)
        let rows = list.items.html { topUp in
            let partner = partners[topUp.partnerId]
            let proof: HTML = topUp.proofFileId == nil ? "—" : "<a href=\"/hq/top-ups/\(topUp.id)/proof\">\(page.t("查看凭证", "Proof"))</a>"
            let decide: HTML =
                topUp.status == .pending && canDecide
                ? """
                <form method="post" action="/hq/top-ups/\(topUp.id)/confirm" class="inline">\(page.csrfField)<button type="submit" data-action="confirm">\(page.t("确认到账", "Confirm"))</button></form>
                <form method="post" action="/hq/top-ups/\(topUp.id)/reject" class="inline\(topUp.id == failedTopUpId ? " field invalid" : "")">\(page.csrfField)<input type="text" name="reason" class="short" required placeholder="\(page.t("驳回原因", "Reason"))" aria-label="\(page.t("驳回原因", "Reason"))"><button class="secondary" type="submit" data-action="reject">\(page.t("驳回", "Reject"))</button>
                \(topUp.id == failedTopUpId ? Self.reasonError(page, errors) : .empty)</form>
                """ : HTML(stringLiteral: topUp.rejectionReason ?? "")
            return """
                <tr data-topup="\(topUp.number)"><td class="mono" data-label="\(page.t(.documentNumber))">\(topUp.number)</td>
                <td data-label="\(page.t("渠道商", "Partner"))">\(partner.map { "\($0.code) \($0.name)" } ?? "")</td>
                <td class="number" data-label="\(page.t(.amount))">\(topUp.amount.formatted)</td>
                <td class="number" data-label="\(page.t(.rebate))">\(topUp.bonus.formatted)</td>
                <td class="mono" data-label="\(page.t(.bankReference))">\(topUp.bankReference)</td><td>\(proof)</td>
                <td data-label="\(page.t(.status))">\(page.language.topUpStatus(topUp.status))</td>
                <td data-label="\(page.t(.requested))">\(BusinessTime.displayText(topUp.requestedAt))</td><td>\(decide)</td></tr>
                """
        }
        let statusOptions = [
            ("pending", page.language.topUpStatus(.pending)), ("confirmed", page.language.topUpStatus(.confirmed)),
            ("rejected", page.language.topUpStatus(.rejected)), ("all", page.t(.all)),
        ]
        let body: HTML = """
            \(Layout.notice(page, request.query("notice")))
            <h1>\(page.t("充值申请", "Top-up requests"))</h1>
            <form method="get" class="toolbar" action="/hq/top-ups">\(Field.select(page, name: "status", label: page.t(.status), options: statusOptions, selected: request.query("status") ?? "pending", errors: []))
            <button type="submit">\(page.t(.filter))</button></form>
            <div class="table-wrap"><table class="responsive" id="topup-list"><thead><tr><th>\(page.t(.documentNumber))</th><th>\(page.t("渠道商", "Partner"))</th><th class="number">\(page.t(.amount))</th>
            <th class="number">\(page.t(.rebate))</th><th>\(page.t(.bankReference))</th><th>\(page.t("凭证", "Proof"))</th><th>\(page.t(.status))</th><th>\(page.t(.requested))</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(list.items.isEmpty ? HTML("<p class=\"muted\">\(page.t("没有符合条件的充值申请。", "No top-up requests."))</p>") : .empty)
            \(Layout.pager(page, list, baseQuery: ["status": request.query("status") ?? ""]))
            """
        return Layout.page(page, title: page.t("充值申请", "Top-up requests"), body: body)
    }

    func statementPage(
        _ request: Request, _ context: QudaoRequestContext, caller: Caller, partnerId: String, errors: [FieldError], notice: String?
    ) async throws -> HTML {
        let page = PageContext(request, context)
        let position = try await services.prepaid.position(caller, partnerId: partnerId)
        let statement = try await PrepaidStatementView.load(services, caller: caller, partnerId: position.partner.id, request: request)
        let adjust: HTML =
            caller.principal.can(.manageFinance)
            ? """
            <form method="post" action="/hq/prepaid/\(position.partner.id)/adjust" class="card narrow" id="adjust-form"><h2>\(page.t("人工调整", "Manual adjustment"))</h2>\(page.csrfField)
            \(Layout.errorSummary(page, errors))
            \(Field.select(page, name: "direction", label: page.t("方向", "Direction"), options: [("credit", page.t("入账(增加余额)", "Credit (increase)")), ("debit", page.t("扣款(减少余额)", "Debit (decrease)"))], selected: "credit", errors: errors))
            \(Field.text(page, name: "amountFen", label: page.t(.amountYuan), value: nil, errors: errors, required: true))
            \(Field.text(page, name: "reason", value: nil, errors: errors, hint: page.t("必填,记入审计日志", "Required; recorded in the audit log"), required: true))
            <button type="submit" id="adjust-balance">\(page.t("提交", "Submit"))</button></form>
            """ : .empty
        let body: HTML = """
            \(Layout.notice(page, notice))
            <h1>\(position.partner.code) \(position.partner.name)</h1>
            \(PrepaidStatementView.balanceCards(page, position))
            \(adjust)
            \(statement.render(page, base: "/hq/prepaid/\(position.partner.id)"))
            """
        return Layout.page(page, title: page.t("预存款明细", "Prepaid statement"), body: body)
    }

    func stockPage(_ request: Request, _ context: QudaoRequestContext, caller: Caller, errors: [FieldError]) async throws -> HTML {
        let page = PageContext(request, context)
        let list = try await services.stock.levels(
            caller, search: request.query("q"), page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let rows = list.items.html { level in
            """
            <tr data-sku="\(level.sku)"><td class="mono">\(level.sku)</td><td>\(level.productName)</td><td class="number">\(level.onHand)</td>
            <td class="number">\(level.reserved)</td><td class="number"><strong>\(level.available)</strong>\(level.lowStockUnits.map { level.available <= $0 } ?? false ? HTML(" <span class=\"badge warning\">\(page.t("偏低", "Low"))</span>") : .empty)</td>
            <td class="number">\(level.lowStockUnits.map(String.init) ?? "—")</td></tr>
            """
        }
        let form: HTML =
            caller.principal.can(.manageStock)
            ? """
            <form method="post" action="/hq/stock" class="card" id="stock-form"><h2>\(page.t("入库 / 盘点调整", "Receive goods / correct a count"))</h2>\(page.csrfField)
            \(Layout.errorSummary(page, errors))
            <div class="fields">
            \(Field.select(page, name: "kind", label: page.t(.type), options: [("receipt", page.t("入库", "Goods received")), ("adjustment", page.t("盘点调整", "Count correction"))], selected: "receipt", errors: errors))
            \(Field.text(page, name: "productId", label: "SKU", value: nil, errors: errors, required: true))
            \(Field.text(page, name: "quantity", label: page.t("数量(调整可为负)", "Quantity (negative for a correction)"), value: nil, errors: errors, required: true))
            \(Field.text(page, name: "note", label: page.t("备注(调整必填)", "Note (required for a correction)"), value: nil, errors: errors))
            </div><button type="submit" id="record-stock">\(page.t("提交", "Submit"))</button></form>
            <form method="post" action="/hq/stock/low-stock-line" class="card" id="low-stock-form"><h2>\(page.t("库存预警线", "Low-stock line"))</h2>\(page.csrfField)
            <p class="muted small">\(page.t("可用库存降到预警线或以下时,向订阅了 stock.low 的系统推送事件;留空则取消。", "When the available stock falls to the line or below, systems subscribed to stock.low are told; leave it blank to clear it."))</p>
            <div class="fields">
            \(Field.text(page, name: "lineProductId", label: "SKU", value: nil, errors: errors, required: true))
            \(Field.text(page, name: "units", label: page.t("预警线(件)", "Line (units)"), value: nil, errors: errors, attributes: " inputmode=\"numeric\""))
            </div><button type="submit" id="set-low-stock-line">\(page.t(.save))</button></form>
            """ : .empty
        let body: HTML = """
            \(Layout.notice(page, request.query("notice")))
            <h1>\(page.t("总部仓库存", "HQ warehouse stock"))</h1>
            \(form)
            <form method="get" class="toolbar" action="/hq/stock"><div class="field"><label for="q">\(page.t(.search))</label><input type="search" id="q" name="q" value="\(request.query("q"))"></div>
            <button type="submit">\(page.t(.filter))</button></form>
            <div class="table-wrap"><table id="stock-list"><thead><tr><th>SKU</th><th>\(page.t("商品", "Product"))</th><th class="number">\(page.t("在库", "On hand"))</th>
            <th class="number">\(page.t("已占用", "Reserved"))</th><th class="number">\(page.t("可用", "Available"))</th><th class="number">\(page.t("预警线", "Low-stock line"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(Layout.pager(page, list, baseQuery: ["q": request.query("q") ?? ""]))
            """
        return Layout.page(page, title: page.t(.stock), body: body)
    }
}
