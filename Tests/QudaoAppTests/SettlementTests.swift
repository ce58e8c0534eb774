import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

/// Instants in Asia/Shanghai time.
func shanghai(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 12) -> Date {
    BusinessTime.calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour))!
}

extension MoneyWorld {
    /// The two products of RULES worked example 1 (list prices ¥33.33 and ¥50.00), in stock.
    func exampleProducts() async throws {
        let products = ProductService(platform: platform)
        for (sku, list) in [("EX-3333", Int64(3_333)), ("EX-5000", Int64(5_000))] {
            _ = try await products.create(
                Fixtures.hq(),
                ProductInput(
                    sku: sku, name: sku, category: product.categoryId, unit: "件", packSize: .integer(1), listPrice: .fen(.integer(list)),
                    level1Price: .fen(.integer(list)), level2Price: .fen(.integer(list)), level3Price: .fen(.integer(list))))
            _ = try await StockService(platform: platform).record(
                Fixtures.hq(), product: sku, quantity: .integer(1_000), adjustment: false, note: nil)
        }
    }

    /// Worked example 1: a referral order attributed to C, 3 × ¥33.33 + 1 × ¥50.00, paid, shipped and delivered.
    func exampleReferralOrder(deliver: Bool = true) async throws -> OrderRecord {
        let orders = OrderService(platform: platform)
        let (order, _) = try await orders.placeReferralOrder(
            referralCode: c.referralCode,
            lines: [OrderLineInput(product: "EX-3333", quantity: .integer(3)), OrderLineInput(product: "EX-5000", quantity: .integer(1))],
            consumer: ShippingInput(name: "顾客", phone: "13700000000", province: "广东省", city: "深圳市", detail: "南山区 1 号"),
            actor: .consumer(sourceIP: "198.51.100.9"), createdBy: "consumer")
        _ = try await orders.confirmPayment(Fixtures.hq(.finance), orderId: order.id, paymentReference: "PAY-\(order.number.suffix(7))")
        if deliver {
            _ = try await orders.ship(Fixtures.hq(.operations), orderId: order.id, carrier: "EMS", trackingNumber: "EMS\(order.number.suffix(7))")
            _ = try await orders.markDelivered(Fixtures.hq(.operations), orderId: order.id, trackingNumber: nil, proof: nil)
        }
        return order
    }

    func records(_ order: OrderRecord) async throws -> [CommissionRecord] {
        try await platform.database.read { try await $0.commissionRecords(orderId: order.id) }
    }

    func jobs(until: Date) async throws {
        _ = try await ScheduledJobs(platform: platform).runDue(until: until, testClock: clock)
    }
}

@Suite("Commissions and monthly settlement")
struct SettlementTests {
    @Test(
        "commissions appear at payment, unfreeze at completion, are paid on the 15th, and a later return is clawed back next month",
        arguments: Backend.available)
    func acrossMonths(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.exampleProducts()
        world.clock.set(shanghai(2026, 10, 2))
        let order = try await world.exampleReferralOrder()
        // at payment: frozen records for C, B and A (worked example 1)
        let atPayment = try await world.records(order)
        #expect(
            Dictionary(uniqueKeysWithValues: atPayment.map { ($0.partnerId, $0.amount.fen) }) == [world.c.id: 750, world.b.id: 450, world.a.id: 300])
        #expect(atPayment.allSatisfy { $0.state == .frozen && $0.ruleVersion == 1 })
        // received after 10 days, completed 7 days later: settleable
        try await world.jobs(until: shanghai(2026, 10, 31))
        let released = try await world.records(order)
        #expect(released.allSatisfy { $0.state == .settleable && $0.settleableAt == shanghai(2026, 10, 2).addingTimeInterval(17 * 86_400) })
        // the run at 02:00 on 15 November pays them to the prepaid balances
        try await world.jobs(until: shanghai(2026, 11, 15, 3))
        let statements = try await world.platform.database.read {
            try await $0.statements(partnerId: nil, month: "2026-10", status: nil, page: PageRequest(pageNumber: 1, pageSize: 10))
        }
        #expect(
            Dictionary(uniqueKeysWithValues: statements.items.map { ($0.partnerId, $0.net.fen) }) == [
                world.c.id: 750, world.b.id: 450, world.a.id: 300,
            ])
        #expect(statements.items.allSatisfy { $0.status == .paid })
        #expect(try await world.balance(world.c) == 750)
        // HQ books a return of one ¥33.33 item after completion and refunds it: clawbacks, settleable at once
        world.clock.set(shanghai(2026, 11, 20))
        let orders = OrderService(platform: world.platform)
        let request = try await orders.requestReturn(Fixtures.hq(.operations), orderId: order.id, quantities: [1: .integer(1)], reason: "售后退货")
        _ = try await orders.receiveReturnedGoods(Fixtures.hq(.operations), returnId: request.id)
        _ = try await orders.refundReturn(Fixtures.hq(.finance), returnId: request.id)
        let adjustments = try await world.records(order).filter { $0.kind == .adjustment }
        #expect(
            Dictionary(uniqueKeysWithValues: adjustments.map { ($0.partnerId, $0.amount.fen) }) == [
                world.c.id: -167, world.b.id: -100, world.a.id: -67,
            ])
        #expect(adjustments.allSatisfy { $0.state == .settleable })
        // the November run finds only negative nets: nothing is settled, the clawbacks carry over
        try await world.jobs(until: shanghai(2026, 12, 15, 3))
        let november = try await world.platform.database.read {
            try await $0.statements(partnerId: nil, month: "2026-11", status: nil, page: PageRequest(pageNumber: 1, pageSize: 10))
        }
        #expect(november.items.isEmpty)
        // in December C sells again (received at once, so it completes within the month): its statement
        // nets the clawback (750 − 167 = 583)
        let repeatOrder = try await world.exampleReferralOrder()
        _ = try await orders.confirmReceipt(Fixtures.hq(.operations), orderId: repeatOrder.id)
        try await world.jobs(until: shanghai(2027, 1, 15, 3))
        let december = try await world.platform.database.read { try await $0.statement(partnerId: world.c.id, month: "2026-12") }
        #expect(december?.net.fen == 583)
        #expect(try await world.verify().isEmpty)
    }

    @Test("worked example 6: C's October statement is 630; D and E carry; E is paid 300 in November", arguments: Backend.available)
    func workedExampleSix(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.exampleProducts()
        world.clock.set(shanghai(2026, 10, 1))
        let order = try await world.exampleReferralOrder(deliver: false)
        let partners = PartnerService(platform: world.platform)
        let d = try await partners.create(Fixtures.hq(), Fixtures.partnerInput(code: "EX-D"))
        let e = try await partners.create(Fixtures.hq(), Fixtures.partnerInput(code: "EX-E"))
        // the example's records, as adjustments of one order (their origin does not matter to settlement)
        func seed(_ partner: PartnerRecord, _ fen: Int64, _ settleable: Date) async throws {
            try await world.platform.database.write { session in
                try await session.insertCommissionRecord(
                    CommissionRecord(
                        id: Identifier.make(prefix: "com"), kind: .adjustment, orderId: order.id, partnerId: partner.id, position: 1, month: nil,
                        base: .zero, amount: Money(fen: fen), ruleVersion: 1, state: .settleable, settleableAt: settleable, statementId: nil,
                        explanationJSON: "{}",
                        createdAt: settleable))
            }
        }
        try await world.platform.database.write {
            try await $0.execute("UPDATE commission_records SET state = 'reversed' WHERE order_id = \(bind: order.id)")
        }
        try await seed(world.c, 750, shanghai(2026, 10, 20))
        try await seed(world.c, -120, shanghai(2026, 10, 25))
        try await seed(world.c, 60, shanghai(2026, 11, 2))
        try await seed(d, 50, shanghai(2026, 10, 10))
        try await seed(e, -200, shanghai(2026, 10, 5))
        world.clock.set(shanghai(2026, 11, 15, 2))
        let settlement = SettlementService(platform: world.platform)
        let october = try await settlement.run(Fixtures.hq(.finance), month: BusinessMonth(year: 2026, month: 10))
        #expect(october?.statementsCreated == 1)
        let read = { (partner: PartnerRecord, month: String) in
            try await world.platform.database.read { try await $0.statement(partnerId: partner.id, month: month) }
        }
        #expect(try await read(world.c, "2026-10")?.net.fen == 630)
        let dOctober = try await read(d, "2026-10")
        let eOctober = try await read(e, "2026-10")
        #expect(dOctober == nil && eOctober == nil)
        try await seed(e, 500, shanghai(2026, 11, 20))
        world.clock.set(shanghai(2026, 12, 15, 2))
        _ = try await settlement.run(Fixtures.hq(.finance), month: BusinessMonth(year: 2026, month: 11))
        #expect(try await read(e, "2026-11")?.net.fen == 300)
        #expect(try await read(world.c, "2026-11") == nil)  // +60 alone is under ¥1.00: it waits again
        #expect(try await read(d, "2026-11") == nil)  // still only 50 fen
        // running October again changes nothing
        let again = try await settlement.run(Fixtures.hq(.finance), month: BusinessMonth(year: 2026, month: 10))
        #expect(again?.alreadyComplete == true)
    }

    @Test("the monthly bonus: sales strictly above ¥100,000.00 earn 100 bp, settled with the month", arguments: Backend.available)
    func monthlyBonus(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        world.clock.set(shanghai(2026, 10, 3))
        // C buys ¥100,000.01 worth at its level price: 10,000 units at 10,000 fen would be 100,000,000; use an adjustment
        // of prepaid and a purchase of exactly 1,001 units of 10,000 fen less a 9,999 fen order… simpler: two purchases.
        try await world.topUp(world.c, fen: 20_000_000)
        let orders = OrderService(platform: world.platform)
        // 1,000 units × 10,000 fen = 10,000,000 fen, with the 200 bp discount (top-ups ≥ ¥50,000) → net 9,800,000
        _ = try await orders.placePurchaseOrder(
            world.owner(world.c), lines: [OrderLineInput(product: "HF-8555", quantity: .integer(1_000))], shipping: ShippingInput())
        world.clock.set(shanghai(2026, 11, 15, 2))
        _ = try await SettlementService(platform: world.platform).run(Fixtures.hq(.finance), month: BusinessMonth(year: 2026, month: 10))
        // 9,800,000 fen is not above the ¥100,000.00 threshold: no bonus
        let bonuses = try await world.platform.database.read {
            try await $0.commissionRecords(matching: CommissionFilter(kind: .bonus), page: PageRequest(pageNumber: 1, pageSize: 10))
        }
        #expect(bonuses.items.isEmpty)
        // in November C buys 1,021 units: net 10,005,800 fen > threshold → bonus pct(10,005,800, 100) = 100,058
        _ = try await orders.placePurchaseOrder(
            world.owner(world.c), lines: [OrderLineInput(product: "HF-8555", quantity: .integer(1_021))], shipping: ShippingInput())
        world.clock.set(shanghai(2026, 12, 15, 2))
        _ = try await SettlementService(platform: world.platform).run(Fixtures.hq(.finance), month: BusinessMonth(year: 2026, month: 11))
        let november = try await world.platform.database.read { try await $0.statement(partnerId: world.c.id, month: "2026-11") }
        #expect(november?.bonus.fen == 100_058 && november?.net.fen == 100_058)
        #expect(try await world.verify().isEmpty)
    }

    @Test("two runs of one month at once produce one result", arguments: Backend.available)
    func concurrentRuns(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.exampleProducts()
        world.clock.set(shanghai(2026, 10, 2))
        for _ in 0..<5 { _ = try await world.exampleReferralOrder() }
        try await world.jobs(until: shanghai(2026, 10, 31))
        world.clock.set(shanghai(2026, 11, 15, 2))
        let settlement = SettlementService(platform: world.platform)
        async let first = settlement.run(Fixtures.hq(.finance), month: BusinessMonth(year: 2026, month: 10))
        async let second = settlement.run(Fixtures.hq(.finance), month: BusinessMonth(year: 2026, month: 10))
        let outcomes = try await [first, second]
        #expect(outcomes.compactMap { $0 }.filter { !$0.alreadyComplete }.count == 1)
        let statements = try await world.platform.database.read {
            try await $0.statements(partnerId: nil, month: "2026-10", status: nil, page: PageRequest(pageNumber: 1, pageSize: 10))
        }
        #expect(statements.totalCount == 3)
        #expect(
            Dictionary(uniqueKeysWithValues: statements.items.map { ($0.partnerId, $0.net.fen) }) == [
                world.c.id: 3_750, world.b.id: 2_250, world.a.id: 1_500,
            ])
        #expect(try await world.verify().isEmpty)
    }

    @Test("a bank payout is paid once however often it is marked; a failed one can be retried", arguments: Backend.available)
    func bankPayouts(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.exampleProducts()
        try await world.withoutSecondApprover()
        let settlement = SettlementService(platform: world.platform)
        _ = try await settlement.setPayoutSettings(
            Fixtures.hq(.finance), partnerId: world.c.code, method: "bank", accountName: "深圳某某商贸", bankName: "招商银行深圳分行",
            accountNumber: "6225 8801 2345 6789")
        await #expect(throws: AppError.self) {
            _ = try await settlement.setPayoutSettings(
                Fixtures.hq(.finance), partnerId: world.c.code, method: "bank", accountName: nil, bankName: nil, accountNumber: "12")
        }
        world.clock.set(shanghai(2026, 10, 2))
        _ = try await world.exampleReferralOrder()
        try await world.jobs(until: shanghai(2026, 11, 15, 3))
        guard let statement = try await world.platform.database.read({ try await $0.statement(partnerId: world.c.id, month: "2026-10") }) else {
            Issue.record("no statement")
            return
        }
        #expect(statement.status == .pendingPayout && statement.net.fen == 750)
        let file = try await settlement.exportPayouts(Fixtures.hq(.finance))
        #expect(file.map(\.settings.accountNumber) == ["6225880123456789"])
        _ = try await settlement.markFailed(Fixtures.hq(.finance), statementId: statement.id, reason: "户名不符")
        await #expect(throws: AppError.self) { _ = try await settlement.markPaid(Fixtures.hq(.finance), statementId: statement.id) }
        _ = try await settlement.retry(Fixtures.hq(.finance), statementId: statement.id)
        async let one = try? settlement.markPaid(Fixtures.hq(.finance), statementId: statement.id)
        async let two = try? settlement.markPaid(Fixtures.hq(.finance), statementId: statement.id)
        let results = await [one, two]
        #expect(results.compactMap { $0 }.count == 1)
        let payable = try await world.platform.database.read { try await $0.balance(of: .commissionPayable(partnerId: world.c.id)) }
        #expect(payable == .zero)
        #expect(try await world.verify().isEmpty)
    }

    @Test("rule versions: validated, audited, and an order keeps the version it was paid under", arguments: Backend.available)
    func ruleVersions(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.exampleProducts()
        let commissions = CommissionService(platform: world.platform)
        var draft = try await commissions.currentRule()
        draft.rates = [Rate(basisPoints: 2_500), Rate(basisPoints: 500), Rate(basisPoints: 100)]
        await #expect(throws: AppError.self) { _ = try await commissions.publish(Fixtures.hq(.finance), draft) }
        draft.rates = [Rate(basisPoints: 600), Rate(basisPoints: 300), Rate(basisPoints: 200)]
        draft.effectiveAt = world.clock.now()
        await #expect(throws: AppError.forbidden) { _ = try await commissions.publish(Fixtures.hq(.operations), draft) }
        let before = try await world.exampleReferralOrder()
        let published = try await commissions.publish(Fixtures.hq(.finance), draft)
        #expect(published.applied?.version == 2)
        let after = try await world.exampleReferralOrder()
        #expect(try await world.records(before).allSatisfy { $0.ruleVersion == 1 })
        #expect(try await world.records(after).first { $0.partnerId == world.c.id }?.amount.fen == 900)  // pct(14,999, 600) = 899.94 → 900
        let simulation = try await commissions.simulate(Fixtures.hq(.finance), draft: draft, month: BusinessMonth(containing: world.clock.now()))
        #expect(simulation.orderCount == 2)
        #expect(simulation.draftByPosition[0].fen == 1_800 && simulation.currentByPosition[0].fen == 1_650)
        #expect(try await world.verify().isEmpty)
    }
}
