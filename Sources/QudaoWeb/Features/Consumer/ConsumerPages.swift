import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The consumer's side of a referral (分销) link: `/r/<code>` to order at list price, attributed to
/// the partner, and `/r/orders/<secret>` to follow the order and confirm receipt. No account is
/// needed; the order's secret token in the link is the consumer's key, and forms carry a
/// double-submit CSRF token like the sign-in form.
struct ConsumerPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/r/{code}", use: showRDetail)
        router.post("/r/{code}", use: submitRDetail)
        router.get("/r/orders/{token}", use: showROrdersDetail)
        router.post("/r/orders/{token}/receive", use: submitROrdersReceive)
    }

    @Sendable func showRDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let partner = try await services.consumerOrders.referringPartner(code: code)
        return try await orderPage(request, context, partner: partner, errors: [], values: [:], status: .ok)
    }

    @Sendable func submitRDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let form = try await FormData.read(request, maximumBytes: services.configuration.maximumBodyBytes)
        guard let cookie = services.cookies.value(CookieName.consumerCSRF, in: request), let field = form["_csrf"], ConstantTime.equal(cookie, field)
        else {
            throw AppError.forbidden
        }
        let partner = try await services.consumerOrders.referringPartner(code: code)
        let lines = PortalOrderPages.lines(form)
        let consumer = ShippingInput(
            name: form["name"], phone: form["phone"], province: form["province"], city: form["city"], district: form["district"],
            detail: form["detail"])
        do {
            let token = try await services.consumerOrders.place(
                referralCode: code, lines: lines.map(\.input), consumer: consumer, sourceIP: context.sourceIP)
            return Response.redirect(to: "/r/orders/\(token)", type: .found)
        } catch AppError.validation(let failure) {
            var values: [String: String] = [:]
            for name in form.fieldNames { values[name] = form[name] ?? "" }
            return try await orderPage(request, context, partner: partner, errors: failure.errors, values: values, status: .unprocessableContent)
        }
    }

    @Sendable func showROrdersDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let view = try await services.orders.consumerView(token: try context.parameters.require("token"))
        return statusPage(request, context, view: view)
    }

    @Sendable func submitROrdersReceive(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormData.read(request, maximumBytes: 4_096)
        guard let cookie = services.cookies.value(CookieName.consumerCSRF, in: request), let field = form["_csrf"], ConstantTime.equal(cookie, field)
        else {
            throw AppError.forbidden
        }
        _ = try await services.orders.consumerConfirmReceipt(token: token, sourceIP: context.sourceIP)
        return Response.redirect(to: "/r/orders/\(token)", type: .found)
    }

    func csrf(_ request: Request) -> String {
        services.cookies.value(CookieName.consumerCSRF, in: request) ?? AuthServiceTokens.make()
    }

    func withCSRFCookie(_ response: Response, _ token: String) -> Response {
        var response = response
        response.setCookie(
            services.cookies.cookie(CookieName.consumerCSRF, value: token, maximumAgeSeconds: 3_600, path: "/r", sameSite: .strict))
        return response
    }

    func orderPage(
        _ request: Request, _ context: QudaoRequestContext, partner: PartnerRecord, errors: [FieldError], values: [String: String],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let page = PageContext(request, context)
        let token = csrf(request)
        let (products, categories) = try await services.consumerOrders.shelf()
        let items = products.items.map { product in
            CatalogueItem(
                product: product, unitPrice: product.prices.listPrice, regularPrice: product.prices.listPrice, promotion: nil,
                chosen: values["qty-\(product.id)"] ?? "")
        }
        let shop = "/r/\(partner.referralCode)"
        let company = page.company
        let service: HTML =
            company.customerServicePhone.isEmpty
            ? .empty : HTML(" · \(page.t("客服", "Service")) <a href=\"tel:\(company.customerServicePhone)\">\(company.customerServicePhone)</a>")
        let body: HTML = """
            <section class="shop-head card" id="shop-head">
              <div><h1>\(company.brandName) · \(partner.name)</h1>
              <p class="muted">\(page.t("\(partner.city)门店为您服务,品牌官方正品,门店发货后可随时查看物流进度。", "\(partner.name) in \(partner.city) serves you: the brand's own goods, trackable once shipped."))\(service)</p></div>
            </section>
            \(Layout.errorSummary(page, errors))
            \(CatalogueView.filters(page, categories: categories, search: nil, category: nil, action: shop))
            <form method="post" action="\(shop)" id="consumer-order-form" class="catalogue-form"><input type="hidden" name="_csrf" value="\(token)">
            \(CatalogueView.list(page, items: items, allLink: shop))
            <div class="card" id="delivery"><h2>\(page.t("收货信息", "Delivery"))</h2><div class="fields">
            \(Field.text(page, name: "name", label: page.t("收货人", "Name"), value: values["name"], errors: errors, required: true, attributes: " autocomplete=\"name\""))
            \(Field.text(page, name: "phone", label: page.t("手机号", "Phone"), value: values["phone"], errors: errors, type: "tel", required: true, attributes: " autocomplete=\"tel\""))
            \(Field.select(page, name: "province", label: page.t(.province), options: Province.all.map { ($0, $0) }, selected: values["province"], errors: errors, includeBlank: page.t(.choose)))
            \(Field.text(page, name: "city", label: page.t(.city), value: values["city"], errors: errors, required: true))
            \(Field.text(page, name: "district", label: page.t(.district), value: values["district"], errors: errors))
            \(Field.text(page, name: "detail", label: page.t(.streetAddress), value: values["detail"], errors: errors, required: true))
            </div>
            <button type="submit" id="place-consumer-order" class="block">\(page.t("提交订单", "Place order"))</button></div>
            \(CatalogueView.orderBar(page, items: items, button: HTML("<a class=\"button\" href=\"#delivery\" id=\"to-delivery\">\(page.t("去下单", "Check out"))</a>")))
            </form>
            """
        return withCSRFCookie(
            HTMLResponse.page(Layout.page(page, title: "\(partner.name) · \(page.t("在线下单", "Order online"))", body: body), status: status), token)
    }

    func statusPage(_ request: Request, _ context: QudaoRequestContext, view: OrderView) -> Response {
        let page = PageContext(request, context)
        let order = view.order
        let token = csrf(request)
        let receive: HTML =
            order.status == .delivered
            ? """
            <form method="post" action="\(request.uri.path)/receive" class="card"><input type="hidden" name="_csrf" value="\(token)">
            <button type="submit" id="consumer-receive">\(page.t(.confirmReceipt))</button></form>
            """ : .empty
        let payment: HTML =
            order.status == .pendingPayment
            ? "<div class=\"notice\">\(page.t("请按订单号 \(order.number) 付款 \(order.net.formatted);到账确认后将尽快发货。", "Please pay \(order.net.formatted) quoting order \(order.number); it ships once the payment is confirmed."))</div>"
            : .empty
        let body: HTML = """
            <h1>\(page.t("订单", "Order")) \(order.number)</h1>
            \(payment)
            <p>\(OrderViews.statusBadge(page, order.status)) <span class="mono">\(order.net.formatted)</span></p>
            \(OrderViews.lines(page, order))
            \(receive)
            \(OrderViews.timeline(page, view.vouchers))
            <p class="muted">\(page.t("请收藏本页链接以随时查看订单进度。", "Keep this page's link to follow your order."))</p>
            """
        return withCSRFCookie(HTMLResponse.page(Layout.page(page, title: order.number, body: body)), token)
    }
}
