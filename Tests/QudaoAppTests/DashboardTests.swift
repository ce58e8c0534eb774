import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import SQLKit
import Testing

@Suite("HQ dashboard")
struct DashboardTests {
    /// The money world plus E, a distributor in Zhejiang; orders on the first day (C buys 4, B
    /// buys 10) and eight days later (E buys 3, C buys 5 and returns 2 for a refund).
    struct DashboardWorld {
        let world: MoneyWorld
        let e: PartnerRecord
        let firstDay: BusinessDate
        let lastDay: BusinessDate
        let orders: [OrderRecord]

        static func make(_ backend: Backend) async throws -> DashboardWorld {
            let world = try await MoneyWorld.make(backend)
            var input = Fixtures.partnerInput(code: "E-01", name: "浙江经销")
            input.province = "浙江省"
            input.city = "杭州市"
            let e = try await PartnerService(platform: world.platform).create(Fixtures.hq(), input)
            for partner in [world.b, world.c, e] { try await world.topUp(partner, fen: 5_000_000) }
            let service = OrderService(platform: world.platform)
            func buy(_ partner: PartnerRecord, _ quantity: Int64) async throws -> OrderRecord {
                try await service.placePurchaseOrder(
                    world.owner(partner), lines: [OrderLineInput(product: world.product.sku, quantity: .integer(quantity))], shipping: ShippingInput()
                )
            }
            let firstDay = BusinessDate(containing: world.clock.now())
            var orders = [try await world.deliveredPurchase(4), try await buy(world.b, 10)]
            world.clock.advance(seconds: 8 * 86_400)
            orders.append(try await buy(e, 3))
            let returned = try await world.deliveredPurchase(5)
            orders.append(returned)
            let request = try await service.requestReturn(world.owner(world.c), orderId: returned.id, quantities: [1: .integer(2)], reason: "破损")
            _ = try await service.approveReturn(Fixtures.hq(.operations), returnId: request.id)
            _ = try await service.receiveReturnedGoods(Fixtures.hq(.operations), returnId: request.id)
            _ = try await service.refundReturn(Fixtures.hq(.finance), returnId: request.id)
            return DashboardWorld(world: world, e: e, firstDay: firstDay, lastDay: firstDay.adding(days: 8), orders: orders)
        }

        func load(_ parameters: [String: String], as caller: Caller = Fixtures.hq(.viewer)) async throws -> DashboardView {
            let service = DashboardService(platform: world.platform)
            return try await service.load(caller, filter: try service.filter(parameters))
        }

        /// Net sales counted straight from the orders, to check the rollups against.
        func salesFromOrders(_ range: DateRange, partnerIds: [String]? = nil) async throws -> (orders: Int64, salesFen: Int64) {
            let scope: SQLQueryString = partnerIds.map { "partner_id IN (\(binds: $0))" } ?? "1 = 1"
            let row = try await world.platform.database.read { session in
                try await session.first(
                    """
                    SELECT COUNT(*) AS orders, CAST(COALESCE(SUM(net_fen - refunded_fen), 0) AS BIGINT) AS sales FROM orders
                    WHERE paid_at_ms >= \(bind: range.first.startEpochMilliseconds)
                        AND paid_at_ms < \(bind: range.last.adding(days: 1).startEpochMilliseconds) AND \(scope)
                    """)
            }
            return (try row?.int64("orders") ?? 0, try row?.int64("sales") ?? 0)
        }
    }

    @Test("figures equal the orders; the trend and every breakdown add up to the totals", arguments: Backend.available)
    func figuresAddUp(_ backend: Backend) async throws {
        let fixture = try await DashboardWorld.make(backend)
        let range = DateRange(first: fixture.firstDay, last: fixture.lastDay)
        let view = try await fixture.load(["from": range.first.description, "to": range.last.description])
        let expected = try await fixture.salesFromOrders(range)
        // Two of C's five units came back; the refund is their share of the order's net (RULES §5).
        let refund = try await fixture.world.platform.database.read { session in
            try await session.first("SELECT refund_fen FROM order_returns WHERE status = 'refunded'")?.int64("refund_fen") ?? 0
        }
        #expect(refund > 0 && refund <= 2 * 10_000)
        #expect(expected.orders == 4)
        #expect(expected.salesFen == fixture.orders.map(\.net.fen).reduce(0, +) - refund)
        #expect(view.metric(.netSales).value == expected.salesFen)
        #expect(view.metric(.orders).value == 4)
        #expect(view.metric(.averageOrder).value == Money.roundedHalfUpDivision(expected.salesFen, multipliedBy: 1, dividedBy: 4))
        #expect(view.metric(.activePartners).value == 3)
        #expect(view.metric(.newPartners).value == 5, "A, B, C, D and E joined on the first day")
        #expect(view.metric(.topUps).value == 15_000_000)
        #expect(view.metric(.returns).value == 1 && view.metric(.refunds).value == refund)
        var balances: Int64 = 0
        for partner in [fixture.world.b, fixture.world.c, fixture.e] { balances += try await fixture.world.balance(partner) }
        #expect(view.metric(.prepaidBalance).value == balances)
        #expect(view.metric(.prepaidBalance).previous == nil, "a balance now has no previous period")
        #expect(view.metric(.commissionAccrued).value ?? 0 > 0)

        // Nine days are shown day by day; together they are the total.
        #expect(view.filter.granularity == .day && view.trend.count == 9)
        #expect(view.trend.map(\.figures).reduce(.zero, +) == view.sales)
        #expect(view.trend.first?.figures.orders == 2 && view.trend.last?.figures.orders == 2)
        for dimension in PartnerDimension.allCases {
            let rows = try #require(view.breakdowns[dimension])
            #expect(rows.map(\.figures).reduce(.zero, +) == view.sales, "the \(dimension) breakdown adds up")
            #expect(rows.map(\.activePartners).reduce(0, +) == 3)
        }
        #expect(view.breakdowns[.province]?.map(\.key) == ["广东省", "浙江省"])
        #expect(view.breakdowns[.level]?.map(\.key).sorted() == ["1", "2", "3"])

        // Leaders: B bought the most; the product's units include C's two returned.
        #expect(view.topPartners.map(\.partnerCode) == ["B-01", "C-01", "E-01"])
        #expect(view.topPartners.map(\.figures.salesFen).reduce(0, +) == expected.salesFen)
        #expect(view.topProducts.count == 1 && view.topProducts[0].units == 22 && view.topProducts[0].unitsRefunded == 2)
    }

    @Test("filters narrow every figure to the partners they name, and the previous period is the same length before", arguments: Backend.available)
    func filtersAndPreviousPeriod(_ backend: Backend) async throws {
        let fixture = try await DashboardWorld.make(backend)
        let range = DateRange(first: fixture.firstDay, last: fixture.lastDay)
        let zhejiang = try await fixture.load(["from": range.first.description, "to": range.last.description, "province": "浙江省"])
        let eOnly = try await fixture.salesFromOrders(range, partnerIds: [fixture.e.id])
        #expect(zhejiang.metric(.netSales).value == eOnly.salesFen && zhejiang.metric(.orders).value == 1)
        #expect(zhejiang.metric(.activePartners).value == 1 && zhejiang.metric(.newPartners).value == 1)
        #expect(zhejiang.metric(.prepaidBalance).value == (try await fixture.world.balance(fixture.e)))
        #expect(zhejiang.topPartners.map(\.partnerCode) == ["E-01"] && zhejiang.topProducts.first?.units == 3)
        #expect(zhejiang.metric(.returns).value == 0)

        let stores = try await fixture.load(["from": range.first.description, "to": range.last.description, "level": "3", "type": "store"])
        #expect(stores.metric(.orders).value == 2 && stores.metric(.returns).value == 1)
        #expect(stores.topProducts.first?.units == 9 && stores.topProducts.first?.unitsRefunded == 2)

        // The last five days against the five before: C's and B's first-day orders are in the previous period.
        let lastFive = DateRange(first: fixture.lastDay.adding(days: -4), last: fixture.lastDay)
        let recent = try await fixture.load(["from": lastFive.first.description, "to": lastFive.last.description])
        let now = try await fixture.salesFromOrders(lastFive)
        let before = try await fixture.salesFromOrders(lastFive.previous)
        #expect(recent.metric(.netSales).value == now.salesFen && recent.metric(.netSales).previous == before.salesFen)
        let change = try #require(recent.metric(.netSales).change)
        #expect(change.numerator == now.salesFen - before.salesFen && change.denominator == before.salesFen)
        #expect(recent.metric(.newPartners).value == 0 && recent.metric(.newPartners).previous == 5)
        #expect(recent.metric(.newPartners).change?.roundedPercent == -100)

        // Nothing before the first day: no change to show.
        let firstDayOnly = try await fixture.load(["from": fixture.firstDay.description, "to": fixture.firstDay.description])
        #expect(firstDayOnly.metric(.netSales).previous == 0 && firstDayOnly.metric(.netSales).change == nil)
    }

    @Test("only HQ sees the dashboard; a partner is refused, even for its own province", arguments: Backend.available)
    func partnersAreRefused(_ backend: Backend) async throws {
        let fixture = try await DashboardWorld.make(backend)
        for partner in [fixture.world.a, fixture.e] {
            await #expect(throws: AppError.forbidden) {
                _ = try await fixture.load(["province": partner.province], as: Fixtures.partnerCaller(partner))
            }
        }
        await #expect(throws: AppError.self) { _ = try await fixture.load(["level": "9"]) }
    }
}
