import Logging
import NIOCore
import NIOPosix
import SQLiteKit

/// A small pool of SQLite connections, each configured for durability and concurrency:
/// WAL journal, `synchronous=FULL` (a committed payment survives a power cut), foreign keys on,
/// and a busy timeout for the rare case of another process (the CLI) writing at the same time.
actor SQLiteConnectionPool {
    private let storage: SQLiteConnection.Storage
    private let maximumConnections: Int
    private let logger: Logger
    private var idle: [SQLiteConnection] = []
    private var openCount = 0
    private var waiters: [CheckedContinuation<SQLiteConnection, any Error>] = []
    private var closed = false

    init(storage: SQLiteConnection.Storage, maximumConnections: Int, logger: Logger) {
        self.storage = storage
        self.maximumConnections = maximumConnections
        self.logger = logger
    }

    nonisolated func withConnection<Result: Sendable>(
        _ body: @Sendable (SQLiteConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    private func acquire() async throws -> SQLiteConnection {
        if closed { throw DatabaseConfigurationError(description: "the database is closed") }
        if let connection = idle.popLast() { return connection }
        if openCount < maximumConnections {
            openCount += 1
            do {
                return try await open()
            } catch {
                openCount -= 1
                throw error
            }
        }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    private func release(_ connection: SQLiteConnection) {
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else if closed {
            Task { try? await connection.close() }
        } else {
            idle.append(connection)
        }
    }

    private func open() async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        let database = connection.sql()
        if case .file = storage {
            try await database.raw("PRAGMA journal_mode=WAL").run()
        }
        try await database.raw("PRAGMA synchronous=FULL").run()
        try await database.raw("PRAGMA foreign_keys=ON").run()
        try await database.raw("PRAGMA busy_timeout=10000").run()
        // Reads of large ranges (the dashboard's rollups, reports) go through memory-mapped pages
        // and a 16 MiB page cache per connection instead of a system call per 4 KiB page.
        if case .file = storage {
            try await database.raw("PRAGMA mmap_size=1073741824").run()
            try await database.raw("PRAGMA cache_size=-16384").run()
        }
        return connection
    }

    deinit {
        // SQLite connections must be closed before they are released; a pool dropped without
        // `close()` (a short-lived command or a test) closes its idle connections on the way out.
        for connection in idle {
            Task { try? await connection.close() }
        }
    }

    func close() async {
        closed = true
        for connection in idle {
            try? await connection.close()
        }
        idle.removeAll()
        for waiter in waiters {
            waiter.resume(throwing: DatabaseConfigurationError(description: "the database is closed"))
        }
        waiters.removeAll()
    }
}
