import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// One-click replenishment (一键补货) for the partner, built for a phone: each suggestion with
/// every input it came from, and one button that turns them into a draft purchase order.
struct ReplenishmentPages {
    let services: WebServices

    var replenishment: ReplenishmentService { services.replenishment }

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/portal/replenishment", use: showPortalReplenishment)
        router.post("/portal/replenishment/draft", use: submitPortalReplenishmentDraft)
        router.post("/portal/order/draft/discard", use: submitPortalOrderDraftDiscard)
    }

    @Sendable func showPortalReplenishment(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let plan = try await replenishment.plan(caller)
        return HTMLResponse.page(planPage(PageContext(request, context), plan: plan, caller: caller, errors: []))
    }

    @Sendable func submitPortalReplenishmentDraft(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        do {
            try await replenishment.draftFromSuggestions(caller)
            return Response.redirect(to: "/portal/order", type: .found)
        } catch AppError.validation(let failure) {
            let plan = try await replenishment.plan(caller)
            return HTMLResponse.page(
                planPage(PageContext(request, context), plan: plan, caller: caller, errors: failure.errors), status: .unprocessableContent)
        }
    }

    @Sendable func submitPortalOrderDraftDiscard(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        try await replenishment.discardDraft(caller)
        return Response.redirect(to: "/portal/order", type: .found)
    }

    /// A number of units with up to two decimals, for the shown (not computed) demand and spread.
    static func units(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    func planPage(_ page: PageContext, plan: ReplenishmentPlan, caller: Caller, errors: [FieldError]) -> HTML {
        let cards = plan.lines.html { line in
            let suggestion = line.suggestion
            let inputs = suggestion.inputs
            let horizon = inputs.leadTimeDays + inputs.reviewPeriodDays
            let packs = inputs.packSize > 0 ? suggestion.quantity / inputs.packSize : 0
            return """
                <div class="card replenishment\(suggestion.quantity > 0 ? " needed" : "")" data-sku="\(line.level.sku)" data-quantity="\(suggestion.quantity)">
                  <div class="actions spread" style="margin-top:0"><strong><span class="mono">\(line.level.sku)</span> \(line.level.name)</strong>
                    <span class="suggested">\(page.t("建议补货", "Suggested")) <strong class="suggested-quantity">\(suggestion.quantity)</strong> \(line.level.unit)</span></div>
                  <dl class="profile">
                    <dt>\(page.t("日均销量 d", "Daily demand d"))</dt><dd class="daily-demand">\(Self.units(suggestion.dailyDemand))</dd>
                    <dt>\(page.t("日销量标准差 σ", "Daily spread σ"))</dt><dd class="daily-spread">\(Self.units(suggestion.dailyStandardDeviation))</dd>
                    <dt>\(page.t("到货周期 L + 补货周期 R", "Lead time L + review period R"))</dt><dd>\(inputs.leadTimeDays) + \(inputs.reviewPeriodDays) = \(horizon) \(page.t("天", "days"))</dd>
                    <dt>\(page.t("安全库存 SS", "Safety stock SS"))</dt><dd class="safety-stock">⌈1.65 × \(Self.units(suggestion.dailyStandardDeviation)) × √\(horizon)⌉ = \(suggestion.safetyStock)</dd>
                    <dt>\(page.t("在手 / 在途", "On hand / in transit"))</dt><dd><span class="on-hand">\(inputs.onHand)</span> / <span class="in-transit">\(inputs.inTransit)</span></dd>
                    <dt>\(page.t("计算", "Computed"))</dt><dd class="formula">⌈\(Self.units(suggestion.dailyDemand)) × \(horizon) + \(suggestion.safetyStock) − \(inputs.onHand) − \(inputs.inTransit)⌉ = \(suggestion.quantityBeforePacks)
                      → \(packs) \(page.t("箱", "packs")) × \(inputs.packSize) = \(suggestion.quantity)</dd>
                  </dl>
                </div>
                """
        }
        let canOrder = caller.principal.can(.partnerOrdering)
        let orderable = plan.orderable
        let button: HTML =
            canOrder && !orderable.isEmpty
            ? """
            <form method="post" action="/portal/replenishment/draft" class="card" id="replenish-form">\(page.csrfField)
              <p>\(page.t("共 \(orderable.count) 个商品需要补货。点击后生成进货单草稿,可在下单页调整数量后提交。", "\(orderable.count) products need replenishing. One click makes a draft purchase order you can adjust before submitting."))</p>
              <button type="submit" id="replenish-now">\(page.t("一键补货", "Replenish in one click"))</button></form>
            """ : .empty
        let body: HTML = """
            <h1>\(page.t("补货建议", "Replenishment"))</h1>
            \(Layout.errorSummary(page, errors))
            <p class="muted">\(page.t("按您过去28天(\(plan.firstSalesDay) 至 \(plan.lastSalesDay))的销售上报计算:建议量 = ⌈d × (L+R) + SS − 在手 − 在途⌉,向上取整到箱规。", "From your sales reported over the last 28 days (\(plan.firstSalesDay) to \(plan.lastSalesDay)): suggestion = ⌈d × (L+R) + SS − on hand − in transit⌉, rounded up to whole packs."))</p>
            \(button)
            <div id="suggestions">\(cards)</div>
            \(plan.lines.isEmpty ? HTML("<p class=\"muted\">\(page.t("暂无库存或销售记录,无法给出建议。先上报销售吧。", "No stock or sales yet, so nothing to suggest. Report your sales first."))</p>") : .empty)
            """
        return Layout.page(page, title: page.t("补货建议", "Replenishment"), body: body)
    }
}
