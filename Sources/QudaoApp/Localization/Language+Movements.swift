import Foundation
import QudaoCore

extension Language {
    /// What a ledger movement was, in words, with its document's number: "进货付款 PO-…",
    /// "退货退款 RT-…(订单 PO-…)", "总部调账入账:…". The prepaid statement's page and exports and
    /// the monthly partner statement (whose Chinese text is part of what its hash covers) say it alike.
    public func movementDescription(kind: PostingKind, memo: String, document: DocumentReference?, account: StatementAccountKind) -> String {
        let number = document?.number ?? ""
        switch kind {
        case .topUp: return t("充值到账 \(number)", "Top-up \(number) credited")
        case .topUpBonus: return t("充值返利(\(number))", "Rebate on top-up \(number)")
        case .purchasePayment: return t("进货付款 \(number)", "Payment for purchase order \(number)")
        case .referralPayment: return t("分销订单付款 \(number)", "Payment for referral order \(number)")
        case .refund:
            if document?.kind == .orderReturn {
                return t(
                    "退货退款 \(number)(订单 \(document?.orderNumber ?? ""))", "Refund of return \(number) (order \(document?.orderNumber ?? ""))")
            }
            return t("取消订单退款 \(number)", "Refund of cancelled order \(number)")
        case .manualCredit: return t("总部调账入账:\(memo)", "HQ credit: \(memo)")
        case .manualDebit: return t("总部调账扣款:\(memo)", "HQ debit: \(memo)")
        case .commissionStatement: return t("佣金结算 \(number)", "Commission statement \(number)")
        case .commissionPayout:
            // On the commission account the payout is money leaving it, to prepaid or the bank.
            return account == .commissionPayable
                ? t("佣金发放 \(number)", "Commission paid out \(number)") : t("佣金发放到预存款 \(number)", "Commission paid to prepaid \(number)")
        case .statementCorrection: return t("对账差异调整 \(number):\(memo)", "Statement correction \(number): \(memo)")
        }
    }

    /// An account of a partner statement.
    public func statementAccount(_ kind: StatementAccountKind) -> String {
        switch kind {
        case .prepaid: t("预存款", "Prepaid balance")
        case .commissionPayable: t("应付佣金", "Commission payable")
        }
    }

    /// Where a partner statement is in its life.
    public func partnerStatementStatus(_ status: PartnerStatementRecord.Status) -> String {
        switch status {
        case .issued: t("待确认", "Awaiting confirmation")
        case .confirmed: t("已确认", "Confirmed")
        case .disputed: t("有异议", "Disputed")
        case .resolved: t("已处理", "Resolved")
        case .reissued: t("已重新出具", "Reissued")
        }
    }

    /// The collection cycle as a line of a report: "回款周期:平均 1.5 天,90分位 3.0 天(上期 平均 2.0 天,90分位 4.0 天),共 12 笔".
    public func collectionLine(current: CollectionCycle, previous: CollectionCycle) -> String {
        func days(_ milliseconds: Int64?) -> String {
            milliseconds.map { t("\(CollectionCycle.daysText($0)) 天", "\(CollectionCycle.daysText($0)) days") } ?? "—"
        }
        return t(
            "回款周期:平均 \(days(current.meanMilliseconds)),90分位 \(days(current.percentile90Milliseconds)),共 \(current.count) 笔(上期 平均 \(days(previous.meanMilliseconds)),90分位 \(days(previous.percentile90Milliseconds)))",
            "Collection cycle: mean \(days(current.meanMilliseconds)), 90th percentile \(days(current.percentile90Milliseconds)), \(current.count) collections (before: mean \(days(previous.meanMilliseconds)), 90th percentile \(days(previous.percentile90Milliseconds)))"
        )
    }
}
