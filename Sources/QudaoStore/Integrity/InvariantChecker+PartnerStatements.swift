import Crypto
import Foundation
import QudaoCore
import SQLKit

extension InvariantChecker {
    /// The most statements read at once.
    static let statementBatchSize = 500

    /// Partner statements (RULES §8): each one's content still has the hash it was issued with, each
    /// account's opening balance plus its movements is its closing balance, the stored balances are
    /// the content's, and a statement's closing balance is the opening of the partner's next one
    /// (months without a statement had no movement). Read in batches, by partner and month.
    static func checkPartnerStatements(_ session: SQLSession, _ report: inout InvariantReport) async throws {
        var checked = 0
        var problems: [String] = []
        var previous: (partnerId: String, number: String, prepaid: Int64, commission: Int64)?
        var offset = 0
        while true {
            let rows = try await session.rows(
                """
                SELECT id, number, partner_id, month, content_json, content_hash, prepaid_opening_fen, prepaid_closing_fen,
                    commission_opening_fen, commission_closing_fen
                FROM partner_statements WHERE status <> 'reissued' ORDER BY partner_id, month
                LIMIT \(bind: statementBatchSize) OFFSET \(bind: offset)
                """)
            if rows.isEmpty { break }
            offset += rows.count
            for row in rows {
                checked += 1
                let number = try row.string("number")
                let partnerId = try row.string("partner_id")
                let json = try row.string("content_json")
                let hash = Hexadecimal.text(SHA256.hash(data: Data(json.utf8)))
                if hash != (try row.string("content_hash")) { problems.append("\(number): the content does not match its hash") }
                guard let content = try? JSONDecoder().decode(PartnerStatementContent.self, from: Data(json.utf8)) else {
                    problems.append("\(number): the content cannot be read")
                    continue
                }
                for account in content.accounts where !account.balances {
                    problems.append("\(number): \(account.kind.rawValue) opening + movements ≠ closing")
                }
                let prepaid = (try row.int64("prepaid_opening_fen"), try row.int64("prepaid_closing_fen"))
                let commission = (try row.int64("commission_opening_fen"), try row.int64("commission_closing_fen"))
                if prepaid != (content.account(.prepaid)?.opening.fen ?? 0, content.account(.prepaid)?.closing.fen ?? 0)
                    || commission
                        != (content.account(.commissionPayable)?.opening.fen ?? 0, content.account(.commissionPayable)?.closing.fen ?? 0)
                {
                    problems.append("\(number): the stored balances differ from the content")
                }
                if let last = previous, last.partnerId == partnerId, last.prepaid != prepaid.0 || last.commission != commission.0 {
                    problems.append("\(last.number) → \(number): closing balance ≠ next opening balance")
                }
                previous = (partnerId, number, prepaid.1, commission.1)
            }
        }
        if problems.isEmpty {
            report.pass("partner statements balance, match their hashes and carry each closing balance to the next month (\(checked) statements)")
        } else {
            for problem in problems.prefix(20) { report.fail("partner statement \(problem)") }
            if problems.count > 20 { report.fail("partner statements: \(problems.count - 20) more problems") }
        }
    }

    /// Statement disputes: every accepted line has its own correction posted for exactly its
    /// amount, and every correction in the ledger answers one accepted line (a correction posted
    /// twice, or one nobody accepted, is named).
    static func checkStatementDisputes(_ session: SQLSession, _ report: inout InvariantReport) async throws {
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM statement_dispute_lines l WHERE l.status = 'accepted' AND NOT EXISTS (
                SELECT 1 FROM ledger_transactions t WHERE t.id = l.adjustment_transaction_id AND t.kind = 'statement_correction'
                    AND t.reference = l.dispute_id AND t.total_fen = abs(l.adjustment_fen))
            """,
            ok: "every accepted dispute line has its correction posted for its amount",
            failure: "accepted dispute line(s) without their correction")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM ledger_transactions t WHERE t.kind = 'statement_correction' AND NOT EXISTS (
                SELECT 1 FROM statement_dispute_lines l WHERE l.adjustment_transaction_id = t.id AND l.status = 'accepted')
            """,
            ok: "every statement correction answers one accepted dispute line",
            failure: "statement correction(s) that no accepted dispute line names")
    }

    /// Bank statement lines (RULES §8): every matched line credits exactly one confirmed top-up of
    /// its amount, and no top-up is matched by two lines (a confirmed top-up posted twice is named by
    /// the ledger's check).
    static func checkBankLines(_ session: SQLSession, _ report: inout InvariantReport) async throws {
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM bank_statement_lines l WHERE l.status = 'matched' AND NOT EXISTS (
                SELECT 1 FROM top_ups u WHERE u.id = l.matched_top_up_id AND u.status = 'confirmed' AND u.amount_fen = l.amount_fen
                    AND l.direction = 'credit')
            """,
            ok: "every matched bank line credits a confirmed top-up of its amount",
            failure: "matched bank line(s) whose top-up is not confirmed for their amount")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM (SELECT matched_top_up_id FROM bank_statement_lines WHERE matched_top_up_id IS NOT NULL
                GROUP BY matched_top_up_id HAVING COUNT(*) > 1) twice
            """,
            ok: "no top-up is matched by two bank lines", failure: "top-up(s) matched by more than one bank line")
    }
}
