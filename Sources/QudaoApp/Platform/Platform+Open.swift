import Foundation
import Logging
import QudaoCore
import QudaoStore

extension Platform {
    /// How to open the platform: where the database is, the data key, the clock.
    public struct OpeningOptions: Sendable {
        /// `sqlite://PATH` or `postgres://USER:PASSWORD@HOST:PORT/DB`.
        public var databaseURL: String = Platform.defaultDatabaseURL
        /// The personal-data key, if given (else it is read from, or created in, `dataKeyFile`).
        public var dataKey: String?
        /// Where the personal-data key is kept when no key is given.
        public var dataKeyFile: String = "data/qudao-data.key"
        /// Apply pending migrations on PostgreSQL (SQLite always migrates).
        public var migrateOnStart: Bool = false
        /// Use a test clock starting at `testClockStart` (now by default).
        public var testClock: Bool = false
        /// Where the test clock starts.
        public var testClockStart: Date?
        /// bcrypt cost.
        public var passwordCost: UInt8 = 12

        /// The defaults.
        public init() {}
    }

    /// Why the platform refuses to open.
    public struct OpeningRefused: Error, CustomStringConvertible {
        /// Why, and what to do about it.
        public let description: String
    }

    /// The embedded SQLite database, the default.
    public static let defaultDatabaseURL = DatabaseLocation.defaultURL

    /// Opens the platform: the database (migrated as the rules for each engine say), the data key
    /// and the clock. SQLite migrates itself; PostgreSQL refuses to open with pending migrations
    /// unless told to apply them, so that several servers never race to migrate one database.
    public static func open(_ options: OpeningOptions, logger: Logger) async throws -> Platform {
        let location = try DatabaseLocation.parse(options.databaseURL)
        let database = try await Database.open(location, logger: logger)
        let clock: any QudaoCore.Clock = options.testClock ? TestClock(start: options.testClockStart ?? Date()) : SystemClock()
        let pending = try await Migrator.pendingVersions(database)
        if !pending.isEmpty {
            if database.dialect == .sqlite || options.migrateOnStart {
                let applied = try await Migrator.migrate(database, now: clock.now())
                logger.info("applied migrations", metadata: ["versions": .string(applied.map(String.init).joined(separator: ","))])
            } else {
                await database.close()
                throw OpeningRefused(
                    description: "the PostgreSQL database has unapplied migrations (\(pending.map(String.init).joined(separator: ", "))); "
                        + "run `qudao migrate` or start with --migrate")
            }
        }
        let keyMaterial = try PersonalDataCipher.loadKey(environmentValue: options.dataKey, keyFile: options.dataKeyFile)
        let platform = Platform(
            database: database, clock: clock, cipher: PersonalDataCipher(keyMaterial: keyMaterial), passwordCost: options.passwordCost,
            logger: logger)
        // Versions before 0.12 kept saved answers in plain text; they are sealed before serving.
        let sealed = try await IdempotencyService(platform: platform).sealPlaintextResponses()
        if sealed > 0 { logger.info("encrypted saved idempotent responses", metadata: ["count": .stringConvertible(sealed)]) }
        // Versions before 0.15 kept no phone lookups on orders and addresses; a person's data is found by them.
        let hashed = try await PersonalDataService(platform: platform).backfillPhoneLookups()
        if hashed > 0 { logger.info("hashed phone lookups", metadata: ["count": .stringConvertible(hashed)]) }
        return platform
    }

    /// Whether the database answers (the readiness probe).
    public func isReady() async -> Bool {
        do {
            _ = try await database.read { try await $0.rows("SELECT 1 AS one") }
            return true
        } catch {
            return false
        }
    }
}
