import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// HQ's partner pages: list, tree, profile, create, edit, move and status.
struct PartnerPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/partners", use: showHQPartners)
        router.get("/hq/partners/tree", use: showHQPartnersTree)
        router.get("/hq/partners/new", use: showHQPartnersNew)
        router.post("/hq/partners", use: submitHQPartners)
        router.get("/hq/partners/{id}", use: showHQPartnersDetail)
        router.post("/hq/partners/{id}/reveal-phone", use: submitHQPartnersRevealPhone)
        router.get("/hq/partners/{id}/edit", use: showHQPartnersEdit)
        router.post("/hq/partners/{id}", use: submitHQPartnersDetail)
        router.post("/hq/partners/{id}/move", use: submitHQPartnersMove)
        router.post("/hq/partners/{id}/status", use: submitHQPartnersStatus)
    }

    @Sendable func showHQPartners(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        var filter = PartnerFilter(
            search: request.query("q"), level: request.queryInteger("level"),
            status: request.query("status").flatMap(PartnerStatus.init(rawValue:)),
            type: request.query("type").flatMap(PartnerType.init(rawValue:)), province: request.query("province"),
            city: request.query("city"))
        filter.grade = request.query("grade").flatMap(Grade.init(rawValue:))
        filter.sort = request.query("sort").flatMap(PartnerSort.init(rawValue:)) ?? .tree
        let list = try await services.partners.list(
            caller, filter: filter, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let grades = try await services.grading.currentGrades(caller, partnerIds: list.items.map(\.id))
        return HTMLResponse.page(listPage(PageContext(request, context), request: request, list: list, grades: grades, caller: caller))
    }

    @Sendable func showHQPartnersTree(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let partners = try await services.partners.tree(caller)
        let page = PageContext(request, context)
        let body: HTML = """
            <h1>\(page.t("渠道树", "Partner tree"))</h1>
            <p class="muted">\(page.t("总部 → 一级经销商 → 二级代理 → 三级门店。", "HQ → level-1 distributors → level-2 agents → level-3 stores."))</p>
            <div class="card" id="partner-tree"><div class="tree-node"><strong>\(page.t(.hq))</strong></div>
            \(TreeView.render(page, partners: partners, root: nil, link: { "/hq/partners/\($0.id)" }))</div>
            """
        return HTMLResponse.page(Layout.page(page, title: page.t("渠道树", "Partner tree"), body: body))
    }

    @Sendable func showHQPartnersNew(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.managePartners)
        let input = PartnerInput(type: "store", parent: request.query("parent"), status: "active")
        return HTMLResponse.page(formPage(PageContext(request, context), input: input, errors: [], partnerId: nil))
    }

    @Sendable func submitHQPartners(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let input = partnerInput(form)
        do {
            let partner = try await services.partners.create(caller, input)
            return Response.redirect(to: "/hq/partners/\(partner.id)?notice=created", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                formPage(PageContext(request, context), input: input, errors: failure.errors, partnerId: nil), status: .unprocessableContent)
        }
    }

    @Sendable func showHQPartnersDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        try await profileResponse(request, context, id: try context.parameters.require("id"), errors: [], attempted: nil)
    }

    @Sendable func submitHQPartnersRevealPhone(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        let id = try context.parameters.require("id")
        let phone = try await services.partners.revealContactPhone(caller, id: id)
        let view = try await services.partners.view(caller, id: id)
        return HTMLResponse.page(
            detailPage(
                PageContext(request, context), view: view, children: [], accounts: [], history: [], caller: caller, notice: nil,
                revealedPhone: phone, errors: []))
    }

    @Sendable func showHQPartnersEdit(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.managePartners)
        let partner = try await services.partners.view(caller, id: try context.parameters.require("id")).partner
        return HTMLResponse.page(formPage(PageContext(request, context), input: Self.input(from: partner), errors: [], partnerId: partner.id))
    }

    @Sendable func submitHQPartnersDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        var input = partnerInput(form)
        input.rowVersion = form["rowVersion"].flatMap(Int64.init)
        do {
            _ = try await services.partners.update(caller, id: id, input)
            return Response.redirect(to: "/hq/partners/\(id)?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                formPage(PageContext(request, context), input: input, errors: failure.errors, partnerId: id), status: .unprocessableContent)
        }
    }

    @Sendable func submitHQPartnersMove(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        try await action(request, context, notice: "moved") { caller, id, form in
            _ = try await services.partners.move(caller, id: id, newParent: form["parentId"])
        }
    }

    @Sendable func submitHQPartnersStatus(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        try await action(request, context, notice: "status") { caller, id, form in
            _ = try await services.partners.changeStatus(caller, id: id, status: form["status"], reason: form["reason"])
        }
    }

    /// The partner's whole profile page; with errors (a profile form that failed) it answers 422
    /// and shows what was typed beside each problem.
    func profileResponse(
        _ request: Request, _ context: QudaoRequestContext, id: String, errors: [FieldError], attempted: FormData?
    ) async throws -> Response {
        let caller = try context.caller
        let view = try await services.partners.view(caller, id: id)
        let children = try await services.partners.list(caller, filter: PartnerFilter(parentId: id), page: PageRequest(pageNumber: 1, pageSize: 50))
        var accounts: [AccountRecord] = []
        if caller.principal.can(.viewAccounts) {
            accounts = try await services.accounts.list(caller, filter: AccountFilter(partnerId: id), page: PageRequest(pageNumber: 1, pageSize: 50))
                .items
        }
        var history: [AuditEntry] = []
        if caller.principal.can(.viewAuditLog) {
            history = try await services.auditLog.entries(
                caller, filter: AuditFilter(entityType: "partner", entityId: view.partner.id), page: PageRequest(pageNumber: 1, pageSize: 10)
            ).items
        }
        let grading = try await services.grading.partnerGrading(
            caller, partnerId: view.partner.id, page: PageRequest(pageNumber: 1, pageSize: 5))
        let tasks = try await services.followUps.list(
            caller, filter: FollowUpFilter(status: .open, partnerId: view.partner.id), page: PageRequest(pageNumber: 1, pageSize: 5))
        let details = try await services.profiles.details(caller, partnerId: view.partner.id)
        let stock = try await services.partnerStock.stock(
            caller, partnerId: view.partner.id, search: nil, page: PageRequest(pageNumber: 1, pageSize: 5))
        let page = PageContext(request, context)
        var payers: HTML = .empty
        if caller.principal.can(.viewFinance) {
            payers = PayerPages.section(
                page, try await services.bank.payers(caller, partner: view.partner.id), action: "/hq/partners/\(view.partner.id)/payers",
                manage: caller.principal.can(.manageFinance), request: request)
        }
        let html = detailPage(
            page, view: view, children: children.items, accounts: accounts, history: history, caller: caller,
            notice: errors.isEmpty ? request.query("notice") : nil, revealedPhone: nil,
            errors: errors.filter { ["parentId", "status", "reason"].contains($0.field) },
            attempted: attempted, grading: grading, tasks: tasks.items,
            profile: "\(profileSections(page, details: details, stock: stock.levels, caller: caller, errors: errors, attempted: attempted))\(payers)")
        return HTMLResponse.page(html, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Certificates (with the add form), the credit rating (with the rating form), sales by month
    /// and the stock on hand.
    func profileSections(
        _ page: PageContext, details: PartnerProfileDetails, stock: Page<PartnerStockLevel>, caller: Caller, errors: [FieldError],
        attempted: FormData?
    ) -> HTML {
        let partner = details.partner
        let manage = caller.principal.can(.managePartners)
        let certificateErrors = errors.filter { ["certificateType", "number", "issuer", "validFrom", "validTo", "file"].contains($0.field) }
        let addCertificate: HTML =
            manage
            ? """
            <details class="card"\(certificateErrors.isEmpty ? HTML.empty : HTML(" open")) id="add-certificate"><summary>\(page.t("登记资质证书", "Record a certificate"))</summary>
            \(Layout.errorSummary(page, certificateErrors))
            <form method="post" action="/hq/partners/\(partner.id)/certificates" enctype="multipart/form-data" id="certificate-form" novalidate>
              \(page.csrfField)
              \(PartnerProfilePages.certificateFields(page, certificate: nil, form: certificateErrors.isEmpty ? nil : attempted, errors: certificateErrors))
              <button type="submit" id="save-certificate">\(page.t("保存证书", "Save the certificate"))</button></form></details>
            """ : .empty
        let ratingErrors = errors.filter { ["rating", "ratingReason"].contains($0.field) }
        let canRate = caller.principal.can(.managePartners) || caller.principal.can(.manageFinance)
        let ratingForm: HTML =
            canRate
            ? """
            <form method="post" action="/hq/partners/\(partner.id)/credit-rating" class="card" id="credit-form" novalidate>\(page.csrfField)
              <div class="fields">
              \(Field.select(page, name: "rating", label: page.t(.creditRating), options: CreditRating.allCases.map { ($0.rawValue, $0.rawValue) }, selected: attempted?["rating"] ?? details.creditRating?.rating.rawValue, errors: ratingErrors))
              \(Field.text(page, name: "ratingReason", label: page.t("调整原因", "Reason"), value: ratingErrors.isEmpty ? nil : attempted?["ratingReason"], errors: ratingErrors, required: true))
              </div>
              <button type="submit" id="set-credit">\(page.t("设置信用等级", "Set the rating"))</button></form>
            """ : .empty
        let stockRows = stock.items.html { level in
            "<tr><td class=\"mono\">\(level.sku)</td><td>\(level.name)</td><td class=\"number\">\(level.onHand)</td><td class=\"number\">\(level.inTransit)</td></tr>"
        }
        return """
            \(PartnerProfilePages.certificatesTable(page, details.certificates, day: details.day, fileBase: "/hq/certificates", manage: manage))
            \(addCertificate)
            \(PartnerProfilePages.creditSection(page, details.creditRatings))
            \(ratingForm)
            <h2>\(page.t("销售历史", "Sales history"))</h2>
            \(Charts.bars(page, id: "sales-chart", title: page.t("近12个月销售额(净额,含推荐订单,扣除退款)", "Net sales of the last 12 months (purchase and referral orders, less refunds)"), values: details.monthlySales.map { ($0.month, $0.sales) }))
            <h2>\(page.t(.stock)) <a class="button secondary" href="/hq/partners/\(partner.id)/stock">\(page.t("全部库存", "All stock"))</a></h2>
            <div class="table-wrap"><table id="profile-stock"><thead><tr><th>SKU</th><th>\(page.t("商品", "Product"))</th>
              <th class="number">\(page.t("在手", "On hand"))</th><th class="number">\(page.t(.inTransit))</th></tr></thead><tbody>\(stockRows)</tbody></table></div>
            \(stock.items.isEmpty ? HTML("<p class=\"muted\">\(page.t("暂无库存。", "No stock."))</p>") : .empty)
            """
    }

    /// Runs a profile action; on a validation error the profile is shown again with the message.
    func action(
        _ request: Request, _ context: QudaoRequestContext, notice: String,
        _ body: @Sendable (Caller, String, FormData) async throws -> Void
    ) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        do {
            try await body(caller, id, form)
            return Response.redirect(to: "/hq/partners/\(id)?notice=\(notice)", type: .found)
        } catch AppError.validation(let failure) {
            return try await profileResponse(request, context, id: id, errors: failure.errors, attempted: form)
        }
    }

    func partnerInput(_ form: FormData) -> PartnerInput {
        PartnerInput(
            code: form["code"], name: form["name"], type: form["type"], parent: form["parentId"], province: form["province"],
            city: form["city"], address: form["address"], contactName: form["contactName"], contactPhone: form["contactPhone"],
            businessLicenceNumber: form["businessLicenceNumber"], status: form["status"], ownerPassword: form["ownerPassword"])
    }

    static func input(from partner: PartnerRecord) -> PartnerInput {
        PartnerInput(
            code: partner.code, name: partner.name, type: partner.type.rawValue, parent: partner.parentId, province: partner.province,
            city: partner.city, address: partner.address, contactName: partner.contactName, contactPhone: partner.contactPhone,
            businessLicenceNumber: partner.businessLicenceNumber, status: partner.status.rawValue, rowVersion: partner.rowVersion)
    }

    // MARK: - Views

    func listPage(_ page: PageContext, request: Request, list: Page<PartnerRecord>, grades: [String: CurrentGrade], caller: Caller) -> HTML {
        let language = page.language
        let query: [String: String] = [
            "q": request.query("q") ?? "", "level": request.query("level") ?? "", "status": request.query("status") ?? "",
            "type": request.query("type") ?? "", "province": request.query("province") ?? "", "city": request.query("city") ?? "",
            "grade": request.query("grade") ?? "", "sort": request.query("sort") ?? "",
        ]
        let rows = list.items.html { partner in
            """
            <tr>
              <td data-label="\(page.t(.code))" class="mono"><a href="/hq/partners/\(partner.id)">\(partner.code)</a></td>
              <td data-label="\(page.t("名称", "Name"))">\(partner.name)</td>
              <td data-label="\(page.t(.type))">\(language.partnerType(partner.type))</td>
              <td data-label="\(page.t(.level))">\(language.level(partner.level))</td>
              <td data-label="\(page.t(.region))">\(partner.province) \(partner.city)</td>
              <td data-label="\(page.t(.contact))">\(partner.contactName) <span class="mono">\(partner.maskedContactPhone)</span></td>
              <td data-label="\(page.t(.status))"><span class="badge \(partner.status.rawValue)">\(language.partnerStatus(partner.status))</span></td>
              <td data-label="\(page.t(.grade))">\(GradingViews.badge(page, grades[partner.id]?.grade))</td>
              <td data-label="\(page.t(.sellThrough))" class="number">\(GradingViews.percent(grades[partner.id]?.sellThroughBasisPoints))</td>
              <td data-label="\(page.t(.returnRate))" class="number">\(GradingViews.percent(grades[partner.id]?.returnRateBasisPoints))</td>
              <td data-label="\(page.t(.salesChange))" class="number">\(GradingViews.percent(grades[partner.id]?.salesChangeBasisPoints))</td>
            </tr>
            """
        }
        let levelOptions = (1...3).map { (String($0), language.level($0)) }
        let statusOptions = PartnerStatus.allCases.map { ($0.rawValue, language.partnerStatus($0)) }
        let typeOptions = PartnerType.allCases.map { ($0.rawValue, language.partnerType($0)) }
        let provinceOptions = Province.all.map { ($0, $0) }
        let gradeOptions = [Grade.quality, .potential, .warning].map { ($0.rawValue, language.grade($0)) }
        let sortOptions: [(String, String)] = [
            (PartnerSort.tree.rawValue, page.t("按渠道树", "Tree order")), (PartnerSort.grade.rawValue, page.t("评级(预警在前)", "Grade (warning first)")),
            (PartnerSort.sellThroughAscending.rawValue, page.t("动销率从低到高", "Sell-through, lowest first")),
            (PartnerSort.sellThroughDescending.rawValue, page.t("动销率从高到低", "Sell-through, highest first")),
            (PartnerSort.returnRateDescending.rawValue, page.t("退货率从高到低", "Return rate, highest first")),
            (PartnerSort.returnRateAscending.rawValue, page.t("退货率从低到高", "Return rate, lowest first")),
            (PartnerSort.salesChangeAscending.rawValue, page.t("销售变化从低到高", "Sales change, lowest first")),
            (PartnerSort.salesChangeDescending.rawValue, page.t("销售变化从高到低", "Sales change, highest first")),
        ]
        let newButton: HTML =
            caller.principal.can(.managePartners)
            ? """
            <a class="button secondary" href="/hq/partners/import" id="import-partners">\(page.t(.importFromExcel))</a>
            <a class="button" href="/hq/partners/new" id="new-partner">\(page.t("新建渠道商", "New partner"))</a>
            """ : .empty
        let body: HTML = """
            <div class="actions spread"><h1>\(page.t("渠道商", "Partners"))</h1>
              <div class="actions"><a class="button secondary" href="/hq/partners/tree">\(page.t("树状视图", "Tree view"))</a>\(newButton)</div></div>
            <form method="get" class="toolbar" action="/hq/partners">
              <div class="field"><label for="q">\(page.t(.search))</label>
                <input type="search" id="q" name="q" value="\(request.query("q"))" placeholder="\(page.t("编码、名称、城市、联系人或手机号", "Code, name, city, contact or phone"))"></div>
              \(Field.select(page, name: "level", label: page.t(.level), options: levelOptions, selected: request.query("level"), errors: [], includeBlank: page.t(.all)))
              \(Field.select(page, name: "status", label: page.t(.status), options: statusOptions, selected: request.query("status"), errors: [], includeBlank: page.t(.all)))
              \(Field.select(page, name: "type", label: page.t(.type), options: typeOptions, selected: request.query("type"), errors: [], includeBlank: page.t(.all)))
              \(Field.select(page, name: "province", label: page.t(.province), options: provinceOptions, selected: request.query("province"), errors: [], includeBlank: page.t(.all)))
              <div class="field"><label for="city">\(page.t(.city))</label><input type="text" id="city" name="city" value="\(request.query("city"))"></div>
              \(Field.select(page, name: "grade", label: page.t(.grade), options: gradeOptions, selected: request.query("grade"), errors: [], includeBlank: page.t(.all)))
              \(Field.select(page, name: "sort", label: page.t("排序", "Sort"), options: sortOptions, selected: request.query("sort"), errors: []))
              <button type="submit">\(page.t(.filter))</button>
            </form>
            <div class="table-wrap"><table class="responsive" id="partner-list">
              <thead><tr><th>\(page.t(.code))</th><th>\(page.t("名称", "Name"))</th><th>\(page.t(.type))</th>
                <th>\(page.t(.level))</th><th>\(page.t(.region))</th><th>\(page.t(.contact))</th><th>\(page.t(.status))</th>
                <th>\(page.t(.grade))</th><th class="number">\(page.t(.sellThrough))</th><th class="number">\(page.t(.returnRate))</th>
                <th class="number">\(page.t(.salesChange))</th></tr></thead>
              <tbody>\(rows)</tbody></table></div>
            \(list.items.isEmpty ? HTML("<p class=\"muted\">\(page.t("没有符合条件的渠道商。", "No partners match."))</p>") : .empty)
            \(Layout.pager(page, list, baseQuery: query))
            """
        return Layout.page(page, title: page.t("渠道商", "Partners"), body: body)
    }

    func formPage(_ page: PageContext, input: PartnerInput, errors: [FieldError], partnerId: String?) -> HTML {
        let language = page.language
        let isNew = partnerId == nil
        let title = isNew ? page.t("新建渠道商", "New partner") : page.t("编辑渠道商", "Edit partner")
        let typeOptions = PartnerType.allCases.map { ($0.rawValue, language.partnerType($0)) }
        let provinceOptions = Province.all.map { ($0, $0) }
        let statusOptions = [PartnerStatus.active, .pending].map { ($0.rawValue, language.partnerStatus($0)) }
        let creationFields: HTML =
            isNew
            ? """
            \(Field.text(page, name: "code", value: input.code, errors: errors, hint: page.t("留空则自动生成;创建后不可修改", "Leave blank to generate one; it cannot change later")))
            \(Field.text(page, name: "parentId", label: page.t("上级渠道编码", "Parent partner code"), value: input.parent, errors: errors, hint: page.t("留空表示直属总部(一级)", "Leave blank for a level-1 partner directly under HQ")))
            \(Field.select(page, name: "status", options: statusOptions, selected: input.status, errors: errors))
            \(Field.text(page, name: "ownerPassword", value: nil, errors: errors, type: "password", hint: page.t("可选:填写后创建主账号,登录名为渠道编码", "Optional: creates the owner account, signing in with the partner code")))
            """ : "<input type=\"hidden\" name=\"rowVersion\" value=\"\(input.rowVersion ?? 0)\">"
        let body: HTML = """
            <h1>\(title)</h1>
            \(Layout.errorSummary(page, errors))
            <form method="post" action="\(isNew ? "/hq/partners" : "/hq/partners/\(partnerId ?? "")")" class="card" id="partner-form" novalidate>
              \(page.csrfField)
              <div class="fields">
              \(Field.text(page, name: "name", value: input.name, errors: errors, required: true))
              \(Field.select(page, name: "type", options: typeOptions, selected: input.type, errors: errors))
              \(creationFields)
              \(Field.select(page, name: "province", options: provinceOptions, selected: input.province, errors: errors, includeBlank: page.t(.choose)))
              \(Field.text(page, name: "city", value: input.city, errors: errors, required: true))
              \(Field.text(page, name: "address", value: input.address, errors: errors))
              \(Field.text(page, name: "contactName", value: input.contactName, errors: errors, required: true))
              \(Field.text(page, name: "contactPhone", value: input.contactPhone, errors: errors, required: true))
              \(Field.text(page, name: "businessLicenceNumber", value: input.businessLicenceNumber, errors: errors))
              </div>
              <div class="actions"><button type="submit" id="save-partner">\(page.t(.save))</button>
                <a href="\(isNew ? "/hq/partners" : "/hq/partners/\(partnerId ?? "")")">\(page.t(.cancel))</a></div>
            </form>
            """
        return Layout.page(page, title: title, body: body)
    }

    func detailPage(
        _ page: PageContext, view: PartnerView, children: [PartnerRecord], accounts: [AccountRecord], history: [AuditEntry], caller: Caller,
        notice: String?, revealedPhone: String?, errors: [FieldError], attempted: FormData? = nil, grading: PartnerGradingView? = nil,
        tasks: [FollowUpTask] = [], profile: HTML = .empty
    ) -> HTML {
        let language = page.language
        let partner = view.partner
        let parentHTML: HTML =
            view.parent.map { "<a href=\"/hq/partners/\($0.id)\">\($0.code) \($0.name)</a>" }
            ?? HTML(stringLiteral: page.t(.hq))
        let childRows = children.html { child in
            "<li><a href=\"/hq/partners/\(child.id)\">\(child.code)</a> \(child.name) <span class=\"badge \(child.status.rawValue)\">\(language.partnerStatus(child.status))</span></li>"
        }
        let manage = caller.principal.can(.managePartners)
        let body: HTML = """
            \(Layout.notice(page, notice))
            <div class="actions spread">
              <h1>\(partner.name) <span class="badge \(partner.status.rawValue)" id="partner-status">\(language.partnerStatus(partner.status))</span></h1>
              <div class="actions">\(Self.headerLinks(page, partner: partner, manage: manage))</div></div>
            <div class="card"><dl class="profile">
              <dt>\(page.t("渠道编码", "Code"))</dt><dd class="mono" id="partner-code">\(partner.code)</dd>
              <dt>\(page.t(.type))</dt><dd>\(language.partnerType(partner.type))</dd>
              <dt>\(page.t(.level))</dt><dd id="partner-level">\(language.level(partner.level))</dd>
              <dt>\(page.t(.parent))</dt><dd id="partner-parent">\(parentHTML)</dd>
              <dt>\(page.t(.region))</dt><dd>\(partner.province) \(partner.city)</dd>
              <dt>\(page.t("地址", "Address"))</dt><dd>\(partner.address)</dd>
              <dt>\(page.t(.contact))</dt><dd>\(partner.contactName)</dd>
              <dt>\(page.t("联系电话", "Phone"))</dt><dd>\(Self.phoneCell(page, view: view, revealedPhone: revealedPhone))</dd>
              <dt>\(page.t(.businessLicence))</dt><dd class="mono">\(partner.businessLicenceNumber ?? "—")</dd>
              <dt>\(page.t("创建时间", "Created"))</dt><dd>\(BusinessTime.displayText(partner.createdAt))</dd>
            </dl></div>
            \(gradingSection(page, partner: partner, grading: grading, tasks: tasks))
            \(profile)
            <h2>\(page.t(.directDownline)) (\(view.childCount))</h2>
            <ul id="children">\(childRows)</ul>
            \(manage ? Self.actions(page, partner: partner, errors: errors, attempted: attempted) : .empty)
            \(caller.principal.can(.viewAccounts) ? Self.accountsSection(page, partner: partner, accounts: accounts) : .empty)
            \(Self.historySection(page, partner: partner, history: history))
            """
        return Layout.page(page, title: partner.name, body: body)
    }

    /// The contact phone: masked, revealed (and recorded), or with the button that reveals it.
    static func phoneCell(_ page: PageContext, view: PartnerView, revealedPhone: String?) -> HTML {
        let partner = view.partner
        let phoneHTML: HTML
        if let revealedPhone {
            phoneHTML =
                "<span class=\"mono\" id=\"contact-phone\">\(revealedPhone)</span> <span class=\"muted\">\(page.t("(已记录查看操作)", "(this reveal was recorded)"))</span>"
        } else if view.canRevealPersonalData {
            phoneHTML = """
                <span class="mono" id="contact-phone">\(partner.maskedContactPhone)</span>
                <form method="post" action="/hq/partners/\(partner.id)/reveal-phone" class="inline">\(page.csrfField)
                <button class="link" type="submit" id="reveal-phone">\(page.t("查看完整号码", "Reveal"))</button></form>
                """
        } else {
            phoneHTML = "<span class=\"mono\" id=\"contact-phone\">\(partner.maskedContactPhone)</span>"
        }
        return phoneHTML
    }

    /// The buttons at the top: edit, a new downline partner, stock and the finance pages.
    static func headerLinks(_ page: PageContext, partner: PartnerRecord, manage: Bool) -> HTML {
        let editLink: HTML =
            manage
            ? "<a class=\"button secondary\" href=\"/hq/partners/\(partner.id)/edit\" id=\"edit-partner\">\(page.t("编辑资料", "Edit profile"))</a>"
            : .empty
        let addChild: HTML =
            manage && partner.level < 3
            ? "<a class=\"button secondary\" href=\"/hq/partners/new?parent=\(partner.code)\">\(page.t("新建下级", "New downline partner"))</a>" : .empty
        let financeLinks: HTML =
            page.account?.principal.can(.viewFinance) == true
            ? """
            <a class="button secondary" href="/hq/prepaid/\(partner.id)">\(page.t("预存款", "Prepaid"))</a>
            <a class="button secondary" href="/hq/commissions?partnerId=\(partner.id)">\(page.t(.commission))</a>
            <a class="button secondary" href="/hq/statements?partnerId=\(partner.id)">\(page.t("结算单", "Statements"))</a>
            <a class="button secondary" href="/hq/partners/\(partner.id)/payout" id="payout-settings">\(page.t(.payoutMethod))</a>
            """ : .empty
        let stockLink: HTML =
            "<a class=\"button secondary\" href=\"/hq/partners/\(partner.id)/stock\" id=\"partner-stock\">\(page.t(.stock))</a>"
        return "\(editLink)\(addChild)\(stockLink)\(financeLinks)"
    }

    /// Moving the partner and changing its status.
    static func actions(_ page: PageContext, partner: PartnerRecord, errors: [FieldError], attempted: FormData?) -> HTML {
        let language = page.language
        let statusOptions = partner.status.allowedNextStatuses.map { ($0.rawValue, language.partnerStatus($0)) }
        return """
            <h2>\(page.t("管理操作", "Actions"))</h2>
            \(Layout.errorSummary(page, errors))
            <div class="grid">
              <form method="post" action="/hq/partners/\(partner.id)/move" class="card" id="move-form">
                \(page.csrfField)
                \(Field.text(page, name: "parentId", label: page.t("移动到新的上级(编码,留空为总部)", "Move under another parent (code; blank for HQ)"), value: attempted?["parentId"], errors: errors))
                <p class="muted">\(page.t("下级渠道商随之移动;只影响移动后支付的订单。", "Its downline moves with it; only orders paid after the move are affected."))</p>
                <button type="submit" id="move-partner">\(page.t("移动", "Move"))</button>
              </form>
              <form method="post" action="/hq/partners/\(partner.id)/status" class="card" id="status-form">
                \(page.csrfField)
                \(Field.select(page, name: "status", label: page.t("变更状态", "Change status"), options: statusOptions, selected: attempted?["status"], errors: errors))
                \(Field.text(page, name: "reason", value: attempted?["reason"], errors: errors, hint: page.t("暂停或终止时必填", "Required to suspend or terminate")))
                <button type="submit" id="change-status">\(page.t("确认变更", "Change"))</button>
              </form>
            </div>
            """
    }

    /// The partner's login accounts, for HQ accounts that may see them.
    static func accountsSection(_ page: PageContext, partner: PartnerRecord, accounts: [AccountRecord]) -> HTML {
        let language = page.language
        let accountRows = accounts.html { account in
            """
            <tr><td class="mono"><a href="/hq/accounts/\(account.id)">\(account.username)</a></td><td>\(account.displayName)</td>
            <td>\(account.isOwner ? page.t(.owner) : page.t("子账号", "Sub-account"))</td>
            <td><span class="badge \(account.status.rawValue)">\(language.accountStatus(account.status))</span></td></tr>
            """
        }
        return """
            <h2>\(page.t("登录账号", "Accounts"))</h2>
            <div class="table-wrap"><table><tbody>\(accountRows)</tbody></table></div>
            \(accounts.isEmpty ? HTML("<p class=\"muted\">\(page.t("暂无账号。", "No accounts yet."))</p>") : .empty)
            <p><a href="/hq/accounts/new?kind=partner&partner=\(partner.code)">\(page.t("为该渠道商新建账号", "New account for this partner"))</a></p>
            """
    }

    /// The latest audit entries about the partner.
    static func historySection(_ page: PageContext, partner: PartnerRecord, history: [AuditEntry]) -> HTML {
        let historyRows = history.html { entry in
            "<tr><td>\(BusinessTime.displayText(entry.occurredAt))</td><td>\(entry.username)</td><td class=\"mono\">\(entry.action)</td><td class=\"mono\">\(entry.sourceIP)</td></tr>"
        }
        return history.isEmpty
            ? .empty
            : """
            <h2>\(page.t("最近操作记录", "Recent changes"))</h2>
            <div class="table-wrap"><table><tbody>\(historyRows)</tbody></table></div>
            <p><a href="/hq/audit?entityType=partner&entityId=\(partner.id)">\(page.t("查看全部", "See all"))</a></p>
            """
    }
}

extension PartnerPages {
    /// The partner's grade with its latest figures, recent changes and open follow-up tasks.
    func gradingSection(_ page: PageContext, partner: PartnerRecord, grading: PartnerGradingView?, tasks: [FollowUpTask]) -> HTML {
        guard let grading else { return .empty }
        let taskList: HTML =
            tasks.isEmpty
            ? HTML("<p class=\"muted\">\(page.t("没有进行中的跟进任务。", "No open follow-up tasks."))</p>")
            : """
            <div class="table-wrap"><table id="partner-follow-ups"><tbody>\(GradingViews.taskRows(page, tasks, partners: [partner.id: partner], base: "/hq/follow-ups"))</tbody></table></div>
            """
        return """
            <h2>\(page.t("分级", "Grade")) \(GradingViews.badge(page, grading.current?.grade))
              \(grading.current.map { HTML("<span class=\"muted\">\(page.t("自 \($0.sinceDate) 起", "since \($0.sinceDate)"))</span>") } ?? .empty)</h2>
            \(grading.latest.map { GradingViews.figures(page, $0) } ?? .empty)
            <p><a href="/hq/partners/\(partner.id)/grades" id="grade-history-link">\(page.t("全部评级记录", "Every grade change"))</a></p>
            <h3>\(page.t("跟进任务", "Follow-up tasks"))</h3>
            \(taskList)
            """
    }
}
