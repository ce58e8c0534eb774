import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The partner's ordering in three steps (choose products → confirm quantities → submit), its
/// order list and order pages.
struct PortalOrderPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/portal/order", use: showPortalOrder)
        router.post("/portal/order/confirm", use: submitPortalOrderConfirm)
        router.post("/portal/orders", use: submitPortalOrders)
        router.get("/portal/orders/{id}/ship-to", use: showPortalOrdersShipTo)
        router.get("/portal/orders", use: showPortalOrders)
        router.get("/portal/orders/{id}", use: showPortalOrdersDetail)
        let orders = services.orders
        registerAction(router, "/portal/orders/{id}/receive", notice: "receive") { caller, id, _ in
            _ = try await orders.confirmReceipt(caller, orderId: id)
        }
        registerAction(router, "/portal/orders/{id}/cancel", notice: "cancel") { caller, id, form in
            _ = try await orders.cancel(caller, orderId: id, reason: form["reason"])
        }
        registerAction(router, "/portal/orders/{id}/returns", notice: "returns") { caller, id, form in
            let order = try await orders.view(caller, id: id).order
            _ = try await orders.requestReturn(
                caller, orderId: id, quantities: OrderViews.returnQuantities(form, order: order), reason: form["reason"])
        }
    }

    @Sendable func showPortalOrder(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.partnerOrdering)
        var chosen: [String: String] = [:]
        for (name, value) in request.uri.queryParameters where name.hasPrefix("qty-") { chosen[String(name.dropFirst(4))] = String(value) }
        // With nothing chosen yet, the draft (from one-click replenishment) fills the quantities.
        var draft: PurchaseOrderDraft?
        if chosen.isEmpty, let saved = try await services.replenishment.draft(caller) {
            draft = saved
            for line in saved.lines { chosen[line.product] = String(line.quantity) }
        }
        return HTMLResponse.page(try await chooseStep(request, context, caller: caller, chosen: chosen, errors: [], draft: draft))
    }

    @Sendable func submitPortalOrderConfirm(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let lines = Self.lines(form)
        do {
            let quote = try await services.orders.quote(caller, lines: lines.map(\.input))
            return HTMLResponse.page(try await confirmStep(request, context, caller: caller, quote: quote, errors: [], addressId: nil))
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await chooseStep(
                    request, context, caller: caller, chosen: Dictionary(uniqueKeysWithValues: lines.map { ($0.productId, $0.text) }),
                    errors: failure.errors, lineProductIds: lines.map(\.productId)),
                status: .unprocessableContent)
        }
    }

    @Sendable func submitPortalOrders(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let lines = Self.lines(form)
        let accountId = caller.principal.accountId
        let requestHash = Self.linesHash(lines, addressId: form["addressId"])
        // The page's one-time submission key makes a double click or a resubmitted page place one
        // order. A form without a usable key (a script) places its order without the protection,
        // rather than sharing one empty key with every other such form.
        let submissionKey = (form["submissionKey"] ?? "").trimmingWhitespace()
        let claim =
            Self.isUsableSubmissionKey(submissionKey)
            ? services.idempotency.attempt(accountId: accountId, key: "form:" + submissionKey, requestHash: requestHash) : nil
        if let claim, let answer = try await earlierSubmission(request, context, caller: caller, claim: claim, lines: lines, form: form) {
            return answer
        }
        do {
            let place = {
                try await services.orders.placePurchaseOrder(
                    caller, lines: lines.map(\.input), shipping: ShippingInput(addressId: form["addressId"]),
                    paymentPassword: form["paymentPassword"])
            }
            let order: OrderRecord
            if let claim { order = try await claim.run(place) } else { order = try await place() }
            let location = "/portal/orders/\(order.id)?notice=placed"
            if let claim { try await services.idempotency.storeResponse(claim, status: 302, contentType: "text/plain", body: location) }
            return Response.redirect(to: location, type: .found)
        } catch  where IdempotencyService.isKeyTakenMeanwhile(error) {
            // A simultaneous submit of the same form committed first: answer what it made.
            if let claim, !claim.isRecorded,
                let answer = try await earlierSubmission(request, context, caller: caller, claim: claim, lines: lines, form: form)
            {
                return answer
            }
            throw error
        } catch let error as AppError {
            let message: FieldError
            switch error {
            case .validation(let failure) where failure.errors.allSatisfy({ $0.field == "paymentPassword" }):
                // The order itself is fine: the person stays on the confirmation page to retype.
                let quote = try await services.orders.quote(caller, lines: lines.map(\.input))
                return HTMLResponse.page(
                    try await confirmStep(request, context, caller: caller, quote: quote, errors: failure.errors, addressId: form["addressId"]),
                    status: .unprocessableContent)
            case .validation(let failure):
                return HTMLResponse.page(
                    try await chooseStep(
                        request, context, caller: caller, chosen: Dictionary(uniqueKeysWithValues: lines.map { ($0.productId, $0.text) }),
                        errors: failure.errors, lineProductIds: lines.map(\.productId)),
                    status: .unprocessableContent)
            case .insufficientBalance(let available, let required):
                message = FieldError(field: "balance", problem: .notAllowed(reason: .balanceShort(available: available, required: required)))
            case .insufficientStock(let sku, let available, let requested):
                message = FieldError(
                    field: "lines", problem: .notAllowed(reason: .notEnoughStock(sku: sku, name: "", available: available, requested: requested)))
            default: throw error
            }
            let quote = try await services.orders.quote(caller, lines: lines.map(\.input))
            return HTMLResponse.page(
                try await confirmStep(request, context, caller: caller, quote: quote, errors: [message], addressId: form["addressId"]),
                status: .unprocessableContent)
        }
    }

    /// A submission key is what the page put there: visible ASCII, at most 64 characters.
    static func isUsableSubmissionKey(_ key: String) -> Bool {
        (1...64).contains(key.count) && key.allSatisfy { $0.isASCII && !$0.isWhitespace }
    }

    /// The answer for a form whose key was used before: the same order again shows it; a different
    /// order under a used key is refused on the confirmation page, whose fresh key places it when
    /// the person submits again, so a changed order is never silently dropped.
    func earlierSubmission(
        _ request: Request, _ context: QudaoRequestContext, caller: Caller, claim: IdempotencyService.Attempt, lines: [ChosenLine],
        form: FormData
    ) async throws -> Response? {
        guard let earlier = try await services.idempotency.record(accountId: claim.accountId, key: claim.key) else { return nil }
        guard earlier.requestHash == claim.requestHash else {
            let quote = try await services.orders.quote(caller, lines: lines.map(\.input))
            let refusal = FieldError(field: "submissionKey", problem: .notAllowed(reason: .formAlreadySubmitted))
            return HTMLResponse.page(
                try await confirmStep(request, context, caller: caller, quote: quote, errors: [refusal], addressId: form["addressId"]),
                status: .conflict)
        }
        if let location = earlier.responseBody, earlier.responseStatus == 302 { return Response.redirect(to: location, type: .found) }
        // Committed, its answer not stored yet (or lost in a crash): the order it made is known.
        if earlier.resultEntityType == "order", let orderId = earlier.resultEntityId {
            return Response.redirect(to: "/portal/orders/\(orderId)?notice=placed", type: .found)
        }
        return nil
    }

    @Sendable func showPortalOrdersShipTo(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return PlainText.response(try await services.orders.revealShipTo(caller, orderId: try context.parameters.require("id")))
    }

    @Sendable func showPortalOrders(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        var filter = OrderFilter(
            kind: request.query("kind").flatMap(OrderKind.init(rawValue:)), status: request.query("status").flatMap(OrderStatus.init(rawValue:)),
            number: request.query("number"))
        filter.waitingOnly = request.query("waiting") == "1"
        let list = try await services.orders.list(
            caller, filter: filter, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let partners = try await HQOrderPages(services: services).partnersById(list.items.map(\.partnerId))
        return HTMLResponse.page(
            HQOrderPages.listPage(PageContext(request, context), request: request, list: list, partners: partners, base: "/portal/orders"))
    }

    @Sendable func showPortalOrdersDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let view = try await services.orders.view(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(
            detailPage(PageContext(request, context), view: view, caller: caller, notice: request.query("notice"), errors: []))
    }

    func registerAction(
        _ router: Router<QudaoRequestContext>, _ path: String, notice: String,
        _ perform: @escaping @Sendable (Caller, String, FormData) async throws -> Void
    ) {
        router.post(RouterPath(path)) { request, context -> Response in
            let caller = try context.caller
            let form = try await services.form(request, context)
            let id = try context.parameters.require("id")
            do {
                try await perform(caller, id, form)
                return Response.redirect(to: "/portal/orders/\(id)?notice=\(notice)", type: .found)
            } catch let error as AppError {
                let errors = try OrderViews.actionErrors(error)
                let view = try await services.orders.view(caller, id: id)
                return HTMLResponse.page(
                    detailPage(PageContext(request, context), view: view, caller: caller, notice: nil, errors: errors), status: .unprocessableContent)
            }
        }
    }

    struct ChosenLine {
        let productId: String
        let text: String
        var input: OrderLineInput { OrderLineInput(product: productId, quantity: IntegerInput(text: text)) }
    }

    /// The non-empty `qty-<product id>` fields of a form, in product order.
    static func lines(_ form: FormData) -> [ChosenLine] {
        form.fieldNames.filter { $0.hasPrefix("qty-") }.sorted().compactMap { name in
            let text = (form[name] ?? "").trimmingWhitespace()
            guard !text.isEmpty, text != "0" else { return nil }
            return ChosenLine(productId: String(name.dropFirst(4)), text: text)
        }
    }

    static func linesHash(_ lines: [ChosenLine], addressId: String?) -> String {
        AuthService.tokenHash(lines.map { "\($0.productId)=\($0.text)" }.joined(separator: "&") + "|" + (addressId ?? ""))
    }

    /// The partner's price, and under a promotion the promotion price with the regular one struck through.
    static func priceCell(_ page: PageContext, regular: Money, best: (promotion: Promotion, unitPrice: Money)?) -> HTML {
        guard let best else { return "\(regular.formatted)" }
        return """
            <strong class="promotion-price" data-promotion="\(best.promotion.id)">\(best.unitPrice.formatted)</strong> <s class="muted">\(regular.formatted)</s>
            <a class="badge quality" href="/portal/promotions/\(best.promotion.id)">\(best.promotion.name)</a>
            """
    }

    static func steps(_ page: PageContext, current: Int) -> HTML {
        let names = [page.t("选择商品", "Choose products"), page.t("确认数量", "Confirm quantities"), page.t("提交订单", "Submit")]
        return
            "<div class=\"steps\">\(names.enumerated().html { "<span\($0.offset + 1 == current ? HTML(" class=\"on\"") : .empty)>\($0.offset + 1). \($0.element)</span>" })</div>"
    }

    func chooseStep(
        _ request: Request, _ context: QudaoRequestContext, caller: Caller, chosen: [String: String], errors: [FieldError],
        draft: PurchaseOrderDraft? = nil, lineProductIds: [String] = []
    ) async throws -> HTML {
        let page = PageContext(request, context)
        let products = try await services.products.list(
            caller, filter: ProductFilter(search: request.query("q"), categoryId: request.query("category")),
            page: PageRequest(pageNumber: 1, pageSize: 200))
        let categories = try await services.products.categories(caller)
        let level = try await services.partners.view(caller, id: caller.principal.partnerId ?? "").partner.level
        let promotions = try await services.promotions.usable(caller)
        let now = services.platform.clock.now()
        let block = try await services.profiles.orderingBlock(caller)
        // Chosen products (a draft's) come first, so a store on a phone sees them without scrolling.
        let ordered = products.items.filter { chosen[$0.id] != nil } + products.items.filter { chosen[$0.id] == nil }
        let items = ordered.map { product in
            let regular = product.prices.purchasePrice(forLevel: level)
            let best = Promotion.best(promotions, productId: product.id, regular: regular, at: now)
            return CatalogueItem(
                product: product, unitPrice: best?.unitPrice ?? regular, regularPrice: regular, promotion: best?.promotion,
                chosen: chosen[product.id] ?? "")
        }
        let lineErrors = errors.filter { $0.field.hasPrefix("lines") || $0.field == "certificates" }.html { error in
            "<li>\(Self.lineErrorText(page, error, products: products.items, lineProductIds: lineProductIds))</li>"
        }
        let draftNotice: HTML =
            draft.map { draft in
                """
                <div class="notice" role="status" id="draft-notice">\(draft.source == "replenishment" ? page.t("已按补货建议填好数量(草稿),可调整后继续。", "Quantities filled in from the replenishment suggestions (a draft); adjust them and continue.") : page.t("已载入草稿。", "Draft loaded."))
                <form method="post" action="/portal/order/draft/discard" class="inline">\(page.csrfField)<button class="link" type="submit" id="discard-draft">\(page.t("放弃草稿", "Discard the draft"))</button></form></div>
                """
            } ?? .empty
        let body: HTML = """
            \(Self.steps(page, current: 1))
            <h1>\(page.t(.order))</h1>
            \(block.map { PartnerProfilePages.blockBanner(page, $0) } ?? .empty)
            \(draftNotice)
            \(errors.isEmpty ? HTML.empty : HTML("<div class=\"alert\" role=\"alert\" id=\"order-errors\">\(page.t("请修正:", "Please correct:"))<ul>\(lineErrors)</ul></div>"))
            \(CatalogueView.filters(page, categories: categories, search: request.query("q"), category: request.query("category")))
            <form method="post" action="/portal/order/confirm" id="choose-form" class="catalogue-form">\(page.csrfField)
            \(CatalogueView.list(page, items: items))
            <p class="muted small">\(page.t("数量须为箱规的整数倍;预存折扣在下一步计算。", "Quantities are whole packs; the prepaid discount is worked out on the next step."))</p>
            \(CatalogueView.orderBar(page, items: items))</form>
            """
        return Layout.page(page, title: page.t(.order), body: body)
    }

    /// A line's problem, naming the product it is about ("SK-1003 氨基酸温和洁面乳:须按箱规 12 的整数倍订货").
    static func lineErrorText(_ page: PageContext, _ error: FieldError, products: [ProductRecord], lineProductIds: [String]) -> String {
        let message = page.language.message(for: error.problem)
        guard error.field.hasPrefix("lines["), let close = error.field.firstIndex(of: "]") else { return message }
        // Step 1's lines are the non-empty quantity fields in product-id order (see `lines(_:)`).
        let index = Int(error.field[error.field.index(error.field.startIndex, offsetBy: 6)..<close]) ?? -1
        guard index >= 0, index < lineProductIds.count, let product = products.first(where: { $0.id == lineProductIds[index] }) else {
            return message
        }
        return "\(product.sku) \(product.name):\(message)"
    }

    func confirmStep(
        _ request: Request, _ context: QudaoRequestContext, caller: Caller, quote: OrderQuote, errors: [FieldError], addressId: String?
    ) async throws -> HTML {
        let page = PageContext(request, context)
        let addresses = try await services.addresses.list(caller)
        let partner = try await services.partners.view(caller, id: caller.principal.partnerId ?? "").partner
        let rows = quote.lines.html { line in
            """
            <tr><td class="mono" data-label="SKU">\(line.product.sku)</td><td data-label="\(page.t("商品", "Product"))">\(line.product.name)</td>
            <td class="number" data-label="\(page.t(.unitPrice))">\(line.unitPrice.formatted)\(line.promotion.map { HTML(" <span class=\"badge quality\">\($0.name)</span>") } ?? .empty)</td><td class="number" data-label="\(page.t("数量", "Quantity"))">\(line.quantity)</td>
            <td class="number" data-label="\(page.t(.subtotal))">\(line.gross.formatted)</td></tr>
            """
        }
        let hidden = quote.lines.html { "<input type=\"hidden\" name=\"qty-\($0.product.id)\" value=\"\($0.quantity)\">" }
        let backQuery = quote.lines.map { "qty-\($0.product.id)=\($0.quantity)" }.joined(separator: "&")
        let options: [(String, String)] =
            [("", page.t("我的地址:", "My address: ") + partner.formattedAddress)]
            + addresses.map { ($0.id, "\($0.label) · \($0.recipientName) · \($0.formattedLine)") }
        let shortfall = quote.balanceAfter.fen < 0
        var messages: [HTML] = []
        for error in errors {
            if case .notAllowed(.balanceShort) = error.problem {
                messages.append(
                    "<div class=\"alert\" role=\"alert\" id=\"balance-error\">\(page.t("预存款余额不足,订单未提交,未扣款。", "The prepaid balance is insufficient; the order was not placed and nothing was debited.")) <a href=\"/portal/prepaid\">\(page.t("去充值", "Top up"))</a></div>"
                )
            } else if case .notAllowed(.notEnoughStock(let sku, _, let available, _)) = error.problem {
                let name = quote.lines.first { $0.product.sku == sku }?.product.name ?? ""
                messages.append(
                    "<div class=\"alert\" role=\"alert\" id=\"stock-error\">\(page.t("\(sku) \(name) 库存不足,当前可订 \(available) 件,请减少数量。", "Not enough stock of \(sku) \(name): \(available) available; reduce the quantity."))</div>"
                )
            } else if error.field != "addressId" && error.field != "paymentPassword" {
                // The address's and the payment password's own errors show beside their fields below;
                // any other one shows here.
                messages.append("<div class=\"alert\" role=\"alert\" id=\"\(error.field)-error\">\(page.language.message(for: error.problem))</div>")
            }
        }
        let body: HTML = """
            \(Self.steps(page, current: 2))
            <h1>\(page.t("确认订单", "Confirm the order"))</h1>
            \(messages)
            <div class="table-wrap"><table class="responsive" id="quote-lines"><thead><tr><th>SKU</th><th>\(page.t("商品", "Product"))</th><th class="number">\(page.t(.unitPrice))</th>
            <th class="number">\(page.t("数量", "Quantity"))</th><th class="number">\(page.t(.subtotal))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            <div class="card"><div class="summary-box" id="quote-summary">
              <span>\(page.t(.gross))</span><span class="mono" id="quote-gross">\(quote.amounts.gross.formatted)</span>
              <span>\(page.t(.prepaidDiscount)) (\(quote.amounts.discountRate.percentText))</span><span class="mono" id="quote-discount">−\(quote.amounts.discount.formatted)</span>
              <span class="total">\(page.t("应付", "Net"))</span><span class="mono total" id="quote-net">\(quote.amounts.net.formatted)</span>
              <span>\(page.t("当前余额", "Balance now"))</span><span class="mono">\(quote.balance.formatted)</span>
              <span>\(page.t("支付后余额", "Balance after"))</span><span class="mono\(shortfall ? " warning" : "")" id="quote-balance-after">\(quote.balanceAfter.formatted)</span>
            </div>
            \(shortfall ? HTML("<p class=\"warning\">\(page.t("余额不足,请先充值或减少数量。", "The balance does not cover this order; top up or reduce the quantities."))</p>") : .empty)</div>
            <form method="post" action="/portal/orders" class="card" id="submit-form">\(page.csrfField)\(hidden)
              <input type="hidden" name="submissionKey" value="\(AuthServiceTokens.make())">
              \(Field.select(page, name: "addressId", label: page.t("收货地址", "Ship to"), options: options, selected: addressId, errors: errors))
              \(quote.paymentPasswordRequired || errors.contains { $0.field == "paymentPassword" } ? PaymentPasswordViews.field(page, errors: errors) : .empty)
              <div class="actions"><button type="submit" id="submit-order">\(page.t("提交订单并用预存款支付", "Submit and pay from prepaid"))</button>
              <a href="/portal/order?\(backQuery)">\(page.t("返回修改", "Back"))</a></div>
            </form>
            """
        return Layout.page(page, title: page.t("确认订单", "Confirm the order"), body: body)
    }

    func detailPage(_ page: PageContext, view: OrderView, caller: Caller, notice: String?, errors: [FieldError]) -> HTML {
        let order = view.order
        let isBuyer = order.kind == .purchase && order.partnerId == caller.principal.partnerId && caller.principal.can(.partnerOrdering)
        var actions: [HTML] = []
        let base = "/portal/orders/\(order.id)"
        if isBuyer && order.status == .delivered {
            actions.append(
                "<form method=\"post\" action=\"\(base)/receive\" class=\"card\">\(page.csrfField)<button type=\"submit\" id=\"confirm-receipt\">\(page.t(.confirmReceipt))</button></form>"
            )
        }
        if isBuyer && order.status == .paid {
            actions.append(
                """
                <form method="post" action="\(base)/cancel" class="card" data-confirm="\(page.t("确定取消?货款将退回预存款。", "Cancel? The payment returns to your prepaid balance."))">\(page.csrfField)
                \(Field.text(page, name: "reason", value: nil, errors: errors, required: true))
                <button class="secondary" type="submit" id="cancel-order">\(page.t("取消订单", "Cancel order"))</button></form>
                """)
        }
        if isBuyer && OrderStateMachine.acceptsReturnRequest(order.status) && view.returnableByLine.values.contains(where: { $0 > 0 }) {
            actions.append(OrderViews.returnForm(page, view, action: "\(base)/returns", errors: errors, title: page.t("申请退货", "Request a return")))
        }
        let notices: [String: String] = [
            "placed": page.t("订单已提交并完成支付。", "The order was placed and paid."), "receive": page.t("已确认收货。", "Receipt confirmed."),
            "cancel": page.t("订单已取消,货款已退回预存款。", "Order cancelled; the payment is back in your prepaid balance."),
            "returns": page.t("退货申请已提交。", "Return requested."),
        ]
        let body: HTML = """
            \(notice.flatMap { notices[$0] }.map { HTML("<div class=\"notice\" role=\"status\">\($0)</div>") } ?? .empty)
            \(Layout.errorSummary(page, errors.filter { $0.field == "order" }))
            <h1>\(page.language.orderKind(order.kind)) \(order.number)</h1>
            \(OrderViews.summary(page, order, partner: view.partner, copyShipToURL: isBuyer ? "/portal/orders/\(order.id)/ship-to" : nil))
            \(OrderViews.lines(page, order))
            \(OrderViews.returns(page, view) { _ in .empty })
            <div class="grid">\(actions)</div>
            \(OrderViews.timeline(page, view.vouchers))
            """
        return Layout.page(page, title: order.number, body: body)
    }
}
