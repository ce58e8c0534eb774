import Foundation
import PropertyBased
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

@Suite("Settlement properties")
struct SettlementPropertyTests {
    /// One order of a random history: when it is paid (days after 1 October 2026), how many of the
    /// ¥33.33 item it holds, whether it completes, and how many come back after completion.
    struct PlannedOrder: CustomStringConvertible {
        let day: Int
        let quantity: Int64
        let completes: Bool
        let returned: Int64

        init(seed: Int64) {
            day = Int(seed % 80)
            quantity = 1 + (seed / 80) % 4
            completes = (seed / 320) % 5 != 0
            returned = completes ? (seed / 1_600) % (quantity + 1) : 0
        }

        var description: String { "day \(day): \(quantity) items, completes \(completes), \(returned) returned" }
    }

    @Test("for any history of orders, completions and late returns: statements add up to their settled records, and no record is settled twice")
    func statementsEqualSettledRecords() async throws {
        await propertyCheck(count: 12, input: Gen.int64(in: 0...999_999).array(of: 1...6)) { seeds in
            do {
                let world = try await MoneyWorld.make(.sqlite)
                try await world.exampleProducts()
                let orders = OrderService(platform: world.platform)
                let plans = seeds.map(PlannedOrder.init).sorted { $0.day < $1.day }
                var placed: [(PlannedOrder, OrderRecord)] = []
                for plan in plans {
                    try await world.jobs(until: shanghai(2026, 10, 1).addingTimeInterval(TimeInterval(plan.day) * 86_400))
                    let (order, _) = try await orders.placeReferralOrder(
                        referralCode: world.c.referralCode, lines: [OrderLineInput(product: "EX-3333", quantity: .integer(plan.quantity))],
                        consumer: ShippingInput(name: "顾客", phone: "13700000000", province: "广东省", city: "深圳市", detail: "1 号"),
                        actor: .consumer(sourceIP: "198.51.100.9"), createdBy: "consumer")
                    _ = try await orders.confirmPayment(Fixtures.hq(.finance), orderId: order.id, paymentReference: "PAY-\(order.number.suffix(7))")
                    if plan.completes {
                        _ = try await orders.ship(
                            Fixtures.hq(.operations), orderId: order.id, carrier: "EMS", trackingNumber: "EMS\(order.number.suffix(7))")
                        _ = try await orders.markDelivered(Fixtures.hq(.operations), orderId: order.id, trackingNumber: nil, proof: nil)
                        _ = try await orders.confirmReceipt(Fixtures.hq(.operations), orderId: order.id)
                    }
                    placed.append((plan, order))
                }
                // Every order that completes has done so by 1 February; then the late returns come back.
                try await world.jobs(until: shanghai(2027, 2, 1))
                for (plan, order) in placed where plan.returned > 0 {
                    let request = try await orders.requestReturn(
                        Fixtures.hq(.operations), orderId: order.id, quantities: [1: .integer(plan.returned)], reason: "售后退货")
                    _ = try await orders.receiveReturnedGoods(Fixtures.hq(.operations), returnId: request.id)
                    _ = try await orders.refundReturn(Fixtures.hq(.finance), returnId: request.id)
                }
                try await world.jobs(until: shanghai(2027, 4, 16))
                let totals = try await world.platform.database.read { session in
                    (
                        statements: try await session.first(
                            "SELECT CAST(COALESCE(SUM(net_fen), 0) AS BIGINT) AS net, CAST(COALESCE(SUM(record_count), 0) AS BIGINT) AS records FROM settlement_statements"
                        ),
                        settled: try await session.first(
                            "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS amount, COUNT(*) AS records FROM commission_records WHERE state = 'settled'"
                        ),
                        duplicates: try await session.first(
                            "SELECT COUNT(*) AS total FROM (SELECT partner_id, month FROM settlement_statements GROUP BY partner_id, month HAVING COUNT(*) > 1) twice"
                        )
                    )
                }
                #expect(try totals.statements?.int64("net") == totals.settled?.int64("amount"), "\(plans)")
                #expect(try totals.statements?.int64("records") == totals.settled?.int64("records"), "\(plans)")
                #expect(try totals.duplicates?.int64("total") == 0)
                // The property is not vacuous: an order completed and kept settles something.
                if plans.contains(where: { $0.completes && $0.returned < $0.quantity }) {
                    #expect(try (totals.statements?.int64("records") ?? 0) > 0, "\(plans)")
                }
                #expect(try await world.verify().isEmpty, "\(plans)")
                await world.platform.database.close()
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
