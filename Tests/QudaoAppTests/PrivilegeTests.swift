import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

/// Gives a partner a current grade directly (grading itself is tested elsewhere).
func setGrade(_ world: MoneyWorld, _ partner: PartnerRecord, _ grade: Grade) async throws {
    _ = try await world.platform.database.write { session in
        try await session.savePartnerGrade(
            PartnerGradeRecord(
                id: Identifier.make(prefix: "grd"), partnerId: partner.id, businessDate: BusinessTime.dayText(world.clock.now()), grade: grade,
                previousGrade: nil,
                inputs: GradingInputs(
                    unitsSold: 0, openingOnHand: 0, unitsReceived: 0, unitsDelivered: 0, unitsReturned: 0, salesLast30Days: .zero,
                    salesPrevious30Days: .zero), reasons: [], thresholds: .defaults, computedAt: world.clock.now()))
    }
}

@Suite("Privileges: back-orders served quality first, targeted promotions")
struct PrivilegeTests {
    func order(_ world: MoneyWorld, _ partner: PartnerRecord, _ quantity: Int64) async throws -> OrderRecord {
        try await OrderService(platform: world.platform).placePurchaseOrder(
            world.owner(partner), lines: [OrderLineInput(product: world.product.sku, quantity: .integer(quantity))], shipping: ShippingInput())
    }

    @Test(
        "under shortage, paid orders wait; arriving stock fills quality first, then oldest; a waiting order cannot ship", arguments: Backend.available
    )
    func allocationOrder(_ backend: Backend) async throws {
        // given 10 units in the warehouse; B (potential) and C (quality) and D (not graded) with money
        let world = try await MoneyWorld.make(backend, stock: 10)
        for partner in [world.b, world.c, world.d] { try await world.topUp(partner, fen: 2_000_000) }
        try await setGrade(world, world.c, .quality)
        try await setGrade(world, world.b, .potential)
        let orders = OrderService(platform: world.platform)

        // when D takes 6, then B (older) and C (newer) each want 8 and D wants 3
        let first = try await order(world, world.d, 6)
        #expect(first.allocation == .allocated)
        world.clock.advance(seconds: 60)
        let older = try await order(world, world.b, 8)
        world.clock.advance(seconds: 60)
        let newer = try await order(world, world.c, 8)
        world.clock.advance(seconds: 60)
        let small = try await order(world, world.d, 4)

        // then 4 units are free: D's 4 fits and is allocated at once; B's and C's 8 wait, paid
        #expect(small.allocation == .allocated)
        #expect(older.allocation == .waiting && newer.allocation == .waiting)
        #expect(older.status == .paid && newer.status == .paid)
        #expect(try await world.balance(world.b) == 2_000_000 - older.net.fen)
        await #expect(throws: AppError.self) {
            _ = try await orders.ship(Fixtures.hq(.operations), orderId: older.id, carrier: "EMS", trackingNumber: "EMS0000001")
        }
        #expect(try await world.verify().isEmpty)

        // when 10 units arrive: only one 8 fits; quality C is served before the older B
        _ = try await StockService(platform: world.platform).record(
            Fixtures.hq(.operations), product: world.product.sku, quantity: .integer(10), adjustment: false, note: "补货入库")
        var c = try await world.platform.database.read { try await $0.order(id: newer.id, cipher: world.platform.cipher) }
        var b = try await world.platform.database.read { try await $0.order(id: older.id, cipher: world.platform.cipher) }
        #expect(c?.allocation == .allocated && b?.allocation == .waiting)
        #expect(try await world.stock() == (onHand: 20, reserved: 18))
        // C's order has an allocation voucher and C was told
        let view = try await orders.view(Fixtures.hq(.operations), id: newer.id)
        #expect(view.vouchers.map(\.event).contains("allocate"))

        // when D cancels its allocated 6, the freed stock fills B
        _ = try await orders.cancel(world.owner(world.d), orderId: first.id, reason: "不需要了")
        b = try await world.platform.database.read { try await $0.order(id: older.id, cipher: world.platform.cipher) }
        #expect(b?.allocation == .allocated)
        _ = try await orders.ship(Fixtures.hq(.operations), orderId: older.id, carrier: "EMS", trackingNumber: "EMS0000002")
        c = try await world.platform.database.read { try await $0.order(id: newer.id, cipher: world.platform.cipher) }
        #expect(c?.status == .paid)
        #expect(try await world.verify().isEmpty)
    }

    @Test("a waiting back-order cancelled is refunded in full and releases nothing", arguments: Backend.available)
    func cancelWaiting(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend, stock: 0)
        try await world.topUp(world.c, fen: 2_000_000)
        let waiting = try await order(world, world.c, 5)
        #expect(waiting.allocation == .waiting)
        #expect(try await world.stock() == (onHand: 0, reserved: 0))
        _ = try await OrderService(platform: world.platform).cancel(world.owner(world.c), orderId: waiting.id, reason: "等不及了")
        #expect(try await world.balance(world.c) == 2_000_000)
        #expect(try await world.verify().isEmpty)
    }

    @Test(
        "a promotion reaches only its targets: they see it and their orders use its price; others neither see nor get it",
        arguments: Backend.available)
    func promotionTargeting(_ backend: Backend) async throws {
        // given C (level 3, quality, 广东省) and B (level 2, potential) and D (level 1, not graded)
        let world = try await MoneyWorld.make(backend)
        for partner in [world.b, world.c, world.d] { try await world.topUp(partner, fen: 2_000_000) }
        try await setGrade(world, world.c, .quality)
        try await setGrade(world, world.b, .potential)
        let promotions = PromotionService(platform: world.platform)
        let start = BusinessTime.dayText(world.clock.now())
        let end = BusinessTime.dayText(world.clock.now().addingTimeInterval(7 * 86_400))

        // when HQ offers 15 % off HF-8555 to quality partners, and ¥60.00 to level 1
        let quality = try await promotions.create(
            Fixtures.hq(.operations),
            PromotionInput(
                name: "优质渠道专享", kind: "discount", discountBasisPoints: .basisPoints(.integer(1_500)), startsAt: start, endsAt: end,
                grades: ["quality"],
                products: [(world.product.sku, .yuanText(nil))]))
        let levelOne = try await promotions.create(
            Fixtures.hq(.operations),
            PromotionInput(
                name: "一级经销商特价", kind: "price", startsAt: start, endsAt: end, levels: ["1"], products: [(world.product.sku, .yuanText("60.00"))]))

        // then C sees the quality one only, B none, D the level-1 one
        let page = PageRequest(pageNumber: 1, pageSize: 10)
        #expect(try await promotions.list(world.owner(world.c), page: page).items.map(\.id) == [quality.id])
        #expect(try await promotions.list(world.owner(world.b), page: page).items.isEmpty)
        #expect(try await promotions.list(world.owner(world.d), page: page).items.map(\.id) == [levelOne.id])
        await #expect(throws: AppError.notFound(entity: "promotion")) { _ = try await promotions.view(world.owner(world.b), id: quality.id) }
        await #expect(throws: AppError.notFound(entity: "promotion")) { _ = try await promotions.view(world.owner(world.c), id: levelOne.id) }

        // and the orders: C pays 85 % of its ¥100.00 level-3 price, B pays ¥85.55, D ¥60.00; each line names its promotion
        let c = try await order(world, world.c, 2)
        #expect(c.lines[0].unitPrice.fen == 8_500 && c.lines[0].promotionId == quality.id && c.lines[0].regularUnitPrice?.fen == 10_000)
        let b = try await order(world, world.b, 2)
        #expect(b.lines[0].unitPrice.fen == 8_555 && b.lines[0].promotionId == nil)
        let d = try await order(world, world.d, 2)
        #expect(d.lines[0].unitPrice.fen == 6_000 && d.lines[0].promotionId == levelOne.id)
        // stored, not just returned
        let stored = try await world.platform.database.read { try await $0.orderLines(orderId: c.id) }
        #expect(stored[0].promotionId == quality.id)
        // the targeted partners were notified (A and D are level 1), B not
        #expect(try await Fixtures.count(world.platform, "notifications") >= 2)
        let promotionNotices = try await world.platform.database.read {
            try await $0.rows("SELECT partner_id FROM notifications WHERE kind = 'promotion' ORDER BY partner_id").map { try $0.string("partner_id") }
        }
        #expect(Set(promotionNotices) == [world.c.id, world.a.id, world.d.id])

        // when HQ cancels the quality promotion, C pays the regular price again
        _ = try await promotions.cancel(Fixtures.hq(.operations), id: quality.id)
        let after = try await order(world, world.c, 2)
        #expect(after.lines[0].unitPrice.fen == 10_000 && after.lines[0].promotionId == nil)
        #expect(try await world.verify().isEmpty)
    }

    @Test(
        "bad promotions are refused by field: no products, unknown ones, prices above the level price, a period already over",
        arguments: Backend.available)
    func promotionValidation(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        let promotions = PromotionService(platform: world.platform)
        do {
            _ = try await promotions.create(
                Fixtures.hq(.operations),
                PromotionInput(
                    name: "", kind: "discount", discountBasisPoints: .basisPoints(.integer(10_000)), startsAt: "2026-13-01", endsAt: "2020-01-01",
                    grades: ["gold"],
                    levels: ["4"], provinces: ["火星"], products: []))
            Issue.record("a bad promotion was accepted")
        } catch AppError.validation(let failure) {
            #expect(Set(failure.errors.map(\.field)) == ["name", "discountBp", "startsAt", "endsAt", "grades", "levels", "provinces", "products"])
        }
        let today = BusinessTime.dayText(world.clock.now())
        do {
            _ = try await promotions.create(
                Fixtures.hq(.operations),
                PromotionInput(
                    name: "特价", kind: "price", startsAt: today, endsAt: today,
                    products: [("NO-SUCH", .yuanText("1.00")), (world.product.sku, .yuanText("100.00"))]))
            Issue.record("a bad promotion was accepted")
        } catch AppError.validation(let failure) {
            #expect(failure.errors.map(\.field) == ["products[0].productId", "products[1].priceFen"])
        }
        await #expect(throws: AppError.forbidden) {
            _ = try await promotions.create(
                world.owner(world.a),
                PromotionInput(name: "自建促销", kind: "price", startsAt: today, endsAt: today, products: [(world.product.sku, .yuanText("1"))]))
        }
        #expect(try await Fixtures.count(world.platform, "promotions") == 0)
    }
}
