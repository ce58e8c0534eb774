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
            try caller.require(.manageAccounts)
            let maximum = try await services.partners.maximumLevels()
            return HTMLResponse.page(settingsPage(PageContext(request, context), value: String(maximum), errors: [], notice: request.query("notice")))
        }
        router.post("/hq/settings") { request, context in
            let caller = try services.caller(request, context)
            let form = try await services.form(request, context)
            let raw = form["maxLevels"] ?? ""
            do {
                try await services.partners.setMaximumLevels(caller, IntegerInput(text: raw))
                return Response.redirect(to: "/hq/settings?notice=saved", type: .found)
            } catch AppError.validation(let failure) {
                return HTMLResponse.page(
                    settingsPage(PageContext(request, context), value: raw, errors: failure.errors, notice: nil), status: .unprocessableContent)
            }
        }
    }

    /// Midnight in business time of a `yyyy-MM-dd` date.
    static func startOfDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return BusinessTime.calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
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

    func settingsPage(_ page: PageContext, value: String, errors: [FieldError], notice: String?) -> HTML {
        let body: HTML = """
            \(Layout.notice(page, notice))
            <h1>\(page.t("平台设置", "Platform settings"))</h1>
            \(Layout.errorSummary(page, errors))
            <form method="post" action="/hq/settings" class="card narrow" id="settings-form">\(page.csrfField)
              \(Field.select(page, name: "maxLevels", options: [("1", "1"), ("2", "2"), ("3", "3")], selected: value, errors: errors))
              <p class="muted">\(page.t("渠道树最多的层级数(合规要求不超过 3 级)。", "The deepest level of the partner tree (compliance caps it at 3)."))</p>
              <button type="submit">\(page.t("保存", "Save"))</button></form>
            """
        return Layout.page(page, title: page.t("平台设置", "Platform settings"), body: body)
    }
}
