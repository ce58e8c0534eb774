import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

@Suite("Order lifecycle, returns and scheduled jobs")
struct LifecycleTests {
    @Test("the whole life: pay, ship, deliver by tracking number, auto-receive, partial return, refund, auto-complete", arguments: Backend.available)
    func fullLife(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.b, fen: 6_000_000)
        let orders = OrderService(platform: world.platform)
        let jobs = ScheduledJobs(platform: world.platform)
        var order = try await orders.placePurchaseOrder(
            world.owner(world.b), lines: [OrderLineInput(product: "HF-8555", quantity: .integer(10))], shipping: ShippingInput())
        let balanceAfterPurchase = try await world.balance(world.b)
        order = try await orders.ship(Fixtures.hq(.operations), orderId: order.id, carrier: "顺丰速运", trackingNumber: "SF1234567890")
        #expect(try await world.stock() == (onHand: 9_990, reserved: 0))
        order = try await orders.markDelivered(Fixtures.hq(.operations), orderId: nil, trackingNumber: "SF1234567890", proof: "本人签收")
        #expect(order.status == .delivered)
        // nine days later nothing has happened; on the tenth the order is received by itself
        world.clock.advance(seconds: 9 * 86_400)
        #expect(try await jobs.runDue(until: world.clock.now(), testClock: world.clock) == 0)
        #expect(try await jobs.runDue(until: world.clock.now().addingTimeInterval(86_400), testClock: world.clock) == 1)
        order = try await orders.view(Fixtures.hq(), id: order.id).order
        #expect(order.status == .received && order.receivedAt == order.deliveredAt?.addingTimeInterval(10 * 86_400))
        // the buyer returns 3 of the 10 within the window
        let request = try await orders.requestReturn(world.owner(world.b), orderId: order.id, quantities: [1: .integer(3)], reason: "包装破损")
        _ = try await orders.approveReturn(Fixtures.hq(.operations), returnId: request.id)
        // an open return blocks completion, even after the window
        #expect(try await jobs.runDue(until: world.clock.now().addingTimeInterval(8 * 86_400), testClock: world.clock) == 0)
        _ = try await orders.receiveReturnedGoods(Fixtures.hq(.operations), returnId: request.id)
        #expect(try await world.stock().onHand == 9_993)
        let refunded = try await orders.refundReturn(Fixtures.hq(.finance), returnId: request.id)
        // kept 7 × 8,555 = 59,885 gross, discount pct(59,885, 200) = 1,198, net 58,687; refund 83,839 − 58,687 = 25,152
        #expect(refunded.refund?.fen == 25_152)
        #expect(try await world.balance(world.b) == balanceAfterPurchase + 25_152)
        // once the return is closed the order completes
        #expect(try await jobs.runDue(until: world.clock.now(), testClock: world.clock) == 1)
        let done = try await orders.view(world.owner(world.b), id: order.id)
        #expect(done.order.status == .completed && done.order.refunded.fen == 25_152)
        #expect(
            done.vouchers.map(\.event) == [
                "create", "pay", "ship", "deliver", "receive", "return.requested", "return.approved", "return.goods_received", "return.refunded",
                "complete",
            ])
        #expect(done.vouchers.first { $0.event == "ship" }?.payloadJSON.contains("SF1234567890") == true)
        // returning the other 7 after completion is an HQ exception; it refunds the rest exactly
        await #expect(throws: AppError.self) {
            _ = try await orders.requestReturn(world.owner(world.b), orderId: order.id, quantities: [1: .integer(7)], reason: "x")
        }
        let late = try await orders.requestReturn(Fixtures.hq(.operations), orderId: order.id, quantities: [1: .integer(7)], reason: "质量问题")
        #expect(late.status == .approved && late.afterCompletion)
        _ = try await orders.receiveReturnedGoods(Fixtures.hq(.operations), returnId: late.id)
        let rest = try await orders.refundReturn(Fixtures.hq(.finance), returnId: late.id)
        #expect(rest.refund?.fen == 58_687)
        #expect(try await world.balance(world.b) == 6_000_000)
        #expect(try await world.stock() == (onHand: 10_000, reserved: 0))
        #expect(try await world.verify().isEmpty)
    }

    @Test("cancelling a paid order refunds it in full and releases its stock; shipped orders cannot be cancelled", arguments: Backend.available)
    func cancellation(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 100_000)
        let orders = OrderService(platform: world.platform)
        let first = try await orders.placePurchaseOrder(
            world.owner(world.c), lines: [OrderLineInput(product: "HF-8555", quantity: .integer(3))], shipping: ShippingInput())
        #expect(try await world.balance(world.c) == 70_000)
        let cancelled = try await orders.cancel(world.owner(world.c), orderId: first.id, reason: "下错单")
        #expect(cancelled.status == .cancelled && cancelled.refunded.fen == 30_000)
        #expect(try await world.balance(world.c) == 100_000)
        #expect(try await world.stock().reserved == 0)
        // cancelling again is an illegal transition: 409, nothing changes
        await #expect(throws: AppError.self) { _ = try await orders.cancel(world.owner(world.c), orderId: first.id, reason: "again") }
        let second = try await orders.placePurchaseOrder(
            world.owner(world.c), lines: [OrderLineInput(product: "HF-8555", quantity: .integer(1))], shipping: ShippingInput())
        _ = try await orders.ship(Fixtures.hq(.operations), orderId: second.id, carrier: "EMS", trackingNumber: "EMS0001")
        do {
            _ = try await orders.cancel(Fixtures.hq(.operations), orderId: second.id, reason: "late")
            Issue.record("a shipped order was cancelled")
        } catch AppError.conflict(let reason) {
            #expect(Language.english.text(reason).contains("shipped"))
        }
        #expect(try await world.balance(world.c) == 90_000)
        #expect(try await world.verify().isEmpty)
    }

    @Test("illegal steps are refused and change nothing", arguments: Backend.available)
    func illegalSteps(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 100_000)
        let orders = OrderService(platform: world.platform)
        let order = try await orders.placePurchaseOrder(
            world.owner(world.c), lines: [OrderLineInput(product: "HF-8555", quantity: .integer(1))], shipping: ShippingInput())
        await #expect(throws: AppError.self) {
            _ = try await orders.markDelivered(Fixtures.hq(.operations), orderId: order.id, trackingNumber: nil, proof: nil)
        }
        await #expect(throws: AppError.self) { _ = try await orders.confirmReceipt(world.owner(world.c), orderId: order.id) }
        await #expect(throws: AppError.self) {
            _ = try await orders.requestReturn(world.owner(world.c), orderId: order.id, quantities: [1: .integer(1)], reason: "x")
        }
        await #expect(throws: AppError.self) {
            _ = try await orders.confirmPayment(Fixtures.hq(.finance), orderId: order.id, paymentReference: "PAY-1")
        }
        // a partner may not ship its own order, nor act on another partner's
        await #expect(throws: AppError.forbidden) {
            _ = try await orders.ship(world.owner(world.c), orderId: order.id, carrier: "x", trackingNumber: "x1234")
        }
        await #expect(throws: AppError.forbidden) { _ = try await orders.cancel(world.owner(world.a), orderId: order.id, reason: "x") }
        await #expect(throws: AppError.notFound(entity: "order")) {
            _ = try await orders.cancel(world.owner(world.d), orderId: order.id, reason: "x")
        }
        #expect(try await orders.view(Fixtures.hq(), id: order.id).vouchers.count == 2)
        #expect(try await world.verify().isEmpty)
    }

    @Test("a referral order is attributed at list price, paid with a reference, and its consumer confirms receipt", arguments: Backend.available)
    func referralOrder(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        let orders = OrderService(platform: world.platform)
        let consumer = ShippingInput(name: "顾客甲", phone: "13700001111", province: "广东省", city: "深圳市", district: "南山区", detail: "科技园1号")
        let (order, token) = try await orders.placeReferralOrder(
            referralCode: world.c.referralCode.lowercased(), lines: [OrderLineInput(product: "HF-8555", quantity: .integer(2))], consumer: consumer,
            actor: .consumer(sourceIP: "198.51.100.4"), createdBy: "consumer")
        #expect(order.kind == .referral && order.partnerId == world.c.id && order.net.fen == 24_000 && order.status == .pendingPayment)
        #expect(try await world.stock().reserved == 0)
        let paid = try await orders.confirmPayment(Fixtures.hq(.finance), orderId: order.id, paymentReference: "WX4200001234")
        #expect(paid.status == .paid && paid.paymentReference == "WX4200001234" && paid.partnerPathAtPayment == world.c.path)
        _ = try await orders.ship(Fixtures.hq(.operations), orderId: order.id, carrier: "顺丰", trackingNumber: "SF999")
        _ = try await orders.markDelivered(Fixtures.hq(.operations), orderId: order.id, trackingNumber: nil, proof: nil)
        #expect(try await orders.consumerConfirmReceipt(token: token, sourceIP: "198.51.100.4").status == .received)
        await #expect(throws: AppError.notFound(entity: "order")) { _ = try await orders.consumerView(token: "wrong-token") }
        // the attributed partner and its upline see it; another branch does not
        #expect(try await orders.view(world.owner(world.c), id: order.id).order.id == order.id)
        #expect(try await orders.view(world.owner(world.b), id: order.id).order.id == order.id)
        await #expect(throws: AppError.notFound(entity: "order")) { _ = try await orders.view(world.owner(world.d), id: order.id) }
        #expect(try await world.verify().isEmpty)
    }

    @Test("two schedulers running at once move each order once", arguments: Backend.available)
    func concurrentSchedulers(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 1_000_000)
        let orders = OrderService(platform: world.platform)
        for index in 0..<10 {
            let order = try await orders.placePurchaseOrder(
                world.owner(world.c), lines: [OrderLineInput(product: "HF-8555", quantity: .integer(1))], shipping: ShippingInput())
            _ = try await orders.ship(Fixtures.hq(.operations), orderId: order.id, carrier: "EMS", trackingNumber: "EMS\(1000 + index)")
            _ = try await orders.markDelivered(Fixtures.hq(.operations), orderId: order.id, trackingNumber: nil, proof: nil)
        }
        let until = world.clock.now().addingTimeInterval(30 * 86_400)
        async let first = ScheduledJobs(platform: world.platform).runDue(until: until)
        async let second = ScheduledJobs(platform: world.platform).runDue(until: until)
        let total = try await first + second
        #expect(total == 20)  // 10 receipts and 10 completions, each made by exactly one of the two
        let page = try await orders.list(Fixtures.hq(), filter: OrderFilter(status: .completed), page: PageRequest(pageNumber: 1, pageSize: 50))
        #expect(page.totalCount == 10)
        #expect(try await world.verify().isEmpty)
    }

    @Test("verify fails on a deliberately corrupted copy and names what is wrong", arguments: Backend.available)
    func verifyDetectsCorruption(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 100_000)
        let order = try await OrderService(platform: world.platform).placePurchaseOrder(
            world.owner(world.c), lines: [OrderLineInput(product: "HF-8555", quantity: .integer(1))], shipping: ShippingInput())
        #expect(try await world.verify().isEmpty)
        // someone edits a cached balance and an order's status behind the application's back
        try await world.platform.database.write { session in
            try await session.execute("UPDATE ledger_accounts SET balance_fen = balance_fen + 1 WHERE partner_id = \(bind: world.c.id)")
            try await session.execute("UPDATE orders SET status = 'shipped' WHERE id = \(bind: order.id)")
        }
        let violations = try await world.verify()
        #expect(violations.contains { $0.contains("cached balance") })
        #expect(violations.contains { $0.contains(order.id) && $0.contains("shipped") })
        #expect(violations.contains { $0.contains("reserved stock") })
    }
}
