import Foundation
import QudaoCore
import SQLKit

/// Requests for a second HQ approver (双人复核). The change is stored encrypted; who may decide is
/// held by the table's checks and by the conditional updates here, not only by the caller.
extension SQLSession {
    static let approvalColumns = """
        id, number, action, change_cipher, note, status, requested_by_account_id, requested_at_ms, decided_by_account_id, decided_at_ms,
        decision_note, result_reference
        """

    /// Stores a pending request. Returns false, storing nothing, when a request with the same
    /// exclusive key already waits (the partial unique index decides, so two servers cannot both
    /// store one).
    public func insertApprovalRequest(_ request: ApprovalRequest, cipher: PersonalDataCipher) async throws -> Bool {
        let change = String(decoding: try JSONEncoder().encode(request.change), as: UTF8.self)
        return try await changedRowCount(
            """
            INSERT INTO approval_requests (id, number, action, partner_id, exclusive_key, change_cipher, note, status,
                requested_by_account_id, requested_at_ms)
            VALUES (\(bind: request.id), \(bind: request.number), \(bind: request.change.action.rawValue), \(bind: request.change.partnerId),
                \(bind: request.change.exclusiveKey), \(bind: try cipher.encrypt(change)), \(bind: request.note), 'pending',
                \(bind: request.requestedByAccountId), \(bind: Timestamp.milliseconds(request.requestedAt)))
            ON CONFLICT (exclusive_key) WHERE status = 'pending' DO NOTHING RETURNING id
            """) == 1
    }

    /// The request waiting with this exclusive key, if any.
    public func pendingApprovalRequest(exclusiveKey: String, cipher: PersonalDataCipher) async throws -> ApprovalRequest? {
        try await first(
            "SELECT \(unsafeRaw: Self.approvalColumns) FROM approval_requests WHERE exclusive_key = \(bind: exclusiveKey) AND status = 'pending'"
        ).map { try Self.decodeApprovalRequest($0, cipher: cipher) }
    }

    /// One request.
    public func approvalRequest(id: String, cipher: PersonalDataCipher) async throws -> ApprovalRequest? {
        try await first("SELECT \(unsafeRaw: Self.approvalColumns) FROM approval_requests WHERE id = \(bind: id)").map {
            try Self.decodeApprovalRequest($0, cipher: cipher)
        }
    }

    /// Requests matching a filter: waiting ones oldest first (the queue), decided ones newest first.
    public func approvalRequests(
        matching filter: ApprovalFilter, page: PageRequest, cipher: PersonalDataCipher
    ) async throws -> Page<
        ApprovalRequest
    > {
        var condition: SQLQueryString = "1 = 1"
        if let status = filter.status { condition += " AND status = \(bind: status.rawValue)" }
        if let action = filter.action { condition += " AND action = \(bind: action.rawValue)" }
        let total = try await first("SELECT COUNT(*) AS total FROM approval_requests WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.approvalColumns) FROM approval_requests WHERE \(condition)
            ORDER BY CASE WHEN status = 'pending' THEN 0 ELSE 1 END,
                CASE WHEN status = 'pending' THEN requested_at_ms ELSE -decided_at_ms END, id
            LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map { try Self.decodeApprovalRequest($0, cipher: cipher) }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// How many requests wait.
    public func pendingApprovalCount() async throws -> Int {
        Int(try await first("SELECT COUNT(*) AS total FROM approval_requests WHERE status = 'pending'")?.int64("total") ?? 0)
    }

    /// Decides a waiting request: approved or rejected by an account other than the requester, or
    /// withdrawn by the requester. Returns false, changing nothing, when the request is no longer
    /// waiting or the account may not decide it this way, so of concurrent decisions exactly one
    /// lands.
    public func decideApprovalRequest(
        id: String, status: ApprovalRequest.Status, byAccountId accountId: String, at instant: Date, note: String?, resultReference: String?
    ) async throws -> Bool {
        precondition(status != .pending, "a decision leaves the pending state")
        let who: SQLQueryString =
            status == .withdrawn
            ? "requested_by_account_id = \(bind: accountId)" : "requested_by_account_id <> \(bind: accountId)"
        return try await changedRowCount(
            """
            UPDATE approval_requests SET status = \(bind: status.rawValue), decided_by_account_id = \(bind: accountId),
                decided_at_ms = \(bind: Timestamp.milliseconds(instant)), decision_note = \(bind: note), result_reference = \(bind: resultReference)
            WHERE id = \(bind: id) AND status = 'pending' AND \(who)
            RETURNING id
            """) == 1
    }

    static func decodeApprovalRequest(_ row: any SQLRow, cipher: PersonalDataCipher) throws -> ApprovalRequest {
        let change = try JSONDecoder().decode(ApprovalChange.self, from: Data(try cipher.decrypt(try row.string("change_cipher")).utf8))
        return ApprovalRequest(
            id: try row.string("id"), number: try row.string("number"), change: change, note: try row.optionalString("note"),
            status: ApprovalRequest.Status(rawValue: try row.string("status")) ?? .pending,
            requestedByAccountId: try row.string("requested_by_account_id"), requestedAt: try row.date("requested_at_ms"),
            decidedByAccountId: try row.optionalString("decided_by_account_id"), decidedAt: try row.optionalDate("decided_at_ms"),
            decisionNote: try row.optionalString("decision_note"), resultReference: try row.optionalString("result_reference"))
    }
}
