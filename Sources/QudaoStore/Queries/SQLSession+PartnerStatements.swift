import Foundation
import QudaoCore
import SQLKit

/// A return refunded in a month, as a statement lists it.
public struct RefundedReturnRow: Sendable, Hashable {
    public let number: String
    public let orderNumber: String
    public let refundedAt: Date
    public let refund: Money
}

/// An order placed in a month, as a statement lists it.
public struct StatementOrderRow: Sendable, Hashable {
    public let number: String
    public let kind: String
    public let status: OrderStatus
    public let createdAt: Date
    public let net: Money
}

/// Monthly partner statements (对账单) and the figures they are made of.
extension SQLSession {
    // MARK: - What a statement is made of

    /// The partners with anything to reconcile in `[from, to)`: a movement on their prepaid or
    /// commission account, an order placed or attributed to them, a refunded return, or a commission
    /// statement of `month` (settled after the month ends, so its ledger movements fall in the next).
    public func partnersWithActivity(month: String, from: Date, to: Date) async throws -> [String] {
        let start = Timestamp.milliseconds(from)
        let end = Timestamp.milliseconds(to)
        return try await rows(
            """
            SELECT id FROM partners WHERE id IN (
                SELECT a.partner_id FROM ledger_accounts a WHERE a.partner_id IS NOT NULL AND EXISTS (
                    SELECT 1 FROM ledger_entries e WHERE e.account_code = a.code AND e.posted_at_ms >= \(bind: start) AND e.posted_at_ms < \(bind: end))
                UNION SELECT substr(e.account_code, 12) FROM ledger_entries e
                    WHERE e.account_code LIKE 'commission:%' AND e.posted_at_ms >= \(bind: start) AND e.posted_at_ms < \(bind: end)
                UNION SELECT partner_id FROM orders WHERE created_at_ms >= \(bind: start) AND created_at_ms < \(bind: end)
                UNION SELECT o.partner_id FROM order_returns r JOIN orders o ON o.id = r.order_id
                    WHERE r.refunded_at_ms >= \(bind: start) AND r.refunded_at_ms < \(bind: end)
                UNION SELECT partner_id FROM settlement_statements WHERE month = \(bind: month)
            ) ORDER BY code
            """
        ).map { try $0.string("id") }
    }

    /// A partner account's balance at the start of `month` (which starts at `start`), as statements
    /// count it: the sum of its movements posted before then, except that a correction accepted
    /// from a dispute counts in the month it corrects (`statement_month`), whenever it was posted.
    /// Summed by time rather than read from the running balance, which follows the order the entries
    /// were written in. PostgreSQL sums BIGINT as NUMERIC, hence the cast.
    public func balance(of account: LedgerAccount, beforeMonth month: String, start: Date) async throws -> Money {
        Money(
            fen: try await first(
                """
                SELECT CAST(COALESCE(SUM(CASE WHEN direction = 'credit' THEN amount_fen ELSE -amount_fen END), 0) AS BIGINT) AS balance
                FROM ledger_entries WHERE account_code = \(bind: account.code)
                    AND ((statement_month IS NULL AND posted_at_ms < \(bind: Timestamp.milliseconds(start))) OR statement_month < \(bind: month))
                """)?.int64("balance") ?? 0)
    }

    /// Every movement of an account that a statement of `month` (`[from, to)`) lists, in time order:
    /// those posted in the month and the corrections accepted for it (which come last, posted
    /// later). `balanceAfter` is the ledger's running balance, in the order entries were written; a
    /// statement computes its own.
    public func movements(of account: LedgerAccount, month: String, from: Date, to: Date) async throws -> [StatementLine] {
        try await rows(
            """
            SELECT e.id, e.transaction_id, e.direction, e.amount_fen, e.balance_after_fen, e.posted_at_ms, t.kind, t.reference, t.memo
            FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
            WHERE e.account_code = \(bind: account.code)
                AND ((e.statement_month IS NULL AND e.posted_at_ms >= \(bind: Timestamp.milliseconds(from))
                    AND e.posted_at_ms < \(bind: Timestamp.milliseconds(to))) OR e.statement_month = \(bind: month))
            ORDER BY e.posted_at_ms, e.id
            """
        ).map { row in
            let amount = try row.int64("amount_fen")
            return StatementLine(
                entryId: try row.int64("id"), transactionId: try row.string("transaction_id"),
                kind: PostingKind(rawValue: try row.string("kind")) ?? .manualCredit, reference: try row.string("reference"),
                memo: try row.string("memo"), change: Money(fen: try row.string("direction") == "credit" ? amount : -amount),
                balanceAfter: Money(fen: try row.int64("balance_after_fen")), postedAt: try row.date("posted_at_ms"))
        }
    }

    /// The orders a partner placed, or that were attributed to it, in `[from, to)`, oldest first.
    public func statementOrders(partnerId: String, from: Date, to: Date) async throws -> [StatementOrderRow] {
        try await rows(
            """
            SELECT number, kind, status, created_at_ms, net_fen FROM orders WHERE partner_id = \(bind: partnerId)
                AND created_at_ms >= \(bind: Timestamp.milliseconds(from)) AND created_at_ms < \(bind: Timestamp.milliseconds(to))
            ORDER BY created_at_ms, number
            """
        ).map { row in
            StatementOrderRow(
                number: try row.string("number"), kind: try row.string("kind"),
                status: OrderStatus(rawValue: try row.string("status")) ?? .pendingPayment, createdAt: try row.date("created_at_ms"),
                net: Money(fen: try row.int64("net_fen")))
        }
    }

    /// The partner's returns refunded in `[from, to)`, oldest first.
    public func refundedReturns(partnerId: String, from: Date, to: Date) async throws -> [RefundedReturnRow] {
        try await rows(
            """
            SELECT r.number, o.number AS order_number, r.refunded_at_ms, r.refund_fen FROM order_returns r JOIN orders o ON o.id = r.order_id
            WHERE o.partner_id = \(bind: partnerId) AND r.status = 'refunded'
                AND r.refunded_at_ms >= \(bind: Timestamp.milliseconds(from)) AND r.refunded_at_ms < \(bind: Timestamp.milliseconds(to))
            ORDER BY r.refunded_at_ms, r.number
            """
        ).map { row in
            RefundedReturnRow(
                number: try row.string("number"), orderNumber: try row.string("order_number"), refundedAt: try row.date("refunded_at_ms"),
                refund: Money(fen: try row.optionalInt64("refund_fen") ?? 0))
        }
    }

    // MARK: - Statements

    /// The columns a statement is read from, of the table aliased `s`.
    static let partnerStatementColumns = """
        s.id, s.number, s.partner_id, s.month, s.version, s.status, s.content_json, s.content_hash, s.issued_at_ms, s.issued_by_account_id,
        s.confirmed_at_ms, s.confirmed_by_account_id, s.auto_confirmed, s.replaced_by_id
        """

    /// Stores an issued statement. Returns false, storing nothing, when the partner's month already
    /// has a current version (another server issued it first).
    public func insertPartnerStatement(_ statement: PartnerStatementRecord, contentJSON: String) async throws -> Bool {
        let content = statement.content
        return try await changedRowCount(
            """
            INSERT INTO partner_statements (id, number, partner_id, month, version, status, content_json, content_hash,
                prepaid_opening_fen, prepaid_closing_fen, commission_opening_fen, commission_closing_fen, issued_at_ms, issued_by_account_id)
            VALUES (\(bind: statement.id), \(bind: statement.number), \(bind: statement.partnerId), \(bind: statement.month),
                \(bind: Int64(statement.version)), \(bind: statement.status.rawValue), \(bind: contentJSON), \(bind: statement.contentHash),
                \(bind: content.account(.prepaid)?.opening.fen ?? 0), \(bind: content.account(.prepaid)?.closing.fen ?? 0),
                \(bind: content.account(.commissionPayable)?.opening.fen ?? 0), \(bind: content.account(.commissionPayable)?.closing.fen ?? 0),
                \(bind: Timestamp.milliseconds(statement.issuedAt)), \(bind: statement.issuedByAccountId))
            ON CONFLICT (partner_id, month) WHERE status <> 'reissued' DO NOTHING RETURNING id
            """) == 1
    }

    /// One statement.
    public func partnerStatement(id: String) async throws -> PartnerStatementRecord? {
        try await first("SELECT \(unsafeRaw: Self.partnerStatementColumns) FROM partner_statements s WHERE s.id = \(bind: id)").map(
            Self.decodePartnerStatement)
    }

    /// The current version of a partner's month, if issued.
    public func currentPartnerStatement(partnerId: String, month: String) async throws -> PartnerStatementRecord? {
        try await first(
            """
            SELECT \(unsafeRaw: Self.partnerStatementColumns) FROM partner_statements s
            WHERE s.partner_id = \(bind: partnerId) AND s.month = \(bind: month) AND s.status <> 'reissued'
            """
        ).map(Self.decodePartnerStatement)
    }

    /// Statements matching a filter, newest month first, then by partner code.
    public func partnerStatements(
        matching filter: PartnerStatementFilter, page: PageRequest
    ) async throws -> Page<
        PartnerStatementRecord
    > {
        var condition: SQLQueryString = "1 = 1"
        if let partnerId = filter.partnerId { condition += " AND s.partner_id = \(bind: partnerId)" }
        if let month = filter.month { condition += " AND s.month = \(bind: month)" }
        if let status = filter.status { condition += " AND s.status = \(bind: status.rawValue)" }
        let total = try await first("SELECT COUNT(*) AS total FROM partner_statements s WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.partnerStatementColumns) FROM partner_statements s JOIN partners p ON p.id = s.partner_id WHERE \(condition)
            ORDER BY s.month DESC, p.code, s.version DESC LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodePartnerStatement)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Confirms an issued statement. Returns false, changing nothing, when it is no longer issued
    /// (confirmed, disputed or replaced meanwhile), so a statement is confirmed once.
    public func confirmPartnerStatement(id: String, byAccountId accountId: String?, at instant: Date, automatically: Bool) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE partner_statements SET status = 'confirmed', confirmed_at_ms = \(bind: Timestamp.milliseconds(instant)),
                confirmed_by_account_id = \(bind: accountId), auto_confirmed = \(bind: automatically ? 1 : 0), row_version = row_version + 1
            WHERE id = \(bind: id) AND status = 'issued'
            RETURNING id
            """) == 1
    }

    /// Issued statements older than `cutoff`, oldest first: those the partner has not answered.
    public func partnerStatementsIssued(before cutoff: Date, limit: Int) async throws -> [String] {
        try await rows(
            """
            SELECT id FROM partner_statements WHERE status = 'issued' AND issued_at_ms <= \(bind: Timestamp.milliseconds(cutoff))
            ORDER BY issued_at_ms, id LIMIT \(bind: limit)
            """
        ).map { try $0.string("id") }
    }

    /// Settled months whose partner statements are not all issued yet, oldest first.
    public func settledMonthsAwaitingPartnerStatements() async throws -> [String] {
        try await rows(
            "SELECT month FROM settlement_runs WHERE status = 'completed' AND partner_statements_issued_at_ms IS NULL ORDER BY month"
        ).map { try $0.string("month") }
    }

    /// Records that every partner statement of a settled month is issued.
    public func markPartnerStatementsIssued(month: String, at instant: Date) async throws {
        try await execute(
            """
            UPDATE settlement_runs SET partner_statements_issued_at_ms = \(bind: Timestamp.milliseconds(instant))
            WHERE month = \(bind: month) AND partner_statements_issued_at_ms IS NULL
            """)
    }

    static func decodePartnerStatement(_ row: any SQLRow) throws -> PartnerStatementRecord {
        let content = try JSONDecoder().decode(PartnerStatementContent.self, from: Data(try row.string("content_json").utf8))
        return PartnerStatementRecord(
            id: try row.string("id"), number: try row.string("number"), partnerId: try row.string("partner_id"), month: try row.string("month"),
            version: Int(try row.int64("version")), status: PartnerStatementRecord.Status(rawValue: try row.string("status")) ?? .issued,
            content: content, contentHash: try row.string("content_hash"), issuedAt: try row.date("issued_at_ms"),
            issuedByAccountId: try row.optionalString("issued_by_account_id"), confirmedAt: try row.optionalDate("confirmed_at_ms"),
            confirmedByAccountId: try row.optionalString("confirmed_by_account_id"), autoConfirmed: try row.int64("auto_confirmed") == 1,
            replacedById: try row.optionalString("replaced_by_id"))
    }
}
