import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// A partner's payers (付款账户): the names and accounts it transfers from, so bank statement lines
/// from them are suggested for its top-ups. The partner keeps its own on the prepaid page; HQ
/// finance sees and adds them on the partner's page.
struct PayerPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.post("/portal/payers", use: submitPortalPayer)
        router.post("/portal/payers/{payerId}/remove", use: submitPortalRemove)
        router.post("/hq/partners/{id}/payers", use: submitHQPayer)
        router.post("/hq/partners/{id}/payers/{payerId}/remove", use: submitHQRemove)
    }

    @Sendable func submitPortalPayer(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        try await add(request, context, partner: nil, back: "/portal/prepaid")
    }

    @Sendable func submitPortalRemove(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        try await remove(request, context, partner: nil, back: "/portal/prepaid")
    }

    @Sendable func submitHQPayer(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await add(request, context, partner: id, back: "/hq/partners/\(id)")
    }

    @Sendable func submitHQRemove(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await remove(request, context, partner: id, back: "/hq/partners/\(id)")
    }

    /// Adds a payer; a problem comes back to the page as `payer-error` in the query, so the page
    /// that lists them (which has much else on it) shows it in place.
    func add(_ request: Request, _ context: QudaoRequestContext, partner: String?, back: String) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            _ = try await services.bank.addPayer(caller, partner: partner, name: form["payerName"], account: form["payerAccount"])
            return Response.redirect(to: "\(back)?notice=saved#payers", type: .found)
        } catch AppError.validation(let failure) {
            let first = failure.errors[0]
            let field = first.field == "name" ? "payerName" : "payerAccount"
            let message = page(request, context).language.message(for: first.problem)
            let query = "payerField=\(field)&payerError=\(message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            return Response.redirect(to: "\(back)?\(query)#payers", type: .found)
        }
    }

    func remove(_ request: Request, _ context: QudaoRequestContext, partner: String?, back: String) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        _ = try await services.bank.removePayer(caller, partner: partner, payerId: try context.parameters.require("payerId"))
        return Response.redirect(to: "\(back)?notice=saved#payers", type: .found)
    }

    func page(_ request: Request, _ context: QudaoRequestContext) -> PageContext { PageContext(request, context) }

    /// The payers card: the list (accounts by their last four digits), a remove button each, and the add form.
    static func section(_ page: PageContext, _ payers: [PartnerPayer], action: String, manage: Bool, request: Request) -> HTML {
        let rows = payers.html { payer in
            """
            <tr data-payer="\(payer.id)"><td data-label="\(page.t("付款人", "Payer"))">\(payer.name)</td>
            <td class="mono" data-label="\(page.t("账号", "Account"))">\(payer.accountTail.isEmpty ? "—" : "**** \(payer.accountTail)")</td>
            <td>\(manage ? HTML("<form method=\"post\" action=\"\(action)/\(payer.id)/remove\" class=\"inline\">\(page.csrfField)<button type=\"submit\" class=\"secondary\">\(page.t(.remove))</button></form>") : .empty)</td></tr>
            """
        }
        let field = request.query("payerField")
        let message = request.query("payerError")
        func error(_ name: String) -> HTML {
            field == name ? "<div class=\"error\" id=\"\(name)-error\">\(message ?? "")</div>" : .empty
        }
        let form: HTML =
            manage
            ? """
            <form method="post" action="\(action)" class="fields" id="payer-form">\(page.csrfField)
              <div class="field\(field == "payerName" ? " invalid" : "")"><label for="payerName">\(page.t("付款户名", "Payer name")) *</label><input type="text" id="payerName" name="payerName" maxlength="120">\(error("payerName"))</div>
              <div class="field\(field == "payerAccount" ? " invalid" : "")"><label for="payerAccount">\(page.t("付款账号(可选)", "Account number (optional)"))</label><input type="text" id="payerAccount" name="payerAccount" inputmode="numeric" autocomplete="off" maxlength="40">\(error("payerAccount"))</div>
              <button type="submit" id="add-payer">\(page.t("添加付款账户", "Add the payer"))</button></form>
            """ : .empty
        return """
            <section class="card" id="payers"><h2>\(page.t("付款账户", "Payers"))</h2>
            <p class="muted small">\(page.t("从这些户名或账号转来的款项,财务对账时会自动建议匹配到您的充值申请;账号加密保存,只显示尾号。", "Transfers from these names or accounts are suggested for the top-up requests when HQ matches its bank statement; account numbers are kept encrypted and shown by their last four digits."))</p>
            <div class="table-wrap"><table class="responsive" id="payer-list"><thead><tr><th>\(page.t("付款人", "Payer"))</th><th>\(page.t("账号", "Account"))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(form)</section>
            """
    }
}
