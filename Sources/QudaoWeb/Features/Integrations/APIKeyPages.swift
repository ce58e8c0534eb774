import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The integrations pages (接口与集成): API keys, for an HQ admin under `/hq/integrations` and a
/// partner's owner under `/portal/integrations`. A secret is shown on the page that answers its
/// creation or rotation, never in a URL and never again.
struct APIKeyPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        // The same pages in both areas; each path is written out so a search for a URL finds it.
        router.get("/hq/integrations", use: showIntegrations)
        router.post("/hq/integrations/keys", use: submitKey)
        router.get("/hq/integrations/keys/{id}", use: showKey)
        router.post("/hq/integrations/keys/{id}/rotate", use: submitRotate)
        router.post("/hq/integrations/keys/{id}/revoke", use: submitRevoke)
        router.get("/portal/integrations", use: showIntegrations)
        router.post("/portal/integrations/keys", use: submitKey)
        router.get("/portal/integrations/keys/{id}", use: showKey)
        router.post("/portal/integrations/keys/{id}/rotate", use: submitRotate)
        router.post("/portal/integrations/keys/{id}/revoke", use: submitRevoke)
    }

    /// The area a request is in, which must be the caller's own: HQ's pages for HQ, the portal's for partners.
    static func base(_ request: Request, _ caller: Caller) throws -> String {
        let base = request.uri.path.hasPrefix("/hq/") ? "/hq/integrations" : "/portal/integrations"
        guard (base == "/hq/integrations") == (caller.principal.kind == .hq) else { throw AppError.forbidden }
        return base
    }

    @Sendable func showIntegrations(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let page = PageContext(request, context)
        return HTMLResponse.page(try await integrationsPage(page, caller: caller, request: request, form: nil, errors: []))
    }

    func integrationsPage(
        _ page: PageContext, caller: Caller, request: Request, form: FormData?, errors: [FieldError], webhookForm: FormData? = nil
    ) async throws -> HTML {
        let base = try Self.base(request, caller)
        let keys = try await services.apiKeys.list(
            caller, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let subscriptions = try await services.webhooks.list(
            caller, page: PageRequest(pageNumber: 1, pageSize: WebhookPolicy.maximumSubscriptions * 5))
        // A form's errors belong to the form that was sent.
        let keyErrors = webhookForm == nil ? errors : []
        let webhookErrors = webhookForm == nil ? [] : errors
        let now = services.platform.clock.now()
        let isHQ = caller.principal.kind == .hq
        let rows = keys.items.html { key in
            """
            <tr data-key="\(key.secretPrefix)"><td data-label="\(page.t("名称", "Name"))"><a href="\(base)/keys/\(key.id)">\(key.name)</a>\(isHQ && key.partnerId != nil ? HTML(" <span class=\"badge\">\(page.t("渠道商", "Partner"))</span>") : .empty)</td>
            <td class="mono" data-label="\(page.t("密钥", "Key"))">\(key.secretPrefix)…</td>
            <td data-label="\(page.t("权限范围", "Scopes"))">\(key.scopes.sorted().map(\.rawValue).joined(separator: " "))</td>
            <td data-label="\(page.t(.status))">\(Self.statusBadge(page, key, now: now))</td>
            <td data-label="\(page.t("最近使用", "Last used"))">\(Self.lastUse(page, key))</td></tr>
            """
        }
        let scopes = isHQ ? APIScope.allCases : APIScope.partnerAllowed
        let ticked = Set(form?.all("scopes") ?? [])
        let scopeError = (webhookForm == nil ? errors : []).first { $0.field == "scopes" }
        let scopeBoxes = scopes.html { scope in
            """
            <label class="check"><input type="checkbox" name="scopes" value="\(scope.rawValue)"\(ticked.contains(scope.rawValue) ? HTML(" checked") : .empty)> <span class="mono">\(scope.rawValue)</span> \(Self.scopeName(page, scope))</label>
            """
        }
        let addressError = (webhookForm == nil ? errors : []).first { $0.field == "allowedAddresses" }
        let body: HTML = """
            <h1>\(page.t("接口与集成", "Integrations"))</h1>
            \(Layout.errorSummary(page, errors))
            <p class="muted">\(isHQ ? page.t("为 ERP、物流、收银等系统创建接口密钥:密钥只能做所选权限范围内的事,写操作以密钥名称记入操作日志。", "Create API keys for ERP, logistics or point-of-sale systems: a key can do only what its scopes allow, and its writes are audited under its name.") : page.t("为自己的系统(收银、ERP)创建接口密钥:只能读写本渠道商的数据,写操作以密钥名称记入操作日志。", "Create API keys for your own systems (a till, an ERP): they reach only your own data, and their writes are audited under the key's name."))</p>
            <form method="post" action="\(base)/keys" class="card" id="api-key-form">\(page.csrfField)
              <h2>\(page.t("创建接口密钥", "Create an API key"))</h2>
              \(Field.text(page, name: "name", label: page.t("密钥名称", "Key name"), value: form?["name"], errors: keyErrors, required: true, attributes: " maxlength=\"60\" placeholder=\"\(page.t("金蝶 ERP 同步", "ERP sync"))\""))
              <fieldset class="field checks\(scopeError == nil ? "" : " invalid")" id="scopes"><legend>\(page.t("权限范围", "Scopes")) *</legend>\(scopeBoxes)
                \(scopeError.map { HTML("<div class=\"error\" id=\"scopes-error\">\(page.language.message(for: $0.problem))</div>") } ?? .empty)</fieldset>
              \(Field.text(page, name: "expiresOn", label: page.t("有效期至(可选)", "Last day (optional)"), value: form?["expiresOn"], errors: keyErrors, type: "date"))
              <div class="field\(addressError == nil ? "" : " invalid")"><label for="allowedAddresses">\(page.t("允许的来源地址(可选,每行一个,如 203.0.113.0/24)", "Allowed source addresses (optional, one a line, such as 203.0.113.0/24)"))</label>
                <textarea id="allowedAddresses" name="allowedAddresses" rows="3" maxlength="2000">\(form?["allowedAddresses"] ?? "")</textarea>
                \(addressError.map { HTML("<div class=\"error\" id=\"allowedAddresses-error\">\(page.language.message(for: $0.problem))</div>") } ?? .empty)</div>
              \(Field.text(page, name: "requestsPerMinute", label: page.t("每分钟请求上限", "Requests a minute"), value: form?["requestsPerMinute"] ?? String(APIKeyPolicy.defaultRequestsPerMinute), errors: keyErrors, attributes: " inputmode=\"numeric\""))
              <button type="submit" id="create-api-key">\(page.t("创建密钥", "Create the key"))</button></form>
            <h2>\(page.t("接口密钥", "API keys"))</h2>
            <div class="table-wrap"><table class="responsive" id="api-keys"><thead><tr><th>\(page.t("名称", "Name"))</th><th>\(page.t("密钥", "Key"))</th><th>\(page.t("权限范围", "Scopes"))</th><th>\(page.t(.status))</th><th>\(page.t("最近使用", "Last used"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(keys.items.isEmpty ? HTML("<p class=\"muted\">\(page.t("还没有接口密钥。", "No API key yet."))</p>") : .empty)
            \(Layout.pager(page, keys, baseQuery: [:]))
            \(WebhookPages.section(page, subscriptions: subscriptions, base: base, form: webhookForm, errors: webhookErrors))
            <p class="muted small">\(page.t("接口说明见 OpenAPI 文档 /api/v1/openapi.json;调用时在请求头 Authorization 中写 Bearer 加密钥。", "The API is described by its OpenAPI document at /api/v1/openapi.json; send a key as Authorization: Bearer followed by the secret."))</p>
            """
        return Layout.page(page, title: page.t("接口与集成", "Integrations"), body: body)
    }

    @Sendable func submitKey(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let page = PageContext(request, context)
        let base = try Self.base(request, caller)
        do {
            let issued = try await services.apiKeys.create(
                caller,
                APIKeyInput(
                    name: form["name"], scopes: form.all("scopes"), expiresOn: form["expiresOn"],
                    allowedAddresses: form["allowedAddresses"].map { [$0] },
                    requestsPerMinute: Self.integer(form["requestsPerMinute"])))
            return HTMLResponse.page(secretPage(page, issued, base: base, rotated: false), status: .created)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await integrationsPage(page, caller: caller, request: request, form: form, errors: failure.errors), status: .unprocessableContent)
        }
    }

    /// A typed whole number; text that is not one is passed on as an impossible value so the range check names the field.
    static func integer(_ text: String?) -> Int64? {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
        return Int64(text) ?? Int64.min
    }

    func secretPage(_ page: PageContext, _ issued: IssuedAPIKey, base: String, rotated: Bool) -> HTML {
        let grace: HTML =
            issued.key.previousSecretValidUntil.map {
                "<p id=\"grace\">\(page.t("旧密钥在 \(BusinessTime.displayText($0)) 前仍可使用,请在此之前换上新密钥。", "The old secret keeps working until \(BusinessTime.displayText($0)); switch to the new one before then."))</p>"
            } ?? .empty
        let body: HTML = """
            <h1>\(rotated ? page.t("已更换密钥", "The key has a new secret") : page.t("已创建接口密钥", "API key created"))</h1>
            <div class="card" id="api-key-secret-card">
              <p><strong>\(issued.key.name)</strong></p>
              <p class="alert" role="alert">\(page.t("请立即复制并妥善保存:密钥只显示这一次,平台只保存它的摘要,无法再次查看。", "Copy it now and keep it safe: it is shown this once; the platform keeps only a digest of it and cannot show it again."))</p>
              <p><code class="mono secret" id="api-key-secret">\(issued.secret)</code></p>
              <p class="muted small">\(page.t("调用方式:请求头 Authorization: Bearer 加上密钥。", "Send it as the header Authorization: Bearer followed by the secret."))</p>
              \(grace)
              <p><a class="button" href="\(base)/keys/\(issued.key.id)">\(page.t("查看密钥", "See the key"))</a></p>
            </div>
            """
        return Layout.page(page, title: page.t("接口密钥", "API key"), body: body)
    }

    @Sendable func showKey(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let page = PageContext(request, context)
        let base = try Self.base(request, caller)
        let key = try await services.apiKeys.key(caller, id: try context.parameters.require("id"))
        let now = services.platform.clock.now()
        let lastDay = key.expiresAt.map { BusinessDate(containing: $0.addingTimeInterval(-1)).description }
        let graceOptions: [(String, String)] = [
            ("0", page.t("立即失效", "Ends now")), ("1", page.t("1 小时", "1 hour")), ("24", page.t("24 小时", "24 hours")),
            ("168", page.t("7 天", "7 days")), ("720", page.t("30 天", "30 days")),
        ]
        let actions: HTML =
            key.status == .active
            ? """
            <div class="grid">
            <form method="post" action="\(base)/keys/\(key.id)/rotate" class="card" id="rotate-form">\(page.csrfField)
              <h2>\(page.t("更换密钥", "Rotate the secret"))</h2>
              <p class="muted small">\(page.t("生成新密钥;旧密钥在所选时长内仍可使用,便于对方系统平滑切换。", "A new secret is made; the old one keeps working for the time chosen, so the other system can switch without a gap."))</p>
              \(Field.select(page, name: "graceHours", label: page.t("旧密钥保留时长", "Grace period"), options: graceOptions, selected: "24", errors: []))
              <button type="submit" id="rotate-key">\(page.t("更换密钥", "Rotate the secret"))</button></form>
            <form method="post" action="\(base)/keys/\(key.id)/revoke" class="card" id="revoke-form">\(page.csrfField)
              <h2>\(page.t("停用密钥", "Revoke the key"))</h2>
              <p class="muted small">\(page.t("立即停用,新旧密钥都不能再使用,不可恢复。", "It stops at once, old and new secret alike, for good."))</p>
              <button type="submit" class="secondary" id="revoke-key">\(page.t("停用密钥", "Revoke the key"))</button></form>
            </div>
            """ : .empty
        let body: HTML = """
            <h1>\(key.name)</h1>
            \(Layout.notice(page, request.query("notice")))
            <div class="card"><dl class="profile" id="api-key-facts">
              <dt>\(page.t("密钥", "Key"))</dt><dd class="mono">\(key.secretPrefix)…</dd>
              <dt>\(page.t(.status))</dt><dd>\(Self.statusBadge(page, key, now: now))</dd>
              <dt>\(page.t("权限范围", "Scopes"))</dt><dd>\(key.scopes.sorted().html { HTML("<div><span class=\"mono\">\($0.rawValue)</span> \(Self.scopeName(page, $0))</div>") })</dd>
              <dt>\(page.t("有效期至", "Last day"))</dt><dd>\(lastDay ?? page.t("长期有效", "No end"))</dd>
              <dt>\(page.t("允许的来源地址", "Allowed addresses"))</dt><dd class="mono">\(key.allowedAddresses.isEmpty ? page.t("不限", "Anywhere") : key.allowedAddresses.map(\.description).joined(separator: ", "))</dd>
              <dt>\(page.t("每分钟请求上限", "Requests a minute"))</dt><dd>\(key.requestsPerMinute)</dd>
              <dt>\(page.t("最近使用", "Last used"))</dt><dd>\(Self.lastUse(page, key))</dd>
              <dt>\(page.t("创建时间", "Created"))</dt><dd>\(BusinessTime.displayText(key.createdAt))</dd>
              \(key.rotatedAt.map { HTML("<dt>\(page.t("最近更换", "Last rotated"))</dt><dd>\(BusinessTime.displayText($0))</dd>") } ?? .empty)
              \(key.previousSecretValidUntil.map { HTML("<dt>\(page.t("旧密钥可用至", "Old secret works until"))</dt><dd>\(BusinessTime.displayText($0))</dd>") } ?? .empty)
              \(key.revokedAt.map { HTML("<dt>\(page.t("停用时间", "Revoked"))</dt><dd>\(BusinessTime.displayText($0))</dd>") } ?? .empty)
            </dl></div>
            \(actions)
            <p><a href="\(base)">\(page.t("返回接口与集成", "Back to integrations"))</a></p>
            """
        return HTMLResponse.page(Layout.page(page, title: key.name, body: body))
    }

    @Sendable func submitRotate(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let base = try Self.base(request, caller)
        let issued = try await services.apiKeys.rotate(
            caller, id: try context.parameters.require("id"), graceHours: Self.integer(form["graceHours"]))
        return HTMLResponse.page(secretPage(PageContext(request, context), issued, base: base, rotated: true))
    }

    @Sendable func submitRevoke(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        let base = try Self.base(request, caller)
        let key = try await services.apiKeys.revoke(caller, id: try context.parameters.require("id"))
        return Response.redirect(to: "\(base)/keys/\(key.id)?notice=saved", type: .found)
    }

    static func statusBadge(_ page: PageContext, _ key: APIKeyRecord, now: Date) -> HTML {
        if key.status == .revoked { return "<span class=\"badge disabled\">\(page.t("已停用", "Revoked"))</span>" }
        if !key.isUsable(at: now) { return "<span class=\"badge closed\">\(page.t("已过期", "Expired"))</span>" }
        return "<span class=\"badge active\">\(page.t("启用中", "Active"))</span>"
    }

    static func lastUse(_ page: PageContext, _ key: APIKeyRecord) -> String {
        guard let at = key.lastUsedAt else { return page.t("从未使用", "Never") }
        return "\(BusinessTime.displayText(at)) · \(key.lastUsedAddress ?? "")"
    }

    static func scopeName(_ page: PageContext, _ scope: APIScope) -> String {
        switch scope {
        case .ordersRead: page.t("读取订单与退货", "Read orders and returns")
        case .ordersWrite: page.t("下单、取消、收货、退货与处理", "Place, cancel, receive and return orders, handle returns")
        case .logisticsWrite: page.t("物流回传:发货与签收", "Logistics: shipments and deliveries")
        case .productsRead: page.t("读取商品、品类与促销", "Read products, categories and promotions")
        case .stockRead: page.t("读取库存与销售上报", "Read stock and sell-out reports")
        case .stockWrite: page.t("入库、盘点与销售上报", "Receive stock, count it, report sell-out")
        case .partnersRead: page.t("读取渠道商与评级", "Read partners and grades")
        case .prepaidRead: page.t("读取预存款余额、流水与充值", "Read prepaid balances, movements and top-ups")
        case .commissionsRead: page.t("读取佣金、结算单与对账单", "Read commissions, settlement and monthly statements")
        case .reportsRead: page.t("读取看板与报表", "Read the dashboard and reports")
        }
    }
}
