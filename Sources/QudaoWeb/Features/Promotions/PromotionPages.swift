import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Targeted promotions: HQ creates, lists and cancels them; a partner sees those targeted at it.
struct PromotionPages {
    let services: WebServices

    var promotions: PromotionService { services.promotions }

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/promotions", use: showHQPromotions)
        router.get("/hq/promotions/new", use: showHQPromotionsNew)
        router.post("/hq/promotions", use: submitHQPromotions)
        router.get("/hq/promotions/{id}", use: showHQPromotionsDetail)
        router.post("/hq/promotions/{id}/cancel", use: submitHQPromotionsCancel)
        router.get("/portal/promotions", use: showPortalPromotions)
        router.get("/portal/promotions/{id}", use: showPortalPromotionsDetail)
    }

    @Sendable func showHQPromotions(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let list = try await promotions.list(
            caller, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        return HTMLResponse.page(listPage(PageContext(request, context), list: list, base: "/hq/promotions", caller: caller))
    }

    @Sendable func showHQPromotionsNew(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.managePartners)
        return HTMLResponse.page(formPage(PageContext(request, context), form: nil, errors: []))
    }

    @Sendable func submitHQPromotions(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            let promotion = try await promotions.create(caller, Self.input(form))
            return Response.redirect(to: "/hq/promotions/\(promotion.id)?notice=created", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(formPage(PageContext(request, context), form: form, errors: failure.errors), status: .unprocessableContent)
        }
    }

    @Sendable func showHQPromotionsDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let view = try await promotions.view(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(detailPage(PageContext(request, context), view: view, caller: caller, notice: request.query("notice")))
    }

    @Sendable func submitHQPromotionsCancel(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        let id = try context.parameters.require("id")
        _ = try await promotions.cancel(caller, id: id)
        return Response.redirect(to: "/hq/promotions/\(id)?notice=status", type: .found)
    }

    @Sendable func showPortalPromotions(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let list = try await promotions.list(
            caller, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        return HTMLResponse.page(listPage(PageContext(request, context), list: list, base: "/portal/promotions", caller: caller))
    }

    @Sendable func showPortalPromotionsDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let view = try await promotions.view(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(detailPage(PageContext(request, context), view: view, caller: caller, notice: nil))
    }

    /// The form's products: one per line, "SKU" or "SKU, price in yuan" (commas, spaces or tabs).
    static func input(_ form: FormData) -> PromotionInput {
        let products = (form["products"] ?? "").split(whereSeparator: \.isNewline).compactMap { line -> (product: String?, price: AmountInput)? in
            let parts = line.split(whereSeparator: { $0 == "," || $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
            guard let sku = parts.first else { return nil }
            return (sku, .yuanText(parts.count > 1 ? parts[1] : nil))
        }
        return PromotionInput(
            name: form["name"], kind: form["kind"], discountBasisPoints: .percentText(form["discountBp"]), startsAt: form["startsAt"],
            endsAt: form["endsAt"], grades: form.all("grades"), levels: form.all("levels"), provinces: form.all("provinces"),
            products: products)
    }

    func target(_ page: PageContext, _ target: PromotionTarget) -> String {
        if target.isEveryone { return page.t("全部渠道商", "Every partner") }
        var parts: [String] = []
        if !target.grades.isEmpty {
            parts.append(Grade.allCases.filter(target.grades.contains).map { page.language.grade($0) }.joined(separator: "、"))
        }
        if !target.levels.isEmpty { parts.append(target.levels.sorted().map { page.language.level($0) }.joined(separator: "、")) }
        if !target.provinces.isEmpty { parts.append(target.provinces.sorted().joined(separator: "、")) }
        return parts.joined(separator: " · ")
    }

    func offer(_ page: PageContext, _ promotion: Promotion) -> String {
        switch promotion.kind {
        case .price: return page.t("活动特价", "Special prices")
        case .discount:
            let rate = promotion.discount?.basisPoints ?? 0
            return page.t("进货价立减 \(GradeWording.percent(basisPoints: rate))%", "\(GradeWording.percent(basisPoints: rate))% off the purchase price")
        }
    }

    func state(_ page: PageContext, _ promotion: Promotion) -> HTML {
        let now = services.platform.clock.now()
        if promotion.cancelled { return "<span class=\"badge terminated\">\(page.t("已取消", "Cancelled"))</span>" }
        if promotion.endsAt <= now { return "<span class=\"badge\">\(page.t("已结束", "Ended"))</span>" }
        if promotion.startsAt > now { return "<span class=\"badge pending\">\(page.t("未开始", "Upcoming"))</span>" }
        return "<span class=\"badge active\">\(page.t(.running))</span>"
    }

    func listPage(_ page: PageContext, list: Page<Promotion>, base: String, caller: Caller) -> HTML {
        let rows = list.items.html { promotion in
            """
            <tr data-promotion="\(promotion.id)"><td class="mono"><a href="\(base)/\(promotion.id)">\(promotion.number)</a></td><td>\(promotion.name)</td>
            <td>\(offer(page, promotion))</td><td>\(target(page, promotion.target))</td>
            <td>\(BusinessTime.displayText(promotion.startsAt)) – \(BusinessTime.displayText(promotion.endsAt))</td><td>\(state(page, promotion))</td></tr>
            """
        }
        let isHQ = caller.principal.kind == .hq
        let newButton: HTML =
            isHQ && caller.principal.can(.managePartners)
            ? "<a class=\"button\" href=\"/hq/promotions/new\" id=\"new-promotion\">\(page.t("新建促销", "New promotion"))</a>" : .empty
        let body: HTML = """
            <div class="actions spread"><h1>\(isHQ ? page.t("定向促销", "Targeted promotions") : page.t("我的专属促销", "My promotions"))</h1>\(newButton)</div>
            <div class="table-wrap"><table class="responsive" id="promotion-list"><thead><tr><th>\(page.t(.number))</th><th>\(page.t("名称", "Name"))</th>
              <th>\(page.t("优惠", "Offer"))</th><th>\(page.t("对象", "For"))</th><th>\(page.t("时间", "Period"))</th><th>\(page.t(.status))</th></tr></thead>
              <tbody>\(rows)</tbody></table></div>
            \(list.items.isEmpty ? HTML("<p class=\"empty\">\(page.t("暂无促销活动。总部发布的活动会出现在这里,订货时自动按活动价计算。", "No promotion now. HQ's promotions appear here and price your orders by themselves."))</p>") : .empty)
            \(Layout.pager(page, list, baseQuery: [:]))
            """
        return Layout.page(page, title: isHQ ? page.t("定向促销", "Targeted promotions") : page.t("我的专属促销", "My promotions"), body: body)
    }

    func detailPage(_ page: PageContext, view: PromotionView, caller: Caller, notice: String?) -> HTML {
        let promotion = view.promotion
        let isHQ = caller.principal.kind == .hq
        let rows = view.products.html { product in
            let prices: HTML
            switch promotion.kind {
            case .price:
                prices = "\((promotion.products[product.id] ?? nil)?.formatted ?? "—")"
            case .discount:
                prices = "\(page.t("各级进货价", "Level prices")) −\(GradeWording.percent(basisPoints: promotion.discount?.basisPoints ?? 0))%"
            }
            return "<tr><td class=\"mono\">\(product.sku)</td><td>\(product.name)</td><td class=\"number\">\(prices)</td></tr>"
        }
        let cancel: HTML =
            isHQ && caller.principal.can(.managePartners) && !promotion.cancelled && promotion.endsAt > services.platform.clock.now()
            ? """
            <form method="post" action="/hq/promotions/\(promotion.id)/cancel" class="inline" data-confirm="\(page.t("确定取消该促销?之后的订单不再享受活动价。", "Cancel the promotion? Orders from now on pay regular prices."))">\(page.csrfField)
            <button class="secondary" type="submit" id="cancel-promotion">\(page.t("取消活动", "Cancel the promotion"))</button></form>
            """ : .empty
        let usage: HTML =
            isHQ
            ? "<dt>\(page.t("已使用", "Used"))</dt><dd id=\"promotion-usage\">\(view.usedLines) \(page.t("个订单行", "order lines")),\(view.usedUnits) \(page.t("件", "units"))</dd>"
            : .empty
        let body: HTML = """
            \(Layout.notice(page, notice))
            <p><a href="\(isHQ ? "/hq/promotions" : "/portal/promotions")">‹ \(page.t(.promotions))</a></p>
            <div class="actions spread"><h1>\(promotion.name) \(state(page, promotion))</h1>\(cancel)</div>
            <div class="card"><dl class="profile">
              <dt>\(page.t(.number))</dt><dd class="mono">\(promotion.number)</dd>
              <dt>\(page.t("优惠", "Offer"))</dt><dd>\(offer(page, promotion))</dd>
              <dt>\(page.t("时间", "Period"))</dt><dd>\(BusinessTime.displayText(promotion.startsAt)) – \(BusinessTime.displayText(promotion.endsAt))</dd>
              \(isHQ ? HTML("<dt>\(page.t("对象", "For"))</dt><dd id=\"promotion-target\">\(target(page, promotion.target))</dd>") : .empty)
              \(usage)
            </dl></div>
            <div class="table-wrap"><table id="promotion-products"><thead><tr><th>SKU</th><th>\(page.t("商品", "Product"))</th><th class="number">\(page.t("活动价", "Promotion price"))</th></tr></thead>
              <tbody>\(rows)</tbody></table></div>
            \(isHQ ? .empty : HTML("<p><a class=\"button\" href=\"/portal/order\">\(page.t("去订货", "Order now"))</a></p>"))
            """
        return Layout.page(page, title: promotion.name, body: body)
    }

    func formPage(_ page: PageContext, form: FormData?, errors: [FieldError]) -> HTML {
        let chosenGrades = Set(form?.all("grades") ?? [])
        let chosenLevels = Set(form?.all("levels") ?? [])
        let chosenProvinces = Set(form?.all("provinces") ?? [])
        func checks(_ name: String, _ options: [(String, String)], _ chosen: Set<String>) -> HTML {
            options.html { option in
                "<label><input type=\"checkbox\" name=\"\(name)\" value=\"\(option.0)\"\(chosen.contains(option.0) ? HTML(" checked") : .empty)> \(option.1)</label>"
            }
        }
        let now = services.platform.clock.now()
        let body: HTML = """
            <h1>\(page.t("新建定向促销", "New targeted promotion"))</h1>
            \(Layout.errorSummary(page, errors))
            <form method="post" action="/hq/promotions" class="card" id="promotion-form" novalidate>
              \(page.csrfField)
              <div class="fields">
              \(Field.text(page, name: "name", value: form?["name"], errors: errors, required: true))
              \(Field.select(page, name: "kind", label: page.t("优惠方式", "Offer"), options: [("price", page.t("活动特价(每个商品一个价格)", "Special price per product")), ("discount", page.t("进货价折扣", "Discount off the purchase price"))], selected: form?["kind"], errors: errors))
              \(Field.text(page, name: "discountBp", label: page.t("折扣(%)", "Discount (%)"), value: form?["discountBp"], errors: errors, hint: page.t("折扣时填写,如 15 表示减 15%", "For discounts: 15 means 15% off")))
              \(Field.text(page, name: "startsAt", value: form?["startsAt"] ?? BusinessTime.dayText(now), errors: errors, hint: page.t("如 2026-12-01 或 2026-12-01 09:00(北京时间)", "e.g. 2026-12-01 or 2026-12-01 09:00 (Beijing time)"), required: true))
              \(Field.text(page, name: "endsAt", value: form?["endsAt"], errors: errors, hint: page.t("只填日期时,活动持续到当天结束", "A date alone runs to the end of that day"), required: true))
              </div>
              <div class="field checks" id="target-grades"><label>\(page.t("目标评级(不选为全部)", "Grades (none: all)"))</label>\(checks("grades", [Grade.quality, .potential, .warning].map { ($0.rawValue, page.language.grade($0)) }, chosenGrades))</div>
              <div class="field checks"><label>\(page.t("目标层级(不选为全部)", "Levels (none: all)"))</label>\(checks("levels", (1...3).map { (String($0), page.language.level($0)) }, chosenLevels))</div>
              <div class="field checks"><label>\(page.t("目标地区(不选为全部)", "Provinces (none: all)"))</label>\(checks("provinces", Province.all.prefix(40).map { ($0, $0) }, chosenProvinces))</div>
              <div class="field\(errors.contains { $0.field.hasPrefix("products") } ? " invalid" : "")"><label for="products">\(page.t("活动商品(每行一个:SKU,特价元;折扣活动只填 SKU)", "Products (one per line: SKU, price in yuan; SKU alone for discounts)"))</label>
                <textarea id="products" name="products" rows="5" placeholder="SK-1001, 139.00">\(form?["products"])</textarea></div>
              <div class="actions"><button type="submit" id="save-promotion">\(page.t("发布促销", "Publish"))</button><a href="/hq/promotions">\(page.t(.cancel))</a></div>
            </form>
            """
        return Layout.page(page, title: page.t("新建定向促销", "New targeted promotion"), body: body)
    }
}
