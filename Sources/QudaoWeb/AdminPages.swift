import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoStore

/// HQ overview, the audit log and platform settings.
struct AdminPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq") { request, context in
            let caller = try services.caller(request, context)
            guard caller.principal.kind == .hq else { throw AppError.forbidden }
            let page = PageContext(request, context)
            let counts = try await services.platform.database.read { try await $0.partnerCountsByStatus() }
            var levelCounts: [Int: Int64] = [:]
            for level in 1...3 {
                levelCounts[level] = try await services.partners.list(
                    caller, filter: PartnerFilter(level: level), page: PageRequest(pageNumber: 1, pageSize: 1)
                ).totalCount
            }
            let products = try await services.products.list(caller, filter: ProductFilter(), page: PageRequest(pageNumber: 1, pageSize: 1))
            let onShelf = try await services.products.list(
                caller, filter: ProductFilter(onShelf: true), page: PageRequest(pageNumber: 1, pageSize: 1))
            let total = counts.values.reduce(0, +)
            // Channel health at a glance: who needs help, what waits for HQ.
            let grades = try await GradingService(platform: services.platform).overview(caller).distribution
            let openTasks = try await FollowUpService(platform: services.platform).list(
                caller, filter: FollowUpFilter(status: .open), page: PageRequest(pageNumber: 1, pageSize: 1)
            ).totalCount
            var waiting = OrderFilter()
            waiting.waitingOnly = true
            let backOrders = try await services.orders.list(caller, filter: waiting, page: PageRequest(pageNumber: 1, pageSize: 1)).totalCount
            func stat(_ value: Int64, _ label: String, _ link: String) -> HTML {
                "<a class=\"stat\" href=\"\(link)\"><div class=\"value\">\(value)</div><div class=\"label\">\(label)</div></a>"
            }
            let body: HTML = """
                <h1>\(page.t("总部概览", "HQ overview"))</h1>
                <div class="grid" id="overview">
                  \(stat(total, page.t("渠道商总数", "Partners"), "/hq/partners"))
                  \(stat(counts[.active] ?? 0, page.t("正常合作", "Active"), "/hq/partners?status=active"))
                  \(stat(counts[.pending] ?? 0, page.t("待审核", "Pending approval"), "/hq/partners?status=pending"))
                  \(stat(counts[.suspended] ?? 0, page.t("已暂停", "Suspended"), "/hq/partners?status=suspended"))
                  \(stat(levelCounts[1] ?? 0, page.t("一级经销商", "Level-1"), "/hq/partners?level=1"))
                  \(stat(levelCounts[2] ?? 0, page.t("二级代理", "Level-2"), "/hq/partners?level=2"))
                  \(stat(levelCounts[3] ?? 0, page.t("三级门店", "Level-3"), "/hq/partners?level=3"))
                  \(stat(products.totalCount, page.t("商品(在售 \(onShelf.totalCount))", "Products (\(onShelf.totalCount) on shelf)"), "/hq/products"))
                </div>
                <h2>\(page.t("渠道健康", "Channel health"))</h2>
                <div class="grid" id="channel-health">
                  \(stat(grades[.quality] ?? 0, page.t("优质渠道", "Quality"), "/hq/partners?grade=quality"))
                  \(stat(grades[.potential] ?? 0, page.t("潜力渠道", "Potential"), "/hq/partners?grade=potential"))
                  \(stat(grades[.warning] ?? 0, page.t("预警渠道", "On warning"), "/hq/partners?grade=warning&sort=sales_change"))
                  \(stat(openTasks, page.t("待跟进任务", "Open follow-ups"), "/hq/follow-ups?status=open"))
                  \(stat(backOrders, page.t("缺货待配货订单", "Back-orders"), "/hq/orders?waiting=1"))
                </div>
                """
            return HTMLResponse.page(Layout.page(page, title: page.t("总部概览", "HQ overview"), body: body))
        }
        router.get("/hq/audit") { request, context in
            let caller = try services.caller(request, context)
            let filter = AuditFilter(
                username: request.query("username"), action: request.query("action"), entityType: request.query("entityType"),
                entityId: request.query("entityId"), from: request.query("from").flatMap(Self.startOfDay),
                to: request.query("to").flatMap(Self.startOfDay).map { $0.addingTimeInterval(86_400) })
            let list = try await services.auditLog.entries(
                caller, filter: filter, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
            let actions = try await services.auditLog.actions(caller)
            return HTMLResponse.page(auditPage(PageContext(request, context), request: request, list: list, actions: actions))
        }
        router.get("/hq/settings") { request, context in
            let caller = try services.caller(request, context)
            try caller.require(.manageSettings)
            return HTMLResponse.page(try await settingsPage(PageContext(request, context), values: [:], errors: [], notice: request.query("notice")))
        }
        router.post("/hq/settings") { request, context in
            let caller = try services.caller(request, context)
            let form = try await services.form(request, context)
            var values: [String: String] = [:]
            for name in form.fieldNames { values[name] = form[name] ?? "" }
            do {
                switch form["section"] {
                case "prepaid":
                    var validator = Validator()
                    let bonus = Self.parseTiers(form["bonusTiers"], field: "bonusTiers", validator: &validator)
                    let discount = Self.parseTiers(form["discountTiers"], field: "discountTiers", validator: &validator)
                    let maximum = validator.amount("maximumTopUpFen", .yuanText(form["maximumTopUpFen"]), in: 1...Int64.max / 2)
                    let days = validator.integer("discountWindowDays", IntegerInput(text: form["discountWindowDays"]), in: 1...3_650)
                    if !validator.errors.isEmpty { throw AppError.validation(ValidationFailure(validator.errors)) }
                    guard let maximum, let days else { throw AppError.invalid("maximumTopUpFen", .required) }
                    try await services.settings.setPrepaidRules(
                        caller, PrepaidRules(bonusTiers: bonus, discountTiers: discount, maximumTopUp: maximum, discountWindowDays: Int(days)))
                case "orders":
                    var validator = Validator()
                    let receive = validator.integer("autoReceiveDays", IntegerInput(text: form["autoReceiveDays"]), in: 1...90)
                    let window = validator.integer("returnWindowDays", IntegerInput(text: form["returnWindowDays"]), in: 0...90)
                    if !validator.errors.isEmpty { throw AppError.validation(ValidationFailure(validator.errors)) }
                    try await services.settings.setOrderWindows(
                        caller, OrderWindows(autoReceiveDays: Int(receive ?? 10), returnWindowDays: Int(window ?? 7)))
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
    }

    /// Tiers typed one per line as `threshold in yuan, rate in bp`, e.g. `100000.00, 100`.
    static func parseTiers(_ text: String?, field: String, validator: inout Validator) -> [Tier] {
        var tiers: [Tier] = []
        for (index, line) in (text ?? "").split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(separator: ",").map { String($0).trimmingWhitespace() }
            guard parts.count == 2, let threshold = Money.parseYuan(parts[0]), let rate = Int64(parts[1]) else {
                validator.add("\(field)[\(index)]", .invalidFormat(expected: "threshold in yuan, rate in bp, e.g. 100000.00, 100"))
                continue
            }
            tiers.append(Tier(threshold: threshold, rate: Rate(basisPoints: rate)))
        }
        return tiers
    }

    static func tierText(_ tiers: [Tier]) -> String {
        tiers.map { "\($0.threshold.yuanText), \($0.rate.basisPoints)" }.joined(separator: "\n")
    }

    /// Midnight in business time of a `yyyy-MM-dd` date.
    static func startOfDay(_ text: String) -> Date? {
        BusinessTime.startOfDay(text)
    }

    func auditPage(_ page: PageContext, request: Request, list: Page<AuditEntry>, actions: [String]) -> HTML {
        let rows = list.items.html { entry in
            """
            <tr><td class="number">\(entry.sequence)</td><td>\(BusinessTime.displayText(entry.occurredAt))</td><td>\(entry.username)</td>
            <td class="mono">\(entry.sourceIP)</td><td class="mono">\(entry.action)</td>
            <td class="mono">\(entry.entityType) \(entry.entityId)</td>
            <td><pre class="json">\(entry.beforeJSON ?? "")</pre></td><td><pre class="json">\(entry.afterJSON ?? "")</pre></td></tr>
            """
        }
        let query = [
            "username": request.query("username") ?? "", "action": request.query("action") ?? "", "entityType": request.query("entityType") ?? "",
            "entityId": request.query("entityId") ?? "", "from": request.query("from") ?? "", "to": request.query("to") ?? "",
        ]
        let body: HTML = """
            <h1>\(page.t("操作日志", "Audit log"))</h1>
            <p class="muted">\(page.t("每条记录都以哈希链连接,任何修改或删除都能被 qudao verify 发现。", "Entries are hash-chained; qudao verify detects any edit or removal."))</p>
            <form method="get" class="toolbar" action="/hq/audit">
              <div class="field"><label for="username">\(page.t("操作人", "Account"))</label><input type="text" id="username" name="username" value="\(request.query("username"))"></div>
              \(Field.select(page, name: "action", label: page.t("操作", "Action"), options: actions.map { ($0, $0) }, selected: request.query("action"), errors: [], includeBlank: page.t("全部", "All")))
              \(Field.select(page, name: "entityType", label: page.t("对象类型", "Entity"), options: ["partner", "product", "category", "account", "session", "setting"].map { ($0, $0) }, selected: request.query("entityType"), errors: [], includeBlank: page.t("全部", "All")))
              <div class="field"><label for="entityId">\(page.t("对象编号", "Entity id"))</label><input type="text" id="entityId" name="entityId" value="\(request.query("entityId"))"></div>
              <div class="field"><label for="from">\(page.t("开始日期", "From"))</label><input type="text" id="from" name="from" placeholder="2026-11-01" value="\(request.query("from"))"></div>
              <div class="field"><label for="to">\(page.t("结束日期", "To"))</label><input type="text" id="to" name="to" placeholder="2026-11-30" value="\(request.query("to"))"></div>
              <button type="submit">\(page.t("筛选", "Filter"))</button></form>
            <div class="table-wrap"><table id="audit-list"><thead><tr><th class="number">#</th><th>\(page.t("时间", "Time"))</th><th>\(page.t("操作人", "Account"))</th><th>IP</th><th>\(page.t("操作", "Action"))</th><th>\(page.t("对象", "Entity"))</th><th>\(page.t("变更前", "Before"))</th><th>\(page.t("变更后", "After"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(Layout.pager(page, list, baseQuery: query))
            """
        return Layout.page(page, title: page.t("操作日志", "Audit log"), body: body)
    }

    func settingsPage(_ page: PageContext, values: [String: String], errors: [FieldError], notice: String?) async throws -> HTML {
        let maximum = try await services.partners.maximumLevels()
        let rules = try await services.settings.prepaidRules()
        let windows = try await services.settings.orderWindows()
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
              <button type="submit">\(page.t("保存", "Save"))</button></form>
            <form method="post" action="/hq/settings" class="card" id="prepaid-settings-form">\(page.csrfField)<input type="hidden" name="section" value="prepaid">
              <h2>\(page.t("预存款规则", "Prepaid rules"))</h2>
              <div class="field"><label for="bonusTiers">\(page.t("充值返利档位(每行:门槛元, 基点)", "Top-up rebate tiers (one per line: threshold in yuan, bp)"))</label>
              <textarea id="bonusTiers" name="bonusTiers" rows="3">\(values["bonusTiers"] ?? Self.tierText(rules.bonusTiers))</textarea></div>
              <div class="field"><label for="discountTiers">\(page.t("进货折扣档位(每行:近期累计充值门槛元, 基点)", "Purchase discount tiers (one per line: top-ups in the window in yuan, bp)"))</label>
              <textarea id="discountTiers" name="discountTiers" rows="3">\(values["discountTiers"] ?? Self.tierText(rules.discountTiers))</textarea>
              \(tierErrors.first.map { HTML("<div class=\"error\">\(page.language.message(for: $0.problem))</div>") } ?? .empty)</div>
              \(Field.text(page, name: "maximumTopUpFen", label: page.t("单笔充值上限(元)", "Largest single top-up (yuan)"), value: values["maximumTopUpFen"] ?? rules.maximumTopUp.yuanText, errors: errors))
              \(Field.text(page, name: "discountWindowDays", label: page.t("折扣统计天数", "Discount window (days)"), value: values["discountWindowDays"] ?? String(rules.discountWindowDays), errors: errors))
              <button type="submit">\(page.t("保存", "Save"))</button></form>
            <form method="post" action="/hq/settings" class="card" id="order-settings-form">\(page.csrfField)<input type="hidden" name="section" value="orders">
              <h2>\(page.t("订单时限", "Order windows"))</h2>
              \(Field.text(page, name: "autoReceiveDays", label: page.t("签收后自动确认收货(天)", "Auto-receive after delivery (days)"), value: values["autoReceiveDays"] ?? String(windows.autoReceiveDays), errors: errors))
              \(Field.text(page, name: "returnWindowDays", label: page.t("收货后退货期(天)", "Return window after receipt (days)"), value: values["returnWindowDays"] ?? String(windows.returnWindowDays), errors: errors))
              <button type="submit">\(page.t("保存", "Save"))</button></form>
            </div>
            """
        return Layout.page(page, title: page.t("平台设置", "Platform settings"), body: body)
    }
}
