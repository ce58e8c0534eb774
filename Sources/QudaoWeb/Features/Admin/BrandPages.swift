import Foundation
import HTTPTypes
import Hummingbird
import QudaoApp
import QudaoCore

/// The brand's public images (the logo, product images) and HQ's company settings page: brand
/// name, company, customer-service phone, logo and the receiving bank accounts.
struct BrandPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        // Public: the consumer's referral page shows both. The file id in the link changes with
        // every upload, so a browser may keep an image for a day.
        router.get("/brand/logo") { _, _ in Self.image(try await services.company.logo()) }
        router.get("/products/{id}/image") { _, context in
            Self.image(try await services.products.image(productId: try context.parameters.require("id")))
        }
        router.get("/hq/settings/company", use: showHQSettingsCompany)
        router.post("/hq/settings/company", use: submitHQSettingsCompany)
        router.post("/hq/settings/company/logo", use: submitHQSettingsCompanyLogo)
        router.post("/hq/settings/company/bank-accounts", use: submitHQSettingsCompanyBankAccounts)
        router.post("/hq/settings/company/bank-accounts/{id}/remove", use: submitHQSettingsCompanyBankAccountsRemove)
    }

    @Sendable func showHQSettingsCompany(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.manageSettings)
        return HTMLResponse.page(try await companyPage(PageContext(request, context), caller: caller, values: [:], errors: []))
    }

    @Sendable func submitHQSettingsCompany(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        return try await saving(request, context, caller: caller, form: form) {
            _ = try await services.company.updateProfile(
                caller, brandName: form["brandName"], companyName: form["companyName"], customerServicePhone: form["customerServicePhone"])
        }
    }

    @Sendable func submitHQSettingsCompanyLogo(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context, maximumBytes: CompanyService.maximumLogoBytes + 65_536)
        return try await saving(request, context, caller: caller, form: form) {
            if form["remove"] == "1" {
                try await services.company.removeLogo(caller)
            } else {
                try await services.company.setLogo(caller, form.files["logo"])
            }
        }
    }

    @Sendable func submitHQSettingsCompanyBankAccounts(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        return try await saving(request, context, caller: caller, form: form) {
            _ = try await services.company.addBankAccount(
                caller,
                CompanyBankAccountInput(accountName: form["accountName"], bankName: form["bankName"], accountNumber: form["accountNumber"]))
        }
    }

    @Sendable func submitHQSettingsCompanyBankAccountsRemove(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        return try await saving(request, context, caller: caller, form: form) { try await services.company.removeBankAccount(caller, id: id) }
    }

    static func image(_ file: StoredFile) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: file.contentType, .cacheControl: "public, max-age=86400", .contentDisposition: "inline"],
            body: .init(byteBuffer: ByteBuffer(data: file.content)))
    }

    /// Runs a change and goes back to the page, or shows the page again with every problem.
    func saving(
        _ request: Request, _ context: QudaoRequestContext, caller: Caller, form: FormData, _ change: () async throws -> Void
    ) async throws -> Response {
        do {
            try await change()
            return Response.redirect(to: "/hq/settings/company?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            var values: [String: String] = [:]
            for name in form.fieldNames { values[name] = form[name] ?? "" }
            return HTMLResponse.page(
                try await companyPage(PageContext(request, context), caller: caller, values: values, errors: failure.errors),
                status: .unprocessableContent)
        }
    }

    func companyPage(_ page: PageContext, caller: Caller, values: [String: String], errors: [FieldError]) async throws -> HTML {
        let profile = try await services.company.profile()
        let accounts = try await services.company.bankAccounts(caller)
        let rows = accounts.html { account in
            """
            <tr><td data-label="\(page.t(.accountHolder))">\(account.accountName)</td><td data-label="\(page.t("开户行", "Bank"))">\(account.bankName)</td>
            <td class="mono" data-label="\(page.t("账号", "Account number"))">\(account.groupedAccountNumber)</td>
            <td><form method="post" action="/hq/settings/company/bank-accounts/\(account.id)/remove" class="inline" data-confirm="\(page.t("确定移除该收款账户?", "Remove this receiving account?"))">\(page.csrfField)
            <button class="link" type="submit">\(page.t(.remove))</button></form></td></tr>
            """
        }
        let accountList: HTML =
            accounts.isEmpty
            ? "<p class=\"empty\" id=\"no-bank-accounts\">\(page.t("还没有收款账户。渠道商充值时需要知道转账到哪里,请在下方添加。", "No receiving account yet. Partners need one to transfer top-ups to; add it below."))</p>"
            : "<div class=\"table-wrap\"><table class=\"responsive\" id=\"bank-accounts\"><thead><tr><th>\(page.t(.accountHolder))</th><th>\(page.t("开户行", "Bank"))</th><th>\(page.t("账号", "Account number"))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></div>"
        let logo: HTML =
            profile.logoFileId.map { id in
                """
                <p><img class="logo-preview" src="/brand/logo?v=\(id)" alt="\(profile.brandName)"></p>
                <form method="post" action="/hq/settings/company/logo" class="inline">\(page.csrfField)<input type="hidden" name="remove" value="1">
                <button class="link" type="submit" id="remove-logo">\(page.t("移除标志", "Remove the logo"))</button></form>
                """
            } ?? HTML("<p class=\"muted\">\(page.t("未上传标志,页头只显示品牌名称。", "No logo: the header shows the brand name alone."))</p>")
        let body: HTML = """
            \(Layout.notice(page, errors.isEmpty ? page.queryValue("notice") : nil))
            <h1>\(page.t(.companyAndBrand))</h1>
            \(SettingsTabs.render(page, current: "/hq/settings/company"))
            \(Layout.errorSummary(page, errors))
            <div class="grid">
            <form method="post" action="/hq/settings/company" class="card" id="company-form">\(page.csrfField)
              <h2>\(page.t("品牌信息", "Brand"))</h2>
              \(Field.text(page, name: "brandName", label: page.t(.brandName), value: values["brandName"] ?? (profile.isSet ? profile.brandName : ""), errors: errors, hint: page.t("显示在页头、消费者下单页、导出文件和 PDF 上", "Shown in the header, on the consumer's order page, in exports and PDFs"), required: true))
              \(Field.text(page, name: "companyName", label: page.t(.registeredCompanyName), value: values["companyName"] ?? profile.companyName, errors: errors, required: true))
              \(Field.text(page, name: "customerServicePhone", label: page.t("客服电话", "Customer-service phone"), value: values["customerServicePhone"] ?? profile.customerServicePhone, errors: errors, type: "tel", hint: page.t(.eG4008108888Or02087654321), required: true))
              <button type="submit">\(page.t(.save))</button></form>
            <form method="post" action="/hq/settings/company/logo" enctype="multipart/form-data" class="card" id="logo-form">\(page.csrfField)
              <h2>\(page.t("品牌标志", "Logo"))</h2>
              \(logo)
              <div class="field\(errors.contains { $0.field == "logo" } ? " invalid" : "")"><label for="logo">\(page.t("上传新标志", "Upload a new logo"))</label>
              <input type="file" id="logo" name="logo" accept="image/png,image/jpeg">
              <div class="hint">\(page.t("PNG 或 JPEG,不超过 1 MB;建议横向、高 80 像素以上", "PNG or JPEG, at most 1 MB; landscape, at least 80 pixels high"))</div>
              \(errors.first { $0.field == "logo" }.map { HTML("<div class=\"error\">\(page.language.message(for: $0.problem))</div>") } ?? .empty)</div>
              <button type="submit">\(page.t(.upload))</button></form>
            </div>
            <div class="card" id="bank-account-settings">
              <h2>\(page.t("总部收款账户", "HQ receiving accounts"))</h2>
              <p class="muted">\(page.t("渠道商在充值页看到这些账户并向其转账。", "Partners see these accounts on the top-up page and transfer to them."))</p>
              \(accountList)
              <form method="post" action="/hq/settings/company/bank-accounts" id="bank-account-form">\(page.csrfField)
                <div class="fields">
                \(Field.text(page, name: "accountName", label: page.t(.accountHolder), value: values["accountName"] ?? profile.companyName, errors: errors, required: true))
                \(Field.text(page, name: "bankName", label: page.t("开户行", "Bank and branch"), value: values["bankName"], errors: errors, hint: page.t("如 招商银行广州天河支行", "e.g. China Merchants Bank, Guangzhou Tianhe branch"), required: true))
                \(Field.text(page, name: "accountNumber", label: page.t("账号", "Account number"), value: values["accountNumber"], errors: errors, attributes: " inputmode=\"numeric\""))
                </div>
                <button type="submit" id="add-bank-account">\(page.t("添加收款账户", "Add the account"))</button></form>
            </div>
            """
        return Layout.page(page, title: page.t(.companyAndBrand), body: body)
    }
}
