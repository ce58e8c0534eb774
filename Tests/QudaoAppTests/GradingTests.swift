import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

/// A channel history for grading: C's sales fall 23 % with good sell-through, B sells through and
/// keeps its sales level, D does nothing. `day` is the day graded, 45 days after the first orders.
struct GradingWorld {
    let world: MoneyWorld
    let day: String

    static func make(_ backend: Backend) async throws -> GradingWorld {
        let world = try await MoneyWorld.make(backend)
        // Below the ¥50,000.00 discount tier, so net amounts are list-price arithmetic.
        try await world.topUp(world.c, fen: 4_000_000)
        try await world.topUp(world.b, fen: 4_000_000)
        let stock = PartnerStockService(platform: world.platform)
        let orders = OrderService(platform: world.platform)
        func buy(_ partner: PartnerRecord, _ quantity: Int64) async throws {
            let order = try await orders.placePurchaseOrder(
                world.owner(partner), lines: [OrderLineInput(product: world.product.sku, quantity: .integer(quantity))], shipping: ShippingInput())
            _ = try await orders.ship(Fixtures.hq(.operations), orderId: order.id, carrier: "EMS", trackingNumber: "EMS\(order.number.suffix(7))")
            _ = try await orders.markDelivered(Fixtures.hq(.operations), orderId: order.id, trackingNumber: nil, proof: nil)
        }
        // Day −45: C buys 100 (¥10,000.00 at its level-3 price), B buys 30 (¥2,566.50 at level 2).
        try await buy(world.c, 100)
        try await buy(world.b, 30)
        world.clock.advance(seconds: 86_400)
        _ = try await stock.reportSellOut(world.owner(world.c), lines: world.sellOut(100), source: .manual)
        _ = try await stock.reportSellOut(world.owner(world.b), lines: world.sellOut(25), source: .manual)
        // Day −10: C buys 77 (¥7,700.00: 23 % less), B buys 30 again.
        world.clock.advance(seconds: 34 * 86_400)
        try await buy(world.c, 77)
        try await buy(world.b, 30)
        world.clock.advance(seconds: 86_400)
        _ = try await stock.reportSellOut(world.owner(world.c), lines: world.sellOut(50), source: .manual)
        _ = try await stock.reportSellOut(world.owner(world.b), lines: world.sellOut(25), source: .manual)
        // The grading day: 45 days after the first orders, at 03:00.
        world.clock.advance(seconds: 9 * 86_400)
        let day = BusinessTime.dayText(world.clock.now())
        _ = world.clock.set(GradingService.runTime(day: day)!)
        return GradingWorld(world: world, day: day)
    }

    func grade(_ partner: PartnerRecord) async throws -> PartnerGradeRecord? {
        try await world.platform.database.read { session in
            guard let current = try await session.currentGrade(partnerId: partner.id) else { return nil }
            return try await session.partnerGrade(id: current.gradeId)
        }
    }
}

@Suite("Partner grading and follow-up")
struct GradingTests {
    @Test(
        "a daily run grades each partner from its figures; C's 23 % fall opens one task and notifies C and HQ operations",
        arguments: Backend.available)
    func dailyRun(_ backend: Backend) async throws {
        // given the history, C's owner and an HQ operations account
        let setup = try await GradingWorld.make(backend)
        let world = setup.world
        let owner = try await world.account("c-owner", partner: world.c, owner: true)
        let operations = try await world.account("ops-1", hqRole: .operations)
        let grading = GradingService(platform: world.platform)

        // when the 03:00 job runs
        try await ScheduledJobs(platform: world.platform).runDue(until: world.clock.now(), testClock: world.clock)

        // then C is on warning for its sales alone, with figures a person can recompute
        let c = try #require(try await setup.grade(world.c))
        #expect(c.businessDate == setup.day)
        #expect(c.grade == .warning)
        #expect(c.inputs.unitsSold == 150 && c.inputs.unitsReceived == 177 && c.inputs.openingOnHand == 0)
        #expect(c.inputs.salesPrevious30Days.fen == 1_000_000 && c.inputs.salesLast30Days.fen == 770_000)
        #expect(c.reasons == [.salesDrop(Ratio(230_000, over: 1_000_000)!)])
        #expect(GradeWording.warning(c.reasons, thresholds: c.thresholds).chinese == "近1个月销量下降23%,是否需要运营支持?")
        // B sells 50 of 60 (83 %) with steady sales: quality; D did nothing: potential (n/a sell-through)
        #expect(try await setup.grade(world.b)?.grade == .quality)
        #expect(try await setup.grade(world.b)?.metrics.sellThrough == Ratio(50, over: 60))
        let d = try #require(try await setup.grade(world.d))
        #expect(d.grade == .potential && d.metrics.sellThrough == nil && d.metrics.returnRate == nil && d.metrics.salesChange == nil)

        // and one follow-up task is open for C, with the reason in plain words
        let tasks = try await FollowUpService(platform: world.platform).list(
            operations, filter: FollowUpFilter(status: .open), page: PageRequest(pageNumber: 1, pageSize: 10))
        #expect(tasks.items.map(\.partnerId) == [world.c.id])
        #expect(tasks.items.first?.reasonChinese == "近1个月销量下降23%,是否需要运营支持?")
        // and C's owner and HQ operations each have one urgent grade warning
        let inbox = NotificationService(platform: world.platform)
        for reader in [owner, operations] {
            let warnings = try await inbox.inbox(
                reader, filter: NotificationFilter(kind: .gradeWarning), page: PageRequest(pageNumber: 1, pageSize: 10))
            #expect(warnings.totalCount == 1)
            #expect(warnings.items.first?.priority == .urgent)
        }
        #expect(
            try await inbox.inbox(owner, filter: NotificationFilter(kind: .gradeWarning), page: PageRequest(pageNumber: 1, pageSize: 1)).items.first?
                .titleChinese == "经营预警:近1个月销量下降23%,是否需要运营支持?")

        // when HQ grades the same day again, and the next day's job runs
        _ = try await grading.run(Fixtures.hq(.operations))
        world.clock.advance(seconds: 86_400)
        try await ScheduledJobs(platform: world.platform).runDue(until: world.clock.now(), testClock: world.clock)

        // then nothing is doubled: one grade per partner and day, one task, one warning each
        #expect(try await Fixtures.count(world.platform, "partner_grades") == 8)
        #expect(try await Fixtures.count(world.platform, "follow_up_tasks") == 1)
        #expect(
            try await inbox.inbox(owner, filter: NotificationFilter(kind: .gradeWarning), page: PageRequest(pageNumber: 1, pageSize: 10)).totalCount
                == 1)
        // and C's grade has held since the first day
        #expect(try await world.platform.database.read { try await $0.currentGrade(partnerId: world.c.id) }?.sinceDate == setup.day)
    }

    @Test(
        "HQ's thresholds decide: a lower bar for sales falls keeps C out of warning; regrading the day replaces its grade",
        arguments: Backend.available)
    func thresholds(_ backend: Backend) async throws {
        let setup = try await GradingWorld.make(backend)
        let world = setup.world
        let grading = GradingService(platform: world.platform)
        _ = try await grading.run(Fixtures.hq(.operations))
        #expect(try await setup.grade(world.c)?.grade == .warning)
        var policy = ChannelPolicy.defaults
        policy.grading.warningSalesDropBasisPoints = 2_500
        try await grading.setPolicy(Fixtures.hq(.operations), policy)
        _ = try await grading.run(Fixtures.hq(.operations))
        // 150 sold of 177 received: 84.7 % sell-through, nothing returned: quality
        #expect(try await setup.grade(world.c)?.grade == .quality)
        // HQ operations were told, as a normal system notice, what the new thresholds are
        let notice = try await world.platform.database.read {
            try await $0.first("SELECT priority, body_zh, hq_roles FROM notifications WHERE kind = 'system'")
        }
        #expect(try notice?.string("priority") == "normal")
        #expect(try notice?.string("body_zh").contains("销量下降25%") == true)
        #expect(try notice?.string("hq_roles") == ",admin,operations,")
        #expect(try await Fixtures.count(world.platform, "partner_grades") == 4)
        // bad thresholds are refused by field and nothing changes
        await #expect(throws: AppError.self) {
            _ = try await grading.setPolicy(
                Fixtures.hq(.operations),
                input: ChannelPolicyInput(
                    warningSellThroughBelowBasisPoints: .basisPoints(.integer(7_000)), warningReturnRateAboveBasisPoints: .basisPoints(.integer(-1)),
                    warningSalesDropBasisPoints: .percentText("2.555"), warningSalesDropMinimumEarlier: .yuanText("1000"),
                    qualitySellThroughAtLeastBasisPoints: .basisPoints(.integer(6_000)), qualityReturnRateAtMostBasisPoints: .percentText("5"),
                    leadTimeDays: .integer(0),
                    reviewPeriodDays: .integer(7), blockOrdersOnExpiredCertificates: nil))
        }
        #expect(try await grading.policy().grading.warningSalesDropBasisPoints == 2_500)
        // only HQ operations or admins grade and set thresholds
        await #expect(throws: AppError.forbidden) { _ = try await grading.run(Fixtures.hq(.finance)) }
        await #expect(throws: AppError.forbidden) { _ = try await grading.run(world.owner(world.c)) }
    }

    @Test("a run grades in batches: with batches of three, all four partners are graded once, in two transactions", arguments: Backend.available)
    func batches(_ backend: Backend) async throws {
        let setup = try await GradingWorld.make(backend)
        let outcome = try await GradingService(platform: setup.world.platform, partnersPerBatch: 3).run(Fixtures.hq(.operations))
        #expect(outcome?.partnersGraded == 4 && outcome?.warningsEntered == 1)
        #expect(try await Fixtures.count(setup.world.platform, "partner_grades") == 4)
        #expect(try await Fixtures.count(setup.world.platform, "partner_current_grades") == 4)
        let run = try await setup.world.platform.database.read { try await $0.gradingRun(day: setup.day) }
        #expect(run?.status == "completed" && run?.partnersGraded == 4)
    }

    @Test("two instances grading the same day at once grade each partner once and open one task", arguments: Backend.available)
    func concurrentRuns(_ backend: Backend) async throws {
        let setup = try await GradingWorld.make(backend)
        let world = setup.world
        let runs = try await withThrowingTaskGroup(of: GradingOutcome?.self) { group in
            for _ in 0..<4 {
                group.addTask { try await GradingService(platform: world.platform).run(Caller.scheduler, day: setup.day, force: false) }
            }
            return try await group.reduce(into: [GradingOutcome?]()) { $0.append($1) }
        }
        #expect(runs.compactMap { $0 }.filter { !$0.alreadyComplete }.count >= 1)
        #expect(try await Fixtures.count(world.platform, "partner_grades") == 4)
        #expect(try await Fixtures.count(world.platform, "follow_up_tasks") == 1)
        #expect(try await Fixtures.count(world.platform, "notifications") >= 2)
        let warnings = try await world.platform.database.read {
            try await $0.first("SELECT COUNT(*) AS total FROM notifications WHERE kind = 'grade_warning'")?.int64("total")
        }
        #expect(warnings == 2)
    }

    @Test("a follow-up is assigned, answered by the partner and closed once; other partners cannot see or touch it", arguments: Backend.available)
    func followUp(_ backend: Backend) async throws {
        let setup = try await GradingWorld.make(backend)
        let world = setup.world
        _ = try await GradingService(platform: world.platform).run(Fixtures.hq(.operations))
        let operations = try await world.account("ops-2", hqRole: .operations)
        let lead = try await world.account("ops-lead", hqRole: .operations)
        let owner = try await world.account("c-owner", partner: world.c, owner: true)
        let upline = try await world.account("b-owner", partner: world.b, owner: true)
        let service = FollowUpService(platform: world.platform)
        let task = try #require(
            try await service.list(operations, filter: FollowUpFilter(), page: PageRequest(pageNumber: 1, pageSize: 5)).items.first)

        // when operations assign it to their lead, C answers and the lead closes it
        let assigned = try await service.assign(operations, id: task.id, assignee: "ops-lead")
        #expect(assigned.assigneeAccountId == lead.principal.accountId)
        let assignedNotices = try await NotificationService(platform: world.platform).inbox(
            lead, filter: NotificationFilter(kind: .followUpTask), page: PageRequest(pageNumber: 1, pageSize: 5))
        #expect(assignedNotices.totalCount == 1)
        _ = try await service.comment(owner, id: task.id, body: "下月有新品上市,需要促销支持")
        let closed = try await service.close(lead, id: task.id, resolution: "已安排12月促销支持")
        #expect(closed.status == .closed && closed.resolution == "已安排12月促销支持" && closed.closedBy == "ops-lead")

        // then a second close is a conflict, and comments on a closed task are refused
        await #expect(throws: AppError.conflict(reason: .taskClosed)) { _ = try await service.close(lead, id: task.id, resolution: "再次关闭") }
        await #expect(throws: AppError.conflict(reason: .taskClosed)) { _ = try await service.comment(owner, id: task.id, body: "还在吗") }
        let view = try await service.view(owner, id: task.id)
        #expect(view.comments.map(\.author) == ["c-owner"])
        // and its upline sees nothing of it; partners can neither assign nor close
        await #expect(throws: AppError.notFound(entity: "follow_up_task")) { _ = try await service.view(upline, id: task.id) }
        #expect(try await service.list(upline, filter: FollowUpFilter(), page: PageRequest(pageNumber: 1, pageSize: 5)).totalCount == 0)
        await #expect(throws: AppError.forbidden) { _ = try await service.assign(owner, id: task.id, assignee: "ops-lead") }
        // a closing note is required, and only HQ staff who manage partners can be assignees
        let reopened = try await world.platform.database.read { try await $0.followUpTask(id: task.id) }
        #expect(reopened?.status == .closed)
        await #expect(throws: AppError.self) { _ = try await service.close(lead, id: task.id, resolution: " ") }
        #expect(try await world.verify().isEmpty)
    }
}
