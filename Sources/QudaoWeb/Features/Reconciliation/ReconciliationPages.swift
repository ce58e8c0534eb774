import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// Monthly partner statements (对账单) on the portal, where a partner reads and confirms its own on
/// a phone, and at HQ, where finance follows them by state and issues a settled month's missing ones.
struct ReconciliationPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/portal/reconciliation", use: showPortalList)
        router.get("/portal/reconciliation/{id}", use: showPortalDetail)
        router.get("/portal/reconciliation/{id}/statement.xlsx") { request, context in try await download(request, context, format: .xlsx) }
        router.get("/portal/reconciliation/{id}/statement.pdf") { request, context in try await download(request, context, format: .pdf) }
        router.post("/portal/reconciliation/{id}/confirm", use: submitPortalConfirm)
        router.get("/portal/reconciliation/{id}/dispute", use: showPortalDispute)
        router.post("/portal/reconciliation/{id}/dispute", use: submitPortalDispute)
        router.get("/portal/reconciliation/{id}/attachment", use: downloadAttachment)
        router.get("/hq/reconciliation", use: showHQBoard)
        router.post("/hq/reconciliation/issue", use: submitHQIssue)
        router.get("/hq/reconciliation/{id}", use: showHQDetail)
        router.get("/hq/reconciliation/{id}/statement.xlsx") { request, context in try await download(request, context, format: .xlsx) }
        router.get("/hq/reconciliation/{id}/statement.pdf") { request, context in try await download(request, context, format: .pdf) }
        router.post("/hq/reconciliation/{id}/answer", use: submitHQAnswer)
        router.get("/hq/reconciliation/{id}/attachment", use: downloadAttachment)
    }

    /// The file attached to a dispute (who may read it is the service's rule).
    @Sendable func downloadAttachment(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return FileResponse.make(try await services.partnerStatements.disputeAttachment(caller, statementId: try context.parameters.require("id")))
    }

    /// The statement as a workbook or a PDF, the hash printed at the top (the same routine serves
    /// HQ, the portal and the API; who may read it is the service's rule).
    func download(_ request: Request, _ context: QudaoRequestContext, format: ReportFormat) async throws -> Response {
        let caller = try context.caller
        let statement = try await services.partnerStatements.statement(caller, id: try context.parameters.require("id"))
        return try await ReconciliationViews.file(services, statement, language: context.language, format: format)
    }

    // MARK: - Portal

    @Sendable func showPortalList(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let page = PageContext(request, context)
        let list = try await services.partnerStatements.statements(
            caller, filter: PartnerStatementFilter(),
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let rows = list.items.html { statement in
            """
            <tr data-statement="\(statement.number)"><td data-label="\(page.t(.month))"><a href="/portal/reconciliation/\(statement.id)">\(statement.month)</a></td>
            <td class="mono" data-label="\(page.t(.documentNumber))">\(statement.number)</td>
            <td data-label="\(page.t(.status))">\(ReconciliationViews.status(page, statement))</td>
            <td class="number" data-label="\(page.t("预存款期末", "Prepaid closing"))">\(statement.content.account(.prepaid)?.closing.formatted ?? "—")</td></tr>
            """
        }
        let days = try await services.settings.reconciliation().autoConfirmDays
        let body: HTML = """
            <h1>\(page.t("月度对账单", "Monthly statements"))</h1>
            <p class="muted">\(page.t("每月结算后出具。请核对并确认,有误请提出异议;\(days) 天内未处理视为确认。", "Issued after each month's settlement. Check it and confirm or dispute it; after \(days) days without an answer it counts as confirmed."))</p>
            <div class="table-wrap"><table class="responsive" id="statement-list"><thead><tr><th>\(page.t(.month))</th><th>\(page.t(.documentNumber))</th><th>\(page.t(.status))</th><th class="number">\(page.t("预存款期末", "Prepaid closing"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(list.items.isEmpty ? HTML("<p class=\"muted\">\(page.t("还没有对账单:每月结算后出具。", "No statements yet: they are issued after each month's settlement."))</p>") : .empty)
            \(Layout.pager(page, list, baseQuery: [:]))
            """
        return HTMLResponse.page(Layout.page(page, title: page.t("月度对账单", "Monthly statements"), body: body))
    }

    @Sendable func showPortalDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let disputed = try await services.partnerStatements.statementWithDispute(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(portalDetail(PageContext(request, context), disputed, errors: [], notice: request.query("notice")))
    }

    @Sendable func submitPortalConfirm(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        let id = try context.parameters.require("id")
        do {
            _ = try await services.partnerStatements.confirm(caller, id: id)
            return Response.redirect(to: "/portal/reconciliation/\(id)?notice=confirmed", type: .found)
        } catch AppError.conflict(let reason) {
            // Answered meanwhile (another account of the partner, or automatically): the statement
            // as it stands, with why.
            let disputed = try await services.partnerStatements.statementWithDispute(caller, id: id)
            return HTMLResponse.page(
                portalDetail(
                    PageContext(request, context), disputed, errors: [FieldError(field: "statement", problem: .notAllowed(reason: reason))],
                    notice: nil),
                status: .conflict)
        }
    }

    func portalDetail(_ page: PageContext, _ disputed: PartnerStatementService.Disputed, errors: [FieldError], notice: String?) -> HTML {
        let statement = disputed.statement
        let canAnswer = statement.status == .issued && (page.account?.principal.can(.partnerFinanceView) ?? false)
        let answer: HTML =
            canAnswer
            ? """
            <form method="post" action="/portal/reconciliation/\(statement.id)/confirm" class="card sticky-actions" id="confirm-form">\(page.csrfField)
              <p>\(page.t("核对无误请确认。确认后本对账单不再更改,之后的更正计入以后月份。", "If it is right, confirm it. Once confirmed it never changes; later corrections appear in a later month."))</p>
              <button type="submit" id="confirm-statement">\(page.t("确认", "Confirm"))</button>
              <a class="button secondary" id="dispute-statement" href="/portal/reconciliation/\(statement.id)/dispute">\(page.t("有异议", "Dispute"))</a></form>
            """ : .empty
        let body: HTML = """
            \(Layout.notice(page, notice))
            \(Layout.errorSummary(page, errors))
            \(ReconciliationViews.replacement(page, disputed, base: "/portal/reconciliation"))
            \(ReconciliationViews.statement(page, statement, orderLink: "/portal/orders"))
            \(disputed.dispute.map { ReconciliationViews.dispute(page, $0, statement: statement, base: "/portal/reconciliation", answering: false, form: nil, errors: []) } ?? .empty)
            \(ReconciliationViews.downloads(page, statement, base: "/portal/reconciliation"))
            \(answer)
            <p><a href="/portal/reconciliation">\(page.t("全部对账单", "All statements"))</a></p>
            """
        return Layout.page(page, title: page.t("\(statement.month) 对账单", "Statement \(statement.month)"), body: body)
    }

    @Sendable func showPortalDispute(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let statement = try await services.partnerStatements.statement(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(disputeForm(PageContext(request, context), statement, form: nil, errors: []))
    }

    @Sendable func submitPortalDispute(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        let picked = form.all("line")
        let lines = picked.map { key in
            DisputeLineInput(
                entryId: key.hasPrefix("e") ? Int64(key.dropFirst()) : nil, orderNumber: key.hasPrefix("o") ? String(key.dropFirst()) : nil,
                claimed: .yuanText(form["claimed-\(key)"]))
        }
        do {
            _ = try await services.partnerStatements.dispute(
                caller, id: id, lines: lines, comment: form["comment"], attachment: form.files["attachment"])
            return Response.redirect(to: "/portal/reconciliation/\(id)?notice=disputed", type: .found)
        } catch AppError.validation(let failure) {
            let statement = try await services.partnerStatements.statement(caller, id: id)
            // A line's problem is shown on its row too: the service numbers the lines in the order sent.
            let errors = failure.errors.flatMap { error -> [FieldError] in
                guard error.field.hasPrefix("disputeLines["), let close = error.field.firstIndex(of: "]"),
                    let index = Int(error.field[error.field.index(error.field.startIndex, offsetBy: 13)..<close]), picked.indices.contains(index)
                else { return [error] }
                return [error, FieldError(field: "claimed-\(picked[index])", problem: error.problem)]
            }
            return HTMLResponse.page(disputeForm(PageContext(request, context), statement, form: form, errors: errors), status: .unprocessableContent)
        } catch AppError.conflict(let reason) {
            let statement = try await services.partnerStatements.statement(caller, id: id)
            return HTMLResponse.page(
                disputeForm(
                    PageContext(request, context), statement, form: form,
                    errors: [FieldError(field: "statement", problem: .notAllowed(reason: reason))]),
                status: .conflict)
        }
    }

    /// The dispute form, made for a phone: each movement and order of the statement with a box to
    /// tick and the amount it should be, then the comment and an optional file.
    func disputeForm(_ page: PageContext, _ statement: PartnerStatementRecord, form: FormData?, errors: [FieldError]) -> HTML {
        let picked = Set(form?.all("line") ?? [])
        func row(key: String, when: String, document: String, description: String, amount: Money) -> HTML {
            let field = "claimed-\(key)"
            let error = errors.first { $0.field == field }
            return """
                <li class="dispute-line\(error == nil ? "" : " invalid")" data-line="\(key)">
                  <label class="check"><input type="checkbox" name="line" value="\(key)"\(picked.contains(key) ? HTML(" checked") : .empty)>
                    <span><span class="mono">\(document.isEmpty ? "—" : document)</span> \(description)<br><span class="muted small">\(when)</span></span>
                    <span class="number">\(amount.formatted)</span></label>
                  <div class="field"><label for="\(field)">\(page.t("应为(元)", "Should be (yuan)"))</label>
                    <input type="text" inputmode="decimal" id="\(field)" name="\(field)" value="\(form?[field] ?? "")" placeholder="\(amount.yuanText)"\(error == nil ? HTML.empty : HTML(" aria-invalid=\"true\""))>
                    \(error.map { HTML("<div class=\"error\">\(page.language.message(for: $0.problem))</div>") } ?? .empty)</div>
                </li>
                """
        }
        let accounts = statement.content.accounts.filter { !$0.movements.isEmpty }.html { account in
            """
            <fieldset class="card"><legend>\(page.language.statementAccount(account.kind))</legend><ul class="dispute-lines">
            \(account.movements.html { row(key: "e\($0.entryId)", when: $0.postedAt, document: $0.documentNumber, description: $0.description, amount: $0.amount) })
            </ul></fieldset>
            """
        }
        let orders: HTML =
            statement.content.orders.isEmpty
            ? .empty
            : """
            <fieldset class="card"><legend>\(page.t("本月订单", "Orders this month"))</legend><ul class="dispute-lines">
            \(statement.content.orders.html { row(key: "o\($0.number)", when: $0.placedOn, document: $0.number, description: $0.status, amount: $0.net) })
            </ul></fieldset>
            """
        let commentError = errors.first { $0.field == "comment" }
        let attachmentError = errors.first { $0.field == "attachment" }
        let body: HTML = """
            <h1>\(page.t("对 \(statement.month) 对账单提出异议", "Dispute the statement for \(statement.month)"))</h1>
            \(Layout.errorSummary(page, errors.filter { !$0.field.hasPrefix("claimed-") }))
            <p class="muted">\(page.t("勾选有误的明细,填写您认为正确的金额(支出填负数),并说明原因。", "Tick each line that is wrong, enter the amount you believe right (a payment is negative), and say why."))</p>
            <form method="post" action="/portal/reconciliation/\(statement.id)/dispute" enctype="multipart/form-data" id="dispute-form">\(page.csrfField)
              \(accounts)
              \(orders)
              <div class="card">
              <div class="field\(commentError == nil ? "" : " invalid")"><label for="comment">\(page.t("异议说明", "Comment")) *</label>
                <textarea id="comment" name="comment" rows="3" maxlength="\(PartnerStatementService.maximumCommentCharacters)">\(form?["comment"] ?? "")</textarea>
                \(commentError.map { HTML("<div class=\"error\">\(page.language.message(for: $0.problem))</div>") } ?? .empty)</div>
              <div class="field\(attachmentError == nil ? "" : " invalid")"><label for="attachment">\(page.t("附件(JPG/PNG/PDF,≤5MB,可选)", "Attachment (JPG, PNG or PDF, up to 5 MB, optional)"))</label>
                <input type="file" id="attachment" name="attachment" accept="image/jpeg,image/png,application/pdf">
                \(attachmentError.map { HTML("<div class=\"error\">\(page.language.message(for: $0.problem))</div>") } ?? .empty)</div>
              <button type="submit" id="submit-dispute">\(page.t("提交异议", "Send the dispute"))</button>
              <a href="/portal/reconciliation/\(statement.id)">\(page.t(.cancel))</a></div>
            </form>
            """
        return Layout.page(page, title: page.t("提出异议", "Dispute"), body: body)
    }

    // MARK: - HQ

    @Sendable func showHQBoard(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(
            try await board(PageContext(request, context), request: request, caller: caller, errors: [], notice: request.query("notice")))
    }

    @Sendable func submitHQIssue(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            let month = try BusinessMonth.parse(form["month"])
            let issued = try await services.partnerStatements.issue(caller, month: month)
            return Response.redirect(to: "/hq/reconciliation?month=\(month.description)&issued=\(issued)", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await board(PageContext(request, context), request: request, caller: caller, errors: failure.errors, notice: nil),
                status: .unprocessableContent)
        }
    }

    @Sendable func showHQDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let disputed = try await services.partnerStatements.statementWithDispute(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(
            hqDetail(PageContext(request, context), disputed, caller: caller, form: nil, errors: [], notice: request.query("notice")))
    }

    @Sendable func submitHQAnswer(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        let correction = (form["adjustmentFen"] ?? "").trimmingWhitespace()
        do {
            let disputed = try await services.partnerStatements.answer(
                caller, statementId: id, line: form["line"].flatMap { Int($0) }, decision: form["decision"],
                correction: correction.isEmpty ? nil : .yuanText(correction), reply: form["reply"])
            if let reissued = disputed.dispute?.reissuedStatementId {
                return Response.redirect(to: "/hq/reconciliation/\(reissued)?notice=reissued", type: .found)
            }
            return Response.redirect(to: "/hq/reconciliation/\(id)?notice=answered", type: .found)
        } catch let error as AppError {
            let errors: [FieldError]
            let status: HTTPResponse.Status
            switch error {
            case .validation(let failure):
                (errors, status) = (failure.errors, .unprocessableContent)
            case .conflict(let reason):
                (errors, status) = ([FieldError(field: "line", problem: .notAllowed(reason: reason))], .conflict)
            case .insufficientBalance(let available, let required):
                (errors, status) = (
                    [FieldError(field: "adjustmentFen", problem: .notAllowed(reason: .balanceShort(available: available, required: required)))],
                    .conflict
                )
            default: throw error
            }
            let disputed = try await services.partnerStatements.statementWithDispute(caller, id: id)
            return HTMLResponse.page(
                hqDetail(PageContext(request, context), disputed, caller: caller, form: form, errors: errors, notice: nil), status: status)
        }
    }

    func hqDetail(
        _ page: PageContext, _ disputed: PartnerStatementService.Disputed, caller: Caller, form: FormData?, errors: [FieldError], notice: String?
    ) -> HTML {
        let statement = disputed.statement
        let answering = caller.principal.can(.manageFinance) && disputed.dispute?.status == .open
        let body: HTML = """
            \(Layout.notice(page, notice))
            \(Layout.errorSummary(page, errors))
            \(ReconciliationViews.replacement(page, disputed, base: "/hq/reconciliation"))
            \(ReconciliationViews.statement(page, statement, orderLink: "/hq/orders"))
            \(disputed.dispute.map { ReconciliationViews.dispute(page, $0, statement: statement, base: "/hq/reconciliation", answering: answering, form: form, errors: errors) } ?? .empty)
            \(ReconciliationViews.downloads(page, statement, base: "/hq/reconciliation"))
            <p><a href="/hq/reconciliation?month=\(statement.month)">\(page.t("返回对账看板", "Back to the board"))</a></p>
            """
        return Layout.page(page, title: page.t("\(statement.month) 对账单", "Statement \(statement.month)"), body: body)
    }

    func board(_ page: PageContext, request: Request, caller: Caller, errors: [FieldError], notice: String?) async throws -> HTML {
        let month = request.query("month").flatMap(BusinessMonth.init)?.description
        let status = request.query("status").flatMap(PartnerStatementRecord.Status.init(rawValue:))
        let list = try await services.partnerStatements.statements(
            caller, filter: PartnerStatementFilter(month: month, status: status),
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let now = services.platform.clock.now()
        let days = try await services.settings.reconciliation().autoConfirmDays
        let counts = try await services.partnerStatements.counts(caller, month: month)
        let rows = list.items.html { statement in
            let due = PartnerStatementService.confirmsAutomatically(issuedAt: statement.issuedAt, days: days)
            let soon = statement.status == .issued && due.timeIntervalSince(now) <= TimeInterval(PartnerStatementService.reminderDays) * 86_400
            return """
                <tr data-statement="\(statement.number)"\(soon ? HTML(" class=\"due-soon\"") : .empty)><td class="mono" data-label="\(page.t(.documentNumber))"><a href="/hq/reconciliation/\(statement.id)">\(statement.number)</a></td>
                <td data-label="\(page.t("渠道商", "Partner"))">\(statement.content.partnerCode) \(statement.content.partnerName)</td>
                <td data-label="\(page.t(.month))">\(statement.month)</td>
                <td data-label="\(page.t(.status))">\(ReconciliationViews.status(page, statement))\(soon ? HTML(" <span class=\"badge\">\(page.t("即将自动确认", "Auto-confirms soon"))</span>") : .empty)</td>
                <td class="number" data-label="\(page.t("预存款期末", "Prepaid closing"))">\(statement.content.account(.prepaid)?.closing.formatted ?? "—")</td>
                <td class="number" data-label="\(page.t("应付佣金期末", "Commission payable closing"))">\(statement.content.account(.commissionPayable)?.closing.formatted ?? "—")</td></tr>
                """
        }
        let statusOptions =
            [("", page.t(.all))] + PartnerStatementRecord.Status.allCases.map { ($0.rawValue, page.language.partnerStatementStatus($0)) }
        let issued: HTML =
            request.query("issued").map {
                "<div class=\"notice\" role=\"status\">\(page.t("本次出具对账单 \($0) 张。", "\($0) statements issued now."))</div>"
            } ?? .empty
        let issueForm: HTML =
            caller.principal.can(.manageFinance)
            ? """
            <form method="post" action="/hq/reconciliation/issue" class="card toolbar" id="issue-form">\(page.csrfField)
              \(Field.text(page, name: "month", label: page.t("补出具已结算月份的对账单", "Issue a settled month's missing statements"), value: month ?? BusinessMonth(containing: now).previous.description, errors: errors, attributes: " inputmode=\"numeric\" placeholder=\"2026-10\""))
              <button type="submit">\(page.t("出具", "Issue"))</button></form>
            """ : .empty
        let body: HTML = """
            \(issued)
            <h1>\(page.t("对账看板", "Reconciliation board"))</h1>
            <p class="muted">\(page.t("每月结算后自动向有业务往来的渠道商出具对账单;渠道商 \(days) 天内未处理视为确认。", "Statements go to every partner with activity after each month's settlement; unanswered for \(days) days, they count as confirmed."))</p>
            <div class="tiles" id="statement-counts">
              \(ReconciliationViews.tile(page, "issued", page.t("待确认", "Awaiting confirmation"), counts.byStatus[.issued] ?? 0, month: month))
              \(ReconciliationViews.tile(page, "disputed", page.t("有异议待处理", "Disputed, to answer"), counts.byStatus[.disputed] ?? 0, month: month))
              <div class="tile" id="count-due-soon"><div class="muted small">\(page.t("\(PartnerStatementService.reminderDays) 天内将自动确认", "Auto-confirm within \(PartnerStatementService.reminderDays) days"))</div><div class="figure">\(counts.dueSoon)</div></div>
              \(ReconciliationViews.tile(page, "confirmed", page.t("已确认", "Confirmed"), counts.byStatus[.confirmed] ?? 0, month: month))
            </div>
            <form method="get" class="toolbar" action="/hq/reconciliation">
              \(Field.text(page, name: "month", label: page.t(.month), value: month ?? "", errors: [], attributes: " placeholder=\"2026-10\""))
              \(Field.select(page, name: "status", label: page.t(.status), options: statusOptions, selected: status?.rawValue ?? "", errors: []))
              <button type="submit">\(page.t(.filter))</button></form>
            \(issueForm)
            <div class="table-wrap"><table class="responsive" id="statement-board"><thead><tr><th>\(page.t(.documentNumber))</th><th>\(page.t("渠道商", "Partner"))</th><th>\(page.t(.month))</th><th>\(page.t(.status))</th><th class="number">\(page.t("预存款期末", "Prepaid closing"))</th><th class="number">\(page.t("应付佣金期末", "Commission payable closing"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(list.items.isEmpty ? HTML("<p class=\"muted\">\(page.t("没有符合条件的对账单。", "No statements."))</p>") : .empty)
            \(Layout.pager(page, list, baseQuery: ["month": month ?? "", "status": status?.rawValue ?? ""]))
            """
        return Layout.page(page, title: page.t("对账看板", "Reconciliation board"), body: body)
    }
}

/// How a partner statement reads, the same at HQ and on the portal.
enum ReconciliationViews {
    /// A count on the board, linking to the statements in that state.
    static func tile(_ page: PageContext, _ status: String, _ label: String, _ count: Int64, month: String?) -> HTML {
        """
        <a class="tile" id="count-\(status)" href="/hq/reconciliation?status=\(status)\(month.map { "&month=\($0)" } ?? "")"><div class="muted small">\(label)</div><div class="figure">\(count)</div></a>
        """
    }

    /// Which version this is: replaced by a newer one after a dispute, or issued after an older one.
    static func replacement(_ page: PageContext, _ disputed: PartnerStatementService.Disputed, base: String) -> HTML {
        let statement = disputed.statement
        if let newer = statement.replacedById {
            return """
                <div class="notice" role="status" id="statement-replaced">\(page.t("本版本因异议已重新出具,仅供查阅。", "This version was issued again after a dispute and is kept for reference.")) <a href="\(base)/\(newer)">\(page.t("查看最新版本", "See the current version"))</a></div>
                """
        }
        if let older = disputed.previousId {
            return """
                <div class="notice" role="status" id="statement-previous">\(page.t("这是处理异议后重新出具的第 \(statement.version) 版。", "This is version \(statement.version), issued after the dispute was answered.")) <a href="\(base)/\(older)">\(page.t("查看上一版及异议", "See the previous version and the dispute"))</a></div>
                """
        }
        return .empty
    }

    /// A dispute and HQ's answers; for HQ finance while it is open, a form to answer each open line.
    static func dispute(
        _ page: PageContext, _ dispute: StatementDispute, statement: PartnerStatementRecord, base: String, answering: Bool, form: FormData?,
        errors: [FieldError]
    ) -> HTML {
        let lines = dispute.lines.html { line in
            let answer: HTML
            switch line.status {
            case .accepted:
                answer =
                    "\(page.t("已接受,调整", "Accepted, corrected by")) <span class=\"number\">\(line.adjustment?.formatted ?? "")</span>\(line.reply.map { HTML(":\($0)") } ?? .empty)"
            case .rejected:
                answer = "\(page.t("已驳回", "Rejected")):\(line.reply ?? "")"
            case .open:
                answer = "\(page.t("待处理", "Waiting for HQ"))"
            }
            let formHTML: HTML =
                answering && line.status == .open
                ? """
                <form method="post" action="\(base)/\(statement.id)/answer" class="answer-form" data-line="\(line.lineNumber)">\(page.csrfField)<input type="hidden" name="line" value="\(line.lineNumber)">
                  \(Field.select(page, name: "decision", label: page.t("处理", "Decision"), options: [("accepted", page.t("接受并调整", "Accept and correct")), ("rejected", page.t("驳回", "Reject"))], selected: form?["line"] == String(line.lineNumber) ? form?["decision"] : "accepted", errors: form?["line"] == String(line.lineNumber) ? errors : []))
                  \(Field.text(page, name: "adjustmentFen", label: page.t("调整金额(元,负数为扣减)", "Correction (yuan, negative takes off)"), value: form?["line"] == String(line.lineNumber) ? form?["adjustmentFen"] : line.suggestedCorrection?.yuanText, errors: form?["line"] == String(line.lineNumber) ? errors : [], attributes: " inputmode=\"decimal\""))
                  \(Field.text(page, name: "reply", label: page.t("回复(驳回时必填)", "Reply (required to reject)"), value: form?["line"] == String(line.lineNumber) ? form?["reply"] : nil, errors: form?["line"] == String(line.lineNumber) ? errors : []))
                  <button type="submit">\(page.t("提交处理", "Answer"))</button></form>
                """ : .empty
            return """
                <tr data-dispute-line="\(line.lineNumber)"><td data-label="#">\(line.lineNumber)</td>
                <td data-label="\(page.t("明细", "Line"))"><span class="mono">\(line.documentNumber.isEmpty ? "—" : line.documentNumber)</span> \(line.description)</td>
                <td class="number" data-label="\(page.t("对账单金额", "On the statement"))">\(line.stated.formatted)</td>
                <td class="number" data-label="\(page.t("应为", "Should be"))">\(line.claimed.formatted)</td>
                <td class="number" data-label="\(page.t("差异", "Difference"))">\(line.difference.formatted)</td>
                <td data-label="\(page.t("处理结果", "Answer"))" class="dispute-answer">\(answer)\(formHTML)</td></tr>
                """
        }
        let attachment: HTML =
            dispute.attachmentFileId == nil
            ? .empty
            : "<dt>\(page.t("附件", "Attachment"))</dt><dd><a href=\"\(base)/\(statement.id)/attachment\" id=\"dispute-attachment\">\(dispute.attachmentName ?? page.t("查看", "Open"))</a></dd>"
        return """
            <section class="card" id="statement-dispute"><h2>\(page.t("异议", "Dispute")) <span class="mono">\(dispute.number)</span></h2>
            <dl class="profile"><dt>\(page.t("提出时间", "Raised"))</dt><dd>\(BusinessTime.displayText(dispute.raisedAt))</dd>
            <dt>\(page.t("说明", "Comment"))</dt><dd id="dispute-comment">\(dispute.comment)</dd>\(attachment)
            <dt>\(page.t(.status))</dt><dd id="dispute-status">\(dispute.status == .open ? page.t("处理中", "Being answered") : page.t("已处理", "Answered"))</dd></dl>
            <div class="table-wrap"><table class="responsive" id="dispute-lines"><thead><tr><th>#</th><th>\(page.t("明细", "Line"))</th><th class="number">\(page.t("对账单金额", "On the statement"))</th><th class="number">\(page.t("应为", "Should be"))</th><th class="number">\(page.t("差异", "Difference"))</th><th>\(page.t("处理结果", "Answer"))</th></tr></thead>
            <tbody>\(lines)</tbody></table></div></section>
            """
    }

    static func downloads(_ page: PageContext, _ statement: PartnerStatementRecord, base: String) -> HTML {
        """
        <p><a class="button secondary" id="statement-xlsx" href="\(base)/\(statement.id)/statement.xlsx">\(page.t("下载 Excel", "Download (Excel)"))</a>
        <a class="button secondary" id="statement-pdf" href="\(base)/\(statement.id)/statement.pdf">\(page.t("下载 PDF", "Download (PDF)"))</a></p>
        """
    }

    /// The statement as a file: its number, partner, month, status and hash above one table per
    /// account (opening, movements, closing), then the orders, returns and settled commission.
    static func file(
        _ services: WebServices, _ statement: PartnerStatementRecord, language: Language, format: ReportFormat
    ) async throws
        -> Response
    {
        let t: (String, String) -> String = language.t
        let content = statement.content
        var tables: [SpreadsheetTable] = content.accounts.map { account in
            var rows: [[SpreadsheetCell]] = [[.text(""), .text(""), .text(t("期初余额", "Opening balance")), .empty, .money(account.opening)]]
            rows += account.movements.map { movement in
                [
                    .text(movement.postedAt), .text(movement.documentNumber), .text(movement.description), .money(movement.amount),
                    .money(movement.balanceAfter),
                ]
            }
            rows.append([
                .text(""), .text(""), .text(t("期末余额", "Closing balance")), .money(account.movements.map(\.amount).sum()), .money(account.closing),
            ])
            return SpreadsheetTable(
                name: language.statementAccount(account.kind),
                header: [t("时间", "Time"), t("单据号", "Document"), t("摘要", "Description"), language.t(.amountYuan), t("余额(元)", "Balance (yuan)")],
                rows: rows)
        }
        if !content.orders.isEmpty {
            tables.append(
                SpreadsheetTable(
                    name: t("本月订单", "Orders"), header: [t("单据号", "Document"), t("日期", "Date"), language.t(.status), t("实付(元)", "Net (yuan)")],
                    rows: content.orders.map { [.text($0.number), .text($0.placedOn), .text($0.status), .money($0.net)] }))
        }
        if !content.returns.isEmpty {
            tables.append(
                SpreadsheetTable(
                    name: t("退款的退货", "Refunded returns"),
                    header: [t("单据号", "Document"), t("订单", "Order"), t("日期", "Date"), t("退款(元)", "Refund (yuan)")],
                    rows: content.returns.map { [.text($0.number), .text($0.orderNumber), .text($0.refundedOn), .money($0.refund)] }))
        }
        if let settled = content.commission {
            tables.append(
                SpreadsheetTable(
                    name: t("佣金结算", "Commission"),
                    header: [t("结算单", "Statement"), t("佣金(元)", "Commission (yuan)"), t("月度奖励(元)", "Bonus (yuan)"), t("合计(元)", "Net (yuan)")],
                    rows: [[.text(settled.statementNumber), .money(settled.commission), .money(settled.bonus), .money(settled.net)]]))
        }
        let instant = services.platform.clock.now()
        let document = ReportDocument(
            title: t("\(statement.month) 对账单", "Statement for \(statement.month)") + " \(content.partnerCode) \(content.partnerName)",
            notes: [
                t("单号:\(statement.number)", "Number: \(statement.number)")
                    + (statement.version > 1 ? t("(第 \(statement.version) 版)", " (version \(statement.version))") : ""),
                language.t(.status) + t(":", ": ") + language.partnerStatementStatus(statement.status),
                t("内容校验码(SHA-256):", "Content hash (SHA-256): ") + statement.contentHash,
                language.generatedLine(instant),
            ], tables: tables)
        return try ReportResponse.make(
            document, format: format, fileName: "statement-\(content.partnerCode)-\(statement.month)", at: instant,
            brand: try await services.company.profile().exportBrand)
    }

    static func status(_ page: PageContext, _ statement: PartnerStatementRecord) -> HTML {
        let text = page.language.partnerStatementStatus(statement.status)
        return statement.autoConfirmed ? "\(text)\(page.t("(自动)", " (automatically)"))" : "\(text)"
    }

    static func statement(_ page: PageContext, _ statement: PartnerStatementRecord, orderLink: String) -> HTML {
        let content = statement.content
        let accounts = content.accounts.html { account in
            let lines = account.movements.html { movement in
                """
                <tr data-entry="\(movement.entryId)"><td data-label="\(page.t("时间", "Time"))">\(movement.postedAt)</td>
                <td class="mono" data-label="\(page.t(.documentNumber))">\(movement.documentNumber.isEmpty ? "—" : movement.documentNumber)</td>
                <td data-label="\(page.t("摘要", "Description"))">\(movement.description)</td>
                <td class="number" data-label="\(page.t(.amount))">\(movement.amount.formatted)</td>
                <td class="number" data-label="\(page.t(.balance))">\(movement.balanceAfter.formatted)</td></tr>
                """
            }
            return """
                <section class="card" id="account-\(account.kind.rawValue)">
                  <h2>\(page.language.statementAccount(account.kind))</h2>
                  <dl class="profile"><dt>\(page.t("期初余额", "Opening balance"))</dt><dd class="number opening">\(account.opening.formatted)</dd>
                  <dt>\(page.t("本月变动", "Movements"))</dt><dd class="number">\(account.movements.count) \(page.t("笔", ""))</dd>
                  <dt>\(page.t("期末余额", "Closing balance"))</dt><dd class="number closing">\(account.closing.formatted)</dd></dl>
                  \(account.movements.isEmpty ? HTML("<p class=\"muted\">\(page.t("本月无变动。", "No movements this month."))</p>") : HTML("<div class=\"table-wrap\"><table class=\"responsive movements\"><thead><tr><th>\(page.t("时间", "Time"))</th><th>\(page.t(.documentNumber))</th><th>\(page.t("摘要", "Description"))</th><th class=\"number\">\(page.t(.amount))</th><th class=\"number\">\(page.t(.balance))</th></tr></thead><tbody>\(lines)</tbody></table></div>"))
                </section>
                """
        }
        let orders = content.orders.html { order in
            """
            <tr><td class="mono" data-label="\(page.t(.documentNumber))">\(order.number)</td><td data-label="\(page.t("日期", "Date"))">\(order.placedOn)</td>
            <td data-label="\(page.t(.status))">\(order.status)</td><td class="number" data-label="\(page.t("实付", "Net"))">\(order.net.formatted)</td></tr>
            """
        }
        let returns = content.returns.html { line in
            """
            <tr><td class="mono" data-label="\(page.t(.documentNumber))">\(line.number)</td><td class="mono" data-label="\(page.t("订单", "Order"))">\(line.orderNumber)</td>
            <td data-label="\(page.t("日期", "Date"))">\(line.refundedOn)</td><td class="number" data-label="\(page.t("退款", "Refund"))">\(line.refund.formatted)</td></tr>
            """
        }
        let commission: HTML =
            content.commission.map { settled in
                """
                <section class="card" id="statement-commission"><h2>\(page.t("本月佣金结算", "Commission settled for the month"))</h2>
                <dl class="profile"><dt>\(page.t("结算单", "Statement"))</dt><dd class="mono">\(settled.statementNumber)</dd>
                <dt>\(page.t(.commission))</dt><dd class="number">\(settled.commission.formatted)</dd>
                <dt>\(page.t("月度奖励", "Monthly bonus"))</dt><dd class="number">\(settled.bonus.formatted)</dd>
                <dt>\(page.t(.total))</dt><dd class="number">\(settled.net.formatted)</dd></dl></section>
                """
            } ?? .empty
        return """
            <h1>\(page.t("\(statement.month) 对账单", "Statement for \(statement.month)"))</h1>
            <div class="card" id="statement-head"><dl class="profile">
              <dt>\(page.t(.documentNumber))</dt><dd class="mono">\(statement.number)\(statement.version > 1 ? HTML(" \(page.t("第 \(statement.version) 版", "version \(statement.version)"))") : .empty)</dd>
              <dt>\(page.t("渠道商", "Partner"))</dt><dd>\(content.partnerCode) \(content.partnerName)</dd>
              <dt>\(page.t(.status))</dt><dd id="statement-status">\(status(page, statement))</dd>
              <dt>\(page.t("出具时间", "Issued"))</dt><dd>\(BusinessTime.displayText(statement.issuedAt))</dd>
              <dt>\(page.t("内容校验码(SHA-256)", "Content hash (SHA-256)"))</dt><dd class="mono hash" id="statement-hash">\(statement.contentHash)</dd>
            </dl></div>
            \(accounts)
            \(content.orders.isEmpty ? HTML.empty : HTML("<section class=\"card\" id=\"statement-orders\"><h2>\(page.t("本月订单", "Orders this month"))</h2><div class=\"table-wrap\"><table class=\"responsive\"><thead><tr><th>\(page.t(.documentNumber))</th><th>\(page.t("日期", "Date"))</th><th>\(page.t(.status))</th><th class=\"number\">\(page.t("实付", "Net"))</th></tr></thead><tbody>\(orders)</tbody></table></div></section>"))
            \(content.returns.isEmpty ? HTML.empty : HTML("<section class=\"card\" id=\"statement-returns\"><h2>\(page.t("本月退款的退货", "Returns refunded this month"))</h2><div class=\"table-wrap\"><table class=\"responsive\"><thead><tr><th>\(page.t(.documentNumber))</th><th>\(page.t("订单", "Order"))</th><th>\(page.t("日期", "Date"))</th><th class=\"number\">\(page.t("退款", "Refund"))</th></tr></thead><tbody>\(returns)</tbody></table></div></section>"))
            \(commission)
            """
    }
}
