import Foundation
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
}
