import Foundation
import QudaoCore
import QudaoStore

extension SQLSession {
    /// Records that `caller` did `action` to an entity, inside the transaction that made the change.
    func audit(
        _ caller: Caller, at instant: Date, action: String, entityType: String, entityId: String, before: String?, after: String?
    ) async throws {
        try await appendAudit(
            occurredAt: instant, accountId: caller.auditAccountId, username: caller.principal.username,
            sourceIP: caller.origin.sourceIP, action: action, entityType: entityType, entityId: entityId, beforeJSON: before,
            afterJSON: after)
    }
}

/// Browsing the operation audit log (HQ admins only).
public struct AuditLogService: Sendable {
    let platform: Platform

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// A filtered page of entries, newest first.
    public func entries(_ caller: Caller, filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEntry> {
        try caller.require(.viewAuditLog)
        return try await platform.database.read { try await $0.auditEntries(matching: filter, page: page) }
    }

    /// A page of entries with the names people know their actors and subjects by (display
    /// names, partner codes, SKUs, document numbers), for the log read as sentences.
    public func entriesWithNames(
        _ caller: Caller, filter: AuditFilter, page: PageRequest
    ) async throws -> (entries: Page<AuditEntry>, names: [String: String]) {
        try caller.require(.viewAuditLog)
        return try await platform.database.read { session in
            let entries = try await session.auditEntries(matching: filter, page: page)
            let ids = entries.items.flatMap { [$0.entityId] + ($0.accountId.map { [$0] } ?? []) }
            return (entries, try await session.readableNames(ids: ids))
        }
    }

    /// The actions recorded so far.
    public func actions(_ caller: Caller) async throws -> [String] {
        try caller.require(.viewAuditLog)
        return try await platform.database.read { try await $0.auditActions() }
    }
}
