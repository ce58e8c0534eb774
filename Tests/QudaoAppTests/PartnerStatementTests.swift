import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import SQLKit
import Testing

/// Monthly partner statements (对账单, RULES §8): issued after the settlement run for every partner
/// with activity, balanced to the fen, hashed, confirmed once by the partner or automatically.
@Suite("Partner statements")
struct PartnerStatementTests {
    /// SHA-256 of the canonical content computed by `sha256sum`, independently of the platform's code.
    static func independentHash(_ json: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("statement-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    /// October: C's referral order, settled on 15 November; a top-up for B in November.
    static func settledOctober(_ backend: Backend) async throws -> MoneyWorld {
        let world = try await MoneyWorld.make(backend)
        try await world.exampleProducts()
        world.clock.set(shanghai(2026, 10, 2))
        try await world.topUp(world.b, fen: 50_000)
        _ = try await world.exampleReferralOrder()
        try await world.jobs(until: shanghai(2026, 11, 15, 3))
        return world
    }

    func statements(_ world: MoneyWorld, month: String) async throws -> [PartnerStatementRecord] {
        try await PartnerStatementService(platform: world.platform).statements(
            Fixtures.hq(.finance), filter: PartnerStatementFilter(month: month), page: PageRequest(pageNumber: 1, pageSize: 200)
        ).items
    }

    @Test(
        "after the settlement run every partner with activity has one statement; each account balances; the hash is the content's",
        arguments: Backend.available)
    func issuedAfterSettlement(_ backend: Backend) async throws {
        let world = try await Self.settledOctober(backend)
        let october = try await statements(world, month: "2026-10")
        // C sold (the referral order), B topped up, and the chain above C earned commission.
        #expect(Set(october.map(\.partnerId)) == [world.a.id, world.b.id, world.c.id])
        for statement in october {
            #expect(statement.status == .issued && statement.version == 1 && statement.number.hasPrefix("RS-202610-"))
            #expect(statement.content.accounts.allSatisfy { $0.balances })
            let json = try await world.platform.database.read { session in
                try await session.first("SELECT content_json FROM partner_statements WHERE id = \(bind: statement.id)")?.string("content_json") ?? ""
            }
            #expect(try Self.independentHash(json) == statement.contentHash)
        }
        let b = try #require(october.first { $0.partnerId == world.b.id })
        let prepaid = try #require(b.content.account(.prepaid))
        #expect(prepaid.opening == .zero && prepaid.closing == Money(fen: 50_000))
        #expect(prepaid.movements.first?.description.hasPrefix("充值到账 TU-") == true)
        let c = try #require(october.first { $0.partnerId == world.c.id })
        #expect(c.content.orders.count == 1 && c.content.orders.first?.kind == "referral")
        // C's October commission (750 fen, RULES worked example 1) is settled on statement ST-202610-….
        #expect(c.content.commission?.net == Money(fen: 750))
        // Its ledger movements fall on settlement day, in November: October's accounts do not move.
        #expect(c.content.account(.commissionPayable)?.movements.isEmpty == true)
        // Issuing again, on demand or from the scheduler, adds nothing.
        let service = PartnerStatementService(platform: world.platform)
        #expect(try await service.issue(Fixtures.hq(.finance), month: BusinessMonth(year: 2026, month: 10)) == 0)
        try await service.issueDue()
        #expect(try await statements(world, month: "2026-10").count == 3)
        // A month not settled yet has none, and says why.
        await #expect(throws: AppError.invalid("month", .notAllowed(reason: .monthNotSettledYet(month: "2026-11")))) {
            try await service.issue(Fixtures.hq(.finance), month: BusinessMonth(year: 2026, month: 11))
        }
        await #expect(throws: AppError.forbidden) { try await service.issue(Fixtures.hq(.operations), month: BusinessMonth(year: 2026, month: 10)) }
    }

    @Test("closing balance of a month is the opening of the next, on every account", arguments: Backend.available)
    func closingIsNextOpening(_ backend: Backend) async throws {
        let world = try await Self.settledOctober(backend)
        world.clock.set(shanghai(2026, 11, 20))
        try await world.topUp(world.c, fen: 12_345)
        try await world.jobs(until: shanghai(2026, 12, 15, 3))
        let october = try await statements(world, month: "2026-10")
        let november = try await statements(world, month: "2026-11")
        for next in november {
            guard let previous = october.first(where: { $0.partnerId == next.partnerId }) else { continue }
            for kind in StatementAccountKind.allCases {
                #expect(previous.content.account(kind)?.closing == next.content.account(kind)?.opening)
            }
        }
        let c = try #require(november.first { $0.partnerId == world.c.id })
        #expect(c.content.account(.prepaid)?.closing == Money(fen: 12_345 + 750))
        #expect(try await world.verify().isEmpty)
        // qudao verify names a statement whose content was edited, and one whose opening was moved.
        let october_c = try #require(october.first { $0.partnerId == world.c.id })
        try await world.platform.database.write { session in
            try await session.execute(
                "UPDATE partner_statements SET content_json = replace(content_json, '\"fen\":750', '\"fen\":751') WHERE id = \(bind: october_c.id)")
            try await session.execute("UPDATE partner_statements SET prepaid_opening_fen = prepaid_opening_fen + 1 WHERE id = \(bind: c.id)")
        }
        let problems = try await world.verify()
        #expect(problems.contains { $0.contains(october_c.number) && $0.contains("does not match its hash") })
        #expect(problems.contains { $0.contains("\(october_c.number) → \(c.number)") })
        // October's commission reaches the ledger on 15 November: settled to the commission account,
        // then paid out of it to the prepaid balance.
        let payable = try #require(c.content.account(.commissionPayable))
        #expect(payable.movements.map(\.description.first) == ["佣", "佣"])
        #expect(payable.movements.first?.description.hasPrefix("佣金结算 ST-202610-") == true && payable.closing == .zero)
    }

    @Test(
        "the partner confirms its own statement once; others' are not found; HQ and accounts without finance view cannot",
        arguments: Backend.available)
    func confirmation(_ backend: Backend) async throws {
        let world = try await Self.settledOctober(backend)
        let service = PartnerStatementService(platform: world.platform)
        let october = try await statements(world, month: "2026-10")
        let c = try #require(october.first { $0.partnerId == world.c.id })
        // Stored accounts: who confirmed is recorded and must be one.
        let accounts = AccountService(platform: world.platform)
        func account(_ username: String, owner: Bool, permissions: [String]) async throws -> Caller {
            let record = try await accounts.create(
                Fixtures.hq(.admin),
                AccountInput(
                    username: username, displayName: username, kind: "partner", partner: world.c.code, isOwner: owner, permissions: permissions,
                    password: "Tq8#harbour-lantern"))
            return Caller(principal: record.principal, origin: Fixtures.origin)
        }
        let owner = try await account("c-owner", owner: true, permissions: [])
        let clerk = try await account("c-clerk", owner: false, permissions: ["finance_view"])
        let orderer = try await account("c-orderer", owner: false, permissions: ["ordering"])
        await #expect(throws: AppError.notFound(entity: "partner_statement")) { _ = try await service.confirm(world.owner(world.b), id: c.id) }
        await #expect(throws: AppError.notFound(entity: "partner_statement")) { _ = try await service.statement(world.owner(world.b), id: c.id) }
        await #expect(throws: AppError.forbidden) { _ = try await service.confirm(Fixtures.hq(.finance), id: c.id) }
        await #expect(throws: AppError.forbidden) { _ = try await service.confirm(orderer, id: c.id) }
        // A partner's list is its own statements only.
        let own = try await service.statements(
            world.owner(world.b), filter: PartnerStatementFilter(partnerId: world.c.id), page: PageRequest(pageNumber: 1, pageSize: 50))
        #expect(own.items.allSatisfy { $0.partnerId == world.b.id })
        // Two confirmations at once: one lands.
        async let first = try? service.confirm(owner, id: c.id)
        async let second = try? service.confirm(clerk, id: c.id)
        let results = await [first, second]
        #expect(results.compactMap { $0 }.count == 1)
        #expect(try await service.statement(owner, id: c.id).status == .confirmed)
        await #expect(throws: AppError.conflict(reason: .partnerStatementNotAwaitingConfirmation(status: .confirmed))) {
            _ = try await service.confirm(owner, id: c.id)
        }
    }

    @Test(
        "an unanswered statement is confirmed automatically ten days after it was issued, and only then, after one reminder two days before",
        arguments: Backend.available)
    func automaticConfirmation(_ backend: Backend) async throws {
        let world = try await Self.settledOctober(backend)
        func reminders() async throws -> Int64 {
            try await world.platform.database.read { session in
                try await session.first(
                    "SELECT COUNT(*) AS total FROM notifications WHERE event_key LIKE 'partner_statement_confirms_soon:%'")?.int64("total") ?? 0
            }
        }
        try await world.jobs(until: shanghai(2026, 11, 23, 1))
        #expect(try await reminders() == 0)
        // Two days before, each partner is reminded once, however many ticks run.
        try await world.jobs(until: shanghai(2026, 11, 23, 3))
        try await world.jobs(until: shanghai(2026, 11, 24, 3))
        #expect(try await reminders() == 3)
        try await world.jobs(until: shanghai(2026, 11, 25, 1))
        #expect(try await statements(world, month: "2026-10").allSatisfy { $0.status == .issued })
        try await world.jobs(until: shanghai(2026, 11, 25, 3))
        let october = try await statements(world, month: "2026-10")
        #expect(october.allSatisfy { $0.status == .confirmed && $0.autoConfirmed && $0.confirmedByAccountId == nil })
    }

    @Test("the days before automatic confirmation are HQ's setting (3 to 60): with 20, a statement waits 20 days", arguments: Backend.available)
    func automaticConfirmationSetting(_ backend: Backend) async throws {
        let world = try await Self.settledOctober(backend)
        let settings = SettingsService(platform: world.platform)
        await #expect(throws: AppError.validation(ValidationFailure(field: "autoConfirmDays", problem: .outOfRange(minimum: 3, maximum: 60)))) {
            try await settings.setReconciliation(Fixtures.hq(.finance), ReconciliationSettings(autoConfirmDays: 2))
        }
        await #expect(throws: AppError.forbidden) {
            try await settings.setReconciliation(Fixtures.hq(.operations), ReconciliationSettings(autoConfirmDays: 20))
        }
        try await settings.setReconciliation(Fixtures.hq(.finance), ReconciliationSettings(autoConfirmDays: 20))
        #expect(try await settings.reconciliation().autoConfirmDays == 20)
        // Issued on 15 November: still waiting after 10 days, confirmed after 20.
        try await world.jobs(until: shanghai(2026, 12, 4, 3))
        #expect(try await statements(world, month: "2026-10").allSatisfy { $0.status == .issued })
        try await world.jobs(until: shanghai(2026, 12, 5, 3))
        #expect(try await statements(world, month: "2026-10").allSatisfy { $0.status == .confirmed && $0.autoConfirmed })
    }
}
