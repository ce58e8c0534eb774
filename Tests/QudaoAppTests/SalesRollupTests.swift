import Foundation
import QudaoApp
import QudaoCore
import QudaoTestSupport
import SQLKit
import Testing

@testable import QudaoStore

@Suite("Sales rollups for the dashboard")
struct SalesRollupTests {
    @Test(
        "payments, cancellations and refunded returns move the rollups with the orders; the migration's backfill rebuilds them the same",
        arguments: Backend.available)
    func followOrders(_ backend: Backend) async throws {
        // given C with money: one order kept, one cancelled, one partly returned and refunded
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 2_000_000)
        let orders = OrderService(platform: world.platform)
        let kept = try await world.deliveredPurchase(4)
        let cancelled = try await orders.placePurchaseOrder(
            world.owner(world.c), lines: [OrderLineInput(product: world.product.sku, quantity: .integer(2))], shipping: ShippingInput())
        _ = try await orders.cancel(world.owner(world.c), orderId: cancelled.id, reason: "下错了")
        let returned = try await world.deliveredPurchase(5)
        let request = try await orders.requestReturn(world.owner(world.c), orderId: returned.id, quantities: [1: .integer(2)], reason: "破损")
        _ = try await orders.approveReturn(Fixtures.hq(.operations), returnId: request.id)
        _ = try await orders.receiveReturnedGoods(Fixtures.hq(.operations), returnId: request.id)
        _ = try await orders.refundReturn(Fixtures.hq(.finance), returnId: request.id)

        // then C's day, week and month each hold three orders, their net, and the refunds of the cancellation and the return
        let today = BusinessDate(containing: world.clock.now())
        for grain in RollupGrain.allCases {
            let period = grain.periodStart(of: today).description
            let row = try #require(
                try await world.platform.database.read {
                    try await $0.first(
                        "SELECT * FROM sales_rollups WHERE grain = \(bind: grain.rawValue) AND period = \(bind: period) AND partner_id = \(bind: world.c.id)"
                    )
                })
            #expect(try row.int64("orders") == 3 && row.int64("purchase_orders") == 3 && row.int64("units") == 11)
            #expect(try row.int64("net_fen") == kept.net.fen + cancelled.net.fen + returned.net.fen)
            #expect(try row.int64("refunded_fen") == cancelled.net.fen + 2 * 10_000)
            let product = try #require(
                try await world.platform.database.read {
                    try await $0.first("SELECT * FROM product_sales_rollups WHERE grain = \(bind: grain.rawValue) AND period = \(bind: period)")
                })
            #expect(try product.int64("units") == 11 && product.int64("units_refunded") == 4)
            #expect(try product.string("province") == world.c.province && product.int64("level") == Int64(world.c.level))
        }
        // and the commission accrued by C's upline that day, net of the cancelled order's reversed records
        let accrued = try await world.platform.database.read { session in
            try await session.first(
                """
                SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS total FROM commission_records WHERE state <> 'reversed'
                """)?.int64("total") ?? 0
        }
        let rolledCommission = try await world.platform.database.read { session in
            try await session.first("SELECT CAST(COALESCE(SUM(commission_fen), 0) AS BIGINT) AS total FROM sales_rollups WHERE grain = 'day'")?
                .int64("total") ?? 0
        }
        #expect(accrued > 0 && rolledCommission == accrued)
        #expect(try await world.verify().isEmpty)

        // when the rollups are rebuilt from the orders, as the migration does for an existing database
        let before = try await snapshot(world)
        try await world.platform.database.write { session in
            for statement in SalesRollupRebuild.statements(world.platform.database.dialect) { try await session.execute(SQLQueryString(statement)) }
        }
        // then they are the same rows
        #expect(try await snapshot(world) == before)
    }

    func snapshot(_ world: MoneyWorld) async throws -> [String] {
        try await world.platform.database.read { session in
            try await session.rows("SELECT * FROM sales_rollups ORDER BY grain, period, partner_id").map {
                "\(try $0.string("grain"))|\(try $0.string("period"))|\(try $0.string("partner_id"))|\(try $0.int64("orders"))|\(try $0.int64("net_fen"))|\(try $0.int64("refunded_fen"))|\(try $0.int64("units"))|\(try $0.int64("commission_fen"))"
            }
                + session.rows("SELECT * FROM product_sales_rollups ORDER BY grain, period, product_id, province, level, partner_type").map {
                    "\(try $0.string("grain"))|\(try $0.string("product_id"))|\(try $0.int64("units"))|\(try $0.int64("gross_fen"))|\(try $0.int64("units_refunded"))"
                }
        }
    }
}
