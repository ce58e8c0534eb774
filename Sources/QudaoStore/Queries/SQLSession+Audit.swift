import Foundation
import QudaoCore
import SQLKit

/// A place where the audit chain is broken.
public struct AuditChainBreak: Sendable, Hashable, CustomStringConvertible {
    /// The sequence number of the first row that does not verify.
    public let sequence: Int64
    /// Why it does not verify.
    public let reason: String

    public var description: String { "audit_log row \(sequence): \(reason)" }
}

/// Appending to and reading the chained audit log.
extension SQLSession {
    /// Appends an entry inside the current transaction. The chain head row is updated first, which
    /// locks it on PostgreSQL, so concurrent transactions append one after another and the chain
    /// never forks; on SQLite the write transaction is already exclusive.
    @discardableResult
    public func appendAudit(
        occurredAt: Date, accountId: String?, username: String, sourceIP: String, action: String, entityType: String,
        entityId: String, beforeJSON: String?, afterJSON: String?
    ) async throws -> AuditEntry {
        guard
            let head = try await first(
                "UPDATE audit_chain_head SET last_sequence = last_sequence + 1 WHERE singleton = 1 RETURNING last_sequence, last_hash")
        else { throw DatabaseConfigurationError(description: "audit_chain_head is missing; run the migrations") }
        var entry = AuditEntry(
            sequence: try head.int64("last_sequence"), id: Identifier.make(prefix: "aud"), occurredAt: occurredAt,
            accountId: accountId, username: username, sourceIP: sourceIP, action: action, entityType: entityType,
            entityId: entityId, beforeJSON: beforeJSON, afterJSON: afterJSON, previousHash: try head.string("last_hash"),
            rowHash: "")
        entry.rowHash = AuditChain.hash(previousHash: entry.previousHash, fields: entry.hashedFields, key: chainKey)
        try await execute(
            """
            INSERT INTO audit_log (sequence, id, occurred_at_ms, account_id, username, source_ip, action, entity_type, entity_id,
                before_json, after_json, previous_hash, row_hash)
            VALUES (\(bind: entry.sequence), \(bind: entry.id), \(bind: Timestamp.milliseconds(occurredAt)), \(bind: accountId),
                \(bind: username), \(bind: sourceIP), \(bind: action), \(bind: entityType), \(bind: entityId), \(bind: beforeJSON),
                \(bind: afterJSON), \(bind: entry.previousHash), \(bind: entry.rowHash))
            """)
        try await execute("UPDATE audit_chain_head SET last_hash = \(bind: entry.rowHash) WHERE singleton = 1")
        try await IdempotencyClaim.noteResult(entityType: entityType, entityId: entityId, in: self)
        return entry
    }

    /// The setting that says up to which sequence audit rows were written before chains were keyed
    /// (absent in a database created with keyed chains: then no row may be plain).
    public static let unkeyedAuditUntilSequenceKey = "chains.unkeyed_audit_until_sequence"

    /// The setting that says until when (milliseconds) vouchers were written before chains were keyed.
    public static let unkeyedVouchersUntilKey = "chains.unkeyed_vouchers_until_ms"

    /// A filtered page of the audit log, newest first.
    public func auditEntries(matching filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEntry> {
        var condition = SQLQueryString("1 = 1")
        if let accountId = filter.accountId { condition += " AND account_id = \(bind: accountId)" }
        if let username = filter.username, !username.isEmpty { condition += " AND username = \(bind: username.lowercased())" }
        if let action = filter.action, !action.isEmpty { condition += " AND action = \(bind: action)" }
        if let entityType = filter.entityType, !entityType.isEmpty { condition += " AND entity_type = \(bind: entityType)" }
        if let entityId = filter.entityId, !entityId.isEmpty { condition += " AND entity_id = \(bind: entityId)" }
        if let from = filter.from { condition += " AND occurred_at_ms >= \(bind: Timestamp.milliseconds(from))" }
        if let to = filter.to { condition += " AND occurred_at_ms < \(bind: Timestamp.milliseconds(to))" }
        let total = try await first("SELECT COUNT(*) AS total FROM audit_log WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT * FROM audit_log WHERE \(condition) ORDER BY sequence DESC
            LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodeAudit)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// The distinct actions recorded so far, for the filter's drop-down.
    public func auditActions() async throws -> [String] {
        try await rows("SELECT DISTINCT action FROM audit_log ORDER BY action LIMIT 500").map { try $0.string("action") }
    }

    /// Walks the whole chain in batches and returns the first break, if any: a row whose content no
    /// longer matches its hash, whose previous hash is not its predecessor's, or a gap in the sequence
    /// (a removed row), or a head that does not point at the last row. Plain hashes pass only up to
    /// `limits` (by default those the database records; a checkpoint's when it is stricter).
    public func verifyAuditChain(batchSize: Int = 5_000, limits: UnkeyedLimits? = nil) async throws -> AuditChainBreak? {
        var expectedPrevious = AuditChain.genesisHash
        var expectedSequence: Int64 = 1
        var keyedBefore = false
        var effective = limits
        if effective == nil { effective = try await unkeyedLimits() }
        let unkeyedUntil = effective?.auditUntilSequence ?? 0
        while true {
            let batch = try await rows(
                "SELECT * FROM audit_log WHERE sequence >= \(bind: expectedSequence) ORDER BY sequence LIMIT \(bind: batchSize)"
            ).map(Self.decodeAudit)
            for entry in batch {
                if entry.sequence != expectedSequence {
                    return AuditChainBreak(sequence: expectedSequence, reason: "row is missing (next row is \(entry.sequence))")
                }
                if entry.previousHash != expectedPrevious {
                    return AuditChainBreak(sequence: entry.sequence, reason: "previous_hash does not match the row before it")
                }
                if let problem = AuditChain.problem(
                    rowHash: entry.rowHash, previousHash: entry.previousHash, fields: entry.hashedFields, key: chainKey,
                    unkeyedAllowed: !keyedBefore && entry.sequence <= unkeyedUntil)
                {
                    return AuditChainBreak(sequence: entry.sequence, reason: problem)
                }
                keyedBefore = keyedBefore || entry.rowHash.hasPrefix(AuditChain.keyedPrefix)
                expectedPrevious = entry.rowHash
                expectedSequence += 1
            }
            if batch.count < batchSize { break }
        }
        let head = try await first("SELECT last_sequence, last_hash FROM audit_chain_head WHERE singleton = 1")
        if let head, try head.int64("last_sequence") != expectedSequence - 1 || head.string("last_hash") != expectedPrevious {
            return AuditChainBreak(sequence: expectedSequence, reason: "the chain head does not point at the last row (rows were removed at the end)")
        }
        return nil
    }

    /// An audit row as read from the table.
    public static func decodeAudit(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            sequence: try row.int64("sequence"), id: try row.string("id"), occurredAt: try row.date("occurred_at_ms"),
            accountId: try row.optionalString("account_id"), username: try row.string("username"),
            sourceIP: try row.string("source_ip"), action: try row.string("action"), entityType: try row.string("entity_type"),
            entityId: try row.string("entity_id"), beforeJSON: try row.optionalString("before_json"),
            afterJSON: try row.optionalString("after_json"), previousHash: try row.string("previous_hash"),
            rowHash: try row.string("row_hash"))
    }
}

extension AuditEntry {
    /// The fields the chain hash covers, in a fixed order.
    public var hashedFields: [String?] {
        [
            String(sequence), id, String(Timestamp.milliseconds(occurredAt)), accountId, username, sourceIP, action, entityType,
            entityId, beforeJSON, afterJSON,
        ]
    }
}
