import Foundation
import Logging
import QudaoApp
import QudaoCore
import QudaoStore

#if canImport(Glibc)
    import Glibc
#endif

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

    /// A new, empty, migrated database on `backend`, with the URL another process can open it by.
    public static func makeWithURL(_ backend: Backend) async throws -> (Database, String) {
        let url: String
        switch backend {
        case .sqlite:
            url = sqliteURL()
        case .postgres:
            let (location, _) = try await PostgresTestServer.shared.makeDatabase(logger: logger)
            guard case .postgres(let host, let port, let username, _, let database) = location else { preconditionFailure("a PostgreSQL location") }
            url = "postgres://\(username)@\(host):\(port)/\(database)"
        }
        let database = try await Database.open(try DatabaseLocation.parse(url), logger: logger)
        database.useChainKey(cipher.chainKey)
        try await Migrator.migrate(database, now: start)
        return (database, url)
    }

    /// The personal-data key of ``cipher``, as `QUDAO_DATA_KEY` for a child process.
    public static let dataKeyHex = String(repeating: "07", count: 32)

    /// A new, empty, migrated database on `backend`.
    public static func make(_ backend: Backend) async throws -> Database {
        let database = try await makeUnmigrated(backend)
        try await Migrator.migrate(database, now: start)
        return database
    }

    /// A new database on `backend` with no table at all (for tests of migrations themselves).
    public static func makeUnmigrated(_ backend: Backend) async throws -> Database {
        let location: DatabaseLocation
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-test-\(UUID().uuidString)")
            location = .sqliteFile(path: folder.appendingPathComponent("qudao.sqlite").path)
        case .postgres:
            location = try await PostgresTestServer.shared.makeDatabase(logger: logger).location
        }
        let database = try await Database.open(location, logger: logger)
        // Chains are keyed with the test data key, as the platform keys them with the real one.
        database.useChainKey(cipher.chainKey)
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

/// Runs a program to completion with extra environment variables and returns how it ended.
public enum ChildProcess {
    /// How a child ended: its exit status, or the signal that killed it, and what it printed.
    public struct Outcome: Sendable {
        public let exitStatus: Int32?
        public let signal: Int32?
        public let output: String
    }

    /// The `qudao` binary built next to the test bundle.
    public static var qudaoBinary: String {
        URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent().appendingPathComponent("qudao").path
    }

    /// Runs `arguments` (the first is the program) with the current environment plus `environment`,
    /// `standardInput` (if any) as what it reads.
    public static func run(_ arguments: [String], environment: [String: String], standardInput: String? = nil) throws -> Outcome {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-child-\(UUID().uuidString)").path
        let inputPath = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-child-input-\(UUID().uuidString)").path
        try (standardInput ?? "").write(toFile: inputPath, atomically: true, encoding: .utf8)
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: inputPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInput == nil ? "/dev/null" : inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let environmentStrings: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in environmentStrings { free(pointer) }
        }
        var processId: pid_t = 0
        let spawned = posix_spawn(&processId, arguments[0], &actions, nil, argv, environmentStrings)
        guard spawned == 0 else { throw TestEnvironmentError("cannot start \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(processId, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let signal = status & 0x7f
        return Outcome(exitStatus: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal, output: output)
    }
}
