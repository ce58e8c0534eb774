import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

extension MoneyWorld {
    /// A real account (notifications keep read marks per account) as a caller.
    func account(
        _ username: String, partner: PartnerRecord? = nil, owner: Bool = false, permissions: [String] = [], hqRole: HQRole? = nil
    ) async throws -> Caller {
        let created = try await AccountService(platform: platform).create(
            Fixtures.hq(),
            AccountInput(
                username: username, displayName: username, kind: partner == nil ? "hq" : "partner", hqRole: hqRole?.rawValue,
                partner: partner?.code, isOwner: partner == nil ? nil : owner, permissions: partner == nil || owner ? nil : permissions,
                password: "a-long-password"))
        return Caller(principal: created.principal, origin: Fixtures.origin)
    }
}

@Suite("Notifications")
struct NotificationTests {
    @Test("a confirmed top-up reaches the partner's finance readers only, once, and read marks are per account", arguments: Backend.available)
    func audienceAndReadMarks(_ backend: Backend) async throws {
        // given C's owner, a C clerk without finance view, a C bookkeeper with it, B's owner and HQ operations
        let world = try await MoneyWorld.make(backend)
        let owner = try await world.account("c-owner", partner: world.c, owner: true)
        let clerk = try await world.account("c-clerk", partner: world.c, permissions: ["ordering"])
        let bookkeeper = try await world.account("c-books", partner: world.c, permissions: ["finance_view"])
        let upline = try await world.account("b-owner", partner: world.b, owner: true)
        let operations = try await world.account("ops", hqRole: .operations)
        let inbox = NotificationService(platform: world.platform)
        let everything = PageRequest(pageNumber: 1, pageSize: 50)

        // when HQ finance confirms C's top-up of ¥100,000.00 (rebate ¥1,000.00)
        let topUp = try await world.topUp(world.c, fen: 10_000_000)

        // then the owner and the bookkeeper have one normal notification naming the amounts
        for reader in [owner, bookkeeper] {
            let page = try await inbox.inbox(reader, filter: NotificationFilter(), page: everything)
            #expect(page.items.map(\.kind) == [.topUpConfirmed])
            #expect(page.items.first?.titleChinese == "充值已确认 ¥100,000.00")
            #expect(page.items.first?.bodyEnglish == "Your top-up of ¥100,000.00 was credited, with a rebate of ¥1,000.00.")
            #expect(page.items.first?.priority == .normal)
            #expect(try await inbox.counts(reader) == NotificationCounts(unread: 1, unreadUrgent: 0))
        }
        // and the clerk, the upline and HQ see nothing
        for reader in [clerk, upline, operations] {
            #expect(try await inbox.inbox(reader, filter: NotificationFilter(), page: everything).totalCount == 0)
        }
        // the same event sent again is not a second notification
        let again = try await world.platform.database.write { session in
            try await session.insertNotification(
                NotificationDraft(
                    kind: .topUpConfirmed, titleChinese: "x", titleEnglish: "x", bodyChinese: "x", bodyEnglish: "x", link: "/portal/prepaid",
                    eventKey: "top_up_confirmed:\(topUp.id)"), audience: .partner(id: world.c.id, permission: nil), id: "ntf_again",
                at: world.clock.now())
        }
        #expect(again == false)

        // when the owner reads it, the bookkeeper still has it unread
        let id = try await inbox.inbox(owner, filter: NotificationFilter(), page: everything).items[0].id
        let read = try await inbox.markRead(owner, id: id)
        #expect(read.readAt != nil)
        #expect(try await inbox.counts(owner).unread == 0)
        #expect(try await inbox.counts(bookkeeper).unread == 1)
        #expect(try await inbox.inbox(owner, filter: NotificationFilter(unreadOnly: true), page: everything).totalCount == 0)
        // and nobody outside the audience can mark it, or learn that it exists
        for outsider in [clerk, upline, operations] {
            await #expect(throws: AppError.notFound(entity: "notification")) { _ = try await inbox.markRead(outsider, id: id) }
        }
        #expect(try await Fixtures.count(world.platform, "notification_reads") == 1)
    }

    @Test("commission paid to the prepaid balance is urgent; mark all read clears the banner in one row", arguments: Backend.available)
    func urgentCommissionAndMarkAll(_ backend: Backend) async throws {
        // given B's owner, and a month in which C bought from prepaid (B earns at position 1)
        let world = try await MoneyWorld.make(backend)
        let upline = try await world.account("b-owner", partner: world.b, owner: true)
        try await world.topUp(world.c, fen: 2_000_000)
        try await world.topUp(world.b, fen: 1_000)
        let order = try await world.deliveredPurchase(10)
        let orders = OrderService(platform: world.platform)
        _ = try await orders.confirmReceipt(world.owner(world.c), orderId: order.id)
        world.clock.advance(seconds: 8 * 86_400)
        try await ScheduledJobs(platform: world.platform).runDue(until: world.clock.now(), testClock: world.clock)
        let month = BusinessMonth(containing: world.clock.now())
        _ = world.clock.set(month.next.start.addingTimeInterval(86_400))
        _ = try await SettlementService(platform: world.platform).run(Fixtures.hq(.finance), month: month)

        // then B has an urgent commission notification among its unread ones
        let inbox = NotificationService(platform: world.platform)
        let urgent = try await inbox.inbox(upline, filter: NotificationFilter(priority: .urgent), page: PageRequest(pageNumber: 1, pageSize: 10))
        #expect(urgent.items.map(\.kind) == [.commissionCredited])
        #expect(urgent.items.first?.titleChinese.hasPrefix("佣金已到账 ¥") == true)
        // The other two are normal: the top-up confirmed, and the month's statement (对账单) issued after the settlement.
        let counts = try await inbox.counts(upline)
        #expect(counts.unreadUrgent == 1 && counts.unread == 3)
        let normal = try await inbox.inbox(upline, filter: NotificationFilter(priority: .normal), page: PageRequest(pageNumber: 1, pageSize: 10))
        #expect(Set(normal.items.map(\.kind)) == [.topUpConfirmed, .partnerStatement])

        // when B marks all read
        let after = try await inbox.markAllRead(upline)

        // then nothing is unread, with one mark row and no per-notification rows
        #expect(after == NotificationCounts.none)
        #expect(try await Fixtures.count(world.platform, "notification_read_marks") == 1)
        #expect(try await Fixtures.count(world.platform, "notification_reads") == 0)
        // and a later notification is unread again
        world.clock.advance(seconds: 60)
        try await world.topUp(world.b, fen: 500)
        #expect(try await inbox.counts(upline) == NotificationCounts(unread: 1, unreadUrgent: 0))
    }
}
