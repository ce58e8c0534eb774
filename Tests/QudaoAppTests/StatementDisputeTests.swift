import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import SQLKit
import Testing

/// Disputes of monthly partner statements (有异议, RULES §8): the partner names lines and the amounts
/// it believes right; HQ finance accepts a line with a correction carrying the dispute's number or
/// rejects it with a reply; the last answer resolves the statement and issues a version that balances.
@Suite("Statement disputes")
struct StatementDisputeTests {
    /// B tops up ¥500.00 and buys one unit (¥85.55 at level 2) in October; the month is settled on
    /// 15 November and its statements issued. Statements wait 60 days, so none confirms itself here.
    struct World {
        let money: MoneyWorld
        let service: PartnerStatementService
        let owner: Caller
        let orderer: Caller
        let financeOne: Caller
        let financeTwo: Caller
        let october: PartnerStatementRecord
        let order: OrderRecord
    }

    static func world(_ backend: Backend) async throws -> World {
        let money = try await MoneyWorld.make(backend)
        let accounts = AccountService(platform: money.platform)
        func account(_ username: String, _ input: AccountInput) async throws -> Caller {
            Caller(principal: try await accounts.create(Fixtures.hq(.admin), input).principal, origin: Fixtures.origin)
        }
        let password = "Tq8#harbour-lantern"
        let owner = try await account(
            "b-owner",
            AccountInput(
                username: "b-owner", displayName: "B", kind: "partner", partner: money.b.code, isOwner: true, permissions: [], password: password))
        let orderer = try await account(
            "b-orderer",
            AccountInput(
                username: "b-orderer", displayName: "B orders", kind: "partner", partner: money.b.code, isOwner: false, permissions: ["ordering"],
                password: password))
        let financeOne = try await account(
            "hq-fin-1", AccountInput(username: "hq-fin-1", displayName: "财务一", kind: "hq", hqRole: "finance", password: password))
        let financeTwo = try await account(
            "hq-fin-2", AccountInput(username: "hq-fin-2", displayName: "财务二", kind: "hq", hqRole: "finance", password: password))
        try await SettingsService(platform: money.platform).setReconciliation(Fixtures.hq(.finance), ReconciliationSettings(autoConfirmDays: 60))
        money.clock.set(shanghai(2026, 10, 2))
        try await money.topUp(money.b, fen: 50_000)
        money.clock.set(shanghai(2026, 10, 3))
        let order = try await OrderService(platform: money.platform).placePurchaseOrder(
            owner, lines: [OrderLineInput(product: "HF-8555", quantity: .integer(1))], shipping: ShippingInput())
        try await money.jobs(until: shanghai(2026, 11, 15, 3))
        let service = PartnerStatementService(platform: money.platform)
        let october = try #require(
            try await service.statements(
                Fixtures.hq(.finance), filter: PartnerStatementFilter(partnerId: money.b.id, month: "2026-10"),
                page: PageRequest(pageNumber: 1, pageSize: 10)
            ).items.first)
        return World(
            money: money, service: service, owner: owner, orderer: orderer, financeOne: financeOne, financeTwo: financeTwo, october: october,
            order: order)
    }

    /// The PNG signature and a little more: a file the upload check accepts.
    static let picture = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 64)

    @Test(
        "a dispute with bad lines is refused field by field and changes nothing; one from another partner, HQ or an ordering sub-account is refused",
        arguments: Backend.available)
    func refusals(_ backend: Backend) async throws {
        let world = try await Self.world(backend)
        let statement = world.october
        let topUpLine = try #require(statement.content.account(.prepaid)?.movements.first)
        #expect(topUpLine.amount == Money(fen: 50_000))
        func dispute(_ caller: Caller, _ lines: [DisputeLineInput], comment: String? = "金额不对") async throws {
            _ = try await world.service.dispute(caller, id: statement.id, lines: lines, comment: comment, attachment: nil)
        }
        let good = [DisputeLineInput(entryId: topUpLine.entryId, claimed: .fen(.integer(51_000)))]
        await #expect(throws: AppError.notFound(entity: "partner_statement")) { try await dispute(world.money.owner(world.money.c), good) }
        await #expect(throws: AppError.forbidden) { try await dispute(world.orderer, good) }
        await #expect(throws: AppError.forbidden) { try await dispute(world.financeOne, good) }
        do {
            try await dispute(
                world.owner,
                [
                    DisputeLineInput(entryId: 999_999_999, claimed: .fen(.integer(1))),
                    DisputeLineInput(entryId: topUpLine.entryId, claimed: .fen(.integer(50_000))),
                    DisputeLineInput(orderNumber: "PO-20261003-0000000", claimed: .fen(.integer(1))),
                    DisputeLineInput(claimed: .fen(.integer(1))),
                ], comment: " ")
            Issue.record("a dispute with bad lines was accepted")
        } catch AppError.validation(let failure) {
            #expect(
                failure.errors == [
                    FieldError(field: "comment", problem: .required),
                    FieldError(field: "disputeLines[0].entryId", problem: .notFound),
                    FieldError(field: "disputeLines[1].claimedFen", problem: .notAllowed(reason: .disputeClaimUnchanged)),
                    FieldError(field: "disputeLines[2].orderNumber", problem: .notFound),
                    FieldError(field: "disputeLines[3].entryId", problem: .required),
                ])
            #expect(Language.chinese.fieldLabel("disputeLines[1].claimedFen") == "异议明细 第 2 行 应为金额")
        }
        await #expect(throws: AppError.validation(ValidationFailure(field: "disputeLines", problem: .required))) {
            try await dispute(world.owner, [])
        }
        await #expect(throws: AppError.validation(ValidationFailure(field: "disputeLines[1].entryId", problem: .duplicate))) {
            try await dispute(world.owner, good + good)
        }
        #expect(try await world.service.statement(world.owner, id: statement.id).status == .issued)
        #expect(try await Fixtures.count(world.money.platform, "statement_disputes") == 0)
    }

    @Test(
        "HQ rejects one line and accepts the other with a correction carrying the dispute's number; the reissued version balances and the next month opens from it",
        arguments: Backend.available)
    func resolution(_ backend: Backend) async throws {
        let world = try await Self.world(backend)
        let money = world.money
        let first = world.october
        let movements = try #require(first.content.account(.prepaid)).movements
        #expect(movements.map(\.amount) == [Money(fen: 50_000), Money(fen: -8_555)])
        world.money.clock.set(shanghai(2026, 11, 16, 9))
        // The owner taps 提交 twice (two requests at once): one dispute lands, the other is refused.
        let lines = [
            DisputeLineInput(entryId: movements[0].entryId, claimed: .yuanText("510.00")),
            DisputeLineInput(orderNumber: world.order.number, claimed: .yuanText("80")),
        ]
        let attachment = UploadedFile(fileName: "回单.png", contentType: "image/png", content: Self.picture)
        let comment = "充值少记 10 元,进货价应为 80 元"
        async let once = try? world.service.dispute(world.owner, id: first.id, lines: lines, comment: comment, attachment: attachment)
        async let twice = try? world.service.dispute(world.owner, id: first.id, lines: lines, comment: comment, attachment: attachment)
        let raised = await [once, twice].compactMap { $0 }
        #expect(raised.count == 1)
        #expect(try await Fixtures.count(money.platform, "statement_disputes") == 1)
        let disputed = try #require(raised.first)
        let dispute = try #require(disputed.dispute)
        #expect(dispute.number.hasPrefix("DS-202610-") && disputed.statement.status == .disputed)
        #expect(dispute.lines.map(\.suggestedCorrection) == [Money(fen: 1_000), Money(fen: 555)])
        #expect(try await world.service.disputeAttachment(world.financeOne, statementId: first.id).content == Self.picture)
        await #expect(throws: AppError.notFound(entity: "partner_statement")) {
            _ = try await world.service.disputeAttachment(money.owner(money.c), statementId: first.id)
        }
        await #expect(throws: AppError.conflict(reason: .partnerStatementNotAwaitingConfirmation(status: .disputed))) {
            _ = try await world.service.confirm(world.owner, id: first.id)
        }
        // HQ finance is told at once, urgently.
        let notice = try await money.platform.database.read { session in
            try await session.first("SELECT kind, priority FROM notifications WHERE event_key = \(bind: "statement_dispute_raised:\(dispute.id)")")
        }
        #expect(try notice?.string("kind") == "statement_dispute" && notice?.string("priority") == "urgent")

        // A rejection needs a reply; then line 1 is answered, once.
        await #expect(throws: AppError.validation(ValidationFailure(field: "reply", problem: .required))) {
            _ = try await world.service.answer(world.financeOne, statementId: first.id, line: 1, decision: "rejected", correction: nil, reply: nil)
        }
        await #expect(throws: AppError.forbidden) {
            _ = try await world.service.answer(world.owner, statementId: first.id, line: 1, decision: "rejected", correction: nil, reply: "x")
        }
        let afterOne = try await world.service.answer(
            world.financeOne, statementId: first.id, line: 1, decision: "rejected", correction: nil, reply: "银行回单为 500 元")
        #expect(afterOne.statement.status == .disputed && afterOne.dispute?.openLines.map(\.lineNumber) == [2])
        await #expect(throws: AppError.conflict(reason: .disputeLineAnswered(line: 1))) {
            _ = try await world.service.answer(world.financeTwo, statementId: first.id, line: 1, decision: "accepted", correction: nil, reply: nil)
        }
        await #expect(throws: AppError.validation(ValidationFailure(field: "adjustmentFen", problem: .notAllowed(reason: .correctionIsZero)))) {
            _ = try await world.service.answer(
                world.financeOne, statementId: first.id, line: 2, decision: "accepted", correction: .yuanText("0"), reply: nil)
        }
        let balanceBefore = try await money.balance(money.b)
        // Two finance users accept line 2 at once: one correction is posted.
        async let one = try? world.service.answer(
            world.financeOne, statementId: first.id, line: 2, decision: "accepted", correction: nil, reply: "按合同价")
        async let two = try? world.service.answer(
            world.financeTwo, statementId: first.id, line: 2, decision: "accepted", correction: nil, reply: "按合同价")
        let answers = await [one, two].compactMap { $0 }
        #expect(answers.count == 1)
        let resolved = try #require(answers.first)
        #expect(try await money.balance(money.b) == balanceBefore + 555)
        let corrections = try await money.platform.database.read { session in
            try await session.rows("SELECT reference, memo, total_fen FROM ledger_transactions WHERE kind = 'statement_correction'")
        }
        #expect(corrections.count == 1)
        #expect(try corrections.first?.string("reference") == dispute.id && corrections.first?.int64("total_fen") == 555)
        #expect(try corrections.first?.string("memo").hasPrefix(dispute.number) == true)

        // The old version is reissued and still readable; the new one balances with the correction.
        let reissuedId = try #require(resolved.dispute?.reissuedStatementId)
        #expect(resolved.dispute?.status == .resolved && resolved.statement.status == .reissued)
        let old = try await world.service.statementWithDispute(world.owner, id: first.id)
        #expect(old.statement.status == .reissued && old.statement.replacedById == reissuedId && old.dispute?.lines.count == 2)
        let second = try await world.service.statementWithDispute(world.owner, id: reissuedId)
        #expect(second.statement.version == 2 && second.statement.status == .issued && second.previousId == first.id)
        #expect(second.statement.contentHash != first.contentHash && second.statement.month == "2026-10")
        let prepaid = try #require(second.statement.content.account(.prepaid))
        #expect(prepaid.balances && prepaid.closing == Money(fen: 50_000 - 8_555 + 555))
        #expect(prepaid.movements.last?.description.hasPrefix("对账差异调整 \(dispute.number)") == true)
        #expect(prepaid.movements.last?.documentNumber == dispute.number)
        let answered = try await money.platform.database.read { session in
            try await session.first("SELECT priority FROM notifications WHERE event_key = \(bind: "statement_dispute_answered:\(dispute.id)")")
        }
        #expect(try answered?.string("priority") == "urgent")
        #expect(try await money.verify().isEmpty)

        // November opens from the reissued closing balance, though the correction was posted in November.
        money.clock.set(shanghai(2026, 11, 20))
        try await money.topUp(money.b, fen: 1_000)
        try await money.jobs(until: shanghai(2026, 12, 15, 3))
        let november = try #require(
            try await world.service.statements(
                world.financeOne, filter: PartnerStatementFilter(partnerId: money.b.id, month: "2026-11"),
                page: PageRequest(pageNumber: 1, pageSize: 5)
            ).items.first)
        #expect(november.content.account(.prepaid)?.opening == prepaid.closing)
        #expect(november.content.account(.prepaid)?.movements.map(\.amount) == [Money(fen: 1_000)])
        #expect(try await money.verify().isEmpty)

        // A correction accepted once November's statement is out counts in the month it is posted:
        // October's third version keeps its closing balance, and verify still holds.
        let disputedAgain = try await world.service.dispute(
            world.owner, id: reissuedId,
            lines: [DisputeLineInput(entryId: try #require(prepaid.movements.last).entryId, claimed: .fen(.integer(600)))],
            comment: "调整应为 6 元", attachment: nil)
        let third = try await world.service.answer(
            world.financeOne, statementId: reissuedId, line: 1, decision: "accepted", correction: nil, reply: nil)
        let thirdId = try #require(third.dispute?.reissuedStatementId)
        #expect(disputedAgain.dispute?.lines.first?.suggestedCorrection == Money(fen: 45))
        let october3 = try await world.service.statement(world.owner, id: thirdId)
        #expect(october3.version == 3 && october3.content.account(.prepaid)?.closing == prepaid.closing)
        #expect(try await money.verify().isEmpty)
        #expect(try await money.balance(money.b) == 50_000 - 8_555 + 555 + 1_000 + 45)
    }
}
