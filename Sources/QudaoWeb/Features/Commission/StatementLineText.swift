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
        case .topUp, .adjustment, .statementDispute:
            return "<span class=\"mono\">\(number)</span>"
        }
    }

    /// The document's number as plain text (exports).
    static func number(_ line: StatementLine, _ documents: [String: DocumentReference]) -> String {
        documents[line.reference]?.number ?? ""
    }

    /// What the movement was, in words: "进货付款 PO-…", "退货退款 RT-…(订单 PO-…)", "总部调账:…".
    static func description(_ language: Language, _ line: StatementLine, _ documents: [String: DocumentReference]) -> String {
        language.movementDescription(kind: line.kind, memo: line.memo, document: documents[line.reference], account: .prepaid)
    }
}
