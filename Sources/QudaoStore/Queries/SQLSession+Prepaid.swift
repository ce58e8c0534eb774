import Foundation
import QudaoCore
import SQLKit

/// Top-up requests and their proof files.
extension SQLSession {
    static let topUpColumns = """
        id, number, partner_id, amount_fen, bonus_fen, bank_reference, proof_file_id, note, status, requested_by, requested_at_ms,
        decided_by, decided_at_ms, rejection_reason, row_version
        """

    /// Stores an uploaded file.
    public func insertFile(_ file: StoredFile, uploadedBy: String, at instant: Date) async throws {
        try await execute(
            """
            INSERT INTO stored_files (id, partner_id, file_name, content_type, size_bytes, sha256, content, uploaded_by, created_at_ms)
            VALUES (\(bind: file.id), \(bind: file.partnerId), \(bind: file.fileName), \(bind: file.contentType), \(bind: file.content.count),
                \(bind: file.sha256), \(bind: file.content), \(bind: uploadedBy), \(bind: Timestamp.milliseconds(instant)))
            """)
    }

    /// One stored file.
    public func file(id: String) async throws -> StoredFile? {
        try await first("SELECT id, partner_id, file_name, content_type, sha256, content FROM stored_files WHERE id = \(bind: id)").map {
            StoredFile(
                id: try $0.string("id"), partnerId: try $0.optionalString("partner_id"), fileName: try $0.string("file_name"),
                contentType: try $0.string("content_type"), content: try $0.decode(column: "content", as: Data.self),
                sha256: try $0.string("sha256"))
        }
    }

    /// Inserts a top-up request.
    public func insertTopUp(_ topUp: TopUpRecord) async throws {
        try await execute(
            """
            INSERT INTO top_ups (id, number, partner_id, amount_fen, bonus_fen, bank_reference, proof_file_id, note, status, requested_by,
                requested_at_ms, row_version)
            VALUES (\(bind: topUp.id), \(bind: topUp.number), \(bind: topUp.partnerId), \(bind: topUp.amount.fen), 0,
                \(bind: topUp.bankReference), \(bind: topUp.proofFileId), \(bind: topUp.note), 'pending', \(bind: topUp.requestedBy),
                \(bind: Timestamp.milliseconds(topUp.requestedAt)), 1)
            """)
    }

    /// Decides a pending top-up: only a request that is still pending changes (so two finance
    /// clerks confirming at once credit it once). Returns false when it was no longer pending.
    public func decideTopUp(
        id: String, status: TopUpRecord.Status, bonus: Money, decidedBy: String, at instant: Date, rejectionReason: String?
    ) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE top_ups SET status = \(bind: status.rawValue), bonus_fen = \(bind: bonus.fen), decided_by = \(bind: decidedBy),
                decided_at_ms = \(bind: Timestamp.milliseconds(instant)), rejection_reason = \(bind: rejectionReason),
                row_version = row_version + 1
            WHERE id = \(bind: id) AND status = 'pending'
            RETURNING id
            """) == 1
    }

    /// One top-up request.
    public func topUp(id: String) async throws -> TopUpRecord? {
        try await first("SELECT \(unsafeRaw: Self.topUpColumns) FROM top_ups WHERE id = \(bind: id)").map(Self.decodeTopUp)
    }

    /// A page of top-up requests, newest first.
    public func topUps(matching filter: TopUpFilter, page: PageRequest) async throws -> Page<TopUpRecord> {
        var condition: SQLQueryString = "1 = 1"
        if let partnerId = filter.partnerId { condition += " AND partner_id = \(bind: partnerId)" }
        if let status = filter.status { condition += " AND status = \(bind: status.rawValue)" }
        let total = try await first("SELECT COUNT(*) AS total FROM top_ups WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.topUpColumns) FROM top_ups WHERE \(condition)
            ORDER BY requested_at_ms DESC, id LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodeTopUp)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Σ of a partner's top-ups confirmed in `[from, to]` (bonus credits excluded), for the discount tier.
    /// PostgreSQL sums BIGINT as NUMERIC, hence the cast back.
    public func confirmedTopUpTotal(partnerId: String, from: Date, to: Date) async throws -> Money {
        Money(
            fen: try await first(
                """
                SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS total FROM top_ups
                WHERE partner_id = \(bind: partnerId) AND status = 'confirmed'
                    AND decided_at_ms >= \(bind: Timestamp.milliseconds(from)) AND decided_at_ms <= \(bind: Timestamp.milliseconds(to))
                """)?.int64("total") ?? 0)
    }

    /// Whether a bank reference is already used by a pending or confirmed request of the same
    /// partner. Other partners' references are not consulted, so none can be learnt or blocked.
    public func bankReferenceInUse(_ reference: String, partnerId: String) async throws -> Bool {
        try await first(
            """
            SELECT id FROM top_ups WHERE partner_id = \(bind: partnerId) AND bank_reference = \(bind: reference) AND status <> 'rejected'
            """) != nil
    }

    static func decodeTopUp(_ row: any SQLRow) throws -> TopUpRecord {
        TopUpRecord(
            id: try row.string("id"), number: try row.string("number"), partnerId: try row.string("partner_id"),
            amount: Money(fen: try row.int64("amount_fen")), bonus: Money(fen: try row.int64("bonus_fen")),
            bankReference: try row.string("bank_reference"), proofFileId: try row.optionalString("proof_file_id"),
            note: try row.string("note"), status: TopUpRecord.Status(rawValue: try row.string("status")) ?? .pending,
            requestedBy: try row.string("requested_by"), requestedAt: try row.date("requested_at_ms"),
            decidedBy: try row.optionalString("decided_by"), decidedAt: try row.optionalDate("decided_at_ms"),
            rejectionReason: try row.optionalString("rejection_reason"), rowVersion: try row.int64("row_version"))
    }
}
