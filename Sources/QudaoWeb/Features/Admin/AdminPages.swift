import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// HQ overview, the audit log and platform settings.
struct AdminPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq", use: showHQ)
        router.get("/hq/certificates", use: showHQCertificates)
        router.get("/hq/audit", use: showHQAudit)
        router.get("/hq/settings", use: showHQSettings)
        router.post("/hq/settings", use: submitHQSettings)
    }

    @Sendable func showHQ(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let overview = try await services.overview.overview(caller)
        return HTMLResponse.page(HQOverviewView.page(PageContext(request, context), overview))
    }

    @Sendable func showHQCertificates(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let list = try await services.overview.expiringCertificates(
            caller, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        return HTMLResponse.page(
            HQOverviewView.certificatesPage(PageContext(request, context), list, today: BusinessTime.dayText(services.platform.clock.now())))
    }

    @Sendable func showHQAudit(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let filter = AuditFilter(
            username: request.query("username"), action: request.query("action"), entityType: request.query("entityType"),
            entityId: request.query("entityId"), from: request.query("from").flatMap(Self.startOfDay),
            to: request.query("to").flatMap(Self.startOfDay).map { $0.addingTimeInterval(86_400) })
        let (list, names) = try await services.auditLog.entriesWithNames(
            caller, filter: filter, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let actions = try await services.auditLog.actions(caller)
        return HTMLResponse.page(auditPage(PageContext(request, context), request: request, list: list, names: names, actions: actions))
    }

    @Sendable func showHQSettings(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.manageSettings)
        return HTMLResponse.page(try await settingsPage(PageContext(request, context), values: [:], errors: [], notice: request.query("notice")))
    }

    @Sendable func submitHQSettings(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        var values: [String: String] = [:]
        for name in form.fieldNames { values[name] = form[name] ?? "" }
        do {
            switch form["section"] {
            case "prepaid":
                var validator = Validator()
                let bonus = TierFields.tiers(form, name: "bonusTiers", validator: &validator)
                let discount = TierFields.tiers(form, name: "discountTiers", validator: &validator)
                let maximum = validator.amount("maximumTopUpFen", .yuanText(form["maximumTopUpFen"]), in: 1...Int64.max / 2)
                let days = validator.integer("discountWindowDays", IntegerInput(text: form["discountWindowDays"]), in: 1...3_650)
                // A blank threshold asks for no payment password; 0 asks for it on every prepaid order.
                let thresholdText = (form["paymentPasswordAboveFen"] ?? "").trimmingWhitespace()
                let threshold =
                    thresholdText.isEmpty ? nil : validator.amount("paymentPasswordAboveFen", .yuanText(thresholdText), in: 0...Int64.max / 2)
                if !validator.errors.isEmpty { throw AppError.validation(ValidationFailure(validator.errors)) }
                guard let maximum, let days else { throw AppError.invalid("maximumTopUpFen", .required) }
                try await services.settings.setPrepaidRules(
                    caller,
                    PrepaidRules(
                        bonusTiers: bonus, discountTiers: discount, maximumTopUp: maximum, discountWindowDays: Int(days),
                        paymentPasswordAbove: threshold))
            case "retention":
                var validator = Validator()
                let orderDays = validator.integer(
                    "orderPersonalDataDays", IntegerInput(text: form["orderPersonalDataDays"]), in: RetentionPolicy.orderPersonalDataDaysRange)
                let sessionDays = validator.integer(
                    "sessionRecordDays", IntegerInput(text: form["sessionRecordDays"]), in: RetentionPolicy.sessionRecordDaysRange)
                if !validator.errors.isEmpty { throw AppError.validation(ValidationFailure(validator.errors)) }
                guard let orderDays, let sessionDays else { throw AppError.invalid("orderPersonalDataDays", .required) }
                try await services.settings.setRetention(
                    caller, RetentionPolicy(orderPersonalDataDays: Int(orderDays), sessionRecordDays: Int(sessionDays)))
            case "approvals":
                var validator = Validator()
                // A blank threshold holds no direct credit; 0 holds every one.
                let thresholdText = (form["prepaidCreditAboveFen"] ?? "").trimmingWhitespace()
                let threshold =
                    thresholdText.isEmpty
                    ? nil
                    : validator.amount("prepaidCreditAboveFen", .yuanText(thresholdText), in: 0...ApprovalPolicy.maximumCreditThreshold.fen)
                if !validator.errors.isEmpty { throw AppError.validation(ValidationFailure(validator.errors)) }
                try await services.approvals.setPolicy(
                    caller,
                    ApprovalPolicy(
                        commissionRules: form["commissionRules"] == "on", payoutAccounts: form["payoutAccounts"] == "on",
                        prepaidCreditAbove: threshold))
            case "reconciliation":
                var validator = Validator()
                let days = validator.integer(
                    "autoConfirmDays", IntegerInput(text: form["autoConfirmDays"]), in: ReconciliationSettings.autoConfirmDaysRange)
                if !validator.errors.isEmpty { throw AppError.validation(ValidationFailure(validator.errors)) }
                guard let days else { throw AppError.invalid("autoConfirmDays", .required) }
                try await services.settings.setReconciliation(caller, ReconciliationSettings(autoConfirmDays: Int(days)))
            case "orders":
                var validator = Validator()
                let receive = validator.integer("autoReceiveDays", IntegerInput(text: form["autoReceiveDays"]), in: 1...90)
                let window = validator.integer("returnWindowDays", IntegerInput(text: form["returnWindowDays"]), in: 0...90)
                if !validator.errors.isEmpty { throw AppError.validation(ValidationFailure(validator.errors)) }
                let submission = try await services.settings.setOrderWindows(
                    caller, OrderWindows(autoReceiveDays: Int(receive ?? 10), returnWindowDays: Int(window ?? 7)))
                if submission.awaitingApproval != nil { return Response.redirect(to: "/hq/settings?notice=approval", type: .found) }
            default:
                try await services.partners.setMaximumLevels(caller, IntegerInput(text: form["maxLevels"]))
            }
            return Response.redirect(to: "/hq/settings?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await settingsPage(PageContext(request, context), values: values, errors: failure.errors, notice: nil),
                status: .unprocessableContent)
        }
    }

    /// Midnight in business time of a `yyyy-MM-dd` date.
    static func startOfDay(_ text: String) -> Date? {
        BusinessTime.startOfDay(text)
    }

    func auditPage(_ page: PageContext, request: Request, list: Page<AuditEntry>, names: [String: String], actions: [String]) -> HTML {
        let rows = list.items.html { entry in
            let raw: HTML =
                entry.beforeJSON == nil && entry.afterJSON == nil
                ? .empty
                : """
                <details class="raw"><summary>\(page.t("原始记录", "Raw record"))</summary>
                <div class="muted small">\(page.t(.action)) <span class="mono">\(entry.action)</span> · \(page.t("对象", "Entity")) <span class="mono">\(entry.entityType) \(entry.entityId)</span></div>
                <div class="muted small">\(page.t("变更前", "Before"))</div><pre class="json">\(entry.beforeJSON ?? "—")</pre>
                <div class="muted small">\(page.t("变更后", "After"))</div><pre class="json">\(entry.afterJSON ?? "—")</pre></details>
                """
            return """
                <tr data-action="\(entry.action)"><td class="number" data-label="#">\(entry.sequence)</td>
                <td data-label="\(page.t("时间", "Time"))">\(BusinessTime.displayText(entry.occurredAt))</td>
                <td data-label="\(page.t(.action))"><div class="audit-sentence">\(AuditWording.sentence(page.language, entry, names: names))</div>
                <div class="muted small">\(entry.username) · IP <span class="mono">\(entry.sourceIP)</span></div></td>
                <td data-label="\(page.t("变更内容", "What changed"))">\(AuditWording.changes(page, entry))\(raw)</td></tr>
                """
        }
        let query = [
            "username": request.query("username") ?? "", "action": request.query("action") ?? "", "entityType": request.query("entityType") ?? "",
            "entityId": request.query("entityId") ?? "", "from": request.query("from") ?? "", "to": request.query("to") ?? "",
        ]
        let body: HTML = """
            <h1>\(page.t(.auditLog))</h1>
            <p class="muted">\(page.t("每条记录都以哈希链连接,任何修改或删除都能被 qudao verify 发现。", "Entries are hash-chained; qudao verify detects any edit or removal."))</p>
            <form method="get" class="toolbar" action="/hq/audit">
              <div class="field"><label for="username">\(page.t("操作人", "Account"))</label><input type="text" id="username" name="username" value="\(request.query("username"))"></div>
              \(Field.select(page, name: "action", label: page.t(.action), options: actions.map { ($0, AuditWording.verbs[$0].map { page.t($0.0, $0.1) } ?? $0) }, selected: request.query("action"), errors: [], includeBlank: page.t(.all)))
              \(Field.select(page, name: "entityType", label: page.t("对象类型", "Entity"), options: ["partner", "product", "category", "account", "session", "setting"].map { ($0, $0) }, selected: request.query("entityType"), errors: [], includeBlank: page.t(.all)))
              <div class="field"><label for="entityId">\(page.t("对象编号", "Entity id"))</label><input type="text" id="entityId" name="entityId" value="\(request.query("entityId"))"></div>
              <div class="field"><label for="from">\(page.t(.from))</label><input type="text" id="from" name="from" placeholder="2026-11-01" value="\(request.query("from"))"></div>
              <div class="field"><label for="to">\(page.t(.to))</label><input type="text" id="to" name="to" placeholder="2026-11-30" value="\(request.query("to"))"></div>
              <button type="submit">\(page.t(.filter))</button></form>
            <div class="table-wrap"><table id="audit-list" class="responsive"><thead><tr><th class="number">#</th><th>\(page.t("时间", "Time"))</th><th>\(page.t(.action))</th><th>\(page.t("变更内容", "What changed"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(Layout.pager(page, list, baseQuery: query))
            """
        return Layout.page(page, title: page.t(.auditLog), body: body)
    }

    func settingsPage(_ page: PageContext, values: [String: String], errors: [FieldError], notice: String?) async throws -> HTML {
        let maximum = try await services.partners.maximumLevels()
        let rules = try await services.settings.prepaidRules()
        let windows = try await services.settings.orderWindows()
        let retention = try await services.settings.retention()
        let approvals = try await services.approvals.policy()
        let reconciliation = try await services.settings.reconciliation()
        // The approval form that failed keeps what was ticked; otherwise it shows the policy in force.
        func ticked(_ name: String, _ current: Bool) -> String {
            (values["section"] == "approvals" ? values[name] == "on" : current) ? " checked" : ""
        }
        let tierErrors = errors.filter { $0.field.hasPrefix("bonusTiers") || $0.field.hasPrefix("discountTiers") }
        let body: HTML = """
            \(Layout.notice(page, notice))
            <h1>\(page.t("平台设置", "Platform settings"))</h1>
            \(Layout.errorSummary(page, errors))
            <div class="grid">
            <form method="post" action="/hq/settings" class="card" id="settings-form">\(page.csrfField)<input type="hidden" name="section" value="tree">
              <h2>\(page.t("渠道层级", "Tree depth"))</h2>
              \(Field.select(page, name: "maxLevels", options: [("1", "1"), ("2", "2"), ("3", "3")], selected: values["maxLevels"] ?? String(maximum), errors: errors))
              <p class="muted">\(page.t("渠道树最多的层级数(合规要求不超过 3 级)。", "The deepest level of the partner tree (compliance caps it at 3)."))</p>
              <button type="submit">\(page.t(.save))</button></form>
            <form method="post" action="/hq/settings" class="card" id="prepaid-settings-form">\(page.csrfField)<input type="hidden" name="section" value="prepaid">
              <h2>\(page.t("预存款规则", "Prepaid rules"))</h2>
              \(TierFields.render(page, name: "bonusTiers", label: page.t("单笔充值返利档位", "Rebate tiers on a single top-up"), thresholdLabel: page.t("单笔充值满", "A top-up of"), tiers: rules.bonusTiers, values: values, errors: tierErrors))
              \(TierFields.render(page, name: "discountTiers", label: page.t("进货折扣档位(按统计天数内累计充值)", "Purchase discount tiers (by top-ups in the window)"), thresholdLabel: page.t("累计充值满", "Top-ups of"), tiers: rules.discountTiers, values: values, errors: tierErrors))
              \(Field.text(page, name: "maximumTopUpFen", label: page.t("单笔充值上限(元)", "Largest single top-up (yuan)"), value: values["maximumTopUpFen"] ?? rules.maximumTopUp.yuanText, errors: errors))
              \(Field.text(page, name: "discountWindowDays", label: page.t("折扣统计天数", "Discount window (days)"), value: values["discountWindowDays"] ?? String(rules.discountWindowDays), errors: errors))
              \(Field.text(page, name: "paymentPasswordAboveFen", label: page.t("超过此金额的进货单需支付密码(元)", "Payment password for orders above (yuan)"), value: values["paymentPasswordAboveFen"] ?? rules.paymentPasswordAbove?.yuanText ?? "", errors: errors, hint: page.t("留空则不要求;填 0 则每张预存款订单都要求。修改收款账户始终需要支付密码。", "Blank asks for none; 0 asks on every prepaid order. Changing the payout account always needs it.")))
              <button type="submit">\(page.t(.save))</button></form>
            <form method="post" action="/hq/settings" class="card" id="retention-settings-form">\(page.csrfField)<input type="hidden" name="section" value="retention">
              <h2>\(page.t("个人信息保存期限", "Personal data retention"))</h2>
              \(Field.text(page, name: "orderPersonalDataDays", label: page.t("订单完成或取消后保留收货人信息(天)", "Keep recipients after an order ends (days)"), value: values["orderPersonalDataDays"] ?? String(retention.orderPersonalDataDays), errors: errors, hint: page.t("1095–10950 天;到期后姓名、电话、地址匿名化,金额与单据编号保留。", "1,095–10,950 days; then names, phones and addresses are anonymised, amounts and document numbers stay.")))
              \(Field.text(page, name: "sessionRecordDays", label: page.t("登录记录保留(天)", "Keep sign-in records (days)"), value: values["sessionRecordDays"] ?? String(retention.sessionRecordDays), errors: errors, hint: page.t("30–3650 天,自会话结束起算。", "30–3,650 days after a session ends.")))
              <button type="submit">\(page.t(.save))</button></form>
            <form method="post" action="/hq/settings" class="card" id="approval-settings-form">\(page.csrfField)<input type="hidden" name="section" value="approvals">
              <h2>\(page.t("双人复核", "Second approval"))</h2>
              <p class="muted">\(page.t("勾选的操作提交后不会立即生效,须由另一位总部财务或管理员在“待复核”中批准。", "A ticked action does not take effect when submitted: another HQ finance or admin account approves it under Approvals."))</p>
              <label><input type="checkbox" name="payoutAccounts"\(ticked("payoutAccounts", approvals.payoutAccounts))> \(page.t("总部修改渠道商的银行收款账户", "HQ changing a partner's bank payout account"))</label>
              <label><input type="checkbox" name="commissionRules"\(ticked("commissionRules", approvals.commissionRules))> \(page.t("发布佣金规则(含订单时限)", "Publishing a commission rule (order windows included)"))</label>
              \(Field.text(page, name: "prepaidCreditAboveFen", label: page.t("预存款人工入账超过此金额需复核(元)", "Direct prepaid credits above (yuan) need approval"), value: values["prepaidCreditAboveFen"] ?? approvals.prepaidCreditAbove?.yuanText ?? "", errors: errors, hint: page.t("留空则不要求;填 0 则每笔人工入账都要求。", "Blank holds none; 0 holds every direct credit.")))
              <button type="submit">\(page.t(.save))</button></form>
            <form method="post" action="/hq/settings" class="card" id="reconciliation-settings-form">\(page.csrfField)<input type="hidden" name="section" value="reconciliation">
              <h2>\(page.t("对账单", "Partner statements"))</h2>
              \(Field.text(page, name: "autoConfirmDays", label: page.t("出具后自动确认(天)", "Confirmed automatically after (days)"), value: values["autoConfirmDays"] ?? String(reconciliation.autoConfirmDays), errors: errors, hint: page.t("3–60 天;渠道商未确认也未提出异议的对账单到期视为确认,提前 2 天提醒。", "3–60 days; a statement neither confirmed nor disputed by then counts as confirmed, with a reminder 2 days before.")))
              <button type="submit">\(page.t(.save))</button></form>
            <form method="post" action="/hq/settings" class="card" id="order-settings-form">\(page.csrfField)<input type="hidden" name="section" value="orders">
              <h2>\(page.t("订单时限", "Order windows"))</h2>
              \(Field.text(page, name: "autoReceiveDays", label: page.t("签收后自动确认收货(天)", "Auto-receive after delivery (days)"), value: values["autoReceiveDays"] ?? String(windows.autoReceiveDays), errors: errors))
              \(Field.text(page, name: "returnWindowDays", label: page.t("收货后退货期(天)", "Return window after receipt (days)"), value: values["returnWindowDays"] ?? String(windows.returnWindowDays), errors: errors))
              <button type="submit">\(page.t(.save))</button></form>
            </div>
            """
        return Layout.page(page, title: page.t("平台设置", "Platform settings"), body: body)
    }
}
