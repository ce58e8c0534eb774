import Foundation
import SQLKit

/// One numbered, append-only schema change. A migration that has landed is never edited;
/// a later migration changes what it made.
public struct Migration: Sendable {
    /// The number that orders migrations; gaps are not allowed.
    public let version: Int
    /// A short name for people reading `schema_migrations`.
    public let name: String
    /// The statements to run, per engine, in order and in one transaction.
    public let statements: @Sendable (DatabaseDialect) -> [String]
}

/// Applies and reports migrations.
public enum Migrator {
    /// Every migration, in order.
    public static let all: [Migration] = [
        Migration0001Foundation.migration,
        Migration0002OrdersAndLedger.migration,
        Migration0003Commissions.migration,
        Migration0004PartnerStock.migration,
        Migration0005Notifications.migration,
        Migration0006Grading.migration,
        Migration0007ChannelPrivileges.migration,
        Migration0008Imports.migration,
        Migration0009SalesRollups.migration,
        Migration0010RollupGrains.migration,
        Migration0011GoingLive.migration,
        Migration0012SecurityReview.migration,
        Migration0013KeyedChains.migration,
        Migration0014PaymentPasswords.migration,
        Migration0015PersonalDataRights.migration,
        Migration0016SecondApprover.migration,
        Migration0017PartnerStatements.migration,
        Migration0018StatementDisputes.migration,
        Migration0019BankStatements.migration,
        Migration0020APIKeys.migration,
        Migration0021Webhooks.migration,
        Migration0022LowStockLines.migration,
    ]

    /// The versions not yet applied to `database`.
    public static func pendingVersions(_ database: Database) async throws -> [Int] {
        let applied = try await appliedVersions(database)
        return all.map(\.version).filter { !applied.contains($0) }
    }

    /// Applies every pending migration, each in its own transaction, holding a lock so that two
    /// instances starting together do not both apply one. Returns the versions it applied.
    @discardableResult
    public static func migrate(_ database: Database, now: Date) async throws -> [Int] {
        try await database.write { session in
            try await session.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at_ms BIGINT NOT NULL)"
            )
        }
        var appliedNow: [Int] = []
        for migration in all {
            let applied = try await database.write { session -> Bool in
                try await session.lock("schema_migrations")
                let existing = try await session.first("SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)")
                guard existing == nil else { return false }
                for statement in migration.statements(database.dialect) {
                    try await session.execute(SQLQueryString(statement))
                }
                try await session.execute(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at_ms)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Timestamp.milliseconds(now)))
                    """)
                return true
            }
            if applied { appliedNow.append(migration.version) }
        }
        return appliedNow
    }

    private static func appliedVersions(_ database: Database) async throws -> Set<Int> {
        try await database.read { session in
            let exists: Bool
            switch session.dialect {
            case .sqlite:
                exists = try await session.first("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") != nil
            case .postgres:
                exists =
                    try await session.first("SELECT tablename FROM pg_tables WHERE tablename = 'schema_migrations' AND schemaname = current_schema()")
                    != nil
            }
            guard exists else { return [] }
            let rows = try await session.rows("SELECT version FROM schema_migrations")
            return Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
        }
    }
}

/// Converts instants to the integer milliseconds (UTC) that every `…_at_ms` column holds.
public enum Timestamp {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    public static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}
