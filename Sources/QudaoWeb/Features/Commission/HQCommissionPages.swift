import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// HQ's commission and settlement pages: records, rule versions with simulation, the monthly
/// settlement (preview and run), statements, bank payouts and partners' payout settings.
struct HQCommissionPages {
    let services: WebServices

    static let links = CommissionViews.Links(record: "/hq/commissions", order: "/hq/orders", statement: "/hq/statements")

    func register(on router: Router<QudaoRequestContext>) {
        registerRecords(router)
        registerRules(router)
        registerSettlement(router)
        registerStatements(router)
    }

    // MARK: - Records

    func registerRecords(_ router: Router<QudaoRequestContext>) {
        router.get("/hq/commissions", use: showHQCommissions)
        router.get("/hq/commissions/{id}", use: showHQCommissionsDetail)
    }

    @Sendable func showHQCommissions(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let page = PageContext(request, context)
        let list = try await services.commissions.records(
            caller, filter: try CommissionViews.filter(request, partnerId: request.query("partnerId")),
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let numbers = try await services.commissions.documentNumbers(
            orderIds: list.items.compactMap(\.orderId), statementIds: list.items.compactMap(\.statementId))
        let partners = try await HQOrderPages(services: services).partnersById(list.items.map(\.partnerId))
        let body: HTML = """
            <h1>\(page.t(.commission))</h1>
            \(CommissionViews.headquartersTabs(page))
            \(CommissionViews.filterForm(page, request, base: "/hq/commissions"))
            \(CommissionViews.recordTable(page, list.items, numbers: numbers, partners: partners, links: Self.links))
            \(Layout.pager(page, list, baseQuery: PortalCommissionPages.query(request)))
            """
        return HTMLResponse.page(Layout.page(page, title: page.t("佣金明细", "Commission records"), body: body))
    }

    @Sendable func showHQCommissionsDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let view = try await services.commissions.record(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(
            PortalCommissionPages.recordPage(PageContext(request, context), view, links: Self.links, back: "/hq/commissions"))
    }

    // MARK: - Rules

    func registerRules(_ router: Router<QudaoRequestContext>) {
        router.get("/hq/commission/rules", use: showHQCommissionRules)
        router.post("/hq/commission/rules", use: submitHQCommissionRules)
    }

    @Sendable func showHQCommissionRules(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(
            try await rulesPage(
                PageContext(request, context), caller: caller, values: [:], errors: [], simulation: nil, notice: request.query("notice")))
    }

    @Sendable func submitHQCommissionRules(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let page = PageContext(request, context)
        do {
            let input = CommissionRuleInput(
                rateBasisPoints: (1...3).map { .percentText(form["rate\($0)Bp"]) }, capBasisPoints: .percentText(form["capBp"]),
                bonusTiers: TierFields.inputs(form, name: "bonusTiers"),
                settlementDay: IntegerInput(text: form["settlementDay"]), minimumPayout: .yuanText(form["minimumPayoutFen"]),
                autoReceiveDays: IntegerInput(text: form["autoReceiveDays"]), returnWindowDays: IntegerInput(text: form["returnWindowDays"]),
                effectiveAt: form["effectiveAt"])
            if form["intent"] == "simulate" {
                let simulation = try await services.commissions.simulate(caller, input, month: form["month"])
                return HTMLResponse.page(
                    try await rulesPage(page, caller: caller, values: form.firstValues, errors: [], simulation: simulation, notice: nil))
            }
            switch try await services.commissions.publish(caller, input) {
            case .applied(let rule): return Response.redirect(to: "/hq/commission/rules?notice=published-\(rule.version)", type: .found)
            case .awaitingApproval: return Response.redirect(to: "/hq/commission/rules?notice=approval", type: .found)
            }
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await rulesPage(page, caller: caller, values: form.firstValues, errors: failure.errors, simulation: nil, notice: nil),
                status: .unprocessableContent)
        }
    }

    func rulesPage(
        _ page: PageContext, caller: Caller, values: [String: String], errors: [FieldError], simulation: RuleSimulation?, notice: String?
    ) async throws -> HTML {
        let (current, versions) = try await services.commissions.rules(caller)
        let now = services.platform.clock.now()
        let versionRows = versions.html { rule in
            let state: String
            if rule.version == current.version {
                state = page.t("生效中", "In force")
            } else if rule.effectiveAt > now {
                state = page.t("待生效", "Scheduled")
            } else {
                state = page.t("已被取代", "Superseded")
            }
            return """
                <tr data-version="\(rule.version)"><td data-label="\(page.t("版本", "Version"))">v\(rule.version)</td>
                <td data-label="\(page.t("生效时间", "Effective"))">\(BusinessTime.displayText(rule.effectiveAt))</td>
                <td data-label="\(page.t(.status))">\(state)</td>
                <td class="number" data-label="\(page.t("一/二/三级", "Rates"))">\(rule.rates.map(\.percentText).joined(separator: " / "))</td>
                <td class="number" data-label="\(page.t("上限", "Cap"))">\(Rate(basisPoints: rule.capBasisPoints).percentText)</td>
                <td data-label="\(page.t("月度奖励", "Bonus tiers"))">\(rule.bonusTiers.map { "> \($0.threshold.formatted): \($0.rate.percentText)" }.joined(separator: "; "))</td>
                <td class="number" data-label="\(page.t("结算日", "Day"))">\(rule.settlementDay)</td>
                <td class="number" data-label="\(page.t("最低发放", "Minimum"))">\(rule.minimumPayout.formatted)</td>
                <td class="number" data-label="\(page.t("收货/退货天数", "Windows"))">\(rule.windows.autoReceiveDays) / \(rule.windows.returnWindowDays)</td></tr>
                """
        }
        let canPublish = caller.principal.can(.manageFinance)
        func value(_ name: String, _ fallback: String) -> String { values[name] ?? fallback }
        let lastMonth = BusinessMonth(containing: now).previous.description
        let noticeHTML: HTML =
            notice.flatMap { $0.hasPrefix("published-") ? String($0.dropFirst("published-".count)) : nil }.map { version in
                "<div class=\"notice\" role=\"status\">\(page.t("已发布规则 v\(version)。", "Rule v\(version) published."))</div>"
            } ?? Layout.notice(page, notice)
        let form: HTML = """
            <form method="post" action="/hq/commission/rules" class="card" id="rule-form">\(page.csrfField)
              <h2>\(page.t("新版本", "New version"))</h2>
              \(Layout.errorSummary(page, errors))
              <div class="grid">
              \(Field.text(page, name: "rate1Bp", label: page.t("第一顺位佣金比例(%)", "Rate, 1st in the chain (%)"), value: value("rate1Bp", current.rates[0].percentNumberText), errors: errors, hint: page.t("如 5 或 2.5;第一顺位是订单归属渠道商(分销订单)或下单方的上级(进货订单)", "e.g. 5 or 2.5; 1st is the partner a referral order belongs to, or the buyer's parent"), attributes: " inputmode=\"decimal\""))
              \(Field.text(page, name: "rate2Bp", label: page.t("第二顺位佣金比例(%)", "Rate, 2nd in the chain (%)"), value: value("rate2Bp", current.rates[1].percentNumberText), errors: errors, attributes: " inputmode=\"decimal\""))
              \(Field.text(page, name: "rate3Bp", label: page.t("第三顺位佣金比例(%)", "Rate, 3rd in the chain (%)"), value: value("rate3Bp", current.rates[2].percentNumberText), errors: errors, attributes: " inputmode=\"decimal\""))
              \(Field.text(page, name: "capBp", label: page.t("三个顺位比例之和上限(%)", "Cap on the three rates together (%)"), value: value("capBp", Rate(basisPoints: current.capBasisPoints).percentNumberText), errors: errors, attributes: " inputmode=\"decimal\""))
              </div>
              \(TierFields.render(page, name: "bonusTiers", label: page.t("月度奖励档位(月销售额高于门槛按该档比例,只取最高一档)", "Monthly bonus tiers (sales above a threshold earn its rate; the highest tier only)"), thresholdLabel: page.t("月销售额高于", "Sales above"), tiers: current.bonusTiers, values: values, errors: errors))
              <div class="grid">
              \(Field.text(page, name: "settlementDay", value: value("settlementDay", String(current.settlementDay)), errors: errors, hint: page.t("次月几日 02:00 结算(1–28)", "Day of the next month, 02:00 (1–28)")))
              \(Field.text(page, name: "minimumPayoutFen", label: page.t("最低发放金额(元)", "Minimum payout (yuan)"), value: value("minimumPayoutFen", current.minimumPayout.yuanText), errors: errors))
              \(Field.text(page, name: "autoReceiveDays", value: value("autoReceiveDays", String(current.windows.autoReceiveDays)), errors: errors))
              \(Field.text(page, name: "returnWindowDays", value: value("returnWindowDays", String(current.windows.returnWindowDays)), errors: errors))
              \(Field.text(page, name: "effectiveAt", value: value("effectiveAt", ""), errors: errors, type: "datetime-local", hint: page.t("留空表示立即生效(北京时间)", "Blank: effective now (Beijing time)")))
              \(Field.text(page, name: "month", label: page.t("模拟月份", "Month to simulate"), value: value("month", lastMonth), errors: errors, type: "month"))
              </div>
              <button type="submit" name="intent" value="simulate" class="secondary" id="simulate">\(page.t("模拟", "Simulate"))</button>
              \(canPublish ? HTML("<button type=\"submit\" name=\"intent\" value=\"publish\" id=\"publish\">\(page.t("发布新版本", "Publish"))</button>") : .empty)
            </form>
            """
        let body: HTML = """
            \(noticeHTML)
            <h1>\(page.t("佣金规则", "Commission rules"))</h1>
            \(CommissionViews.headquartersTabs(page))
            <div class="card" id="current-rule"><strong>\(page.t("当前生效:", "In force: "))v\(current.version)</strong>
              \(page.t("一级", "level 1")) \(current.rates[0].percentText) · \(page.t("二级", "level 2")) \(current.rates[1].percentText) · \(page.t("三级", "level 3")) \(current.rates[2].percentText);
              \(page.t("每月 \(current.settlementDay) 日结算,最低发放 \(current.minimumPayout.formatted)", "settled on day \(current.settlementDay), minimum payout \(current.minimumPayout.formatted)"))</div>
            \(simulation.map { Self.simulationCard(page, $0) } ?? .empty)
            \(form)
            <h2>\(page.t("全部版本", "Every version"))</h2>
            <div class="table-wrap"><table id="rule-versions" class="responsive"><thead><tr><th>\(page.t("版本", "Version"))</th><th>\(page.t("生效时间", "Effective"))</th><th>\(page.t(.status))</th>
            <th class="number">\(page.t("一/二/三级", "Rates"))</th><th class="number">\(page.t("上限", "Cap"))</th><th>\(page.t("月度奖励", "Bonus tiers"))</th>
            <th class="number">\(page.t("结算日", "Day"))</th><th class="number">\(page.t("最低发放", "Minimum"))</th><th class="number">\(page.t("收货/退货天数", "Windows"))</th></tr></thead>
            <tbody>\(versionRows)</tbody></table></div>
            """
        return Layout.page(page, title: page.t("佣金规则", "Commission rules"), body: body)
    }

    static func simulationCard(_ page: PageContext, _ simulation: RuleSimulation) -> HTML {
        let positions = (0..<3).html { index in
            let change = simulation.draftByPosition[index] - simulation.currentByPosition[index]
            return """
                <tr><td>\(page.language.chainPosition(index + 1))</td><td class="number">\(simulation.currentByPosition[index].formatted)</td>
                <td class="number">\(simulation.draftByPosition[index].formatted)</td><td class="number \(change.fen >= 0 ? "change-up" : "change-down")">\(change.fen >= 0 ? "+" : "")\(change.formatted)</td></tr>
                """
        }
        let currentTotal = simulation.currentByPosition.sum()
        let draftTotal = simulation.draftByPosition.sum()
        let changes = simulation.changes.html { change in
            """
            <tr><td>\(change.partner.code) \(change.partner.name)</td><td class="number">\(change.current.formatted)</td><td class="number">\(change.draft.formatted)</td>
            <td class="number \(change.change.fen >= 0 ? "change-up" : "change-down")">\(change.change.fen >= 0 ? "+" : "")\(change.change.formatted)</td></tr>
            """
        }
        return """
            <div class="card" id="simulation"><h2>\(page.t("模拟结果:\(simulation.month.description)", "Simulation: \(simulation.month.description)"))</h2>
            <p>\(page.t("该月已付款订单 \(simulation.orderCount) 笔,按草案重新计算(不写入任何数据)。", "\(simulation.orderCount) orders paid that month, recomputed under the draft (nothing is written)."))</p>
            <div class="table-wrap"><table id="simulation-totals"><thead><tr><th>\(page.t(.chainPosition))</th><th class="number">\(page.t("现行规则", "Rules in force"))</th>
            <th class="number">\(page.t("草案", "Draft"))</th><th class="number">\(page.t(.change))</th></tr></thead>
            <tbody>\(positions)</tbody><tfoot><tr><td>\(page.t(.total))</td><td class="number">\(currentTotal.formatted)</td><td class="number" id="simulation-draft-total">\(draftTotal.formatted)</td>
            <td class="number">\((draftTotal - currentTotal).formatted)</td></tr></tfoot></table></div>
            <h3>\(page.t("变化最大的渠道商", "Biggest changes per partner"))</h3>
            <div class="table-wrap"><table id="simulation-changes"><thead><tr><th>\(page.t("渠道商", "Partner"))</th><th class="number">\(page.t("现行规则", "Rules in force"))</th>
            <th class="number">\(page.t("草案", "Draft"))</th><th class="number">\(page.t(.change))</th></tr></thead><tbody>\(changes)</tbody></table></div></div>
            """
    }

    // MARK: - Settlement

    func registerSettlement(_ router: Router<QudaoRequestContext>) {
        router.get("/hq/settlements", use: showHQSettlements)
        router.post("/hq/settlements/run", use: submitHQSettlementsRun)
    }

    @Sendable func showHQSettlements(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let page = PageContext(request, context)
        let now = services.platform.clock.now()
        let month = try request.query("month").map { try BusinessMonth.parse($0) } ?? BusinessMonth(containing: now).previous
        let preview = try await services.settlement.preview(caller, month: month)
        let runs = try await services.settlement.runs(caller)
        // A settled month shows what its run made rather than an empty preview.
        var settled: HTML = .empty
        if preview.alreadyRun {
            let statements = try await services.settlement.statements(
                caller, partnerId: nil, month: month.description, status: nil,
                page: PageRequest(pageNumber: 1, pageSize: PageRequest.maximumPageSize))
            let partners = try await HQOrderPages(services: services).partnersById(statements.items.map(\.partnerId))
            settled = """
                <h3>\(page.t("该月结算单 \(statements.totalCount) 张,实发合计 \(statements.items.map(\.net).sum().formatted)", "\(statements.totalCount) statements, \(statements.items.map(\.net).sum().formatted) net in all"))</h3>
                \(CommissionViews.statementTable(page, statements.items, partners: partners, base: "/hq/statements"))
                """
        }
        return HTMLResponse.page(
            settlementPage(page, caller: caller, preview: preview, runs: runs, now: now, notice: request, settled: settled))
    }

    @Sendable func submitHQSettlementsRun(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let month = try BusinessMonth.parse(form["month"])
        guard let outcome = try await services.settlement.run(caller, month: month) else {
            throw AppError.conflict(reason: .settlementRunInProgress)
        }
        let result = outcome.alreadyComplete ? "already" : "done"
        return Response.redirect(
            to: "/hq/settlements?month=\(month)&run=\(result)&statements=\(outcome.statementsCreated)&bonuses=\(outcome.bonusesCreated)",
            type: .found)
    }

    func settlementPage(
        _ page: PageContext, caller: Caller, preview: SettlementPreview, runs: [SettlementRunRecord], now: Date, notice request: Request,
        settled: HTML
    ) -> HTML {
        let month = preview.month
        let noticeHTML: HTML
        switch request.query("run") {
        case "done":
            noticeHTML =
                "<div class=\"notice\" role=\"status\" id=\"run-result\">\(page.t("\(month) 结算完成:生成结算单 \(request.query("statements") ?? "0") 张,月度奖励 \(request.query("bonuses") ?? "0") 笔。", "\(month) settled: \(request.query("statements") ?? "0") statements, \(request.query("bonuses") ?? "0") bonuses."))</div>"
        case "already":
            noticeHTML =
                "<div class=\"notice\" role=\"status\" id=\"run-result\">\(page.t("\(month) 已结算完毕,本次没有重复结算。", "\(month) was already settled; nothing was repeated."))</div>"
        default: noticeHTML = .empty
        }
        let rows = preview.lines.html { line in
            """
            <tr data-partner="\(line.partner.code)"><td data-label="\(page.t("渠道商", "Partner"))">\(line.partner.code) \(line.partner.name)</td>
            <td class="number" data-label="\(page.t("佣金与调整", "Commission"))">\(line.commission.formatted)</td>
            <td class="number" data-label="\(page.t("月度奖励", "Bonus"))">\(line.bonus.formatted)</td>
            <td class="number" data-label="\(page.t("净额", "Net"))"><strong>\(line.net.formatted)</strong></td>
            <td class="number" data-label="\(page.t(.records))"><a href="/hq/commissions?partnerId=\(line.partner.id)&state=settleable">\(line.recordCount)</a></td>
            <td data-label="\(page.t("处理", "Outcome"))">\(line.settles ? page.t("生成结算单", "Statement") : page.t("结转下月", "Carried over"))</td>
            <td data-label="\(page.t("发放方式", "Payout"))">\(page.language.payoutMethod(line.payoutMethod))</td></tr>
            """
        }
        let runRows = runs.html { run in
            """
            <tr><td><a href="/hq/settlements?month=\(run.month)">\(run.month)</a></td><td>\(run.status == "completed" ? page.t(.completed) : page.t("进行中/中断", "Running or interrupted"))</td>
            <td>\(run.triggeredBy)</td><td>\(BusinessTime.displayText(run.startedAt))</td><td>\(run.completedAt.map(BusinessTime.displayText) ?? "—")</td>
            <td class="number">\(run.partnersExamined)</td><td class="number">\(run.statementsCreated)</td><td class="number">\(run.bonusesCreated)</td></tr>
            """
        }
        let ended = month.end <= now
        let action: HTML
        if preview.alreadyRun {
            action =
                "<p id=\"run-state\">\(page.t("该月已结算。", "This month is settled.")) <a href=\"/hq/statements?month=\(month.description)\">\(page.t("查看结算单", "See its statements"))</a></p>"
        } else if !ended {
            action = "<p id=\"run-state\" class=\"muted\">\(page.t("该月尚未结束,结束后才能结算。", "The month has not ended; it can be settled afterwards."))</p>"
        } else if caller.principal.can(.manageFinance) {
            action = """
                <form method="post" action="/hq/settlements/run" id="run-form" data-confirm="\(page.t("确定立即结算 \(month)?", "Settle \(month) now?"))">\(page.csrfField)
                <input type="hidden" name="month" value="\(month.description)"><button type="submit" id="run-settlement">\(page.t("立即结算 \(month.description)", "Settle \(month.description) now"))</button></form>
                """
        } else {
            action = .empty
        }
        let previewTable: HTML = """
              <div class="grid"><div class="stat"><div class="value" id="preview-total">\(preview.total.formatted)</div><div class="label">\(page.t("将发放", "To be paid"))</div></div>
              <div class="stat"><div class="value" id="preview-carried">\(preview.carried.formatted)</div><div class="label">\(page.t("结转下月", "Carried over"))</div></div>
              <div class="stat"><div class="value">\(preview.lines.filter(\.settles).count)</div><div class="label">\(page.t("结算单数", "Statements"))</div></div></div>
              <div class="table-wrap"><table id="preview-lines" class="responsive"><thead><tr><th>\(page.t("渠道商", "Partner"))</th><th class="number">\(page.t("佣金与调整", "Commission"))</th>
              <th class="number">\(page.t("月度奖励", "Bonus"))</th><th class="number">\(page.t("净额", "Net"))</th><th class="number">\(page.t(.records))</th>
              <th>\(page.t("处理", "Outcome"))</th><th>\(page.t("发放方式", "Payout"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        let body: HTML = """
            \(noticeHTML)
            <h1>\(page.t("月度结算", "Monthly settlement"))</h1>
            \(CommissionViews.headquartersTabs(page))
            <form method="get" class="toolbar" action="/hq/settlements"><div class="field"><label for="month">\(page.t(.month))</label>
            <input type="month" id="month" name="month" value="\(month.description)"></div><button type="submit">\(page.t("预览", "Preview"))</button></form>
            <div class="card" id="preview">
              <h2>\(preview.alreadyRun ? page.t("\(month) 结算结果", "\(month) settled") : page.t("\(month) 结算预览", "Preview of \(month)"))</h2>
              <p>\(page.t("自动结算时间:\(BusinessTime.displayText(preview.runTime))(北京时间);规则 v\(preview.rule.version),最低发放 \(preview.rule.minimumPayout.formatted)。", "Runs automatically at \(BusinessTime.displayText(preview.runTime)) (Beijing time); rule v\(preview.rule.version), minimum payout \(preview.rule.minimumPayout.formatted)."))</p>
              \(preview.alreadyRun ? settled : previewTable)
              \(action)
            </div>
            <h2>\(page.t("结算记录", "Runs"))</h2>
            <div class="table-wrap"><table id="settlement-runs"><thead><tr><th>\(page.t(.month))</th><th>\(page.t(.status))</th><th>\(page.t("触发", "Started by"))</th>
            <th>\(page.t("开始", "Started"))</th><th>\(page.t("完成", "Completed"))</th><th class="number">\(page.t("渠道商", "Partners"))</th><th class="number">\(page.t("结算单", "Statements"))</th>
            <th class="number">\(page.t("奖励", "Bonuses"))</th></tr></thead><tbody>\(runRows)</tbody></table></div>
            """
        return Layout.page(page, title: page.t("月度结算", "Monthly settlement"), body: body)
    }

    // MARK: - Statements and payouts

    func registerStatements(_ router: Router<QudaoRequestContext>) {
        router.get("/hq/statements", use: showHQStatements)
        router.get("/hq/statements/{id}", use: showHQStatementsDetail)
        router.get("/hq/statements/{id}/download", use: showHQStatementsDownload)
        let settlement = services.settlement
        registerPayoutAction(router, "/hq/statements/{id}/paid") { caller, id, _ in _ = try await settlement.markPaid(caller, statementId: id) }
        registerPayoutAction(router, "/hq/statements/{id}/failed") { caller, id, form in
            _ = try await settlement.markFailed(caller, statementId: id, reason: form["reason"])
        }
        registerPayoutAction(router, "/hq/statements/{id}/retry") { caller, id, _ in _ = try await settlement.retry(caller, statementId: id) }
        router.get("/hq/payouts", use: showHQPayouts)
        router.post("/hq/payouts/paid", use: submitHQPayoutsPaid)
        router.post("/hq/payouts/export", use: submitHQPayoutsExport)
        router.get("/hq/partners/{id}/payout", use: showHQPartnersPayout)
        router.post("/hq/partners/{id}/payout", use: submitHQPartnersPayout)
    }

    @Sendable func showHQStatements(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let page = PageContext(request, context)
        var validator = Validator()
        let status = validator.oneOf("status", request.query("status"), as: StatementRecord.Status.self, required: false)
        let month = request.query("month")
        if let month, BusinessMonth(month) == nil { validator.add("month", .invalidFormat(expected: .month)) }
        if !validator.errors.isEmpty { throw AppError.validation(ValidationFailure(validator.errors)) }
        let list = try await services.settlement.statements(
            caller, partnerId: request.query("partnerId"), month: month, status: status,
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let partners = try await HQOrderPages(services: services).partnersById(list.items.map(\.partnerId))
        let total = list.items.map(\.net).sum()
        let body: HTML = """
            <h1>\(page.t("结算单", "Statements"))</h1>
            \(CommissionViews.headquartersTabs(page))
            <form method="get" class="toolbar" action="/hq/statements">
              <div class="field"><label for="month">\(page.t(.month))</label><input type="month" id="month" name="month" value="\(month)"></div>
              \(Field.select(page, name: "status", label: page.t(.status), options: StatementRecord.Status.allCases.map { ($0.rawValue, page.language.statementStatus($0)) }, selected: request.query("status"), errors: [], includeBlank: page.t(.all)))
              <button type="submit">\(page.t(.filter))</button></form>
            \(CommissionViews.statementTable(page, list.items, partners: partners, base: "/hq/statements"))
            <p class="muted">\(page.t("本页实发合计 \(total.formatted)", "Net on this page: \(total.formatted)"))</p>
            \(Layout.pager(page, list, baseQuery: ["month": month ?? "", "status": request.query("status") ?? ""]))
            """
        return HTMLResponse.page(Layout.page(page, title: page.t("结算单", "Statements"), body: body))
    }

    @Sendable func showHQStatementsDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let id = try context.parameters.require("id")
        let detail = try await services.settlement.statement(caller, id: id)
        let page = PageContext(request, context)
        return HTMLResponse.page(
            try await StatementPage(services: services).render(
                page, detail, links: Self.links, download: "/hq/statements/\(id)/download",
                actions: Self.payoutActions(page, detail.statement, caller: caller, notice: request.query("notice"))))
    }

    @Sendable func showHQStatementsDownload(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return try await StatementPage(services: services).download(request, context, caller: caller)
    }

    @Sendable func showHQPayouts(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let page = PageContext(request, context)
        let pending = try await services.settlement.statements(
            caller, partnerId: nil, month: nil, status: .pendingPayout, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: 200)
        )
        let failed = try await services.settlement.statements(
            caller, partnerId: nil, month: nil, status: .payoutFailed, page: PageRequest(pageNumber: 1, pageSize: 200))
        let partners = try await HQOrderPages(services: services).partnersById((pending.items + failed.items).map(\.partnerId))
        let canPay = caller.principal.can(.manageFinance) && !pending.items.isEmpty
        let result: HTML =
            request.query("paid").map { paid in
                HTML(
                    "<div class=\"notice\" role=\"status\" id=\"bulk-paid-notice\">\(page.t("已标记 \(paid) 张结算单为已打款", "\(paid) statements marked paid"))\(request.query("already").map { page.t(",\($0) 张此前已打款,未重复处理", "; \($0) were already paid and were left as they were") } ?? "")。</div>"
                )
            } ?? .empty
        let bulkPaid: HTML =
            canPay
            ? """
            \(result)
            <form method="post" action="/hq/payouts/paid" id="bulk-paid-form" class="toolbar" data-confirm="\(page.t("确认所选结算单已由银行打款成功?每张只会记一次。", "Confirm the bank paid the selected statements? Each is recorded once."))">\(page.csrfField)
            <span class="muted">\(page.t("银行回单核对无误后,勾选已到账的结算单:", "After checking the bank's return file, tick the statements it paid:"))</span>
            <button type="submit" id="mark-selected-paid">\(page.t("标记选中为已打款", "Mark the selected paid"))</button></form>
            """ : result
        let export: HTML =
            caller.principal.can(.manageFinance) && !pending.items.isEmpty
            ? """
            <form method="post" action="/hq/payouts/export" class="toolbar" id="export-form">\(page.csrfField)
            \(Field.select(page, name: "format", options: [("xlsx", "Excel (.xlsx)"), ("csv", "CSV")], selected: "xlsx", errors: []))
            <button type="submit" id="export-payouts">\(page.t("导出打款文件", "Export the payout file"))</button></form>
            <p class="muted">\(page.t("导出文件含完整银行账号,操作会记入操作日志。", "The file holds full account numbers; exporting is recorded in the audit log."))</p>
            """ : .empty
        let body: HTML = """
            \(Layout.notice(page, request.query("notice")))
            <h1>\(page.t(.bankPayouts))</h1>
            \(CommissionViews.headquartersTabs(page))
            <h2>\(page.t("待打款", "Awaiting payout")) (\(pending.totalCount)) · \(pending.items.map(\.net).sum().formatted)</h2>
            \(export)
            \(bulkPaid)
            \(pending.items.isEmpty ? HTML("<p class=\"empty\">\(page.t("没有待银行打款的结算单。", "No statement waits for a bank payout."))</p>") : CommissionViews.statementTable(page, pending.items, partners: partners, base: "/hq/statements", selectingForm: canPay ? "bulk-paid-form" : nil, tableId: "pending-payouts"))
            <h2 id="failed">\(page.t("打款失败", "Failed")) (\(failed.totalCount))</h2>
            \(failed.items.isEmpty ? HTML("<p class=\"empty\">\(page.t("没有打款失败的结算单。", "No failed payout."))</p>") : CommissionViews.statementTable(page, failed.items, partners: partners, base: "/hq/statements", tableId: "failed-payouts"))
            """
        return HTMLResponse.page(Layout.page(page, title: page.t(.bankPayouts), body: body))
    }

    @Sendable func submitHQPayoutsPaid(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            let outcome = try await services.settlement.markPaid(caller, statementIds: form.all("statementId"))
            return Response.redirect(to: "/hq/payouts?paid=\(outcome.paid)&already=\(outcome.alreadyPaid)", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                Layout.page(
                    PageContext(request, context), title: context.language.t(.bankPayouts),
                    body:
                        "<h1>\(context.language.t(.bankPayouts))</h1>\(Layout.errorSummary(PageContext(request, context), failure.errors))<p><a href=\"/hq/payouts\">\(context.language.t("返回待打款列表", "Back to the payouts"))</a></p>"
                ),
                status: .unprocessableContent)
        }
    }

    @Sendable func submitHQPayoutsExport(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let format = try ExportFormat.named(form["format"], allowed: ExportFormat.payoutFormats)
        let lines = try await services.settlement.exportPayouts(caller)
        return try CommissionViews.payoutFile(lines, format: format, language: context.language, at: services.platform.clock.now())
    }

    @Sendable func showHQPartnersPayout(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.viewFinance)
        let id = try context.parameters.require("id")
        let view = try await services.partners.view(caller, id: id)
        let settings = try await services.settlement.payoutSettings(caller, partnerId: id)
        let page = PageContext(request, context)
        return HTMLResponse.page(
            PayoutSettingsForm.page(
                page, settings: settings, values: [:], errors: [], action: "/hq/partners/\(id)/payout",
                editable: caller.principal.can(.manageFinance),
                notice: request.query("notice"), heading: "<p><a href=\"/hq/partners/\(id)\">\(view.partner.code) \(view.partner.name)</a></p>",
                tabs: .empty))
    }

    @Sendable func submitHQPartnersPayout(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        return try await PayoutSettingsForm.save(services, caller, partnerId: id, form: form, done: "/hq/partners/\(id)/payout?notice=saved") {
            settings, errors in
            PayoutSettingsForm.page(
                PageContext(request, context), settings: settings, values: form.firstValues, errors: errors, action: "/hq/partners/\(id)/payout",
                editable: true, notice: nil, heading: .empty, tabs: .empty)
        }
    }

    func registerPayoutAction(
        _ router: Router<QudaoRequestContext>, _ path: String, _ perform: @escaping @Sendable (Caller, String, FormData) async throws -> Void
    ) {
        router.post(RouterPath(path)) { request, context -> Response in
            let caller = try context.caller
            let form = try await services.form(request, context)
            let id = try context.parameters.require("id")
            do {
                try await perform(caller, id, form)
                return Response.redirect(to: "/hq/statements/\(id)?notice=saved", type: .found)
            } catch AppError.validation(let failure) {
                let detail = try await services.settlement.statement(caller, id: id)
                let page = PageContext(request, context)
                return HTMLResponse.page(
                    try await StatementPage(services: services).render(
                        page, detail, links: Self.links, download: "/hq/statements/\(id)/download",
                        actions: HTML.join([
                            Layout.errorSummary(page, failure.errors), Self.payoutActions(page, detail.statement, caller: caller, notice: nil),
                        ])),
                    status: .unprocessableContent)
            }
        }
    }

    /// What finance can do with a bank payout from the statement page.
    static func payoutActions(_ page: PageContext, _ statement: StatementRecord, caller: Caller, notice: String?) -> HTML {
        guard caller.principal.can(.manageFinance) else { return Layout.notice(page, notice) }
        let id = statement.id
        let forms: HTML
        switch statement.status {
        case .pendingPayout:
            forms = """
                <form method="post" action="/hq/statements/\(id)/paid" class="inline" id="mark-paid-form">\(page.csrfField)<button type="submit" id="mark-paid">\(page.t("标记已打款", "Mark paid"))</button></form>
                <form method="post" action="/hq/statements/\(id)/failed" class="toolbar" id="mark-failed-form">\(page.csrfField)
                <div class="field"><label for="reason">\(page.t("失败原因", "Reason"))</label><input type="text" id="reason" name="reason" maxlength="200" required></div>
                <button type="submit" class="secondary" id="mark-failed">\(page.t("标记打款失败", "Mark failed"))</button></form>
                """
        case .payoutFailed:
            forms = """
                <form method="post" action="/hq/statements/\(id)/retry" class="inline" id="retry-form">\(page.csrfField)<button type="submit" id="retry-payout">\(page.t("重新打款", "Retry the payout"))</button></form>
                """
        case .paid:
            forms = .empty
        }
        let card: HTML = forms.rendered.isEmpty ? .empty : "<div class=\"card\" id=\"payout-actions\">\(forms)</div>"
        return HTML.join([Layout.notice(page, notice), card])
    }
}
