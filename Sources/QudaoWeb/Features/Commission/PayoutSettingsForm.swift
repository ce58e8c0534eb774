import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The payout settings form: prepaid balance or a bank account (number shown masked).
enum PayoutSettingsForm {
    /// Saves the form; a blank account number keeps the one on file (the form never shows it in full).
    static func save(
        _ services: WebServices, _ caller: Caller, partnerId: String?, form: FormData, done: String,
        invalid: (PayoutSettings, [FieldError]) -> HTML
    ) async throws -> Response {
        let current = try await services.settlement.payoutSettings(caller, partnerId: partnerId)
        let typed = form["bankAccountNumber"]?.trimmingWhitespace() ?? ""
        do {
            let submission = try await services.settlement.setPayoutSettings(
                caller, partnerId: partnerId, method: form["payoutMethod"], accountName: form["bankAccountName"], bankName: form["bankName"],
                accountNumber: typed.isEmpty ? current.accountNumber : typed, paymentPassword: form["paymentPassword"])
            return Response.redirect(to: submission.applied == nil ? Self.replacingNotice(done, with: "approval") : done, type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(invalid(current, failure.errors), status: .unprocessableContent)
        }
    }

    /// The page to return to, with its notice replaced (a held change is not "saved").
    static func replacingNotice(_ location: String, with notice: String) -> String {
        guard var components = URLComponents(string: location) else { return location }
        components.queryItems = (components.queryItems ?? []).filter { $0.name != "notice" } + [URLQueryItem(name: "notice", value: notice)]
        return components.string ?? location
    }

    static func page(
        _ page: PageContext, settings: PayoutSettings, values: [String: String], errors: [FieldError], action: String, editable: Bool,
        notice: String?, heading: HTML, tabs: HTML, paymentPassword: PaymentPasswordStatus? = nil
    ) -> HTML {
        // A partner owner confirms the change with the payment password; HQ finance does not have it.
        let paymentPasswordField: HTML =
            paymentPassword.map { status in
                status.isSet
                    ? PaymentPasswordViews.field(page, errors: errors)
                    : "<p class=\"warning\" id=\"payment-password-missing\">\(page.t("修改收款方式需要支付密码,请先", "Changing the payout method needs the payment password; first ")) <a href=\"/portal/security\">\(page.t("设置支付密码", "set a payment password"))</a>。</p>"
            } ?? .empty
        let method = values["payoutMethod"] ?? settings.method.rawValue
        let form: HTML =
            editable
            ? """
            <form method="post" action="\(action)" class="card" id="payout-form">\(page.csrfField)
              \(Layout.errorSummary(page, errors))
              \(Field.select(page, name: "payoutMethod", options: PayoutMethod.allCases.map { ($0.rawValue, page.language.payoutMethod($0)) }, selected: method, errors: errors))
              \(Field.text(page, name: "bankAccountName", value: values["bankAccountName"] ?? settings.accountName, errors: errors))
              \(Field.text(page, name: "bankName", value: values["bankName"] ?? settings.bankName, errors: errors))
              \(Field.text(page, name: "bankAccountNumber", value: values["bankAccountNumber"], errors: errors, hint: settings.accountNumber.map { page.t("当前:", "Current: ") + PersonalDataMask.identifier($0) + page.t("(重新填写才会更改)", " (type it again to change it)") }, attributes: " inputmode=\"numeric\" autocomplete=\"off\""))
              \(paymentPasswordField)
              <button type="submit">\(page.t(.save))</button></form>
            """
            : "<p class=\"muted\">\(page.t("只有主账号可以修改收款方式。", "Only the owner account can change the payout method."))</p>"
        let body: HTML = """
            \(Layout.notice(page, notice))
            <h1>\(page.t("佣金收款方式", "Payout method"))</h1>
            \(heading)\(tabs)
            <div class="card" id="payout-current"><dl class="profile">
              <dt>\(page.t("发放方式", "Method"))</dt><dd>\(page.language.payoutMethod(settings.method))</dd>
              <dt>\(page.t(.accountName))</dt><dd>\(settings.accountName ?? "—")</dd>
              <dt>\(page.t("开户行", "Bank"))</dt><dd>\(settings.bankName ?? "—")</dd>
              <dt>\(page.t(.accountNumber))</dt><dd class="mono">\(settings.accountNumber.map(PersonalDataMask.identifier) ?? "—")</dd>
            </dl><p class="muted">\(page.t("转入预存款:结算当日自动入账;银行转账:总部财务导出打款文件后打款。", "To prepaid: credited on the settlement day; bank transfer: HQ finance pays from the payout file."))</p></div>
            \(form)
            """
        return Layout.page(page, title: page.t("佣金收款方式", "Payout method"), body: body)
    }
}
