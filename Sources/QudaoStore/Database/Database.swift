import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// Which SQL engine a database runs on.
public enum DatabaseDialect: String, Sendable {
    case sqlite
    case postgres
}

/// Thrown for database configuration that cannot be used.
public struct DatabaseConfigurationError: Error, CustomStringConvertible {
    /// What is wrong, in a sentence an operator can act on.
    public let description: String
}

/// Where the data lives, parsed from `DATABASE_URL` (`sqlite://PATH` or `postgres://USER:PASSWORD@HOST:PORT/DB`).
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(host: String, port: Int, username: String, password: String?, database: String)

    /// The default embedded store.
    public static let defaultURL = "sqlite://data/qudao.sqlite"

    /// Parses a database URL.
    public static func parse(_ url: String) throws -> DatabaseLocation {
        if url == "sqlite::memory:" || url == "sqlite://:memory:" { return .sqliteMemory }
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw DatabaseConfigurationError(description: "DATABASE_URL sqlite:// needs a file path") }
            return .sqliteFile(path: path)
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
                throw DatabaseConfigurationError(description: "DATABASE_URL is not a valid postgres:// URL")
            }
            let database = String(components.path.drop(while: { $0 == "/" }))
            guard let username = components.user, !username.isEmpty, !database.isEmpty else {
                throw DatabaseConfigurationError(description: "DATABASE_URL postgres:// needs a user and a database name")
            }
            return .postgres(
                host: host, port: components.port ?? 5432, username: username,
                password: components.password?.removingPercentEncoding, database: database)
        }
        throw DatabaseConfigurationError(description: "DATABASE_URL must start with sqlite:// or postgres://")
    }
}

/// The platform's database: a connection pool over SQLite or PostgreSQL with explicit transactions.
///
/// Writes go through ``write(_:)``, which runs the body in one transaction and commits or rolls back
/// as a whole. On SQLite, write transactions are serialized inside the process (and `BEGIN IMMEDIATE`
/// serializes them across processes) because SQLite has one writer at a time anyway, and waiting on its
/// busy handler would tie up the shared thread pool. On PostgreSQL, correctness under concurrency comes
/// from conditional updates, constraints and row or advisory locks taken inside the transaction.
public final class Database: Sendable {
    /// The SQL engine.
    public let dialect: DatabaseDialect
    private let backend: Backend
    private let writeGate: AsyncGate
    /// The logger queries report to.
    public let logger: Logger
    /// For a SQLite file: where exclusive run locks are kept (next to the database).
    private let lockFilePrefix: String?
    private let heldLocks = HeldLocks()
    private let chainKeyStorage = ChainKeyStorage()

    /// The key the audit log and voucher chains are hashed with; set once the data key is loaded.
    public var chainKey: ChainKey? { chainKeyStorage.key }

    /// Hashes chains from now on with `key` (the platform calls it when it loads the data key; nil
    /// writes plain hashes, as releases before keyed chains did).
    public func useChainKey(_ key: ChainKey?) {
        chainKeyStorage.key = key
    }

    private enum Backend: Sendable {
        case sqlite(SQLiteConnectionPool)
        case postgres(PostgresClient, Task<Void, Never>)
    }

    private init(dialect: DatabaseDialect, backend: Backend, logger: Logger, lockFilePrefix: String? = nil) {
        self.dialect = dialect
        self.backend = backend
        self.logger = logger
        self.writeGate = AsyncGate()
        self.lockFilePrefix = lockFilePrefix
    }

    /// Opens a database. For a SQLite file the folder is created if missing.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> Database {
        switch location {
        case .sqliteFile(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let pool = SQLiteConnectionPool(storage: .file(path: path), maximumConnections: 4, logger: logger)
            // Opening one connection now surfaces an unusable path at start, not at the first request.
            try await pool.withConnection { _ in }
            return Database(dialect: .sqlite, backend: .sqlite(pool), logger: logger, lockFilePrefix: path)
        case .sqliteMemory:
            // One connection: every connection to ":memory:" would otherwise be a separate empty database.
            let pool = SQLiteConnectionPool(storage: .memory, maximumConnections: 1, logger: logger)
            try await pool.withConnection { _ in }
            return Database(dialect: .sqlite, backend: .sqlite(pool), logger: logger)
        case .postgres(let host, let port, let username, let password, let database):
            var configuration = PostgresClient.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: .disable)
            configuration.options.maximumConnections = 16
            configuration.options.minimumConnections = 0
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            let runner = Task { await client.run() }
            // Give the client's run loop a chance to start before the first lease, which it otherwise
            // reports as a warning.
            for _ in 0..<20 { await Task.yield() }
            let opened = Database(dialect: .postgres, backend: .postgres(client, runner), logger: logger)
            do {
                _ = try await opened.read { try await $0.rows("SELECT 1 AS one") }
            } catch {
                runner.cancel()
                throw DatabaseConfigurationError(description: "cannot reach PostgreSQL at \(host):\(port)/\(database): \(String(reflecting: error))")
            }
            return opened
        }
    }

    deinit {
        if case .postgres(_, let runner) = backend { runner.cancel() }
    }

    /// Closes every connection.
    public func close() async {
        switch backend {
        case .sqlite(let pool): await pool.close()
        case .postgres(_, let runner): runner.cancel()
        }
    }

    /// Runs `body` while holding an exclusive lock named `name` across every process that shares the
    /// database, or returns nil at once when someone else holds it. The lock dies with its holder: on
    /// PostgreSQL it is a session advisory lock on a connection kept for the duration, on SQLite an
    /// `flock` on a file next to the database. So a crashed run never blocks the next one.
    public func withExclusiveLock<Result: Sendable>(_ name: String, _ body: @Sendable () async throws -> Result) async throws -> Result? {
        guard await heldLocks.take(name) else { return nil }
        do {
            let result = try await lockedAcrossProcesses(name, body)
            await heldLocks.release(name)
            return result
        } catch {
            await heldLocks.release(name)
            throw error
        }
    }

    private func lockedAcrossProcesses<Result: Sendable>(_ name: String, _ body: @Sendable () async throws -> Result) async throws -> Result? {
        switch backend {
        case .postgres(let client, _):
            return try await client.withConnection { connection -> Result? in
                let database = connection.sql(queryLogLevel: .trace)
                let key = AdvisoryLockKey.key(for: name)
                let locked =
                    try await database.raw("SELECT pg_try_advisory_lock(\(bind: key)) AS locked").all().first?.decode(column: "locked", as: Bool.self)
                    ?? false
                guard locked else { return nil }
                do {
                    let result = try await body()
                    _ = try? await database.raw("SELECT pg_advisory_unlock(\(bind: key))").all()
                    return result
                } catch {
                    _ = try? await database.raw("SELECT pg_advisory_unlock(\(bind: key))").all()
                    throw error
                }
            }
        case .sqlite:
            guard let lockFilePrefix else { return try await body() }
            guard let lock = FileLock(path: "\(lockFilePrefix).\(name).lock") else { return nil }
            defer { lock.release() }
            return try await body()
        }
    }

    /// Runs `body` on one connection outside a transaction; for reads that need no snapshot.
    public func read<Result: Sendable>(_ body: @Sendable (SQLSession) async throws -> Result) async throws -> Result {
        try await withRawConnection { database in
            try await body(SQLSession(sql: database, dialect: self.dialect, chainKey: self.chainKey))
        }
    }

    /// Runs `body` in one transaction and commits it, or rolls everything back if it throws.
    public func write<Result: Sendable>(_ body: @Sendable (SQLSession) async throws -> Result) async throws -> Result {
        switch dialect {
        case .sqlite:
            return try await writeGate.withPermit {
                try await self.transaction(begin: "BEGIN IMMEDIATE", body)
            }
        case .postgres:
            // PostgreSQL may abort a transaction that lost a deadlock or a serialization conflict;
            // it changed nothing, so it is tried again, a bounded number of times.
            var attempt = 1
            while true {
                do {
                    return try await transaction(begin: "BEGIN", body)
                } catch let error where attempt < Self.maximumAttempts && DatabaseErrorClassifier.isTransient(error) {
                    attempt += 1
                }
            }
        }
    }

    /// How many times a PostgreSQL transaction is tried when it keeps losing conflicts.
    static let maximumAttempts = 3

    private func transaction<Result: Sendable>(
        begin: String, _ body: @Sendable (SQLSession) async throws -> Result
    ) async throws -> Result {
        try await withRawConnection { database in
            let session = SQLSession(sql: database, dialect: self.dialect, chainKey: self.chainKey)
            try await session.execute(SQLQueryString(begin))
            var recordedClaim = false
            do {
                recordedClaim = try await IdempotencyClaim.recordIfPending(in: session)
                let result = try await body(session)
                try await session.execute("COMMIT")
                return result
            } catch {
                // A failed rollback (for example on a broken connection) must not hide the original error.
                try? await session.execute("ROLLBACK")
                if recordedClaim { IdempotencyClaim.current?.forgetRecording() }
                throw error
            }
        }
    }

    private func withRawConnection<Result: Sendable>(
        _ body: @Sendable (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        switch backend {
        case .sqlite(let pool):
            return try await pool.withConnection { connection in
                try await body(connection.sql(queryLogLevel: .trace))
            }
        case .postgres(let client, _):
            return try await client.withConnection { connection in
                try await body(connection.sql(queryLogLevel: .trace))
            }
        }
    }
}

/// One connection (inside or outside a transaction) with helpers for explicit SQL.
public struct SQLSession: Sendable {
    /// The SQLKit database bound to one connection.
    public let sql: any SQLDatabase
    /// The SQL engine, for the few statements whose spelling differs.
    public let dialect: DatabaseDialect
    /// The key chains are hashed and checked with; nil before the data key is loaded.
    public var chainKey: ChainKey? = nil

    /// Runs a statement that returns no rows.
    public func execute(_ query: SQLQueryString) async throws {
        try await sql.raw(query).run()
    }

    /// Runs a query and returns every row.
    public func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        try await sql.raw(query).all()
    }

    /// Runs a query and returns its first row, if any.
    public func first(_ query: SQLQueryString) async throws -> (any SQLRow)? {
        try await sql.raw(query).all().first
    }

    /// Runs a statement ending in `RETURNING …` and returns how many rows it changed; the way a
    /// conditional update tells whether its guard held on both engines.
    public func changedRowCount(_ query: SQLQueryString) async throws -> Int {
        try await sql.raw(query).all().count
    }

    /// Takes a lock named `name` until the transaction ends. On PostgreSQL this is a transaction-scoped
    /// advisory lock; on SQLite the write transaction already excludes every other writer.
    public func lock(_ name: String) async throws {
        guard dialect == .postgres else { return }
        try await execute("SELECT pg_advisory_xact_lock(\(bind: AdvisoryLockKey.key(for: name)))")
    }

    /// Tries to take a transaction-scoped lock named `name` without waiting; false when another holds it.
    public func tryLock(_ name: String) async throws -> Bool {
        guard dialect == .postgres else { return true }
        let row = try await first("SELECT pg_try_advisory_xact_lock(\(bind: AdvisoryLockKey.key(for: name))) AS locked")
        return try row?.decode(column: "locked", as: Bool.self) ?? false
    }
}

/// Stable 64-bit keys for advisory locks, derived from a name so every instance agrees on them.
enum AdvisoryLockKey {
    static func key(for name: String) -> Int64 {
        // FNV-1a: deterministic across processes, unlike Swift's seeded Hasher.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}

/// The chain key behind a lock: set once at start, read by every transaction.
final class ChainKeyStorage: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: ChainKey?

    var key: ChainKey? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
        set {
            lock.lock()
            stored = newValue
            lock.unlock()
        }
    }
}
