import Foundation
import QudaoApp
import QudaoCore

/// How a prepaid statement's line reads for a person: the document's number (linked to its page
/// where there is one) and a description in the reader's language, never an internal id or the
/// ledger's own English memo.
enum StatementLineText {
    /// The document's number, linked for the reader's area (`/portal` or `/hq`); "—" for none.
    static func document(_ page: PageContext, _ line: StatementLine, _ documents: [String: DocumentReference], area: String) -> HTML {
        guard let document = documents[line.reference], let number = document.number else { return "—" }
        switch document.kind {
        case .purchaseOrder, .referralOrder:
            return "<a class=\"mono\" href=\"\(area)/orders/\(document.id)\">\(number)</a>"
        case .orderReturn:
            return "<a class=\"mono\" href=\"\(area)/orders/\(document.orderId ?? "")\">\(number)</a>"
        case .commissionStatement:
            return "<a class=\"mono\" href=\"\(area)/statements/\(document.id)\">\(number)</a>"
        case .topUp, .adjustment:
            return "<span class=\"mono\">\(number)</span>"
        }
    }

    /// The document's number as plain text (exports).
    static func number(_ line: StatementLine, _ documents: [String: DocumentReference]) -> String {
        documents[line.reference]?.number ?? ""
    }

    /// What the movement was, in words: "进货付款 PO-…", "退货退款 RT-…(订单 PO-…)", "总部调账:…".
    static func description(_ language: Language, _ line: StatementLine, _ documents: [String: DocumentReference]) -> String {
        let document = documents[line.reference]
        let number = document?.number ?? ""
        switch line.kind {
        case .topUp: return language.t("充值到账 \(number)", "Top-up \(number) credited")
        case .topUpBonus: return language.t("充值返利(\(number))", "Rebate on top-up \(number)")
        case .purchasePayment: return language.t("进货付款 \(number)", "Payment for purchase order \(number)")
        case .referralPayment: return language.t("分销订单付款 \(number)", "Payment for referral order \(number)")
        case .refund:
            if document?.kind == .orderReturn {
                return language.t(
                    "退货退款 \(number)(订单 \(document?.orderNumber ?? ""))", "Refund of return \(number) (order \(document?.orderNumber ?? ""))")
            }
            return language.t("取消订单退款 \(number)", "Refund of cancelled order \(number)")
        case .manualCredit: return language.t("总部调账入账:\(line.memo)", "HQ credit: \(line.memo)")
        case .manualDebit: return language.t("总部调账扣款:\(line.memo)", "HQ debit: \(line.memo)")
        case .commissionStatement: return language.t("佣金结算 \(number)", "Commission statement \(number)")
        case .commissionPayout: return language.t("佣金发放到预存款 \(number)", "Commission paid to prepaid \(number)")
        }
    }
}
