import Foundation
import QudaoCore
import SQLKit

/// Disputes of partner statements (有异议) and the statement changes they cause.
extension SQLSession {
    /// Moves a statement from `issued` to `disputed`. Returns false, changing nothing, when it is no
    /// longer issued (confirmed, disputed or replaced meanwhile), so a statement is answered once.
    public func markPartnerStatementDisputed(id: String) async throws -> Bool {
        try await changedRowCount(
            "UPDATE partner_statements SET status = 'disputed', row_version = row_version + 1 WHERE id = \(bind: id) AND status = 'issued' RETURNING id"
        ) == 1
    }

    /// Moves a statement from `disputed` to `resolved` (every line answered), then, once its new
    /// version is issued, to `reissued`. Each step is conditional on the one before.
    public func advancePartnerStatement(
        id: String, from: PartnerStatementRecord.Status, to: PartnerStatementRecord.Status, replacedById: String? = nil
    )
        async throws -> Bool
    {
        try await changedRowCount(
            """
            UPDATE partner_statements SET status = \(bind: to.rawValue), replaced_by_id = COALESCE(\(bind: replacedById), replaced_by_id),
                row_version = row_version + 1
            WHERE id = \(bind: id) AND status = \(bind: from.rawValue) RETURNING id
            """) == 1
    }

    /// Serializes a partner's statement changes: issuing a statement and placing a dispute's
    /// correction in a month both take this lock first, so a correction never lands in a month whose
    /// next statement is being issued at the same moment on another server. On PostgreSQL it locks
    /// the partner's row until the transaction ends; SQLite's write transactions are serial already.
    public func lockPartnerStatements(partnerId: String) async throws {
        guard dialect == .postgres else { return }
        _ = try await first("SELECT id FROM partners WHERE id = \(bind: partnerId) FOR UPDATE")
    }

    /// Whether the partner has a statement of a month after `month` (any version): a correction
    /// accepted then can no longer belong to `month`, whose closing balance the next one opened with.
    public func hasPartnerStatement(partnerId: String, after month: String) async throws -> Bool {
        try await first("SELECT 1 AS later FROM partner_statements WHERE partner_id = \(bind: partnerId) AND month > \(bind: month) LIMIT 1") != nil
    }

    /// Stores a dispute and its lines. The statement's unique key refuses a second dispute of the same version.
    public func insertStatementDispute(_ dispute: StatementDispute) async throws {
        try await execute(
            """
            INSERT INTO statement_disputes (id, number, statement_id, partner_id, comment, attachment_file_id, status, raised_by_account_id, raised_at_ms)
            VALUES (\(bind: dispute.id), \(bind: dispute.number), \(bind: dispute.statementId), \(bind: dispute.partnerId), \(bind: dispute.comment),
                \(bind: dispute.attachmentFileId), 'open', \(bind: dispute.raisedByAccountId), \(bind: Timestamp.milliseconds(dispute.raisedAt)))
            """)
        for line in dispute.lines {
            var entryId: Int64?
            var orderNumber: String?
            switch line.item {
            case .movement(let id): entryId = id
            case .order(let number): orderNumber = number
            }
            try await execute(
                """
                INSERT INTO statement_dispute_lines (dispute_id, line_number, item_kind, entry_id, order_number, account, document_number,
                    description, stated_fen, claimed_fen, status)
                VALUES (\(bind: dispute.id), \(bind: Int64(line.lineNumber)), \(bind: line.item.kind), \(bind: entryId), \(bind: orderNumber),
                    \(bind: line.account.rawValue), \(bind: line.documentNumber), \(bind: line.description), \(bind: line.stated.fen),
                    \(bind: line.claimed.fen), 'open')
                """)
        }
    }

    /// The dispute of a statement version, with its lines.
    public func statementDispute(statementId: String) async throws -> StatementDispute? {
        guard
            let row = try await first(
                """
                SELECT d.*, f.file_name FROM statement_disputes d LEFT JOIN stored_files f ON f.id = d.attachment_file_id
                WHERE d.statement_id = \(bind: statementId)
                """)
        else { return nil }
        let id = try row.string("id")
        let lines = try await rows("SELECT * FROM statement_dispute_lines WHERE dispute_id = \(bind: id) ORDER BY line_number").map { line in
            let item: DisputedItem =
                try line.string("item_kind") == "movement"
                ? .movement(entryId: try line.int64("entry_id")) : .order(number: try line.string("order_number"))
            return StatementDisputeLine(
                lineNumber: Int(try line.int64("line_number")), item: item,
                account: StatementAccountKind(rawValue: try line.string("account")) ?? .prepaid, documentNumber: try line.string("document_number"),
                description: try line.string("description"), stated: Money(fen: try line.int64("stated_fen")),
                claimed: Money(fen: try line.int64("claimed_fen")),
                status: StatementDisputeLine.Status(rawValue: try line.string("status")) ?? .open,
                adjustment: try line.optionalInt64("adjustment_fen").map(Money.init(fen:)),
                adjustmentTransactionId: try line.optionalString("adjustment_transaction_id"), reply: try line.optionalString("reply"),
                answeredByAccountId: try line.optionalString("answered_by_account_id"), answeredAt: try line.optionalDate("answered_at_ms"))
        }
        return StatementDispute(
            id: id, number: try row.string("number"), statementId: statementId, partnerId: try row.string("partner_id"),
            comment: try row.string("comment"), attachmentFileId: try row.optionalString("attachment_file_id"),
            attachmentName: try row.optionalString("file_name"), raisedByAccountId: try row.string("raised_by_account_id"),
            raisedAt: try row.date("raised_at_ms"), status: StatementDispute.Status(rawValue: try row.string("status")) ?? .open,
            resolvedAt: try row.optionalDate("resolved_at_ms"), reissuedStatementId: try row.optionalString("reissued_statement_id"), lines: lines)
    }

    /// Records HQ's answer to an open line. Returns false, changing nothing, when the line was
    /// answered meanwhile (two finance users at once): a line is answered once.
    public func answerStatementDisputeLine(
        disputeId: String, lineNumber: Int, status: StatementDisputeLine.Status, adjustment: Money?, transactionId: String?, reply: String?,
        byAccountId: String?, at instant: Date
    ) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE statement_dispute_lines SET status = \(bind: status.rawValue), adjustment_fen = \(bind: adjustment?.fen),
                adjustment_transaction_id = \(bind: transactionId), reply = \(bind: reply), answered_by_account_id = \(bind: byAccountId),
                answered_at_ms = \(bind: Timestamp.milliseconds(instant))
            WHERE dispute_id = \(bind: disputeId) AND line_number = \(bind: Int64(lineNumber)) AND status = 'open'
            RETURNING line_number
            """) == 1
    }

    /// Marks a dispute resolved once its every line is answered, naming the version issued after it.
    /// Returns false when a line is still open or it was resolved already.
    public func resolveStatementDispute(id: String, reissuedStatementId: String, at instant: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE statement_disputes SET status = 'resolved', resolved_at_ms = \(bind: Timestamp.milliseconds(instant)),
                reissued_statement_id = \(bind: reissuedStatementId)
            WHERE id = \(bind: id) AND status = 'open'
                AND NOT EXISTS (SELECT 1 FROM statement_dispute_lines l WHERE l.dispute_id = \(bind: id) AND l.status = 'open')
            RETURNING id
            """) == 1
    }

    /// The version a reissued statement replaced, and its dispute's id.
    public func partnerStatementReplaced(by id: String) async throws -> String? {
        try await first("SELECT id FROM partner_statements WHERE replaced_by_id = \(bind: id)")?.string("id")
    }

    /// How many statements of a month (or of all months) are in each state, and how many issued ones
    /// confirm themselves before `soon` (the board's summary).
    public func partnerStatementCounts(month: String?, issuedBefore soon: Date) async throws -> (byStatus: [String: Int64], dueSoon: Int64) {
        var condition: SQLQueryString = "1 = 1"
        if let month { condition += " AND month = \(bind: month)" }
        var counts: [String: Int64] = [:]
        for row in try await rows("SELECT status, COUNT(*) AS total FROM partner_statements WHERE \(condition) GROUP BY status") {
            counts[try row.string("status")] = try row.int64("total")
        }
        let due =
            try await first(
                """
                SELECT COUNT(*) AS total FROM partner_statements
                WHERE \(condition) AND status = 'issued' AND issued_at_ms <= \(bind: Timestamp.milliseconds(soon))
                """)?.int64("total") ?? 0
        return (counts, due)
    }

    /// How many disputes wait for HQ's answer (the board's and the overview's count).
    public func openStatementDisputeCount() async throws -> Int64 {
        try await first("SELECT COUNT(*) AS total FROM statement_disputes WHERE status = 'open'")?.int64("total") ?? 0
    }
}
