import Foundation
import Logging
import QudaoApp
import QudaoCore
import QudaoStore

/// The engines the storage contract runs on.
public enum Backend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// The engines to test here: SQLite always, PostgreSQL where it is installed (always in CI).
    public static var available: [Backend] {
        if ProcessInfo.processInfo.environment["QUDAO_TEST_SQLITE_ONLY"] == "1" && !PostgresTestServer.isRequired { return [.sqlite] }
        return PostgresTestServer.isAvailable || PostgresTestServer.isRequired ? [.sqlite, .postgres] : [.sqlite]
    }
}

/// Creates throwaway, migrated databases and platforms for tests.
public enum TestDatabase {
    static let logger: Logger = {
        var logger = Logger(label: "qudao.tests")
        logger.logLevel = .warning
        return logger
    }()

    /// A fixed key so that tests are reproducible.
    public static let cipher = PersonalDataCipher(keyMaterial: Data(repeating: 7, count: 32))

    /// The instant test clocks start at: 2026-11-15 10:00 Asia/Shanghai.
    public static let start = Date(timeIntervalSince1970: 1_763_172_000)

    /// A new, empty, migrated database on `backend`.
    public static func make(_ backend: Backend) async throws -> Database {
        let location: DatabaseLocation
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-test-\(UUID().uuidString)")
            location = .sqliteFile(path: folder.appendingPathComponent("qudao.sqlite").path)
        case .postgres:
            location = try await PostgresTestServer.shared.makeDatabase(logger: logger).location
        }
        let database = try await Database.open(location, logger: logger)
        try await Migrator.migrate(database, now: start)
        return database
    }

    /// A platform on a new database with a test clock and a cheap bcrypt cost.
    public static func platform(_ backend: Backend) async throws -> (Platform, TestClock) {
        let clock = TestClock(start: start)
        let platform = Platform(database: try await make(backend), clock: clock, cipher: cipher, passwordCost: 4, logger: logger)
        return (platform, clock)
    }

    /// A new SQLite database file path (for tests that build the whole application).
    public static func sqliteURL() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-test-\(UUID().uuidString)")
        return "sqlite://" + folder.appendingPathComponent("qudao.sqlite").path
    }
}
