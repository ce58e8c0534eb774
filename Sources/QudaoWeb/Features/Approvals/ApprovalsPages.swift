import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// HQ's queue of actions waiting for a second approver (双人复核): each request shows what it would
/// change beside what is in force now, so the approver sees the difference before approving.
struct ApprovalsPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/approvals", use: showApprovals)
        router.post("/hq/approvals/{id}/approve") { request, context in try await decide(request, context, as: .approved) }
        router.post("/hq/approvals/{id}/reject") { request, context in try await decide(request, context, as: .rejected) }
        router.post("/hq/approvals/{id}/withdraw") { request, context in try await decide(request, context, as: .withdrawn) }
    }

    @Sendable func showApprovals(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(
            try await approvalsPage(PageContext(request, context), request: request, caller: caller, errors: [], failedId: nil))
    }

    func decide(_ request: Request, _ context: QudaoRequestContext, as status: ApprovalRequest.Status) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        do {
            let decided: ApprovalRequest
            switch status {
            case .approved: decided = try await services.approvals.approve(caller, id: id)
            case .rejected: decided = try await services.approvals.reject(caller, id: id, reason: form["reason"])
            default: decided = try await services.approvals.withdraw(caller, id: id)
            }
            return Response.redirect(to: "/hq/approvals?notice=\(decided.status.rawValue)#\(decided.number)", type: .found)
        } catch let error as AppError {
            // A refused decision (decided meanwhile, the requester's own, an action no longer
            // allowed): the queue again, the reason beside the request.
            let errors: [FieldError]
            switch error {
            case .validation(let failure): errors = failure.errors
            case .conflict(let reason): errors = [FieldError(field: "approval", problem: .notAllowed(reason: reason))]
            case .insufficientBalance(let available, _):
                errors = [FieldError(field: "amountFen", problem: .amountOutOfRange(minimumFen: 1, maximumFen: available.fen))]
            default: throw error
            }
            return HTMLResponse.page(
                try await approvalsPage(PageContext(request, context), request: request, caller: caller, errors: errors, failedId: id),
                status: .unprocessableContent)
        }
    }

    func approvalsPage(_ page: PageContext, request: Request, caller: Caller, errors: [FieldError], failedId: String?) async throws -> HTML {
        let statusText = request.query("status") ?? "pending"
        let status = ApprovalRequest.Status(rawValue: statusText)
        let list = try await services.approvals.requests(
            caller, filter: ApprovalFilter(status: statusText == "all" ? nil : status ?? .pending),
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let names = try await services.approvals.names(list.items)
        let rule = try await services.commissions.currentRule()
        var cards: [HTML] = []
        for item in list.items {
            cards.append(try await card(page, item, caller: caller, names: names, currentRule: rule, errors: item.id == failedId ? errors : []))
        }
        let statusOptions =
            ApprovalRequest.Status.allCases.map { ($0.rawValue, page.language.approvalStatus($0)) } + [("all", page.t(.all))]
        let notice: HTML =
            request.query("notice").flatMap(ApprovalRequest.Status.init(rawValue:)).map {
                "<div class=\"notice\" role=\"status\">\(page.t("申请", "The request is ")) \(page.language.approvalStatus($0).lowercased())\(page.t("。", "."))</div>"
            } ?? .empty
        let body: HTML = """
            \(notice)
            <h1>\(page.t("双人复核", "Approvals"))</h1>
            <p class="muted">\(page.t("以下操作须由申请人以外的另一位总部财务或管理员批准后才会生效;批准即执行,驳回或撤回则不做任何更改。", "These actions take effect only when an HQ finance or admin account other than the requester approves them; approving carries them out, rejecting or withdrawing changes nothing.")) <a href="/hq/settings#approval-settings-form">\(page.t("复核设置", "Approval settings"))</a></p>
            <form method="get" class="toolbar" action="/hq/approvals">\(Field.select(page, name: "status", label: page.t(.status), options: statusOptions, selected: statusText, errors: []))
            <button type="submit">\(page.t(.filter))</button></form>
            <div id="approval-list">\(cards.html { $0 })</div>
            \(list.items.isEmpty ? HTML("<p class=\"muted\" id=\"no-approvals\">\(page.t("没有符合条件的申请。", "No requests."))</p>") : .empty)
            \(Layout.pager(page, list, baseQuery: ["status": statusText]))
            """
        return Layout.page(page, title: page.t("双人复核", "Approvals"), body: body)
    }

    private func card(
        _ page: PageContext, _ item: ApprovalRequest, caller: Caller, names: [String: String], currentRule: CommissionRule, errors: [FieldError]
    ) async throws -> HTML {
        let partner: HTML = item.change.partnerId.map { "<dt>\(page.t("渠道商", "Partner"))</dt><dd>\(names[$0] ?? $0)</dd>" } ?? .empty
        let change: HTML
        switch item.change {
        case .commissionRule(let rule):
            change = """
                <dt>\(page.t("佣金比例", "Rates"))</dt><dd>\(Self.rates(rule)) <span class="muted">\(page.t("当前", "now")) \(Self.rates(currentRule))</span></dd>
                <dt>\(page.t("比例之和上限", "Cap"))</dt><dd>\(Rate(basisPoints: rule.capBasisPoints).percentText) <span class="muted">\(page.t("当前", "now")) \(Rate(basisPoints: currentRule.capBasisPoints).percentText)</span></dd>
                <dt>\(page.t("月度奖励", "Bonus tiers"))</dt><dd>\(Self.tiers(page, rule)) <span class="muted">\(page.t("当前", "now")) \(Self.tiers(page, currentRule))</span></dd>
                <dt>\(page.t("结算日 / 最低发放", "Settlement day / minimum payout"))</dt><dd>\(rule.settlementDay) / \(rule.minimumPayout.formatted)</dd>
                <dt>\(page.t("订单时限", "Order windows"))</dt><dd>\(page.t("自动收货 \(rule.windows.autoReceiveDays) 天,退货期 \(rule.windows.returnWindowDays) 天", "auto-receive \(rule.windows.autoReceiveDays) days, returns \(rule.windows.returnWindowDays) days"))</dd>
                <dt>\(page.t("生效时间", "Effective from"))</dt><dd>\(BusinessTime.displayText(rule.effectiveAt)) <span class="muted">\(page.t("(若批准时已过,则自批准时生效)", "(or from the approval, if later)"))</span></dd>
                """
        case .payoutAccount(let partnerId, let method, let accountName, let bankName, let accountNumber):
            let proposed = PayoutSettings(method: method, accountName: accountName, bankName: bankName, accountNumber: accountNumber)
            let current: HTML =
                item.status == .pending
                ? "<dt>\(page.t("当前", "Now"))</dt><dd class=\"payout-now\">\(Self.payout(page, try await services.settlement.payoutSettings(caller, partnerId: partnerId)))</dd>"
                : .empty
            change = """
                <dt>\(page.t("新收款方式", "New payout"))</dt><dd>\(Self.payout(page, proposed))</dd>
                \(current)
                """
        case .prepaidCredit(let partnerId, let amount, let reason):
            let balance: HTML =
                item.status == .pending
                ? "<dt>\(page.t("当前余额", "Balance now"))</dt><dd class=\"number\">\(try await services.prepaid.position(caller, partnerId: partnerId).balance.formatted)</dd>"
                : .empty
            change = """
                <dt>\(page.t("入账金额", "Credit"))</dt><dd class="number">\(amount.formatted)</dd>
                <dt>\(page.t(.reason))</dt><dd>\(reason)</dd>
                \(balance)
                """
        }
        let decided: HTML =
            item.decidedAt.map { at in
                """
                <dt>\(page.language.approvalStatus(item.status))</dt><dd>\(item.decidedByAccountId.flatMap { names[$0] } ?? "—"),\(BusinessTime.displayText(at))\(item.decisionNote.map { ":\($0)" } ?? "")\(Self.result(item).map { " (\($0))" } ?? "")</dd>
                """
            } ?? .empty
        let isRequester = item.requestedByAccountId == caller.principal.accountId
        let canDecide = item.status == .pending && caller.principal.can(.manageFinance)
        let actions: HTML
        if canDecide && isRequester {
            actions = """
                <p class="muted">\(page.t("等待另一位总部财务或管理员复核。", "Waiting for another HQ finance or admin account."))</p>
                <form method="post" action="/hq/approvals/\(item.id)/withdraw" class="inline">\(page.csrfField)<button class="secondary" type="submit" data-action="withdraw">\(page.t("撤回", "Withdraw"))</button></form>
                """
        } else if canDecide {
            actions = """
                <form method="post" action="/hq/approvals/\(item.id)/approve" class="inline">\(page.csrfField)<button type="submit" data-action="approve">\(page.t("批准并执行", "Approve and carry out"))</button></form>
                <form method="post" action="/hq/approvals/\(item.id)/reject" class="inline">\(page.csrfField)<input type="text" name="reason" class="short" placeholder="\(page.t("驳回原因(选填)", "Reason (optional)"))" aria-label="\(page.t("驳回原因", "Reason"))"><button class="secondary" type="submit" data-action="reject">\(page.t("驳回", "Reject"))</button></form>
                """
        } else {
            actions = .empty
        }
        return """
            <section class="card approval" id="\(item.number)" data-approval="\(item.number)" data-status="\(item.status.rawValue)">
              <h2>\(page.language.approvalAction(item.change.action)) <span class="mono">\(item.number)</span> <span class="badge">\(page.language.approvalStatus(item.status))</span></h2>
              \(Layout.errorSummary(page, errors))
              <dl class="profile">
                \(partner)\(change)
                <dt>\(page.t("申请人", "Requested by"))</dt><dd>\(names[item.requestedByAccountId] ?? "—"),\(BusinessTime.displayText(item.requestedAt))</dd>
                \(decided)
              </dl>
              \(actions)
            </section>
            """
    }

    /// What an approval made, as people know it: the rule version or the partner code. A credit's
    /// adjustment has only an internal reference and no document number, so nothing is shown for it.
    private static func result(_ item: ApprovalRequest) -> String? {
        item.change.action == .prepaidCredit ? nil : item.resultReference
    }

    /// Payout settings in one line: the method, and for a bank its account name, bank and masked number.
    private static func payout(_ page: PageContext, _ settings: PayoutSettings) -> HTML {
        guard settings.method == .bank else { return "\(page.language.payoutMethod(settings.method))" }
        return """
            \(page.language.payoutMethod(settings.method)):\(settings.accountName ?? "—"),\(settings.bankName ?? "—"),<span class="mono">\(settings.accountNumber.map(PersonalDataMask.identifier) ?? "—")</span>
            """
    }

    private static func rates(_ rule: CommissionRule) -> String {
        rule.rates.map(\.percentText).joined(separator: " / ")
    }

    private static func tiers(_ page: PageContext, _ rule: CommissionRule) -> String {
        rule.bonusTiers.isEmpty
            ? page.t("无", "none")
            : rule.bonusTiers.map {
                page.t("超过 \($0.threshold.formatted) 奖励 \($0.rate.percentText)", "above \($0.threshold.formatted): \($0.rate.percentText)")
            }
            .joined(separator: "; ")
    }
}
