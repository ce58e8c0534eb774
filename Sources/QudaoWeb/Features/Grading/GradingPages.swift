import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Grading and follow-up pages: HQ's overview with the policy and "grade now", a partner's grade
/// history, the follow-up tasks (assign, comment, close); the partner's own grade and tasks.
struct GradingPages {
    let services: WebServices

    var grading: GradingService { services.grading }
    var followUps: FollowUpService { services.followUps }

    func register(on router: Router<QudaoRequestContext>) {
        // MARK: HQ overview, policy and runs
        router.get("/hq/grading", use: showHQGrading)
        router.post("/hq/grading/policy", use: submitHQGradingPolicy)
        router.post("/hq/grading/run", use: submitHQGradingRun)
        router.get("/hq/partners/{id}/grades", use: showHQPartnersGrades)

        // MARK: HQ follow-up tasks
        router.get("/hq/follow-ups", use: showHQFollowUps)
        router.get("/hq/follow-ups/{id}", use: showHQFollowUpsDetail)
        registerTaskAction(router, "/hq/follow-ups/{id}/assign", notice: "assign") { caller, id, form in
            _ = try await followUps.assign(caller, id: id, assignee: form["assignee"], rowVersion: form["rowVersion"].flatMap(Int64.init))
        }
        registerTaskAction(router, "/hq/follow-ups/{id}/comments", notice: "comments") { caller, id, form in
            _ = try await followUps.comment(caller, id: id, body: form["body"])
        }
        registerTaskAction(router, "/hq/follow-ups/{id}/close", notice: "close") { caller, id, form in
            _ = try await followUps.close(caller, id: id, resolution: form["resolution"])
        }

        // MARK: Partner
        router.get("/portal/grade", use: showPortalGrade)
        router.get("/portal/follow-ups/{id}", use: showPortalFollowUpsDetail)
        router.post("/portal/follow-ups/{id}/comments", use: submitPortalFollowUpsComments)
    }

    @Sendable func showHQGrading(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(
            try await overviewPage(PageContext(request, context), caller: caller, form: nil, errors: [], notice: request.query("notice")))
    }

    @Sendable func submitHQGradingPolicy(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            _ = try await grading.setPolicy(caller, input: Self.policyInput(form))
            return Response.redirect(to: "/hq/grading?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await overviewPage(PageContext(request, context), caller: caller, form: form, errors: failure.errors, notice: nil),
                status: .unprocessableContent)
        }
    }

    @Sendable func submitHQGradingRun(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        guard let outcome = try await grading.run(caller) else { throw AppError.conflict(reason: .gradingRunInProgress) }
        return Response.redirect(
            to: "/hq/grading?notice=graded&count=\(outcome.partnersGraded)&warnings=\(outcome.warningsEntered)", type: .found)
    }

    @Sendable func showHQPartnersGrades(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let view = try await grading.partnerGrading(
            caller, partnerId: try context.parameters.require("id"),
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let page = PageContext(request, context)
        let body: HTML = """
            <p><a href="/hq/partners/\(view.partner.id)">‹ \(view.partner.code) \(view.partner.name)</a></p>
            <h1>\(page.t("分级记录", "Grades")) \(GradingViews.badge(page, view.current?.grade))</h1>
            \(view.current.map { HTML("<p class=\"muted\">\(page.t("自 \($0.sinceDate) 起", "Since \($0.sinceDate)"))</p>") } ?? .empty)
            \(view.latest.map { GradingViews.figures(page, $0) } ?? .empty)
            <h2>\(page.t("评级变化", "Grade changes"))</h2>
            \(GradingViews.history(page, view.changes.items))
            \(Layout.pager(page, view.changes, baseQuery: [:]))
            """
        return HTMLResponse.page(Layout.page(page, title: page.t("分级记录", "Grades"), body: body))
    }

    @Sendable func showHQFollowUps(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        var filter = FollowUpFilter(status: request.query("status").flatMap(FollowUpStatus.init(rawValue:)))
        if request.query("mine") == "1" { filter.assigneeAccountId = caller.principal.accountId }
        let list = try await followUps.list(
            caller, filter: filter, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let partners = try await HQOrderPages(services: services).partnersById(list.items.map(\.partnerId))
        let page = PageContext(request, context)
        let statusOptions = FollowUpStatus.allCases.map { ($0.rawValue, page.language.followUpStatus($0)) }
        let body: HTML = """
            <h1>\(page.t("跟进任务", "Follow-up tasks"))</h1>
            <form method="get" class="toolbar" action="/hq/follow-ups">
              \(Field.select(page, name: "status", label: page.t(.status), options: statusOptions, selected: request.query("status"), errors: [], includeBlank: page.t(.all)))
              <div class="field checks"><label><input type="checkbox" name="mine" value="1"\(request.query("mine") == "1" ? HTML(" checked") : .empty)> \(page.t("只看分配给我的", "Assigned to me"))</label></div>
              <button type="submit">\(page.t(.filter))</button>
            </form>
            <div class="table-wrap"><table id="follow-ups"><thead><tr><th>\(page.t(.number))</th><th>\(page.t("渠道商", "Partner"))</th>
              <th>\(page.t(.reason))</th><th>\(page.t(.status))</th><th>\(page.t("创建时间", "Opened"))</th></tr></thead>
              <tbody>\(GradingViews.taskRows(page, list.items, partners: partners, base: "/hq/follow-ups"))</tbody></table></div>
            \(list.items.isEmpty ? HTML("<p class=\"muted\">\(page.t("没有跟进任务。", "No follow-up tasks."))</p>") : .empty)
            \(Layout.pager(page, list, baseQuery: ["status": request.query("status") ?? "", "mine": request.query("mine") ?? ""]))
            """
        return HTMLResponse.page(Layout.page(page, title: page.t("跟进任务", "Follow-up tasks"), body: body))
    }

    @Sendable func showHQFollowUpsDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let view = try await followUps.view(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(
            try await taskPage(
                PageContext(request, context), caller: caller, view: view, errors: [], attempted: nil, notice: request.query("notice")))
    }

    @Sendable func showPortalGrade(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let view = try await grading.partnerGrading(
            caller, partnerId: nil, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: 10))
        let tasks = try await followUps.list(caller, filter: FollowUpFilter(), page: PageRequest(pageNumber: 1, pageSize: 20))
        let page = PageContext(request, context)
        let partners = [view.partner.id: view.partner]
        let body: HTML = """
            <h1>\(page.t("我的评级", "My grade")) \(GradingViews.badge(page, view.current?.grade))</h1>
            <p class="muted">\(page.t("总部每天按近90天的动销率、退货率和近30天销售变化评级:优质渠道优先配货并可参加定向促销;预警时运营会与您联系。", "HQ grades every partner daily from its sell-through and return rate over 90 days and its sales change over the last 30: quality partners are supplied first and see targeted promotions; on warning, operations get in touch."))</p>
            \(view.latest.map { GradingViews.figures(page, $0) } ?? HTML("<p class=\"muted\">\(page.t("尚未评级。", "Not graded yet."))</p>"))
            <h2>\(page.t("跟进任务", "Follow-up tasks"))</h2>
            <div class="table-wrap"><table id="my-follow-ups"><tbody>\(GradingViews.taskRows(page, tasks.items, partners: partners, base: "/portal/follow-ups"))</tbody></table></div>
            \(tasks.items.isEmpty ? HTML("<p class=\"muted\">\(page.t("没有跟进任务。", "No follow-up tasks."))</p>") : .empty)
            <h2>\(page.t("评级变化", "Grade changes"))</h2>
            \(GradingViews.history(page, view.changes.items))
            \(Layout.pager(page, view.changes, baseQuery: [:]))
            """
        return HTMLResponse.page(Layout.page(page, title: page.t("我的评级", "My grade"), body: body))
    }

    @Sendable func showPortalFollowUpsDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let view = try await followUps.view(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(
            try await taskPage(
                PageContext(request, context), caller: caller, view: view, errors: [], attempted: nil, notice: request.query("notice")))
    }

    @Sendable func submitPortalFollowUpsComments(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        do {
            _ = try await followUps.comment(caller, id: id, body: form["body"])
            return Response.redirect(to: "/portal/follow-ups/\(id)?notice=commented", type: .found)
        } catch let error as AppError {
            let view = try await followUps.view(caller, id: id)
            return HTMLResponse.page(
                try await taskPage(
                    PageContext(request, context), caller: caller, view: view, errors: Self.fieldErrors(error), attempted: form, notice: nil),
                status: .unprocessableContent)
        }
    }

    /// Validation and conflict errors as field errors beside the form; anything else is rethrown.
    static func fieldErrors(_ error: AppError) throws -> [FieldError] {
        switch error {
        case .validation(let failure): return failure.errors
        case .conflict(let reason): return [FieldError(field: "task", problem: .notAllowed(reason: reason))]
        default: throw error
        }
    }

    func registerTaskAction(
        _ router: Router<QudaoRequestContext>, _ path: String, notice: String,
        _ perform: @escaping @Sendable (Caller, String, FormData) async throws -> Void
    ) {
        router.post(RouterPath(path)) { request, context -> Response in
            let caller = try context.caller
            let form = try await services.form(request, context)
            let id = try context.parameters.require("id")
            do {
                try await perform(caller, id, form)
                return Response.redirect(to: "/hq/follow-ups/\(id)?notice=\(notice)", type: .found)
            } catch let error as AppError {
                let status: HTTPResponse.Status
                switch error {
                case .validation: status = .unprocessableContent
                case .conflict: status = .conflict
                default: throw error
                }
                let view = try await followUps.view(caller, id: id)
                return HTMLResponse.page(
                    try await taskPage(
                        PageContext(request, context), caller: caller, view: view, errors: Self.fieldErrors(error), attempted: form, notice: nil),
                    status: status)
            }
        }
    }

    static func policyInput(_ form: FormData) -> ChannelPolicyInput {
        ChannelPolicyInput(
            warningSellThroughBelowBasisPoints: .percentText(form["warningSellThroughBelowBp"]),
            warningReturnRateAboveBasisPoints: .percentText(form["warningReturnRateAboveBp"]),
            warningSalesDropBasisPoints: .percentText(form["warningSalesDropBp"]),
            warningSalesDropMinimumEarlier: .yuanText(form["warningSalesDropMinimumEarlierFen"]),
            qualitySellThroughAtLeastBasisPoints: .percentText(form["qualitySellThroughAtLeastBp"]),
            qualityReturnRateAtMostBasisPoints: .percentText(form["qualityReturnRateAtMostBp"]),
            leadTimeDays: IntegerInput(text: form["leadTimeDays"]),
            reviewPeriodDays: IntegerInput(text: form["reviewPeriodDays"]),
            blockOrdersOnExpiredCertificates: form["blockOrdersOnExpiredCertificates"] == "1")
    }

    func overviewPage(_ page: PageContext, caller: Caller, form: FormData?, errors: [FieldError], notice: String?) async throws -> HTML {
        let overview = try await grading.overview(caller)
        let policy = try await grading.policy()
        let thresholds = policy.grading
        func value(_ name: String, _ current: String) -> String { form?[name] ?? current }
        let cards = [Grade.quality, .potential, .warning].html { grade in
            """
            <a class="stat" href="/hq/partners?grade=\(grade.rawValue)" id="grade-count-\(grade.rawValue)"><div class="value">\(overview.distribution[grade] ?? 0)</div>
            <div class="label">\(page.language.grade(grade))</div></a>
            """
        }
        let runRows = overview.runs.html { run in
            """
            <tr><td>\(run.businessDate)</td><td>\(run.status == "completed" ? page.t(.completed) : page.t(.running))</td>
            <td class="number">\(run.partnersGraded)</td><td class="number">\(run.warningsEntered)</td><td>\(run.triggeredBy)</td>
            <td>\(run.completedAt.map(BusinessTime.displayText) ?? "—")</td></tr>
            """
        }
        let manage = caller.principal.can(.managePartners)
        let noticeHTML: HTML
        switch notice {
        case "saved": noticeHTML = "<div class=\"notice\" role=\"status\">\(page.t("设置已保存,下次评级起生效。", "Saved; used from the next grading."))</div>"
        case "graded": noticeHTML = "<div class=\"notice\" role=\"status\" id=\"graded-notice\">\(page.t("评级已完成。", "Grading finished."))</div>"
        default: noticeHTML = .empty
        }
        let policyForm: HTML =
            manage
            ? """
            <form method="post" action="/hq/grading/policy" class="card" id="policy-form" novalidate>
              \(page.csrfField)
              <h2 style="margin-top:0">\(page.t("分级与补货设置", "Grading and replenishment settings"))</h2>
              \(Layout.errorSummary(page, errors))
              <div class="fields">
              \(Field.text(page, name: "warningSellThroughBelowBp", value: value("warningSellThroughBelowBp", Rate(basisPoints: thresholds.warningSellThroughBelowBasisPoints).percentNumberText), errors: errors, hint: page.t("百分比,如 30", "percent, e.g. 30")))
              \(Field.text(page, name: "warningReturnRateAboveBp", value: value("warningReturnRateAboveBp", Rate(basisPoints: thresholds.warningReturnRateAboveBasisPoints).percentNumberText), errors: errors, hint: page.t("百分比,如 15", "percent, e.g. 15")))
              \(Field.text(page, name: "warningSalesDropBp", value: value("warningSalesDropBp", Rate(basisPoints: thresholds.warningSalesDropBasisPoints).percentNumberText), errors: errors, hint: page.t("百分比,如 20", "percent, e.g. 20")))
              \(Field.text(page, name: "warningSalesDropMinimumEarlierFen", value: value("warningSalesDropMinimumEarlierFen", thresholds.warningSalesDropMinimumEarlier.yuanText), errors: errors, hint: page.t("元;前30天销售低于此额不因下降预警", "yuan; smaller earlier sales never warn on a fall")))
              \(Field.text(page, name: "qualitySellThroughAtLeastBp", value: value("qualitySellThroughAtLeastBp", Rate(basisPoints: thresholds.qualitySellThroughAtLeastBasisPoints).percentNumberText), errors: errors, hint: page.t("百分比,如 60", "percent, e.g. 60")))
              \(Field.text(page, name: "qualityReturnRateAtMostBp", value: value("qualityReturnRateAtMostBp", Rate(basisPoints: thresholds.qualityReturnRateAtMostBasisPoints).percentNumberText), errors: errors, hint: page.t("百分比,如 5", "percent, e.g. 5")))
              \(Field.text(page, name: "leadTimeDays", value: value("leadTimeDays", String(policy.leadTimeDays)), errors: errors, hint: page.t("补货公式中的 L", "L in the replenishment formula")))
              \(Field.text(page, name: "reviewPeriodDays", value: value("reviewPeriodDays", String(policy.reviewPeriodDays)), errors: errors, hint: page.t("补货公式中的 R", "R in the replenishment formula")))
              </div>
              <div class="field checks"><label><input type="checkbox" name="blockOrdersOnExpiredCertificates" value="1" id="block-expired"\((form.map { $0["blockOrdersOnExpiredCertificates"] == "1" } ?? policy.blockOrdersOnExpiredCertificates) ? HTML(" checked") : .empty)>
                \(page.t("必备资质证书过期的渠道商不能下进货单", "Partners with an expired required certificate cannot place purchase orders"))</label></div>
              <div class="actions"><button type="submit" id="save-policy">\(page.t("保存设置", "Save settings"))</button></div>
            </form>
            """ : .empty
        let runButton: HTML =
            manage
            ? """
            <form method="post" action="/hq/grading/run" class="inline">\(page.csrfField)<button type="submit" id="grade-now">\(page.t("立即评级", "Grade now"))</button></form>
            """ : .empty
        let body: HTML = """
            \(noticeHTML)
            <div class="actions spread"><h1>\(page.t("渠道分级", "Partner grading"))</h1><div class="actions">
              <a class="button secondary" href="/hq/follow-ups?status=open">\(page.t("跟进任务", "Follow-up tasks"))</a>\(runButton)</div></div>
            <p class="muted">\(page.t("每天 03:00 按近90天的动销率、退货率和近30天的销售变化自动评级;进入预警时通知运营和渠道商,并创建跟进任务。", "Every day at 03:00 each active partner is graded from sell-through and return rate over 90 days and the sales change over the last 30; entering warning notifies operations and the partner and opens a follow-up task."))</p>
            <div class="grid" id="grade-distribution">\(cards)</div>
            \(policyForm)
            <h2>\(page.t("最近的评级", "Recent gradings"))</h2>
            <div class="table-wrap"><table id="grading-runs"><thead><tr><th>\(page.t("评级日", "Day"))</th><th>\(page.t(.status))</th>
              <th class="number">\(page.t("渠道商数", "Partners"))</th><th class="number">\(page.t("新增预警", "New warnings"))</th><th>\(page.t("触发", "By"))</th>
              <th>\(page.t("完成时间", "Finished"))</th></tr></thead><tbody>\(runRows)</tbody></table></div>
            """
        return Layout.page(page, title: page.t("渠道分级", "Partner grading"), body: body)
    }

    func taskPage(
        _ page: PageContext, caller: Caller, view: FollowUpView, errors: [FieldError], attempted: FormData?, notice: String?
    ) async throws -> HTML {
        let task = view.task
        let isHQ = caller.principal.kind == .hq
        let manage = isHQ && caller.principal.can(.managePartners)
        let base = isHQ ? "/hq/follow-ups/\(task.id)" : "/portal/follow-ups/\(task.id)"
        let comments = view.comments.html { comment in
            """
            <li><div class="timeline-time">\(BusinessTime.displayText(comment.createdAt)) · \(comment.author)</div><div>\(comment.body)</div></li>
            """
        }
        let noticeHTML: HTML = notice.map { _ in HTML("<div class=\"notice\" role=\"status\">\(page.t("已保存。", "Saved."))</div>") } ?? .empty
        var forms: HTML = .empty
        if task.status == .open {
            let commentForm: HTML = """
                <form method="post" action="\(base)/comments" class="card" id="comment-form">\(page.csrfField)
                  <div class="field"><label for="body">\(page.t("跟进记录", "Note"))</label><textarea id="body" name="body" rows="3">\(attempted?["body"])</textarea></div>
                  <button type="submit" id="add-comment">\(page.t("添加记录", "Add note"))</button></form>
                """
            if manage {
                forms = """
                    <div class="grid">
                    <form method="post" action="\(base)/assign" class="card" id="assign-form">\(page.csrfField)
                      <input type="hidden" name="rowVersion" value="\(task.rowVersion)">
                      \(Field.text(page, name: "assignee", label: page.t("负责人(登录名)", "Assignee (login name)"), value: attempted?["assignee"] ?? view.assignee?.username, errors: errors))
                      <button type="submit" id="assign-task">\(page.t("分配", "Assign"))</button></form>
                    <form method="post" action="\(base)/close" class="card" id="close-form">\(page.csrfField)
                      \(Field.text(page, name: "resolution", label: page.t("处理结果", "Resolution"), value: attempted?["resolution"], errors: errors, hint: page.t("如:已安排促销支持、调整进货结构", "e.g. promotion support arranged, order mix adjusted")))
                      <button type="submit" id="close-task">\(page.t("关闭任务", "Close task"))</button></form>
                    </div>
                    \(commentForm)
                    """
            } else {
                forms = commentForm
            }
        }
        let partnerLink: HTML =
            isHQ
            ? "<a href=\"/hq/partners/\(view.partner.id)\">\(view.partner.code) \(view.partner.name)</a>"
            : "\(view.partner.code) \(view.partner.name)"
        let body: HTML = """
            \(noticeHTML)
            <p><a href="\(isHQ ? "/hq/follow-ups" : "/portal/grade")">‹ \(page.t("跟进任务", "Follow-up tasks"))</a></p>
            <h1>\(page.t("跟进任务", "Follow-up task")) <span class="mono">\(task.number)</span>
              <span class="badge \(task.status.rawValue)" id="task-status">\(page.language.followUpStatus(task.status))</span></h1>
            \(Layout.errorSummary(page, errors))
            <div class="card"><dl class="profile">
              <dt>\(page.t("渠道商", "Partner"))</dt><dd>\(partnerLink)</dd>
              <dt>\(page.t(.reason))</dt><dd id="task-reason">\(page.t(task.reasonChinese, task.reasonEnglish))</dd>
              <dt>\(page.t("负责人", "Assignee"))</dt><dd id="task-assignee">\(view.assignee?.displayName ?? page.t("未分配", "Unassigned"))</dd>
              <dt>\(page.t("创建时间", "Opened"))</dt><dd>\(BusinessTime.displayText(task.openedAt))</dd>
              \(task.closedAt.map { HTML("<dt>\(page.t("关闭", "Closed"))</dt><dd>\(BusinessTime.displayText($0)) · \(task.closedBy ?? "")</dd>") } ?? .empty)
              \(task.resolution.map { HTML("<dt>\(page.t("处理结果", "Resolution"))</dt><dd id=\"task-resolution\">\($0)</dd>") } ?? .empty)
            </dl></div>
            \(view.grade.map { GradingViews.figures(page, $0) } ?? .empty)
            \(forms)
            <h2>\(page.t("跟进记录", "Notes"))</h2>
            <ol class="timeline" id="task-comments">\(comments)</ol>
            \(view.comments.isEmpty ? HTML("<p class=\"muted\">\(page.t("暂无记录。", "No notes yet."))</p>") : .empty)
            """
        return Layout.page(page, title: task.number, body: body)
    }
}
