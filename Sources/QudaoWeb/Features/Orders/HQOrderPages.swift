import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// HQ's order pages: the order list and work queue, an order's page with every step, and returns.
struct HQOrderPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/orders", use: showHQOrders)
        router.get("/hq/orders/{id}", use: showHQOrdersDetail)
        let orders = services.orders
        registerAction(router, "/hq/orders/{id}/confirm-payment", notice: "paid") { caller, id, form in
            _ = try await orders.confirmPayment(caller, orderId: id, paymentReference: form["paymentReference"])
        }
        registerAction(router, "/hq/orders/{id}/ship", notice: "shipped") { caller, id, form in
            _ = try await orders.ship(caller, orderId: id, carrier: form["carrier"], trackingNumber: form["trackingNumber"])
        }
        registerAction(router, "/hq/orders/{id}/deliver", notice: "delivered") { caller, id, form in
            _ = try await orders.markDelivered(caller, orderId: id, trackingNumber: nil, proof: form["proofOfDelivery"])
        }
        registerAction(router, "/hq/orders/{id}/receive", notice: "received") { caller, id, _ in
            _ = try await orders.confirmReceipt(caller, orderId: id)
        }
        registerAction(router, "/hq/orders/{id}/cancel", notice: "cancelled") { caller, id, form in
            _ = try await orders.cancel(caller, orderId: id, reason: form["reason"])
        }
        registerAction(router, "/hq/orders/{id}/returns", notice: "return") { caller, id, form in
            let order = try await orders.view(caller, id: id).order
            _ = try await orders.requestReturn(
                caller, orderId: id, quantities: OrderViews.returnQuantities(form, order: order), reason: form["reason"])
        }
        registerReturnAction(router, "/hq/returns/{id}/approve") { caller, id, _ in try await orders.approveReturn(caller, returnId: id) }
        registerReturnAction(router, "/hq/returns/{id}/reject") { caller, id, form in
            try await orders.rejectReturn(caller, returnId: id, reason: form["reason"])
        }
        registerReturnAction(router, "/hq/returns/{id}/receive") { caller, id, _ in try await orders.receiveReturnedGoods(caller, returnId: id) }
        registerReturnAction(router, "/hq/returns/{id}/refund") { caller, id, _ in try await orders.refundReturn(caller, returnId: id) }
        router.get("/hq/orders/{id}/ship-to", use: showHQOrdersShipTo)
        router.get("/hq/returns", use: showHQReturns)
    }

    @Sendable func showHQOrders(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        var filter = OrderFilter(
            kind: request.query("kind").flatMap(OrderKind.init(rawValue:)), status: request.query("status").flatMap(OrderStatus.init(rawValue:)),
            number: request.query("number"))
        filter.waitingOnly = request.query("waiting") == "1"
        let list = try await services.orders.list(
            caller, filter: filter, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let partners = try await partnersById(list.items.map(\.partnerId))
        return HTMLResponse.page(
            Self.listPage(PageContext(request, context), request: request, list: list, partners: partners, base: "/hq/orders"))
    }

    @Sendable func showHQOrdersDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let view = try await services.orders.view(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(
            detailPage(PageContext(request, context), view: view, caller: caller, notice: request.query("notice"), errors: []))
    }

    @Sendable func showHQOrdersShipTo(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return PlainText.response(try await services.orders.revealShipTo(caller, orderId: try context.parameters.require("id")))
    }

    @Sendable func showHQReturns(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let status = request.query("status").flatMap(ReturnStatus.init(rawValue:))
        let list = try await services.orders.returns(
            caller, status: status, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let page = PageContext(request, context)
        let rows = list.items.html { item in
            """
            <tr><td class="mono"><a href="/hq/orders/\(item.orderId)">\(item.number)</a></td><td>\(BusinessTime.displayText(item.requestedAt))</td>
            <td>\(item.reason)</td><td>\(page.language.returnStatus(item.status))</td><td class="number">\(item.refund?.formatted ?? "—")</td></tr>
            """
        }
        let body: HTML = """
            <h1>\(page.t("退货处理", "Returns"))</h1>
            <form method="get" class="toolbar" action="/hq/returns">
            \(Field.select(page, name: "status", label: page.t(.status), options: ReturnStatus.allCases.map { ($0.rawValue, page.language.returnStatus($0)) }, selected: request.query("status"), errors: [], includeBlank: page.t(.all)))
            <button type="submit">\(page.t(.filter))</button></form>
            <div class="table-wrap"><table id="return-list"><thead><tr><th>\(page.t(.return))</th><th>\(page.t(.requested))</th><th>\(page.t(.reason))</th><th>\(page.t(.status))</th><th class="number">\(page.t("退款", "Refund"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(Layout.pager(page, list, baseQuery: ["status": request.query("status") ?? ""]))
            """
        return HTMLResponse.page(Layout.page(page, title: page.t("退货处理", "Returns"), body: body))
    }

    func registerAction(
        _ router: Router<QudaoRequestContext>, _ path: String, notice: String,
        _ perform: @escaping @Sendable (Caller, String, FormData) async throws -> Void
    ) {
        router.post(RouterPath(path)) { request, context in
            try await orderAction(request, context, notice: notice, perform)
        }
    }

    func registerReturnAction(
        _ router: Router<QudaoRequestContext>, _ path: String,
        _ perform: @escaping @Sendable (Caller, String, FormData) async throws -> ReturnRecord
    ) {
        router.post(RouterPath(path)) { request, context -> Response in
            let caller = try context.caller
            let form = try await services.form(request, context)
            let returnId = try context.parameters.require("id")
            do {
                let changed = try await perform(caller, returnId, form)
                return Response.redirect(to: "/hq/orders/\(changed.orderId)?notice=return", type: .found)
            } catch let error as AppError {
                // A blank rejection reason (or a return someone else moved meanwhile): the order again,
                // the message above its returns, never a bare error page.
                let errors = try OrderViews.actionErrors(error)
                let view = try await services.orders.view(caller, id: try await services.orders.orderId(ofReturn: returnId, caller))
                return HTMLResponse.page(
                    detailPage(PageContext(request, context), view: view, caller: caller, notice: nil, errors: errors), status: .unprocessableContent)
            }
        }
    }

    func partnersById(_ ids: [String]) async throws -> [String: PartnerRecord] {
        try await services.partners.recordsById(ids)
    }

    func orderAction(
        _ request: Request, _ context: QudaoRequestContext, notice: String, _ body: @Sendable (Caller, String, FormData) async throws -> Void
    ) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        do {
            try await body(caller, id, form)
            return Response.redirect(to: "/hq/orders/\(id)?notice=\(notice)", type: .found)
        } catch let error as AppError {
            let view = try await services.orders.view(caller, id: id)
            let errors: [FieldError]
            switch error {
            case .validation(let failure): errors = failure.errors
            case .conflict(let reason): errors = [FieldError(field: "order", problem: .notAllowed(reason: reason))]
            case .insufficientStock(let sku, let available, let requested):
                let name = view.order.lines.first { $0.sku == sku }?.productName ?? ""
                errors = [
                    FieldError(
                        field: "order",
                        problem: .notAllowed(reason: .notEnoughStock(sku: sku, name: name, available: available, requested: requested)))
                ]
            case .insufficientBalance(let available, let required):
                errors = [
                    FieldError(
                        field: "order", problem: .notAllowed(reason: .balanceShort(available: available, required: required)))
                ]
            default: throw error
            }
            return HTMLResponse.page(
                detailPage(PageContext(request, context), view: view, caller: caller, notice: nil, errors: errors), status: .unprocessableContent)
        }
    }

    /// What an empty order list says: the partner is told how to place one, HQ that nothing matches.
    static func emptyOrders(_ page: PageContext, base: String) -> HTML {
        guard base.hasPrefix("/portal"), page.account?.principal.can(.partnerOrdering) == true else {
            return HTML("<p class=\"empty\">\(page.t("没有符合条件的订单。", "No order matches."))</p>")
        }
        return HTML(
            "<p class=\"empty\">\(page.t("还没有订单。", "No order yet.")) <a href=\"/portal/order\">\(page.t("去订货", "Place an order"))</a>\(page.t(",或从", "; or start from ")) <a href=\"/portal/replenishment\">\(page.t("一键补货", "one-click replenishment"))</a>\(page.t("开始。", "."))</p>"
        )
    }

    static func listPage(_ page: PageContext, request: Request, list: Page<OrderRecord>, partners: [String: PartnerRecord], base: String) -> HTML {
        let rows = list.items.html { order in
            let partner = partners[order.partnerId]
            return """
                <tr><td class="mono" data-label="\(page.t("订单号", "Order"))"><a href="\(base)/\(order.id)">\(order.number)</a></td>
                <td data-label="\(page.t(.type))">\(page.language.orderKind(order.kind))</td>
                <td data-label="\(page.t("渠道商", "Partner"))">\(partner.map { "\($0.code) \($0.name)" } ?? "")</td>
                <td class="number" data-label="\(page.t("实付", "Net"))">\(order.net.formatted)</td>
                <td data-label="\(page.t(.status))">\(OrderViews.statusBadge(page, order.status))\(OrderViews.backOrderBadge(page, order))</td>
                <td data-label="\(page.t(.placed))">\(BusinessTime.displayText(order.createdAt))</td></tr>
                """
        }
        let body: HTML = """
            <h1>\(page.t("订单", "Orders"))</h1>
            <form method="get" class="toolbar" action="\(base)">
              <div class="field"><label for="number">\(page.t("订单号/运单号", "Order or tracking number"))</label><input type="search" id="number" name="number" value="\(request.query("number"))"></div>
              \(Field.select(page, name: "status", label: page.t(.status), options: OrderStatus.allCases.map { ($0.rawValue, page.language.orderStatus($0)) }, selected: request.query("status"), errors: [], includeBlank: page.t(.all)))
              \(Field.select(page, name: "kind", label: page.t(.type), options: OrderKind.allCases.map { ($0.rawValue, page.language.orderKind($0)) }, selected: request.query("kind"), errors: [], includeBlank: page.t(.all)))
              <div class="field checks"><label><input type="checkbox" name="waiting" value="1"\(request.query("waiting") == "1" ? HTML(" checked") : .empty)> \(page.t("只看缺货待配货", "Back-orders only"))</label></div>
              <button type="submit">\(page.t(.filter))</button></form>
            <div class="table-wrap"><table class="responsive" id="order-list"><thead><tr><th>\(page.t("订单号", "Order"))</th><th>\(page.t(.type))</th><th>\(page.t("渠道商", "Partner"))</th>
            <th class="number">\(page.t("实付", "Net"))</th><th>\(page.t(.status))</th><th>\(page.t(.placed))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(list.items.isEmpty ? Self.emptyOrders(page, base: base) : .empty)
            \(Layout.pager(page, list, baseQuery: ["number": request.query("number") ?? "", "status": request.query("status") ?? "", "kind": request.query("kind") ?? "", "waiting": request.query("waiting") ?? ""]))
            """
        return Layout.page(page, title: page.t("订单", "Orders"), body: body)
    }

    func detailPage(_ page: PageContext, view: OrderView, caller: Caller, notice: String?, errors: [FieldError]) -> HTML {
        let order = view.order
        let canOrders = caller.principal.can(.manageOrders)
        let canFinance = caller.principal.can(.manageFinance)
        var actions: [HTML] = []
        let base = "/hq/orders/\(order.id)"
        if order.status == .pendingPayment && order.kind == .referral && canFinance {
            actions.append(
                """
                <form method="post" action="\(base)/confirm-payment" class="card" id="confirm-payment-form"><h2>\(page.t("确认收款", "Confirm payment"))</h2>\(page.csrfField)
                \(Field.text(page, name: "paymentReference", label: page.t("支付流水号", "Payment reference"), value: nil, errors: errors, required: true))
                <button type="submit" id="confirm-payment">\(page.t("确认收款", "Confirm payment"))</button></form>
                """)
        }
        if order.status == .paid && canOrders {
            actions.append(
                """
                <form method="post" action="\(base)/ship" class="card" id="ship-form"><h2>\(page.t("发货", "Ship"))</h2>\(page.csrfField)
                \(Field.text(page, name: "carrier", label: page.t(.carrier), value: nil, errors: errors, required: true))
                \(Field.text(page, name: "trackingNumber", label: page.t(.trackingNumber), value: nil, errors: errors, required: true))
                <button type="submit" id="ship-order">\(page.t("确认发货", "Ship"))</button></form>
                """)
        }
        if order.status == .shipped && canOrders {
            actions.append(
                """
                <form method="post" action="\(base)/deliver" class="card" id="deliver-form"><h2>\(page.t("签收", "Delivered"))</h2>\(page.csrfField)
                \(Field.text(page, name: "proofOfDelivery", label: page.t("签收凭证(可选)", "Proof of delivery (optional)"), value: nil, errors: errors))
                <button type="submit" id="deliver-order">\(page.t("标记已签收", "Mark delivered"))</button></form>
                """)
        }
        if order.status == .delivered && canOrders {
            actions.append(
                "<form method=\"post\" action=\"\(base)/receive\" class=\"card\">\(page.csrfField)<button type=\"submit\" id=\"receive-order\">\(page.t("代客户确认收货", "Confirm receipt on the buyer's behalf"))</button></form>"
            )
        }
        if (order.status == .pendingPayment || order.status == .paid) && canOrders {
            actions.append(
                """
                <form method="post" action="\(base)/cancel" class="card" id="cancel-form" data-confirm="\(page.t("确定取消该订单?已付款的订单将全额退款。", "Cancel this order? A paid order is refunded in full."))">
                <h2>\(page.t("取消订单", "Cancel"))</h2>\(page.csrfField)
                \(Field.text(page, name: "reason", value: nil, errors: errors, required: true))
                <button class="secondary" type="submit" id="cancel-order">\(page.t("取消订单", "Cancel order"))</button></form>
                """)
        }
        if [.delivered, .received, .completed].contains(order.status) && canOrders && view.returnableByLine.values.contains(where: { $0 > 0 }) {
            actions.append(
                OrderViews.returnForm(
                    page, view, action: "\(base)/returns", errors: errors,
                    title: order.status == .completed
                        ? page.t("登记售后退货(例外,记入审计)", "Book a return after completion (audited exception)") : page.t("登记退货", "Book a return")))
        }
        let returnsTable = OrderViews.returns(page, view) { request in
            var buttons: [HTML] = []
            func button(_ action: String, _ label: String, extra: HTML = .empty) -> HTML {
                "<form method=\"post\" action=\"/hq/returns/\(request.id)/\(action)\" class=\"inline\">\(page.csrfField)\(extra)<button class=\"link\" type=\"submit\" data-action=\"\(action)\">\(label)</button></form>"
            }
            if request.status == .requested && canOrders {
                buttons.append(button("approve", page.t("同意", "Approve")))
                buttons.append(
                    button(
                        "reject", page.t("拒绝", "Reject"),
                        extra: "<input type=\"text\" name=\"reason\" class=\"short\" placeholder=\"\(page.t("拒绝原因", "Reason"))\" required>"))
            }
            if request.status == .approved && canOrders { buttons.append(button("receive", page.t("收到退货", "Goods received"))) }
            if request.status == .received && canFinance { buttons.append(button("refund", page.t("退款", "Refund"))) }
            return HTML.join(buttons, separator: " ")
        }
        let notices: [String: String] = [
            "paid": page.t("已确认收款。", "Payment confirmed."), "shipped": page.t("已发货。", "Shipped."), "delivered": page.t("已标记签收。", "Marked delivered."),
            "received": page.t("已确认收货。", "Receipt confirmed."), "cancelled": page.t("订单已取消。", "Order cancelled."),
            "return": page.t("退货已更新。", "Return updated."),
        ]
        let noticeHTML: HTML = notice.flatMap { notices[$0] }.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let body: HTML = """
            \(noticeHTML)
            <div class="actions spread"><h1>\(page.language.orderKind(order.kind)) \(order.number)</h1><a href="/hq/orders">\(page.t("返回订单列表", "Back to orders"))</a></div>
            \(Layout.errorSummary(page, errors.filter { $0.field == "order" }))
            \(OrderViews.summary(page, order, partner: view.partner, copyShipToURL: canOrders ? "/hq/orders/\(order.id)/ship-to" : nil))
            \(OrderViews.lines(page, order))
            \(returnsTable)
            <div class="grid">\(actions)</div>
            \(OrderViews.timeline(page, view.vouchers))
            """
        return Layout.page(page, title: order.number, body: body)
    }
}
