import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// HQ's page for a person's requests under the PIPL, and the portal owner's own copy.
struct PrivacyPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/privacy", use: showHQPrivacy)
        router.post("/hq/privacy/copy", use: submitHQPrivacyCopy)
        router.post("/hq/privacy/erase", use: submitHQPrivacyErase)
        router.get("/portal/personal-data.xlsx", use: showPortalPersonalData)
    }

    @Sendable func showHQPrivacy(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.revealPersonalData)
        return HTMLResponse.page(page(PageContext(request, context), phone: nil, errors: [], erased: nil))
    }

    @Sendable func submitHQPrivacyCopy(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            return try PrivacyViews.file(try await services.personalData.copy(caller, phone: form["phone"]), language: context.language)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                page(PageContext(request, context), phone: form["phone"], errors: failure.errors, erased: nil), status: .unprocessableContent)
        }
    }

    @Sendable func submitHQPrivacyErase(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            let erasure = try await services.personalData.erase(caller, phone: form["phone"])
            return HTMLResponse.page(page(PageContext(request, context), phone: nil, errors: [], erased: erasure))
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                page(PageContext(request, context), phone: form["phone"], errors: failure.errors, erased: nil), status: .unprocessableContent)
        }
    }

    @Sendable func showPortalPersonalData(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return try PrivacyViews.file(try await services.personalData.ownCopy(caller), language: context.language)
    }

    func page(_ page: PageContext, phone: String?, errors: [FieldError], erased: PersonalDataErasure?) -> HTML {
        let result: HTML =
            erased.map { erasure in
                """
                <div class="notice" role="status" id="erasure-done">\(page.t("已匿名化:订单 \(erasure.orders) 张、收货地址 \(erasure.addresses) 个、渠道联系人 \(erasure.partners) 个、登录账号 \(erasure.accounts) 个。金额与单据编号保留。", "Anonymised: \(erasure.orders) orders, \(erasure.addresses) addresses, \(erasure.partners) partner contacts, \(erasure.accounts) logins. Amounts and document numbers stay."))</div>
                """
            } ?? .empty
        let body: HTML = """
            <h1>\(page.t("个人信息请求", "Personal data requests"))</h1>
            \(result)
            \(Layout.errorSummary(page, errors))
            <p class="muted">\(page.t("按本人的手机号查找:渠道联系人、收货人和保存的收货地址。请先由客服核实请求人身份。每次查询与删除都记入操作日志(不含号码本身)。", "Found by the person's phone: partner contacts, recipients and saved addresses. Customer service confirms who is asking first. Every copy and erasure is audited, without the number itself."))</p>
            <div class="grid">
            <form method="post" action="/hq/privacy/copy" class="card stack" id="privacy-copy-form">\(page.csrfField)
              <h2>\(page.t("导出个人信息副本(第四十五条)", "Copy of their data (Art. 45)"))</h2>
              \(Field.text(page, name: "phone", label: page.t("手机号", "Phone"), value: phone, errors: errors, required: true, attributes: " inputmode=\"tel\""))
              <button type="submit" id="privacy-copy">\(page.t("下载 Excel", "Download Excel"))</button></form>
            <form method="post" action="/hq/privacy/erase" class="card stack" id="privacy-erase-form" data-confirm="\(page.t("确定删除?姓名、电话和地址将被匿名化,不可恢复。", "Erase? Names, phones and addresses are anonymised for good."))">\(page.csrfField)
              <h2>\(page.t("删除(匿名化)个人信息(第四十七条)", "Erase their data (Art. 47)"))</h2>
              <div class="field"><label for="erase-phone">\(page.t("手机号", "Phone"))</label><input type="text" id="erase-phone" name="phone" required inputmode="tel"></div>
              <p class="muted">\(page.t("合作中的渠道商联系人和未完成的订单不能删除;金额、日期和单据编号作为财务记录保留。", "A partner still in business and an unfinished order are refused; amounts, dates and document numbers stay as financial records."))</p>
              <button class="secondary" type="submit" id="privacy-erase">\(page.t("匿名化删除", "Erase"))</button></form>
            </div>
            """
        return Layout.page(page, title: page.t("个人信息请求", "Personal data requests"), body: body)
    }
}
