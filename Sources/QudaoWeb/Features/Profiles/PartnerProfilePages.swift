import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The profile (数字档案) beyond the partner record: certificates with their files, the credit
/// rating and its history, sales by month; HQ maintains them, the partner reads its own.
struct PartnerProfilePages {
    let services: WebServices

    var profiles: ProfileService { services.profiles }

    func register(on router: Router<QudaoRequestContext>) {
        router.post("/hq/partners/{id}/certificates", use: submitHQPartnersCertificates)
        router.get("/hq/certificates/{id}/edit", use: showHQCertificatesEdit)
        router.post("/hq/certificates/{id}", use: submitHQCertificatesDetail)
        router.post("/hq/certificates/{id}/remove", use: submitHQCertificatesRemove)
        router.get("/hq/certificates/{id}/file", use: showHQCertificatesFile)
        router.post("/hq/partners/{id}/credit-rating", use: submitHQPartnersCreditRating)

        // MARK: Partner
        router.get("/portal/certificates", use: showPortalCertificates)
        router.get("/portal/certificates/{id}/file", use: showPortalCertificatesFile)
    }

    @Sendable func submitHQPartnersCertificates(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context, maximumBytes: WebServices.maximumUploadBytes)
        let id = try context.parameters.require("id")
        do {
            _ = try await profiles.addCertificate(caller, partnerId: id, Self.certificateInput(form))
            return Response.redirect(to: "/hq/partners/\(id)?notice=saved#certificates", type: .found)
        } catch AppError.validation(let failure) {
            return try await PartnerPages(services: services).profileResponse(request, context, id: id, errors: failure.errors, attempted: form)
        }
    }

    @Sendable func showHQCertificatesEdit(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.managePartners)
        let certificate = try await certificate(caller, try context.parameters.require("id"))
        return HTMLResponse.page(editPage(PageContext(request, context), certificate: certificate, form: nil, errors: []))
    }

    @Sendable func submitHQCertificatesDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context, maximumBytes: WebServices.maximumUploadBytes)
        let id = try context.parameters.require("id")
        do {
            let updated = try await profiles.updateCertificate(caller, id: id, Self.certificateInput(form))
            return Response.redirect(to: "/hq/partners/\(updated.partnerId)?notice=saved#certificates", type: .found)
        } catch AppError.validation(let failure) {
            let certificate = try await certificate(caller, id)
            return HTMLResponse.page(
                editPage(PageContext(request, context), certificate: certificate, form: form, errors: failure.errors),
                status: .unprocessableContent)
        }
    }

    @Sendable func submitHQCertificatesRemove(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        let id = try context.parameters.require("id")
        let existing = try await certificate(caller, id)
        try await profiles.removeCertificate(caller, id: id)
        return Response.redirect(to: "/hq/partners/\(existing.partnerId)?notice=saved#certificates", type: .found)
    }

    @Sendable func showHQCertificatesFile(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return FileResponse.make(try await profiles.certificateFile(caller, id: try context.parameters.require("id")))
    }

    @Sendable func submitHQPartnersCreditRating(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        do {
            _ = try await profiles.setCreditRating(caller, partnerId: id, rating: form["rating"], reason: form["ratingReason"])
            return Response.redirect(to: "/hq/partners/\(id)?notice=saved#credit", type: .found)
        } catch AppError.validation(let failure) {
            let errors = failure.errors.map { $0.field == "reason" ? FieldError(field: "ratingReason", problem: $0.problem) : $0 }
            return try await PartnerPages(services: services).profileResponse(request, context, id: id, errors: errors, attempted: form)
        }
    }

    @Sendable func showPortalCertificates(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let details = try await profiles.details(caller, partnerId: nil)
        let block = try await profiles.orderingBlock(caller)
        let page = PageContext(request, context)
        let body: HTML = """
            <h1>\(page.t("我的档案", "My profile"))</h1>
            \(block.map { Self.blockBanner(page, $0) } ?? .empty)
            \(Self.certificatesTable(page, details.certificates, day: details.day, fileBase: "/portal/certificates", manage: false))
            <p class="muted">\(page.t("证书到期前30天会收到提醒。续期后请将新证书交给总部登记。", "You are reminded 30 days before a certificate expires. Send renewed certificates to HQ to record."))</p>
            \(Self.creditSection(page, details.creditRatings))
            \(Charts.bars(page, id: "sales-chart", title: page.t("近12个月销售额(净额)", "Net sales, last 12 months"), values: details.monthlySales.map { ($0.month, $0.sales) }))
            """
        return HTMLResponse.page(Layout.page(page, title: page.t("我的档案", "My profile"), body: body))
    }

    @Sendable func showPortalCertificatesFile(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return FileResponse.make(try await profiles.certificateFile(caller, id: try context.parameters.require("id")))
    }

    func certificate(_ caller: Caller, _ id: String) async throws -> PartnerCertificate {
        try await profiles.certificate(caller, id: id)
    }

    static func certificateInput(_ form: FormData) -> CertificateInput {
        CertificateInput(
            type: form["certificateType"], number: form["number"], issuer: form["issuer"], validFrom: form["validFrom"], validTo: form["validTo"],
            required: form["required"] == "1", file: form.files["file"], rowVersion: form["rowVersion"].flatMap(Int64.init))
    }

    /// The banner a partner sees while an expired required certificate stops its purchase orders.
    static func blockBanner(_ page: PageContext, _ certificate: PartnerCertificate) -> HTML {
        """
        <div class="alert" role="alert" id="certificate-block">\(page.t("必备资质证书 \(certificate.number) 已于 \(certificate.validTo) 过期,暂时不能下进货单。请联系总部登记更新后的证书。", "The required certificate \(certificate.number) expired on \(certificate.validTo); purchase orders wait until HQ records the renewed one."))</div>
        """
    }

    static func standing(_ page: PageContext, _ certificate: PartnerCertificate, day: String) -> HTML {
        switch certificate.standing(on: day) {
        case .valid: return "<span class=\"badge active\">\(page.t("有效", "Valid"))</span>"
        case .expiringSoon: return "<span class=\"badge pending\">\(page.t("即将到期", "Expiring soon"))</span>"
        case .expired: return "<span class=\"badge terminated\">\(page.t("已过期", "Expired"))</span>"
        case .notYetValid: return "<span class=\"badge\">\(page.t("未生效", "Not yet valid"))</span>"
        }
    }

    static func certificatesTable(_ page: PageContext, _ certificates: [PartnerCertificate], day: String, fileBase: String, manage: Bool) -> HTML {
        let rows = certificates.html { certificate in
            let actions: HTML =
                manage
                ? """
                <a href="/hq/certificates/\(certificate.id)/edit">\(page.t("续期/修改", "Renew / edit"))</a>
                <form method="post" action="/hq/certificates/\(certificate.id)/remove" class="inline" data-confirm="\(page.t("确定移除该证书?", "Remove this certificate?"))">\(page.csrfField)
                <button class="link" type="submit">\(page.t(.remove))</button></form>
                """ : .empty
            return """
                <tr data-certificate="\(certificate.number)"><td>\(page.language.certificateType(certificate.type))\(certificate.required ? HTML(" <span class=\"badge\">\(page.t("必备", "Required"))</span>") : .empty)</td>
                <td class="mono">\(certificate.number)</td><td>\(certificate.issuer)</td><td>\(certificate.validFrom) ~ \(certificate.validTo)</td>
                <td>\(standing(page, certificate, day: day))</td>
                <td>\(certificate.fileId == nil ? HTML("—") : HTML("<a href=\"\(fileBase)/\(certificate.id)/file\">\(page.t("查看文件", "File"))</a>"))</td><td>\(actions)</td></tr>
                """
        }
        return """
            <h2 id="certificates">\(page.t("资质证书", "Certificates"))</h2>
            <div class="table-wrap"><table id="certificate-list"><thead><tr><th>\(page.t(.type))</th><th>\(page.t(.number))</th>
              <th>\(page.t("发证机关", "Issuer"))</th><th>\(page.t("有效期", "Valid"))</th><th>\(page.t(.status))</th><th>\(page.t(.file))</th><th></th></tr></thead>
              <tbody>\(rows)</tbody></table></div>
            \(certificates.isEmpty ? HTML("<p class=\"empty\">\(page.t("尚未登记资质证书。营业执照等证书由总部登记,请把扫描件交给对接的总部同事。", "No certificate recorded. HQ records them: send the scans to your HQ contact."))</p>") : .empty)
            """
    }

    static func creditSection(_ page: PageContext, _ ratings: [CreditRatingRecord]) -> HTML {
        let rows = ratings.html { rating in
            "<tr><td>\(BusinessTime.displayText(rating.setAt))</td><td><strong>\(rating.rating.rawValue)</strong></td><td>\(rating.reason)</td><td>\(rating.setBy)</td></tr>"
        }
        return """
            <h2 id="credit">\(page.t(.creditRating)) <span class="badge" id="credit-rating">\(ratings.first?.rating.rawValue ?? page.t("未评定", "Not rated"))</span></h2>
            <div class="table-wrap"><table id="credit-history"><thead><tr><th>\(page.t("时间", "When"))</th><th>\(page.t("等级", "Rating"))</th>
              <th>\(page.t(.reason))</th><th>\(page.t("评定人", "By"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    /// The form fields of a certificate, shared by "add" and "renew".
    static func certificateFields(_ page: PageContext, certificate: PartnerCertificate?, form: FormData?, errors: [FieldError]) -> HTML {
        let typeOptions = CertificateType.allCases.map { ($0.rawValue, page.language.certificateType($0)) }
        let required = form.map { $0["required"] == "1" } ?? certificate?.required ?? true
        return """
            <div class="fields">
            \(Field.select(page, name: "certificateType", options: typeOptions, selected: form?["certificateType"] ?? certificate?.type.rawValue, errors: errors))
            \(Field.text(page, name: "number", value: form?["number"] ?? certificate?.number, errors: errors, required: true))
            \(Field.text(page, name: "issuer", value: form?["issuer"] ?? certificate?.issuer, errors: errors, required: true))
            \(Field.text(page, name: "validFrom", value: form?["validFrom"] ?? certificate?.validFrom, errors: errors, type: "date", required: true))
            \(Field.text(page, name: "validTo", value: form?["validTo"] ?? certificate?.validTo, errors: errors, type: "date", required: true))
            <div class="field\(errors.contains { $0.field == "file" } ? " invalid" : "")"><label for="file">\(page.t("证书扫描件(JPG/PNG/PDF,≤5MB)", "Scan (JPG, PNG or PDF, up to 5 MB)"))</label>
              <input type="file" id="file" name="file" accept="image/jpeg,image/png,application/pdf"></div>
            </div>
            <div class="field checks"><label><input type="checkbox" name="required" value="1"\(required ? HTML(" checked") : .empty)> \(page.t("必备证书(过期可限制下单)", "Required (an expired one can stop ordering)"))</label></div>
            """
    }

    func editPage(_ page: PageContext, certificate: PartnerCertificate, form: FormData?, errors: [FieldError]) -> HTML {
        let body: HTML = """
            <p><a href="/hq/partners/\(certificate.partnerId)#certificates">‹ \(page.t("返回档案", "Back to the profile"))</a></p>
            <h1>\(page.t("续期/修改证书", "Renew or edit a certificate"))</h1>
            \(Layout.errorSummary(page, errors))
            <form method="post" action="/hq/certificates/\(certificate.id)" class="card" enctype="multipart/form-data" id="certificate-edit" novalidate>
              \(page.csrfField)<input type="hidden" name="rowVersion" value="\(certificate.rowVersion)">
              \(Self.certificateFields(page, certificate: certificate, form: form, errors: errors))
              <p class="muted">\(page.t("不选文件则保留原扫描件。", "Leave the file empty to keep the current scan."))</p>
              <div class="actions"><button type="submit" id="save-certificate">\(page.t(.save))</button></div>
            </form>
            """
        return Layout.page(page, title: page.t("续期/修改证书", "Renew or edit a certificate"), body: body)
    }
}
