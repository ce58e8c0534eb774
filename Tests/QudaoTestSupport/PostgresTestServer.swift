import Foundation
import Logging
import QudaoStore

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster for the test process: created with `initdb` in a temporary
/// folder, listening on a free loopback port, stopped and deleted when the process exits.
/// Where the binaries are missing it reports why, and suites skip loudly (or fail when
/// `QUDAO_REQUIRE_POSTGRES=1`, as in CI).
public actor PostgresTestServer {
    /// The cluster shared by every test of the process.
    public static let shared = PostgresTestServer()

    /// Whether CI demands that the PostgreSQL suites run.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["QUDAO_REQUIRE_POSTGRES"] == "1" }

    /// The folder holding `initdb` and `pg_ctl`, if PostgreSQL is installed.
    public static let binaryFolder: String? = {
        let manager = FileManager.default
        var candidates: [String] = []
        if let versions = try? manager.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            candidates += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        }
        candidates += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return candidates.first { manager.isExecutableFile(atPath: "\($0)/initdb") && manager.isExecutableFile(atPath: "\($0)/pg_ctl") }
    }()

    /// Whether the suites can run against PostgreSQL here.
    public static var isAvailable: Bool { binaryFolder != nil }

    /// Where the running cluster listens.
    public struct Endpoint: Sendable {
        public let host: String
        public let port: Int
        public let username: String
        public let version: String
    }

    private var starting: Task<Endpoint, any Error>?

    /// Starts the cluster on first use and returns where it listens.
    public func endpoint() async throws -> Endpoint {
        if let starting { return try await starting.value }
        // initdb and pg_ctl block while they run, so they run on a thread of their own rather than
        // on one of the few threads that every test task shares.
        let task = Task {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Endpoint, any Error>) in
                Thread.detachNewThread {
                    continuation.resume(with: Result { try Self.start() })
                }
            }
        }
        starting = task
        return try await task.value
    }

    /// A new, empty database in the cluster, for one test.
    public func makeDatabase(logger: Logger) async throws -> (location: DatabaseLocation, name: String) {
        let endpoint = try await endpoint()
        let name = "qudao_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try await Database.open(
            .postgres(host: endpoint.host, port: endpoint.port, username: endpoint.username, password: nil, database: "postgres"),
            logger: logger)
        try await admin.read { try await $0.execute("CREATE DATABASE \(unsafeRaw: String(name))") }
        await admin.close()
        return (.postgres(host: endpoint.host, port: endpoint.port, username: endpoint.username, password: nil, database: String(name)), String(name))
    }

    private static func start() throws -> Endpoint {
        guard let binaries = binaryFolder else {
            throw TestEnvironmentError("PostgreSQL is not installed (no initdb/pg_ctl found); install the Debian postgresql package")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // initdb refuses to run as root, so as root the cluster belongs to the postgres user.
        let runAs: [String] = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        if getuid() == 0 {
            try run(["/bin/chown", "postgres", folder])
        }
        let dataFolder = folder + "/data"
        try run(runAs + ["\(binaries)/initdb", "-D", dataFolder, "-U", "qudao", "--auth=trust", "--encoding=UTF8", "--locale=C", "-N"])
        var lastError: (any Error)?
        for _ in 0..<8 {
            let port = Int.random(in: 20_000...60_000)
            do {
                // Durability settings are off: these tests check behaviour, not crash safety of PostgreSQL itself.
                try run(
                    runAs + [
                        "\(binaries)/pg_ctl", "-D", dataFolder, "-l", folder + "/server.log", "-w", "-t", "30", "-o",
                        "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                        "start",
                    ])
                cleanup = Cleanup(runAs: runAs, pgCtl: "\(binaries)/pg_ctl", dataFolder: dataFolder, folder: folder)
                atexit {
                    cleanup?.stop()
                }
                let version =
                    (try? String(contentsOfFile: dataFolder + "/PG_VERSION", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
                return Endpoint(host: "127.0.0.1", port: port, username: "qudao", version: version)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? TestEnvironmentError("PostgreSQL did not start")
    }

    /// Runs a program to completion and returns its output; throws on a non-zero exit.
    ///
    /// `posix_spawn` and `waitpid` rather than Foundation's `Process`: under the test runner,
    /// `Process.waitUntilExit` was seen never to return after `runuser` exited (the child stayed a
    /// zombie). Output goes to a file, not a pipe, because the server pg_ctl starts would inherit
    /// a pipe and keep it open.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-pg-output-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var processId: pid_t = 0
        let spawned = posix_spawn(&processId, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestEnvironmentError("cannot start \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(processId, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED and WEXITSTATUS, spelled out because the C macros are not imported into Swift.
        let exitedNormally = (status & 0x7f) == 0
        guard exitedNormally && ((status >> 8) & 0xff) == 0 else {
            throw TestEnvironmentError("\(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
        return text
    }
}

/// Stops the cluster when the test process exits.
struct Cleanup: Sendable {
    let runAs: [String]
    let pgCtl: String
    let dataFolder: String
    let folder: String

    func stop() {
        _ = try? PostgresTestServer.run(runAs + [pgCtl, "-D", dataFolder, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }
}

nonisolated(unsafe) private var cleanup: Cleanup?

/// A problem with the test machine rather than with the code under test.
public struct TestEnvironmentError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
