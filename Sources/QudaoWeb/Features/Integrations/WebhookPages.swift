import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Webhooks on the integrations pages: the subscriptions with their create form (on the
/// integrations page), and each subscription's page with its delivery log, "send again", a
/// test event and turning it off or on. The signing secret is shown once, on the creation's answer.
struct WebhookPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.post("/hq/integrations/webhooks", use: submitWebhook)
        router.get("/hq/integrations/webhooks/{id}", use: showWebhook)
        router.post("/hq/integrations/webhooks/{id}/test", use: submitTest)
        router.post("/hq/integrations/webhooks/{id}/status", use: submitStatus)
        router.post("/hq/integrations/deliveries/{id}/resend", use: submitResend)
        router.post("/portal/integrations/webhooks", use: submitWebhook)
        router.get("/portal/integrations/webhooks/{id}", use: showWebhook)
        router.post("/portal/integrations/webhooks/{id}/test", use: submitTest)
        router.post("/portal/integrations/webhooks/{id}/status", use: submitStatus)
        router.post("/portal/integrations/deliveries/{id}/resend", use: submitResend)
    }

    /// The webhooks card of the integrations page: the list and the create form.
    static func section(
        _ page: PageContext, subscriptions: Page<WebhookSubscriptionRecord>, base: String, form: FormData?, errors: [FieldError]
    ) -> HTML {
        let rows = subscriptions.items.html { subscription in
            """
            <tr data-webhook="\(subscription.id)"><td class="mono" data-label="\(page.t("地址", "URL"))"><a href="\(base)/webhooks/\(subscription.id)">\(subscription.url)</a></td>
            <td data-label="\(page.t("事件", "Events"))">\(subscription.eventTypes.sorted().map(\.rawValue).joined(separator: " "))</td>
            <td data-label="\(page.t(.status))">\(statusBadge(page, subscription))</td></tr>
            """
        }
        let ticked = Set(form?.all("eventTypes") ?? [])
        let typeError = errors.first { $0.field == "eventTypes" }
        let boxes = WebhookEventType.subscribable.html { type in
            """
            <label><input type="checkbox" name="eventTypes" value="\(type.rawValue)"\(ticked.contains(type.rawValue) ? HTML(" checked") : .empty)> <span class="mono">\(type.rawValue)</span> \(eventName(page, type))</label>
            """
        }
        return """
            <h2 id="webhooks">\(page.t("事件推送(Webhook)", "Webhooks"))</h2>
            <p class="muted">\(page.t("订单、充值、结算等事件发生时,平台向您的系统地址发送签名的 JSON;失败会按指数退避重试 24 小时。签名验证方法见接口文档。", "When an order, a top-up or a settlement changes, the platform posts signed JSON to your system; a failure is retried with exponential backoff for 24 hours. How to verify the signature is in the API guide."))</p>
            <form method="post" action="\(base)/webhooks" class="card" id="webhook-form">\(page.csrfField)
              <h3>\(page.t("添加推送地址", "Add an endpoint"))</h3>
              \(Field.text(page, name: "url", label: page.t("接收地址(https://)", "Endpoint URL (https://)"), value: form?["url"], errors: errors, required: true, attributes: " maxlength=\"500\" inputmode=\"url\""))
              \(Field.text(page, name: "description", label: page.t("说明(可选)", "Description (optional)"), value: form?["description"], errors: errors, attributes: " maxlength=\"120\""))
              <fieldset class="field checks\(typeError == nil ? "" : " invalid")" id="eventTypes"><legend>\(page.t("推送的事件", "Events")) *</legend>\(boxes)
                \(typeError.map { HTML("<div class=\"error\" id=\"eventTypes-error\">\(page.language.message(for: $0.problem))</div>") } ?? .empty)</fieldset>
              <button type="submit" id="create-webhook">\(page.t("添加", "Add"))</button></form>
            <div class="table-wrap"><table class="responsive" id="webhooks-list"><thead><tr><th>\(page.t("地址", "URL"))</th><th>\(page.t("事件", "Events"))</th><th>\(page.t(.status))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(subscriptions.items.isEmpty ? HTML("<p class=\"muted\">\(page.t("还没有推送地址。", "No endpoint yet."))</p>") : .empty)
            """
    }

    @Sendable func submitWebhook(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let page = PageContext(request, context)
        let base = try APIKeyPages.base(request, caller)
        do {
            let issued = try await services.webhooks.create(
                caller, WebhookSubscriptionInput(url: form["url"], description: form["description"], eventTypes: form.all("eventTypes")))
            let body: HTML = """
                <h1>\(page.t("已添加推送地址", "Endpoint added"))</h1>
                <div class="card" id="webhook-secret-card">
                  <p class="mono">\(issued.subscription.url)</p>
                  <p class="alert" role="alert">\(page.t("签名密钥只显示这一次,请复制到接收系统中,用于验证每次推送的 Qudao-Signature。", "The signing secret is shown this once: copy it into the receiving system, which checks each delivery's Qudao-Signature with it."))</p>
                  <p><code class="mono secret" id="webhook-secret">\(issued.secret)</code></p>
                  <p><a class="button" href="\(base)/webhooks/\(issued.subscription.id)">\(page.t("查看推送记录", "See its deliveries"))</a></p>
                </div>
                """
            return HTMLResponse.page(Layout.page(page, title: page.t("事件推送", "Webhook"), body: body), status: .created)
        } catch AppError.validation(let failure) {
            let pages = APIKeyPages(services: services)
            return HTMLResponse.page(
                try await pages.integrationsPage(page, caller: caller, request: request, form: nil, errors: failure.errors, webhookForm: form),
                status: .unprocessableContent)
        }
    }

    @Sendable func showWebhook(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let page = PageContext(request, context)
        let base = try APIKeyPages.base(request, caller)
        let id = try context.parameters.require("id")
        let subscription = try await services.webhooks.subscription(caller, id: id)
        let deliveries = try await services.webhooks.deliveries(
            caller, subscriptionId: id, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        var logs: [String: WebhookDeliveryLog] = [:]
        for delivery in deliveries.items where delivery.attemptCount > 0 {
            logs[delivery.id] = try await services.webhooks.delivery(caller, id: delivery.id)
        }
        let rows = deliveries.items.html { delivery in
            let attempts = logs[delivery.id]?.attempts ?? []
            let attemptList = attempts.html { attempt in
                """
                <li>\(BusinessTime.displayText(attempt.startedAt)) · \(attempt.statusCode.map { "HTTP \($0)" } ?? page.t("无响应", "no answer")) · \(attempt.durationMilliseconds) ms<br><span class="mono small">\(attempt.responseExcerpt)</span></li>
                """
            }
            let resend: HTML =
                delivery.status == .delivered || delivery.status == .failed
                ? "<form method=\"post\" action=\"\(base)/deliveries/\(delivery.id)/resend\" class=\"inline\">\(page.csrfField)<button type=\"submit\" class=\"secondary\">\(page.t("重新发送", "Send again"))</button></form>"
                : .empty
            return """
                <tr data-delivery="\(delivery.id)"><td data-label="\(page.t("事件", "Event"))"><span class="mono">\(delivery.eventType.rawValue)</span><br><span class="mono small muted">\(delivery.eventId)</span></td>
                <td data-label="\(page.t(.status))">\(Self.deliveryStatus(page, delivery))</td>
                <td data-label="\(page.t("尝试", "Attempts"))">\(attempts.isEmpty ? HTML("\(delivery.attemptCount)") : HTML("<details><summary>\(delivery.attemptCount)</summary><ol>\(attemptList)</ol></details>"))</td>
                <td data-label="\(page.t("时间", "Time"))">\(BusinessTime.displayText(delivery.createdAt))</td><td>\(resend)</td></tr>
                """
        }
        let toggle = subscription.status == .active ? "disabled" : "active"
        let body: HTML = """
            <h1>\(page.t("事件推送", "Webhook"))</h1>
            \(Layout.notice(page, request.query("notice")))
            <div class="card"><dl class="profile" id="webhook-facts">
              <dt>\(page.t("地址", "URL"))</dt><dd class="mono">\(subscription.url)</dd>
              <dt>\(page.t(.status))</dt><dd>\(Self.statusBadge(page, subscription))\(subscription.disabledReason.map { HTML(" <span class=\"muted small\">\($0)</span>") } ?? .empty)</dd>
              <dt>\(page.t("事件", "Events"))</dt><dd>\(subscription.eventTypes.sorted().html { HTML("<div><span class=\"mono\">\($0.rawValue)</span> \(Self.eventName(page, $0))</div>") })</dd>
              <dt>\(page.t("签名密钥", "Signing secret"))</dt><dd class="mono">\(subscription.secretPrefix)…</dd>
              \(subscription.description.isEmpty ? HTML.empty : HTML("<dt>\(page.t("说明", "Description"))</dt><dd>\(subscription.description)</dd>"))
            </dl>
            <div class="actions">
              <form method="post" action="\(base)/webhooks/\(subscription.id)/test" class="inline">\(page.csrfField)<button type="submit" id="send-test">\(page.t("发送测试事件", "Send a test event"))</button></form>
              <form method="post" action="\(base)/webhooks/\(subscription.id)/status" class="inline">\(page.csrfField)<input type="hidden" name="status" value="\(toggle)"><button type="submit" class="secondary" id="toggle-webhook">\(subscription.status == .active ? page.t("停用", "Turn off") : page.t("重新启用", "Turn on again"))</button></form>
            </div></div>
            <h2>\(page.t("推送记录", "Deliveries"))</h2>
            <div class="table-wrap"><table class="responsive" id="deliveries"><thead><tr><th>\(page.t("事件", "Event"))</th><th>\(page.t(.status))</th><th>\(page.t("尝试", "Attempts"))</th><th>\(page.t("时间", "Time"))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(deliveries.items.isEmpty ? HTML("<p class=\"muted\">\(page.t("还没有推送。", "Nothing sent yet."))</p>") : .empty)
            \(Layout.pager(page, deliveries, baseQuery: [:]))
            <p><a href="\(base)#webhooks">\(page.t("返回接口与集成", "Back to integrations"))</a></p>
            """
        return HTMLResponse.page(Layout.page(page, title: page.t("事件推送", "Webhook"), body: body))
    }

    @Sendable func submitTest(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        let base = try APIKeyPages.base(request, caller)
        let id = try context.parameters.require("id")
        _ = try await services.webhooks.sendTest(caller, subscriptionId: id)
        return Response.redirect(to: "\(base)/webhooks/\(id)?notice=saved", type: .found)
    }

    @Sendable func submitStatus(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let base = try APIKeyPages.base(request, caller)
        let id = try context.parameters.require("id")
        _ = try await services.webhooks.update(caller, id: id, WebhookSubscriptionInput(), status: form["status"])
        return Response.redirect(to: "\(base)/webhooks/\(id)?notice=status", type: .found)
    }

    @Sendable func submitResend(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        let base = try APIKeyPages.base(request, caller)
        let delivery = try await services.webhooks.resend(caller, deliveryId: try context.parameters.require("id"))
        return Response.redirect(to: "\(base)/webhooks/\(delivery.subscriptionId)?notice=saved", type: .found)
    }

    static func statusBadge(_ page: PageContext, _ subscription: WebhookSubscriptionRecord) -> HTML {
        subscription.status == .active
            ? "<span class=\"badge active\">\(page.t("启用中", "Active"))</span>" : "<span class=\"badge disabled\">\(page.t("已停用", "Off"))</span>"
    }

    static func deliveryStatus(_ page: PageContext, _ delivery: WebhookDeliveryRecord) -> HTML {
        switch delivery.status {
        case .delivered: "<span class=\"badge active\">\(page.t("已送达", "Delivered"))</span>"
        case .failed: "<span class=\"badge disabled\">\(page.t("失败", "Failed"))</span>"
        case .delivering: "<span class=\"badge pending\">\(page.t("发送中", "Sending"))</span>"
        case .pending:
            "<span class=\"badge waiting\">\(page.t("等待发送", "Waiting"))</span> <span class=\"muted small\">\(BusinessTime.displayText(delivery.nextAttemptAt))</span>"
        }
    }

    static func eventName(_ page: PageContext, _ type: WebhookEventType) -> String {
        switch type {
        case .orderPaid: page.t("订单已支付", "Order paid")
        case .orderShipped: page.t("订单已发货", "Order shipped")
        case .orderDelivered: page.t("订单已签收", "Order delivered")
        case .orderCompleted: page.t("订单已完成", "Order completed")
        case .orderCancelled: page.t("订单已取消", "Order cancelled")
        case .returnRefunded: page.t("退货已退款", "Return refunded")
        case .topUpConfirmed: page.t("充值已确认", "Top-up confirmed")
        case .topUpRejected: page.t("充值被驳回", "Top-up rejected")
        case .statementIssued: page.t("结算单已出具", "Statement issued")
        case .statementPaid: page.t("结算单已打款", "Statement paid")
        case .commissionSettled: page.t("佣金已结算", "Commission settled")
        case .partnerCreated: page.t("新增渠道商", "Partner created")
        case .partnerStatusChanged: page.t("渠道商状态变更", "Partner status changed")
        case .partnerGradeChanged: page.t("渠道商评级变更", "Partner grade changed")
        case .stockLow: page.t("库存偏低", "Stock low")
        case .test: page.t("测试事件", "Test event")
        }
    }
}
