import Foundation
import QudaoCore
import QudaoStore
import SQLKit

extension SQLSession {
    /// What an insider with database access does first: drops (SQLite) or disables (PostgreSQL)
    /// the append-only triggers of `table`, so its rows can be edited and deleted.
    public func dropAppendOnlyGuards(_ table: String) async throws {
        switch dialect {
        case .sqlite:
            try await execute("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_update")
            try await execute("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_delete")
        case .postgres:
            try await execute("ALTER TABLE \(unsafeRaw: table) DISABLE TRIGGER USER")
        }
    }

    /// What an insider does to change history: rewrites the audit log from `fromSequence` on, with
    /// that row's commission rate changed (the seed's malicious rate), recomputing every hash after
    /// it with `key` (nil: plain SHA-256) and moving the head to the new last hash.
    public func rewriteAudit(fromSequence: Int64, key: ChainKey?) async throws {
        try await dropAppendOnlyGuards("audit_log")
        var previous =
            try await first("SELECT row_hash FROM audit_log WHERE sequence = \(bind: fromSequence - 1)")?.string("row_hash")
            ?? AuditChain.genesisHash
        for var entry in try await rows("SELECT * FROM audit_log WHERE sequence >= \(bind: fromSequence) ORDER BY sequence").map(
            SQLSession.decodeAudit)
        {
            if entry.sequence == fromSequence { entry.afterJSON = #"{"rate1Bp":3000}"# }
            entry.previousHash = previous
            entry.rowHash = AuditChain.hash(previousHash: previous, fields: entry.hashedFields, key: key)
            try await execute(
                """
                UPDATE audit_log SET after_json = \(bind: entry.afterJSON), previous_hash = \(bind: entry.previousHash),
                    row_hash = \(bind: entry.rowHash) WHERE sequence = \(bind: entry.sequence)
                """)
            previous = entry.rowHash
        }
        try await execute("UPDATE audit_chain_head SET last_hash = \(bind: previous) WHERE singleton = 1")
    }
}
