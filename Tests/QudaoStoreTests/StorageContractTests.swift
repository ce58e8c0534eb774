import Foundation
import QudaoCore
import QudaoStore
import QudaoTestSupport
import SQLKit
import Testing

/// The storage contract: the same behaviour on SQLite and PostgreSQL.
@Suite("Storage contract")
struct StorageContractTests {
    static let cipher = TestDatabase.cipher
    static let now = TestDatabase.start

    static func partner(code: String, parent: PartnerRecord? = nil, phone: String = "13812345678") -> PartnerRecord {
        let id = Identifier.make(prefix: "prt")
        return PartnerRecord(
            id: id, code: code, name: "渠道 \(code)", type: .distributor, level: (parent?.level ?? 0) + 1, parentId: parent?.id,
            path: PartnerRecord.path(for: id, underParentPath: parent?.path), status: .active, province: "广东省", city: "深圳市",
            address: "南山区", contactName: "张三", contactPhone: phone, businessLicenceNumber: nil, createdAt: now, updatedAt: now,
            rowVersion: 1)
    }

    @Test("the PostgreSQL suite runs wherever PostgreSQL is installed")
    func postgresIsTested() async throws {
        if PostgresTestServer.isAvailable {
            let endpoint = try await PostgresTestServer.shared.endpoint()
            print("PostgreSQL contract suite: running against PostgreSQL \(endpoint.version) on \(endpoint.host):\(endpoint.port)")
        } else {
            print("WARNING: PostgreSQL is not installed; the PostgreSQL contract suite is SKIPPED on this machine")
            #expect(!PostgresTestServer.isRequired, "QUDAO_REQUIRE_POSTGRES=1 but PostgreSQL is not installed")
        }
    }

    @Test("migrations apply once and a second run changes nothing", arguments: Backend.available)
    func migrationsAreIdempotent(_ backend: Backend) async throws {
        // given a migrated database; when migrating again; then nothing is applied or pending
        let database = try await TestDatabase.make(backend)
        #expect(try await Migrator.migrate(database, now: Self.now).isEmpty)
        #expect(try await Migrator.pendingVersions(database).isEmpty)
        await database.close()
    }

    @Test("a partner round-trips with its phone encrypted at rest", arguments: Backend.available)
    func partnerRoundTrip(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        let partner = Self.partner(code: "GD-01", phone: "13812341234")
        try await database.write { try await $0.insertPartner(partner, cipher: Self.cipher) }
        // when read back; then every field survives
        let read = try await database.read { try await $0.partner(id: partner.id, cipher: Self.cipher) }
        #expect(read == partner)
        // and the stored phone is neither the number nor its digits
        let raw = try await database.read {
            try await $0.first("SELECT contact_phone_encrypted, contact_phone_lookup FROM partners WHERE id = \(bind: partner.id)")
        }
        let stored = try raw?.string("contact_phone_encrypted") ?? ""
        #expect(!stored.contains("13812341234") && !stored.contains("1234"))
        #expect(try raw?.string("contact_phone_lookup") == Self.cipher.lookupHash("138-1234-1234"))
        // and the phone can be found through its keyed hash
        let found = try await database.read {
            try await $0.partners(matching: PartnerFilter(search: "13812341234"), page: PageRequest(pageNumber: 1, pageSize: 10), cipher: Self.cipher)
        }
        #expect(found.items.map(\.id) == [partner.id])
        await database.close()
    }

    @Test("partner codes are unique in the database itself", arguments: Backend.available)
    func uniqueCodes(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        try await database.write { try await $0.insertPartner(Self.partner(code: "DUP-1"), cipher: Self.cipher) }
        await #expect {
            try await database.write { try await $0.insertPartner(Self.partner(code: "DUP-1"), cipher: Self.cipher) }
        } throws: { DatabaseErrorClassifier.isUniqueViolation($0) }
        await database.close()
    }

    @Test("a failed transaction leaves nothing behind", arguments: Backend.available)
    func rollback(_ backend: Backend) async throws {
        struct Abort: Error {}
        let database = try await TestDatabase.make(backend)
        // given a transaction that writes a partner and an audit row, then fails
        await #expect(throws: Abort.self) {
            try await database.write { session in
                try await session.insertPartner(Self.partner(code: "GONE-1"), cipher: Self.cipher)
                try await session.appendAudit(
                    occurredAt: Self.now, accountId: nil, username: "t", sourceIP: "test", action: "x", entityType: "partner",
                    entityId: "x", beforeJSON: nil, afterJSON: nil)
                throw Abort()
            }
        }
        // then neither the partner nor the audit row exists, and the chain is intact
        let partners = try await database.read { try await $0.first("SELECT COUNT(*) AS total FROM partners")?.int64("total") }
        let audits = try await database.read { try await $0.first("SELECT COUNT(*) AS total FROM audit_log")?.int64("total") }
        #expect(partners == 0 && audits == 0)
        #expect(try await database.read { try await $0.verifyAuditChain() } == nil)
        await database.close()
    }

    @Test("moving a subtree rewrites every descendant's path and level", arguments: Backend.available)
    func subtreeMove(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        // given A → B → C and a separate level-1 D
        let a = Self.partner(code: "A-1")
        let b = Self.partner(code: "B-1", parent: a)
        let c = Self.partner(code: "C-1", parent: b)
        let d = Self.partner(code: "D-1")
        try await database.write { session in
            for partner in [a, b, c, d] { try await session.insertPartner(partner, cipher: Self.cipher) }
        }
        #expect(try await database.read { try await $0.subtreeHeight(of: b) } == 1)
        // when B moves under HQ
        let moved = try await database.write { session in
            try await session.movePartnerSubtree(b, newParentId: nil, newPath: "/\(b.id)/", newLevel: 1, now: Self.now)
        }
        #expect(moved)
        // then B is level 1 and C level 2 under it, and A's and D's rows are untouched
        let after = try await database.read { try await $0.partners(ids: [a.id, b.id, c.id, d.id], cipher: Self.cipher) }
        let byCode = Dictionary(uniqueKeysWithValues: after.map { ($0.code, $0) })
        #expect(byCode["B-1"]?.level == 1 && byCode["B-1"]?.path == "/\(b.id)/" && byCode["B-1"]?.parentId == nil)
        #expect(byCode["C-1"]?.level == 2 && byCode["C-1"]?.path == "/\(b.id)/\(c.id)/")
        #expect(byCode["A-1"]?.path == a.path && byCode["D-1"]?.path == d.path)
        // and a stale row version refuses a second move
        let stale = try await database.write { session in
            try await session.movePartnerSubtree(b, newParentId: d.id, newPath: d.path + b.id + "/", newLevel: 2, now: Self.now)
        }
        #expect(!stale)
        let report = try await InvariantChecker.check(database)
        #expect(report.violations.isEmpty)
        await database.close()
    }

    @Test("subtree filters, search and pagination", arguments: Backend.available)
    func listing(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        let root = Self.partner(code: "ROOT-1")
        var children: [PartnerRecord] = []
        for index in 0..<25 { children.append(Self.partner(code: "K-\(index)", parent: root)) }
        let other = Self.partner(code: "OTHER-1")
        let everyone = [root, other] + children
        try await database.write { session in
            for partner in everyone { try await session.insertPartner(partner, cipher: Self.cipher) }
        }
        let page2 = try await database.read {
            try await $0.partners(matching: PartnerFilter(withinSubtreeOf: root), page: PageRequest(pageNumber: 2, pageSize: 10), cipher: Self.cipher)
        }
        #expect(page2.totalCount == 26 && page2.items.count == 10 && page2.pageCount == 3)
        #expect(!page2.items.contains { $0.id == other.id })
        let searched = try await database.read {
            try await $0.partners(matching: PartnerFilter(search: "k-2"), page: PageRequest(pageNumber: 1, pageSize: 50), cipher: Self.cipher)
        }
        // K-2 and K-20…K-24 match; an underscore or percent in a search is literal, not a wildcard.
        #expect(Set(searched.items.map(\.code)) == ["K-2", "K-20", "K-21", "K-22", "K-23", "K-24"])
        let wildcard = try await database.read {
            try await $0.partners(matching: PartnerFilter(search: "%"), page: PageRequest(pageNumber: 1, pageSize: 50), cipher: Self.cipher)
        }
        #expect(wildcard.totalCount == 0)
        let hq = try await database.read {
            try await $0.partners(matching: PartnerFilter(parentId: ""), page: PageRequest(pageNumber: 1, pageSize: 50), cipher: Self.cipher)
        }
        #expect(Set(hq.items.map(\.code)) == ["ROOT-1", "OTHER-1"])
        await database.close()
    }

    @Test("prices, pack sizes and overrides are guarded by constraints", arguments: Backend.available)
    func productConstraints(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        try await database.write { try await $0.insertCategory(id: "cat_1", name: "护肤", sortOrder: 1, now: Self.now) }
        func product(sku: String, listFen: Int64 = 100, packSize: Int64 = 1, override: CommissionOverride? = nil) -> ProductRecord {
            ProductRecord(
                id: Identifier.make(prefix: "prd"), sku: sku, name: sku, categoryId: "cat_1", categoryName: "护肤", unit: "瓶",
                packSize: packSize,
                prices: ProductPrices(
                    listPrice: Money(fen: listFen), level1Price: Money(fen: 60), level2Price: Money(fen: 70), level3Price: Money(fen: 80)),
                commissionOverride: override, onShelf: true, description: "", createdAt: Self.now, updatedAt: Self.now, rowVersion: 1)
        }
        let good = product(sku: "OK-1", override: CommissionOverride(rate1: .zero, rate2: Rate(basisPoints: 300), rate3: Rate(basisPoints: 10_000)))
        try await database.write { try await $0.insertProduct(good) }
        #expect(try await database.read { try await $0.product(id: good.id) } == good)
        for bad in [product(sku: "NEG-1", listFen: -1), product(sku: "PACK-0", packSize: 0)] {
            await #expect {
                try await database.write { try await $0.insertProduct(bad) }
            } throws: { DatabaseErrorClassifier.isIntegrityViolation($0) }
        }
        await #expect {
            try await database.write {
                try await $0.execute(
                    "UPDATE products SET commission_rate1_bp = NULL WHERE id = \(bind: good.id)")
            }
        } throws: { DatabaseErrorClassifier.isIntegrityViolation($0) }
        await database.close()
    }

    @Test("document numbers are drawn again when taken: a busy day or month never fails on a duplicate", arguments: Backend.available)
    func documentNumbersAvoidCollisions(_ backend: Backend) async throws {
        // Seven random digits collide within a month of thousands of statements (about one run
        // in five with 2,000 partners), which failed the settlement with a unique violation.
        let database = try await TestDatabase.make(backend)
        let partner = Self.partner(code: "NUM-1")
        let number = try await database.write { session in
            try await session.insertPartner(partner, cipher: Self.cipher)
            try await session.insertStatement(
                StatementRecord(
                    id: Identifier.make(prefix: "stm"), number: "ST-202610-1234567", partnerId: partner.id, month: "2026-10",
                    commission: Money(fen: 100), bonus: .zero, net: Money(fen: 100), recordCount: 1, payoutMethod: .bank, status: .pendingPayout,
                    failureReason: nil, createdAt: TestDatabase.start, paidAt: nil))
            var draws = [1_234_567, 7_654_321].makeIterator()
            return try await session.unusedDocumentNumber(in: .statements, prefix: "ST", date: "202610") { draws.next() ?? 0 }
        }
        #expect(number == "ST-202610-7654321")
        await #expect(throws: DocumentNumberExhausted.self) {
            try await database.write { session in
                try await session.unusedDocumentNumber(in: .statements, prefix: "ST", date: "202610") { 1_234_567 }
            }
        }
        await database.close()
    }

    @Test("a partner has at most one owner account", arguments: Backend.available)
    func oneOwner(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        let partner = Self.partner(code: "OWN-1")
        try await database.write { try await $0.insertPartner(partner, cipher: Self.cipher) }
        @Sendable func owner(_ name: String) -> AccountRecord {
            AccountRecord(
                id: Identifier.make(prefix: "acc"), username: name, displayName: name, passwordHash: "x", kind: .partner, hqRole: nil,
                partnerId: partner.id, isOwner: true, permissions: Set(PartnerPermission.allCases), status: .active, createdAt: Self.now,
                updatedAt: Self.now, rowVersion: 1)
        }
        try await database.write { try await $0.insertAccount(owner("own-1")) }
        await #expect {
            try await database.write { try await $0.insertAccount(owner("own-2")) }
        } throws: { DatabaseErrorClassifier.isUniqueViolation($0) }
        await database.close()
    }

    @Test("the audit log is append-only in the database", arguments: Backend.available)
    func auditIsAppendOnly(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        _ = try await database.write { session in
            try await session.appendAudit(
                occurredAt: Self.now, accountId: nil, username: "admin", sourceIP: "127.0.0.1", action: "partner.create",
                entityType: "partner", entityId: "prt_x", beforeJSON: nil, afterJSON: "{}")
        }
        await #expect(throws: (any Error).self) {
            try await database.write { try await $0.execute("UPDATE audit_log SET username = 'mallory'") }
        }
        await #expect(throws: (any Error).self) {
            try await database.write { try await $0.execute("DELETE FROM audit_log") }
        }
        #expect(try await database.read { try await $0.verifyAuditChain() } == nil)
        await database.close()
    }

    @Test("verify names the exact audit row that was edited or removed", arguments: Backend.available)
    func auditTamperingIsDetected(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        for index in 1...5 {
            _ = try await database.write { session in
                try await session.appendAudit(
                    occurredAt: Self.now, accountId: nil, username: "admin", sourceIP: "10.0.0.\(index)", action: "partner.update",
                    entityType: "partner", entityId: "prt_\(index)", beforeJSON: "{}", afterJSON: "{}")
            }
        }
        // given someone with database access who disables the guard and edits row 3
        try await database.write { session in
            switch backend {
            case .sqlite: try await session.execute("DROP TRIGGER audit_log_no_update")
            case .postgres: try await session.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change")
            }
            try await session.execute("UPDATE audit_log SET source_ip = '6.6.6.6' WHERE sequence = 3")
        }
        // then verify points at row 3
        let edited = try await database.read { try await $0.verifyAuditChain() }
        #expect(edited?.sequence == 3)
        #expect(edited?.reason.contains("edited") == true)
        // and when row 3 is deleted instead, verify points at the gap
        try await database.write { session in
            if backend == .sqlite { try await session.execute("DROP TRIGGER audit_log_no_delete") }
            try await session.execute("DELETE FROM audit_log WHERE sequence = 3")
        }
        let removed = try await database.read { try await $0.verifyAuditChain() }
        #expect(removed?.sequence == 3)
        #expect(removed?.reason.contains("missing") == true)
        // and the guards that were dropped (or disabled) are named too
        let report = try await InvariantChecker.check(database)
        #expect(report.violations.count == 2)
        #expect(report.violations.contains { $0.hasPrefix("audit log chain: audit_log row 3") })
        #expect(report.violations.contains { $0.contains("append-only guard(s) missing or disabled") && $0.contains("audit_log_no_") })
        await database.close()
    }

    @Test(
        "an insider without the data key cannot rewrite or extend the audit chain: recomputed SHA-256 hashes, a guessed key and a forged row are each named",
        arguments: Backend.available)
    func keyedAuditChainHoldsAgainstAnInsider(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        for index in 1...5 {
            _ = try await database.write { session in
                try await session.appendAudit(
                    occurredAt: Self.now, accountId: nil, username: "admin", sourceIP: "10.0.0.\(index)", action: "commission.rule_publish",
                    entityType: "commission_rule", entityId: "rul_\(index)", beforeJSON: #"{"rate1Bp":500}"#, afterJSON: #"{"rate1Bp":800}"#)
            }
        }
        #expect(
            try await database.read { try await $0.first("SELECT row_hash FROM audit_log WHERE sequence = 1")?.string("row_hash") }?
                .hasPrefix(AuditChain.keyedPrefix) == true)
        // The insider edits row 3 (a commission rate, the seed's case) and recomputes the chain from
        // there on with the hash it can compute: plain SHA-256, or HMAC under a key it guessed.
        for (key, expected) in [(nil, "unkeyed hash where every row is keyed"), (ChainKey(keyMaterial: Data(repeating: 9, count: 32)), "keyed hash")]
        {
            try await database.write { try await $0.rewriteAudit(fromSequence: 3, key: key) }
            let broken = try await database.read { try await $0.verifyAuditChain() }
            #expect(broken?.sequence == 3, "\(String(describing: broken))")
            #expect(broken?.reason.contains(expected) == true, "\(String(describing: broken))")
        }
        await database.close()
        // A forged row appended after the last one, hashed as an insider can, is named by its sequence.
        let fresh = try await TestDatabase.make(backend)
        let last = try await fresh.write { session in
            try await session.appendAudit(
                occurredAt: Self.now, accountId: nil, username: "admin", sourceIP: "10.0.0.1", action: "partner.update", entityType: "partner",
                entityId: "prt_1", beforeJSON: nil, afterJSON: nil)
        }
        try await fresh.write { session in
            var forged = last
            forged.sequence = 2
            forged.id = "aud_forged"
            forged.username = "finance"
            forged.previousHash = last.rowHash
            forged.rowHash = AuditChain.hash(previousHash: last.rowHash, fields: forged.hashedFields, key: nil)
            try await session.execute(
                """
                INSERT INTO audit_log (sequence, id, occurred_at_ms, account_id, username, source_ip, action, entity_type, entity_id,
                    before_json, after_json, previous_hash, row_hash)
                VALUES (2, 'aud_forged', \(bind: Timestamp.milliseconds(Self.now)), NULL, 'finance', '10.0.0.1', 'partner.update', 'partner',
                    'prt_1', NULL, NULL, \(bind: forged.previousHash), \(bind: forged.rowHash))
                """)
            try await session.execute("UPDATE audit_chain_head SET last_sequence = 2, last_hash = \(bind: forged.rowHash) WHERE singleton = 1")
        }
        let forged = try await fresh.read { try await $0.verifyAuditChain() }
        #expect(forged?.sequence == 2 && forged?.reason.contains("forged") == true, "\(String(describing: forged))")
        await fresh.close()
    }

    @Test("concurrent writers extend the audit chain without forks or gaps", arguments: Backend.available)
    func concurrentAuditAppends(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        // when 40 transactions append at once
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask { () async throws -> Void in
                    _ = try await database.write { session in
                        try await session.appendAudit(
                            occurredAt: Self.now, accountId: nil, username: "writer\(index)", sourceIP: "test", action: "test.append",
                            entityType: "test", entityId: String(index), beforeJSON: nil, afterJSON: nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        // then the chain holds 40 rows in one unbroken sequence
        #expect(try await database.read { try await $0.first("SELECT COUNT(*) AS total FROM audit_log")?.int64("total") } == 40)
        #expect(try await database.read { try await $0.verifyAuditChain() } == nil)
        await database.close()
    }

    @Test("failed sign-ins are counted atomically and lock the key", arguments: Backend.available)
    func loginThrottle(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        // when five failures are recorded concurrently
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<5 {
                group.addTask { () async throws -> Void in
                    try await database.write {
                        try await $0.recordLoginFailure(key: "user:x", now: Self.now, windowSeconds: 900, maximumFailures: 5, lockSeconds: 900)
                    }
                }
            }
            try await group.waitForAll()
        }
        // then the key is locked for the lock period, and the lock ends on time
        let locked = try await database.read { try await $0.loginLockedUntil(key: "user:x", now: Self.now) }
        #expect(locked == Self.now.addingTimeInterval(900))
        #expect(try await database.read { try await $0.loginLockedUntil(key: "user:x", now: Self.now.addingTimeInterval(901)) } == nil)
        // and a failure after the window starts a new count
        try await database.write {
            try await $0.recordLoginFailure(
                key: "user:x", now: Self.now.addingTimeInterval(1_000), windowSeconds: 900, maximumFailures: 5, lockSeconds: 900)
        }
        #expect(try await database.read { try await $0.first("SELECT failure_count FROM login_throttle")?.int64("failure_count") } == 1)
        await database.close()
    }

    @Test("an idempotency key is recorded inside the business transaction", arguments: Backend.available)
    func idempotencyClaim(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        let claim = IdempotencyClaim(accountId: "acc_1", key: "key-1", requestHash: "h1", createdAtMilliseconds: 1)
        // given a request whose transaction fails: its key is not kept
        struct Abort: Error {}
        await #expect(throws: Abort.self) {
            try await IdempotencyClaim.$current.withValue(claim) {
                try await database.write { _ in throw Abort() }
            }
        }
        #expect(!claim.isRecorded)
        #expect(try await database.read { try await $0.idempotencyRecord(accountId: "acc_1", key: "key-1", cipher: Self.cipher) } == nil)
        // when it succeeds: the key is kept, and a second claim of it fails in its own transaction
        try await IdempotencyClaim.$current.withValue(claim) {
            try await database.write { try await $0.insertPartner(Self.partner(code: "IDEM-1"), cipher: Self.cipher) }
        }
        #expect(claim.isRecorded)
        let second = IdempotencyClaim(accountId: "acc_1", key: "key-1", requestHash: "h1", createdAtMilliseconds: 2)
        await #expect {
            try await IdempotencyClaim.$current.withValue(second) {
                try await database.write { try await $0.insertPartner(Self.partner(code: "IDEM-2"), cipher: Self.cipher) }
            }
        } throws: { DatabaseErrorClassifier.isUniqueViolation($0) }
        #expect(try await database.read { try await $0.partner(code: "IDEM-2", cipher: Self.cipher) } == nil)
        // and the response is attached once
        try await database.write {
            try await $0.storeIdempotentResponse(
                accountId: "acc_1", key: "key-1", requestHash: "h1", status: 201, contentType: "application/json", body: #"{"phone":"13912345678"}"#,
                now: Self.now,
                cipher: Self.cipher)
        }
        let record = try await database.read { try await $0.idempotencyRecord(accountId: "acc_1", key: "key-1", cipher: Self.cipher) }
        #expect(record?.responseStatus == 201 && record?.responseBody == #"{"phone":"13912345678"}"#)
        // The body is kept encrypted.
        let stored = try await database.read { try await $0.first("SELECT response_body FROM idempotency_keys") }
        #expect(try stored?.string("response_body").hasPrefix("v1:") == true)
        #expect(try stored?.string("response_body").contains("13912345678") == false)
        await database.close()
    }
}
