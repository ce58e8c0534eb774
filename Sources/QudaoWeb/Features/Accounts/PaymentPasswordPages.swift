import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The portal's security page, where a partner owner sets or changes the payment password
/// (支付密码), and the field every form that spends or redirects money shows.
struct PaymentPasswordPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/portal/security", use: showPortalSecurity)
        router.post("/portal/security", use: submitPortalSecurity)
    }

    @Sendable func showPortalSecurity(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let status = try await services.paymentPasswords.status(caller)
        return HTMLResponse.page(securityPage(PageContext(request, context), status: status, errors: [], notice: request.query("notice")))
    }

    @Sendable func submitPortalSecurity(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            try await services.paymentPasswords.set(
                caller, signInPassword: form["currentPassword"], newPassword: form["newPaymentPassword"],
                confirmation: form["paymentPasswordConfirmation"])
            return Response.redirect(to: "/portal/security?notice=paymentPassword", type: .found)
        } catch AppError.validation(let failure) {
            let status = try await services.paymentPasswords.status(caller)
            return HTMLResponse.page(
                securityPage(PageContext(request, context), status: status, errors: failure.errors, notice: nil), status: .unprocessableContent)
        }
    }

    func securityPage(_ page: PageContext, status: PaymentPasswordStatus, errors: [FieldError], notice: String?) -> HTML {
        let threshold: String =
            status.requiredAbove.map { amount in
                page.t(
                    "单笔预存款进货单应付金额超过 \(amount.formatted) 时需要输入支付密码;修改佣金收款方式也需要。",
                    "A purchase order paid from prepaid above \(amount.formatted) asks for it, and so does changing the payout method.")
            } ?? page.t("修改佣金收款方式时需要输入支付密码。", "Changing the payout method asks for it.")
        let state: HTML =
            status.isSet
            ? "<p id=\"payment-password-state\">\(page.t("已设置", "Set")) · \(page.t("最近修改", "last changed")) \(status.updatedAt.map(BusinessTime.displayText) ?? "—")</p>"
            : "<p class=\"warning\" id=\"payment-password-state\">\(page.t("尚未设置", "Not set"))</p>"
        let form: HTML =
            status.callerMaySet
            ? """
            <form method="post" action="/portal/security" class="card stack narrow" id="payment-password-form">\(page.csrfField)
              <h2>\(status.isSet ? page.t("修改支付密码", "Change the payment password") : page.t("设置支付密码", "Set a payment password"))</h2>
              \(Field.text(page, name: "currentPassword", label: page.t("登录密码(验证身份)", "Sign-in password (to confirm it is you)"), value: nil, errors: errors, type: "password", required: true, attributes: " autocomplete=\"current-password\""))
              \(Field.text(page, name: "newPaymentPassword", value: nil, errors: errors, type: "password", hint: page.t("6 位数字,不能是重复、连续或常见的数字。", "Six digits; not a repeated, consecutive or common number."), required: true, attributes: Self.digitAttributes))
              \(Field.text(page, name: "paymentPasswordConfirmation", value: nil, errors: errors, type: "password", required: true, attributes: Self.digitAttributes))
              <button type="submit" id="save-payment-password">\(page.t(.save))</button></form>
            """
            : "<p class=\"muted\">\(page.t("只有主账号可以设置或修改支付密码。", "Only the owner account sets or changes the payment password."))</p>"
        let body: HTML = """
            \(Layout.notice(page, notice))
            <h1>\(page.t("账户安全", "Security"))</h1>
            \(Layout.errorSummary(page, errors))
            <div class="card" id="payment-password-status"><h2>\(page.t("支付密码", "Payment password"))</h2>\(state)<p class="muted">\(threshold)</p>
            <p class="muted">\(page.t("忘记支付密码时,用登录密码重新设置即可。", "Forgot it? Set a new one with the sign-in password."))</p></div>
            \(form)
            <p><a href="/account/password">\(page.t(.changePassword))</a></p>
            \(status.callerMaySet ? HTML("<p><a href=\"/portal/personal-data.xlsx\" id=\"own-personal-data\">\(page.t("下载我的个人信息副本(Excel)", "Download a copy of my personal data (Excel)"))</a></p>") : .empty)
            """
        return Layout.page(page, title: page.t("账户安全", "Security"), body: body)
    }

    /// A six-digit secret typed on a phone's number pad, never remembered by the browser.
    static let digitAttributes: HTML = " inputmode=\"numeric\" maxlength=\"6\" autocomplete=\"off\" pattern=\"[0-9]{6}\""
}

/// The payment password field of the order and payout forms.
enum PaymentPasswordViews {
    /// The field, never prefilled.
    static func field(_ page: PageContext, errors: [FieldError]) -> HTML {
        Field.text(
            page, name: "paymentPassword", value: nil, errors: errors, type: "password",
            hint: page.t("6 位数字。忘记了?主账号可在“账户安全”中重新设置。", "Six digits. Forgotten? The owner sets a new one under Security."),
            required: true, attributes: PaymentPasswordPages.digitAttributes)
    }
}
