import Foundation
import Logging
import QudaoCore
import QudaoStore
import QudaoTestSupport
import SQLKit
import Testing

@Suite("Going live in storage: migration 11, setup tokens, receiving accounts")
struct GoingLiveStorageTests {
    static let now = TestDatabase.start

    /// A database with migrations 1 to `version` applied, the way an older release left it.
    static func database(_ backend: Backend, migratedTo version: Int) async throws -> Database {
        let database = try await TestDatabase.makeUnmigrated(backend)
        try await database.write { session in
            try await session.execute(
                "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at_ms BIGINT NOT NULL)")
            for migration in Migrator.all where migration.version <= version {
                for statement in migration.statements(session.dialect) { try await session.execute(SQLQueryString(statement)) }
                try await session.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (\(bind: migration.version), \(bind: migration.name), 0)")
            }
        }
        return database
    }

    @Test(
        "migration 11 marks a database that already had accounts as a demo database, and leaves an empty one unmarked", arguments: Backend.available)
    func legacyDatabasesAreDemo(_ backend: Backend) async throws {
        // given a database an earlier release filled (the demo was its only way to make an account)
        let used = try await Self.database(backend, migratedTo: 10)
        // (with that release's columns: today's insert writes columns later migrations added)
        try await used.write {
            try await $0.execute(
                """
                INSERT INTO accounts (id, username, display_name, password_hash, kind, hq_role, status, created_at_ms, updated_at_ms)
                VALUES ('acc_legacy0000000000000', 'hq-admin', 'hq-admin', 'x', 'hq', 'admin', 'active', 0, 0)
                """)
        }
        let empty = try await Self.database(backend, migratedTo: 10)
        // when migration 11 is applied
        #expect(try await Migrator.migrate(used, now: Self.now).first == 11)
        #expect(try await Migrator.migrate(empty, now: Self.now).first == 11)
        // then only the used one is a demo database
        #expect(try await used.read { try await $0.isDemoDatabase() })
        #expect(!(try await empty.read { try await $0.isDemoDatabase() }))
        #expect(try await empty.read { try await $0.contentCounts().isEmpty })
        await used.close()
        await empty.close()
    }

    @Test("a setup token is used once and takes every other token with it; setup is recorded once", arguments: Backend.available)
    func setupTokens(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        let later = Self.now.addingTimeInterval(3600)
        try await database.write { session in
            try await session.insertSetupToken(hash: "a", createdAt: Self.now, expiresAt: later)
            try await session.insertSetupToken(hash: "b", createdAt: Self.now, expiresAt: later)
        }
        #expect(try await database.read { try await $0.setupTokenIsValid(hash: "a", now: Self.now) })
        #expect(!(try await database.read { try await $0.setupTokenIsValid(hash: "a", now: later) }), "expired")
        #expect(try await database.write { try await $0.consumeSetupToken(hash: "a", now: Self.now) })
        #expect(!(try await database.write { try await $0.consumeSetupToken(hash: "b", now: Self.now) }), "gone with the first")
        try await database.write { try await $0.markSetupCompleted(now: Self.now) }
        await #expect {
            try await database.write { try await $0.markSetupCompleted(now: Self.now) }
        } throws: { DatabaseErrorClassifier.isUniqueViolation($0) }
        await database.close()
    }

    @Test("a receiving account number is stored encrypted and cannot be listed twice while active", arguments: Backend.available)
    func receivingAccounts(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        let cipher = TestDatabase.cipher
        let account = CompanyBankAccount(
            id: Identifier.make(prefix: "cba"), accountName: "公司", bankName: "银行", accountNumber: "6214830123456789", position: 1, rowVersion: 1)
        try await database.write { try await $0.insertCompanyBankAccount(account, cipher: cipher, now: Self.now) }
        let twin = CompanyBankAccount(
            id: Identifier.make(prefix: "cba"), accountName: "公司", bankName: "银行", accountNumber: "6214 8301 2345 6789", position: 2, rowVersion: 1)
        await #expect {
            try await database.write { try await $0.insertCompanyBankAccount(twin, cipher: cipher, now: Self.now) }
        } throws: { DatabaseErrorClassifier.isUniqueViolation($0) }
        let stored = try await database.read {
            try await $0.first("SELECT account_number_encrypted FROM company_bank_accounts")?.string("account_number_encrypted")
        }
        #expect(stored?.contains("6214830123456789") == false)
        #expect(try await database.read { try await $0.companyBankAccounts(cipher: cipher) }.map(\.accountNumber) == ["6214830123456789"])
        // once removed, the same number may be listed again
        #expect(try await database.write { try await $0.removeCompanyBankAccount(id: account.id, expectedRowVersion: 1, now: Self.now) })
        try await database.write { try await $0.insertCompanyBankAccount(twin, cipher: cipher, now: Self.now) }
        #expect(try await database.read { try await $0.companyBankAccounts(cipher: cipher) }.count == 1)
        await database.close()
    }

    @Test(
        "migration 13 accepts the plain hashes an earlier release wrote, and only those: a plain row after it is named as forged",
        arguments: Backend.available)
    func legacyChainsStayVerifiable(_ backend: Backend) async throws {
        let database = try await Self.database(backend, migratedTo: 12)
        // An earlier release hashed without a key.
        database.useChainKey(nil)
        func append(_ index: Int) async throws {
            _ = try await database.write { session in
                try await session.appendAudit(
                    occurredAt: Self.now, accountId: nil, username: "admin", sourceIP: "10.0.0.\(index)", action: "partner.update",
                    entityType: "partner", entityId: "prt_\(index)", beforeJSON: nil, afterJSON: nil)
            }
        }
        for index in 1...3 { try await append(index) }
        // The upgrade migrates and keys the chain from then on.
        database.useChainKey(TestDatabase.cipher.chainKey)
        #expect(try await Migrator.migrate(database, now: Self.now) == [13, 14, 15, 16, 17, 18, 19, 20, 21, 22])
        try await append(4)
        #expect(try await database.read { try await $0.verifyAuditChain() } == nil)
        // A row written without the key after the upgrade is a forgery.
        database.useChainKey(nil)
        try await append(5)
        database.useChainKey(TestDatabase.cipher.chainKey)
        let broken = try await database.read { try await $0.verifyAuditChain() }
        #expect(broken?.sequence == 5 && broken?.reason.contains("forged") == true, "\(String(describing: broken))")
        await database.close()
    }
}
