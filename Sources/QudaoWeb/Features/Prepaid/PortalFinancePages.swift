import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The partner's prepaid page (balance, top-up request with proof, statement) and saved addresses.
struct PortalFinancePages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/portal/prepaid", use: showPortalPrepaid)
        router.get("/portal/prepaid/statement.xlsx") { request, context in try await exportPortalPrepaidStatement(request, context, format: .xlsx) }
        router.get("/portal/prepaid/statement.pdf") { request, context in try await exportPortalPrepaidStatement(request, context, format: .pdf) }
        router.post("/portal/prepaid/top-ups", use: submitPortalPrepaidTopUps)
        router.get("/portal/top-ups/{id}/proof", use: showPortalTopUpsProof)
        router.get("/portal/addresses", use: showPortalAddresses)
        router.post("/portal/addresses", use: submitPortalAddresses)
        router.get("/portal/addresses/{id}/text", use: showPortalAddressesText)
        router.post("/portal/addresses/{id}/delete", use: submitPortalAddressesDelete)
    }

    func exportPortalPrepaidStatement(_ request: Request, _ context: QudaoRequestContext, format: ReportFormat) async throws -> Response {
        try await PrepaidStatementView.export(
            services, caller: try context.caller, partnerId: nil, request: request, language: context.language, format: format)
    }

    @Sendable func showPortalPrepaid(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(try await prepaidPage(request, context, caller: caller, errors: [], values: [:]))
    }

    @Sendable func submitPortalPrepaidTopUps(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context, maximumBytes: WebServices.maximumUploadBytes)
        do {
            _ = try await services.prepaid.requestTopUp(
                caller,
                TopUpInput(
                    amount: .yuanText(form["amountFen"]), bankReference: form["bankReference"], note: form["note"], proof: form.files["proof"]))
            return Response.redirect(to: "/portal/prepaid?notice=requested", type: .found)
        } catch AppError.validation(let failure) {
            let values = ["amountFen": form["amountFen"] ?? "", "bankReference": form["bankReference"] ?? "", "note": form["note"] ?? ""]
            return HTMLResponse.page(
                try await prepaidPage(request, context, caller: caller, errors: failure.errors, values: values), status: .unprocessableContent)
        }
    }

    @Sendable func showPortalTopUpsProof(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return FileResponse.make(try await services.prepaid.proofFile(caller, topUpId: try context.parameters.require("id")))
    }

    @Sendable func showPortalAddresses(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(try await addressesPage(request, context, caller: caller, errors: [], values: [:]))
    }

    @Sendable func submitPortalAddresses(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let fields = ShippingInput(
            name: form["name"], phone: form["phone"], province: form["province"], city: form["city"], district: form["district"],
            detail: form["detail"])
        do {
            _ = try await services.addresses.save(
                caller, id: form["id"], label: form["label"], fields: fields, isDefault: form.isChecked("isDefault"))
            return Response.redirect(to: "/portal/addresses?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            var values: [String: String] = [:]
            for name in ["label", "name", "phone", "province", "city", "district", "detail"] { values[name] = form[name] ?? "" }
            return HTMLResponse.page(
                try await addressesPage(request, context, caller: caller, errors: failure.errors, values: values), status: .unprocessableContent)
        }
    }

    @Sendable func showPortalAddressesText(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return PlainText.response(try await services.addresses.reveal(caller, id: try context.parameters.require("id")))
    }

    @Sendable func submitPortalAddressesDelete(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        try await services.addresses.delete(caller, id: try context.parameters.require("id"))
        return Response.redirect(to: "/portal/addresses?notice=saved", type: .found)
    }

    func prepaidPage(
        _ request: Request, _ context: QudaoRequestContext, caller: Caller, errors: [FieldError], values: [String: String]
    ) async throws -> HTML {
        let page = PageContext(request, context)
        let position = try await services.prepaid.position(caller, partnerId: nil)
        let topUps = try await services.prepaid.topUps(caller, filter: TopUpFilter(), page: PageRequest(pageNumber: 1, pageSize: 10))
        let statement = try await PrepaidStatementView.load(services, caller: caller, partnerId: nil, request: request)
        let rules = try await services.settings.prepaidRules()
        let accounts = try await services.company.bankAccounts(caller)
        let payers = try await services.bank.payers(caller, partner: nil)
        let tiers = rules.discountTiers.map { "≥ \($0.threshold.formatted) → \($0.rate.shortPercentText)" }.joined(separator: ";")
        let bonuses = rules.bonusTiers.map { "≥ \($0.threshold.formatted) → \($0.rate.shortPercentText)" }.joined(separator: ";")
        let rows = topUps.items.html { topUp in
            """
            <tr><td class="mono" data-label="\(page.t(.documentNumber))">\(topUp.number)</td><td class="number" data-label="\(page.t(.amount))">\(topUp.amount.formatted)</td>
            <td class="number" data-label="\(page.t(.rebate))">\(topUp.bonus.formatted)</td><td class="mono" data-label="\(page.t(.bankReference))">\(topUp.bankReference)</td>
            <td data-label="\(page.t(.status))">\(page.language.topUpStatus(topUp.status))\(topUp.rejectionReason.map { HTML(" <span class=\"muted\">\($0)</span>") } ?? .empty)</td>
            <td>\(topUp.proofFileId == nil ? HTML("—") : HTML("<a href=\"/portal/top-ups/\(topUp.id)/proof\">\(page.t("凭证", "Proof"))</a>"))</td></tr>
            """
        }
        let notice: HTML =
            request.query("notice") == "requested"
            ? "<div class=\"notice\" role=\"status\">\(page.t("充值申请已提交,财务确认到账后计入余额。", "Top-up requested; it is credited once HQ finance confirms the transfer."))</div>"
            : Layout.notice(page, request.query("notice"))
        let body: HTML = """
            \(notice)
            <h1>\(page.t("预存款", "Prepaid"))</h1>
            \(PrepaidStatementView.balanceCards(page, position))
            <form method="post" action="/portal/prepaid/top-ups" enctype="multipart/form-data" class="card" id="topup-form"><h2 id="top-up">\(page.t("申请充值", "Request a top-up"))</h2>\(page.csrfField)
              \(Self.receivingAccounts(page, accounts))
              \(Self.tierHint(page, rules: rules, position: position))
              <p class="muted small">\(page.t("单笔充值返利:", "Rebate on a single top-up: "))\(bonuses.isEmpty ? page.t("无", "none") : bonuses)\(page.t(";进货折扣(按近 \(rules.discountWindowDays) 天累计充值):", "; purchase discount (by top-ups in the last \(rules.discountWindowDays) days): "))\(tiers.isEmpty ? page.t("无", "none") : tiers)</p>
              \(Layout.errorSummary(page, errors))
              <div class="fields">
              \(Field.text(page, name: "amountFen", label: page.t("充值金额(元)", "Amount (yuan)"), value: values["amountFen"], errors: errors, required: true))
              \(Field.text(page, name: "bankReference", label: page.t("银行转账流水号", "Bank transfer reference"), value: values["bankReference"], errors: errors, required: true))
              \(Field.text(page, name: "note", label: page.t("备注", "Note"), value: values["note"], errors: errors))
              <div class="field"><label for="proof">\(page.t("转账凭证(JPG/PNG/PDF,≤5MB)", "Proof (JPG, PNG or PDF, up to 5 MB)"))</label><input type="file" id="proof" name="proof" accept="image/jpeg,image/png,application/pdf">
              \(errors.first { $0.field == "proof" }.map { HTML("<div class=\"error\">\(page.language.message(for: $0.problem))</div>") } ?? .empty)</div>
              </div>
              <button type="submit" id="request-topup">\(page.t("提交充值申请", "Request top-up"))</button></form>
            <h2>\(page.t("我的充值申请", "My top-up requests"))</h2>
            \(topUps.items.isEmpty ? HTML("<p class=\"empty\">\(page.t("还没有充值申请。转账到上面的账户后在此提交。", "No top-up request yet. Transfer to the account above, then request it here."))</p>") : .empty)
            <div class="table-wrap"><table class="responsive" id="my-topups"><thead><tr><th>\(page.t(.documentNumber))</th><th class="number">\(page.t(.amount))</th><th class="number">\(page.t(.rebate))</th>
            <th>\(page.t(.bankReference))</th><th>\(page.t(.status))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(PayerPages.section(page, payers, action: "/portal/payers", manage: true, request: request))
            <section id="statement">\(statement.render(page, base: "/portal/prepaid"))</section>
            """
        return Layout.page(page, title: page.t("预存款", "Prepaid"), body: body)
    }

    /// HQ's receiving accounts, each field with a copy button (a store owner pastes them into a banking app).
    static func receivingAccounts(_ page: PageContext, _ accounts: [CompanyBankAccount]) -> HTML {
        guard !accounts.isEmpty else {
            return
                "<p class=\"alert\" id=\"no-receiving-account\">\(page.t("总部尚未登记收款账户,请联系总部财务获取转账账户。", "HQ has not listed a receiving account yet; ask HQ finance where to transfer."))</p>"
        }
        let items = accounts.enumerated().html { index, account in
            """
            <div class="account"><dl>
              <dt>\(page.t(.accountHolder))</dt><dd><span id="account-name-\(index)">\(account.accountName)</span> <button class="link" type="button" data-copy="account-name-\(index)" data-copied="\(page.t(.copied))">\(page.t("复制", "Copy"))</button></dd>
              <dt>\(page.t("开户行", "Bank"))</dt><dd>\(account.bankName)</dd>
              <dt>\(page.t("账号", "Account number"))</dt><dd><span class="mono" id="account-number-\(index)">\(account.groupedAccountNumber)</span> <button class="link" type="button" data-copy="account-number-\(index)" data-copied="\(page.t(.copied))">\(page.t("复制", "Copy"))</button></dd>
            </dl></div>
            """
        }
        return """
            <div class="bank-accounts" id="receiving-accounts"><p><strong>\(page.t("请转账到总部收款账户", "Transfer to HQ's receiving account"))</strong></p>\(items)
            <p class="muted small">\(page.t("转账后填写银行流水号并上传凭证,财务确认到账后计入余额。", "Then enter the bank's reference and the proof; the balance is credited once HQ finance confirms."))</p></div>
            """
    }

    /// How close the partner is to the next purchase-discount tier, and what a single top-up needs for a rebate.
    static func tierHint(_ page: PageContext, rules: PrepaidRules, position: PrepaidPosition) -> HTML {
        var hints: [String] = []
        if let next = rules.nextDiscountTier(forTopUpsInWindow: position.topUpsInWindow) {
            hints.append(
                page.t(
                    "再充 \(next.missing.formatted) 享 \(next.tier.rate.shortPercentText) 进货折扣",
                    "Top up \(next.missing.formatted) more for a \(next.tier.rate.shortPercentText) purchase discount"))
        }
        if let rebate = rules.bonusTiers.min(by: { $0.threshold < $1.threshold }) {
            hints.append(
                page.t(
                    "单笔充值满 \(rebate.threshold.formatted) 返 \(rebate.rate.shortPercentText)",
                    "A single top-up of \(rebate.threshold.formatted) or more earns a \(rebate.rate.shortPercentText) rebate"))
        }
        guard !hints.isEmpty else { return .empty }
        return "<p class=\"tier-hint\" id=\"tier-hint\">\(hints.joined(separator: page.t(";", "; ")))</p>"
    }

    func addressesPage(
        _ request: Request, _ context: QudaoRequestContext, caller: Caller, errors: [FieldError], values: [String: String]
    ) async throws -> HTML {
        let page = PageContext(request, context)
        let addresses = try await services.addresses.list(caller)
        let cards = addresses.html { address in
            """
            <div class="card" data-address="\(address.label)"><strong>\(address.label)</strong>\(address.isDefault ? HTML(" <span class=\"badge active\">\(page.t("默认", "Default"))</span>") : .empty)
            <p class="copy-target" id="address-\(address.id)">\(address.formatted(maskPhone: true))</p>
            <div class="actions"><button class="secondary" type="button" data-copy-url="/portal/addresses/\(address.id)/text" data-copy-target="address-\(address.id)" data-copied="\(page.t(.copied))">\(page.t(.copy))</button>
            <form method="post" action="/portal/addresses/\(address.id)/delete" class="inline" data-confirm="\(page.t("删除该地址?", "Delete this address?"))">\(page.csrfField)<button class="link" type="submit">\(page.t("删除", "Delete"))</button></form></div></div>
            """
        }
        let body: HTML = """
            \(Layout.notice(page, request.query("notice")))
            <h1>\(page.t("常用地址", "Saved addresses"))</h1>
            <div class="grid" id="address-list">\(cards)</div>
            \(addresses.isEmpty ? HTML("<p class=\"empty\">\(page.t("还没有保存地址。在下方保存常用的收货地址,下单时一键选择。", "No saved address yet. Save the ones you ship to below and pick them when ordering."))</p>") : .empty)
            <form method="post" action="/portal/addresses" class="card" id="address-form"><h2>\(page.t("新增地址", "Add an address"))</h2>\(page.csrfField)
            \(Layout.errorSummary(page, errors))
            <div class="fields">
            \(Field.text(page, name: "label", label: page.t("标签(如:老客户王先生)", "Label (e.g. a customer's name)"), value: values["label"], errors: errors))
            \(Field.text(page, name: "name", label: page.t("收货人", "Recipient"), value: values["name"], errors: errors, required: true))
            \(Field.text(page, name: "phone", label: page.t(.phone), value: values["phone"], errors: errors, required: true))
            \(Field.select(page, name: "province", label: page.t(.province), options: Province.all.map { ($0, $0) }, selected: values["province"], errors: errors, includeBlank: page.t(.choose)))
            \(Field.text(page, name: "city", label: page.t(.city), value: values["city"], errors: errors, required: true))
            \(Field.text(page, name: "district", label: page.t(.district), value: values["district"], errors: errors))
            \(Field.text(page, name: "detail", label: page.t(.streetAddress), value: values["detail"], errors: errors, required: true))
            </div>
            <div class="field checks"><label><input type="checkbox" name="isDefault"> \(page.t("设为默认地址", "Make it the default"))</label></div>
            <button type="submit" id="save-address">\(page.t(.save))</button></form>
            """
        return Layout.page(page, title: page.t("常用地址", "Saved addresses"), body: body)
    }
}
