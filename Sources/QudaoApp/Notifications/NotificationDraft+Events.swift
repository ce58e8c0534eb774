import Foundation
import QudaoCore
import QudaoStore

/// The notifications use cases send, worded once in both languages.
extension NotificationDraft {
    /// A statement's commission reached the partner (prepaid at once, or a bank payout marked paid).
    static func commissionCredited(statementId: String, number: String, month: String, net: Money, toPrepaid: Bool) -> NotificationDraft {
        NotificationDraft(
            kind: .commissionCredited,
            titleChinese: "佣金已到账 \(net.formatted)",
            titleEnglish: "Commission paid: \(net.formatted)",
            bodyChinese: toPrepaid
                ? "\(month) 结算单 \(number) 的佣金 \(net.formatted) 已转入预存款余额。"
                : "\(month) 结算单 \(number) 的佣金 \(net.formatted) 已通过银行转账支付。",
            bodyEnglish: toPrepaid
                ? "The commission of statement \(number) for \(month), \(net.formatted), was credited to the prepaid balance."
                : "The commission of statement \(number) for \(month), \(net.formatted), was paid by bank transfer.",
            link: "/portal/statements/\(statementId)", eventKey: "commission_credited:\(statementId)")
    }

    /// A top-up request was confirmed (with its rebate, if any).
    static func topUpConfirmed(topUpId: String, amount: Money, bonus: Money) -> NotificationDraft {
        let rebateChinese = bonus > .zero ? ",另获返利 \(bonus.formatted)" : ""
        let rebateEnglish = bonus > .zero ? ", with a rebate of \(bonus.formatted)" : ""
        return NotificationDraft(
            kind: .topUpConfirmed,
            titleChinese: "充值已确认 \(amount.formatted)", titleEnglish: "Top-up confirmed: \(amount.formatted)",
            bodyChinese: "您的充值 \(amount.formatted) 已到账\(rebateChinese)。",
            bodyEnglish: "Your top-up of \(amount.formatted) was credited\(rebateEnglish).",
            link: "/portal/prepaid", eventKey: "top_up_confirmed:\(topUpId)")
    }

    /// A top-up request was rejected, with HQ's reason.
    static func topUpRejected(topUpId: String, amount: Money, reason: String) -> NotificationDraft {
        NotificationDraft(
            kind: .topUpRejected,
            titleChinese: "充值未通过 \(amount.formatted)", titleEnglish: "Top-up rejected: \(amount.formatted)",
            bodyChinese: "您的充值申请 \(amount.formatted) 未通过审核:\(reason)",
            bodyEnglish: "Your top-up request of \(amount.formatted) was rejected: \(reason)",
            link: "/portal/prepaid", eventKey: "top_up_rejected:\(topUpId)")
    }

    /// A back-ordered purchase order got its stock and will ship.
    static func backOrderFilled(order: OrderRecord) -> NotificationDraft {
        NotificationDraft(
            kind: .backOrderFilled, titleChinese: "缺货订单 \(order.number) 已配货", titleEnglish: "Back-order \(order.number) is filled",
            bodyChinese: "您的进货单 \(order.number) 等到了库存,已配货,将尽快发货。",
            bodyEnglish: "Your purchase order \(order.number) got its stock and will ship soon.",
            link: "/portal/orders/\(order.id)", eventKey: "back_order_filled:\(order.id)")
    }

    /// A sensitive HQ action waits for a second approver.
    static func approvalRequested(_ request: ApprovalRequest, by username: String) -> NotificationDraft {
        let chinese = Language.chinese.approvalAction(request.change.action)
        let english = Language.english.approvalAction(request.change.action)
        return NotificationDraft(
            kind: .approval, titleChinese: "待复核:\(chinese) \(request.number)", titleEnglish: "Awaiting approval: \(english) \(request.number)",
            bodyChinese: "\(username) 提交了“\(chinese)”申请 \(request.number),需要另一位总部财务或管理员复核后才会生效。",
            bodyEnglish:
                "\(username) asked to \(english.lowercased()) (\(request.number)); it takes effect once another HQ finance or admin account approves it.",
            link: "/hq/approvals#\(request.number)", eventKey: "approval_requested:\(request.id)")
    }

    /// A request the reader made was approved or rejected.
    static func approvalDecided(_ request: ApprovalRequest) -> NotificationDraft {
        let chinese = Language.chinese.approvalStatus(request.status)
        let english = Language.english.approvalStatus(request.status)
        let reasonChinese = request.decisionNote.map { ":\($0)" } ?? "。"
        let reasonEnglish = request.decisionNote.map { ": \($0)" } ?? "."
        return NotificationDraft(
            kind: .approval, titleChinese: "复核\(chinese):\(request.number)", titleEnglish: "\(english): \(request.number)",
            bodyChinese: "您提交的“\(Language.chinese.approvalAction(request.change.action))”申请 \(request.number) \(chinese)\(reasonChinese)",
            bodyEnglish:
                "Your request \(request.number) to \(Language.english.approvalAction(request.change.action).lowercased()) was \(english.lowercased())\(reasonEnglish)",
            link: "/hq/approvals#\(request.number)", eventKey: "approval_decided:\(request.id)")
    }

    /// A protection of the second approver was turned off or loosened.
    static func approvalPolicyWeakened(by username: String, at instant: Date) -> NotificationDraft {
        NotificationDraft(
            kind: .approval, titleChinese: "双人复核设置已放宽", titleEnglish: "Second approval was loosened",
            bodyChinese: "\(username) 于 \(BusinessTime.displayText(instant)) 关闭或放宽了双人复核。如非预期,请立即核查审计日志。",
            bodyEnglish:
                "\(username) turned off or loosened the second approval at \(BusinessTime.displayText(instant)). If unexpected, check the audit log now.",
            link: "/hq/settings#approval-settings-form", eventKey: "approval_policy_weakened:\(Timestamp.milliseconds(instant))")
    }

    /// A monthly partner statement was issued for the partner to check.
    static func partnerStatementIssued(_ statement: PartnerStatementRecord, autoConfirmDays: Int) -> NotificationDraft {
        NotificationDraft(
            kind: .partnerStatement, titleChinese: "\(statement.month) 对账单已出具", titleEnglish: "Statement for \(statement.month) issued",
            bodyChinese:
                "请核对 \(statement.month) 对账单 \(statement.number) 并确认;如有异议请在 \(autoConfirmDays) 天内提出,逾期视为确认。",
            bodyEnglish:
                "Please check statement \(statement.number) for \(statement.month) and confirm it; raise any dispute within \(autoConfirmDays) days, after which it counts as confirmed.",
            link: "/portal/reconciliation/\(statement.id)", eventKey: "partner_statement_issued:\(statement.id)")
    }

    /// A statement nobody answered will be confirmed automatically soon.
    static func partnerStatementConfirmsSoon(_ statement: PartnerStatementRecord, at instant: Date) -> NotificationDraft {
        NotificationDraft(
            kind: .partnerStatement, titleChinese: "\(statement.month) 对账单即将自动确认", titleEnglish: "Statement for \(statement.month) confirms soon",
            bodyChinese: "对账单 \(statement.number) 将于 \(BusinessTime.displayText(instant)) 自动确认;如有异议请在此之前处理。",
            bodyEnglish:
                "Statement \(statement.number) will be confirmed automatically at \(BusinessTime.displayText(instant)); raise anything before then.",
            link: "/portal/reconciliation/\(statement.id)", eventKey: "partner_statement_confirms_soon:\(statement.id)")
    }

    /// The platform turned a webhook subscription off after a delivery failed for a day.
    static func webhookDisabled(_ subscription: WebhookSubscriptionRecord) -> NotificationDraft {
        let area = subscription.partnerId == nil ? "/hq/integrations" : "/portal/integrations"
        return NotificationDraft(
            kind: .system, titleChinese: "事件推送已停用:\(subscription.url)", titleEnglish: "Webhook turned off: \(subscription.url)",
            bodyChinese: "该地址连续 24 小时未能成功接收推送,已停用。修复后请在接口与集成页重新启用,未送达的事件会补发。",
            bodyEnglish:
                "The endpoint failed to accept deliveries for 24 hours and was turned off. Once it is fixed, turn it back on on the integrations page; the events not delivered are sent then.",
            link: "\(area)/webhooks/\(subscription.id)",
            eventKey: "webhook_disabled:\(subscription.id):\(Int64(subscription.updatedAt.timeIntervalSince1970))")
    }

    /// A partner disputed its statement: HQ finance answers each line.
    static func statementDisputeRaised(_ dispute: StatementDispute, statement: PartnerStatementRecord) -> NotificationDraft {
        let partner = "\(statement.content.partnerCode) \(statement.content.partnerName)"
        return NotificationDraft(
            kind: .statementDispute, titleChinese: "\(partner) 对 \(statement.month) 对账单有异议",
            titleEnglish: "\(partner) disputes the statement for \(statement.month)",
            bodyChinese: "异议单 \(dispute.number),共 \(dispute.lines.count) 行:\(dispute.comment)",
            bodyEnglish: "Dispute \(dispute.number), \(dispute.lines.count) lines: \(dispute.comment)",
            link: "/hq/reconciliation/\(statement.id)", eventKey: "statement_dispute_raised:\(dispute.id)")
    }

    /// HQ finance answered every line of a dispute and issued the statement again.
    static func statementDisputeAnswered(
        _ dispute: StatementDispute, statement: PartnerStatementRecord, reissued: PartnerStatementRecord
    ) -> NotificationDraft {
        let accepted = dispute.lines.filter { $0.status == .accepted }.count
        return NotificationDraft(
            kind: .statementDispute, titleChinese: "\(statement.month) 对账单异议已处理",
            titleEnglish: "Your dispute of the statement for \(statement.month) is answered",
            bodyChinese: "异议单 \(dispute.number):接受 \(accepted) 行,驳回 \(dispute.lines.count - accepted) 行。已重新出具对账单 \(reissued.number),请核对确认。",
            bodyEnglish:
                "Dispute \(dispute.number): \(accepted) lines accepted, \(dispute.lines.count - accepted) rejected. Statement \(reissued.number) is issued again; please check and confirm it.",
            link: "/portal/reconciliation/\(reissued.id)", eventKey: "statement_dispute_answered:\(dispute.id)")
    }
}
