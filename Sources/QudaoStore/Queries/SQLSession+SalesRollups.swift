import Foundation
import QudaoCore
import SQLKit

/// Keeping the sales rollups in step with orders and commissions, inside the transaction that
/// pays, refunds or accrues. Each change is added to the day, the week and the month it falls in.
extension SQLSession {
    /// The rollup periods (day, week, month) of a business date.
    static func rollupPeriods(_ date: BusinessDate) -> [(grain: String, period: String)] {
        RollupGrain.allCases.map { ($0.rawValue, $0.periodStart(of: date).description) }
    }

    /// The business day an order was paid (nil when unpaid).
    func paidDate(orderId: String) async throws -> BusinessDate? {
        try await first("SELECT paid_at_ms FROM orders WHERE id = \(bind: orderId)")?.optionalDate("paid_at_ms").map(BusinessDate.init(containing:))
    }

    /// Adds a just-paid order to its periods' rollups, products under the partner's current region, level and type.
    func rollUpPayment(orderId: String) async throws {
        guard let date = try await paidDate(orderId: orderId),
            let order = try await first(
                """
                SELECT o.partner_id, o.kind, o.gross_fen, o.net_fen, p.province, p.level, p.partner_type
                FROM orders o JOIN partners p ON p.id = o.partner_id WHERE o.id = \(bind: orderId)
                """)
        else { return }
        let lines = try await rows("SELECT product_id, quantity, unit_price_fen FROM order_lines WHERE order_id = \(bind: orderId)")
        let units = try lines.reduce(Int64(0)) { $0 + (try $1.int64("quantity")) }
        let isPurchase = try order.string("kind") == OrderKind.purchase.rawValue
        for (grain, period) in Self.rollupPeriods(date) {
            try await execute(
                """
                INSERT INTO sales_rollups (grain, period, partner_id, orders, purchase_orders, referral_orders, gross_fen, net_fen, refunded_fen, units)
                VALUES (\(bind: grain), \(bind: period), \(bind: try order.string("partner_id")), 1, \(bind: isPurchase ? 1 : 0), \(bind: isPurchase ? 0 : 1),
                    \(bind: try order.int64("gross_fen")), \(bind: try order.int64("net_fen")), 0, \(bind: units))
                ON CONFLICT (grain, period, partner_id) DO UPDATE SET orders = sales_rollups.orders + 1,
                    purchase_orders = sales_rollups.purchase_orders + excluded.purchase_orders,
                    referral_orders = sales_rollups.referral_orders + excluded.referral_orders, gross_fen = sales_rollups.gross_fen + excluded.gross_fen,
                    net_fen = sales_rollups.net_fen + excluded.net_fen, units = sales_rollups.units + excluded.units
                """)
            for line in lines {
                let quantity = try line.int64("quantity")
                try await execute(
                    """
                    INSERT INTO product_sales_rollups (grain, period, product_id, province, level, partner_type, units, gross_fen, units_refunded)
                    VALUES (\(bind: grain), \(bind: period), \(bind: try line.string("product_id")), \(bind: try order.string("province")),
                        \(bind: try order.int64("level")), \(bind: try order.string("partner_type")), \(bind: quantity),
                        \(bind: quantity * (try line.int64("unit_price_fen"))), 0)
                    ON CONFLICT (grain, period, product_id, province, level, partner_type) DO UPDATE SET
                        units = product_sales_rollups.units + excluded.units, gross_fen = product_sales_rollups.gross_fen + excluded.gross_fen
                    """)
            }
        }
    }

    /// Books a refund against the periods the order was paid in (sales are the paid orders' net
    /// less their refunds, RULES §5): the amount, and the units given back per product. Product
    /// rows are upserted: should the partner have moved region since, the units are booked under
    /// the new one rather than lost, and each product's totals stay right.
    func rollUpRefund(orderId: String, amount: Int64, unitsByProduct: [String: Int64]) async throws {
        guard amount != 0 || !unitsByProduct.isEmpty, let date = try await paidDate(orderId: orderId),
            let order = try await first(
                """
                SELECT o.partner_id, p.province, p.level, p.partner_type FROM orders o JOIN partners p ON p.id = o.partner_id
                WHERE o.id = \(bind: orderId)
                """)
        else { return }
        for (grain, period) in Self.rollupPeriods(date) {
            try await execute(
                """
                UPDATE sales_rollups SET refunded_fen = refunded_fen + \(bind: amount)
                WHERE grain = \(bind: grain) AND period = \(bind: period) AND partner_id = \(bind: try order.string("partner_id"))
                """)
            for (productId, units) in unitsByProduct.sorted(by: { $0.key < $1.key }) where units != 0 {
                try await execute(
                    """
                    INSERT INTO product_sales_rollups (grain, period, product_id, province, level, partner_type, units, gross_fen, units_refunded)
                    VALUES (\(bind: grain), \(bind: period), \(bind: productId), \(bind: try order.string("province")), \(bind: try order.int64("level")),
                        \(bind: try order.string("partner_type")), 0, 0, \(bind: units))
                    ON CONFLICT (grain, period, product_id, province, level, partner_type) DO UPDATE SET
                        units_refunded = product_sales_rollups.units_refunded + excluded.units_refunded
                    """)
            }
        }
    }

    /// Adds a new commission record's amount to its partner's periods (the day it was made).
    func rollUpCommission(partnerId: String, amountFen: Int64, createdAt: Date) async throws {
        guard amountFen != 0 else { return }
        for (grain, period) in Self.rollupPeriods(BusinessDate(containing: createdAt)) {
            try await execute(
                """
                INSERT INTO sales_rollups (grain, period, partner_id, commission_fen)
                VALUES (\(bind: grain), \(bind: period), \(bind: partnerId), \(bind: amountFen))
                ON CONFLICT (grain, period, partner_id) DO UPDATE SET commission_fen = sales_rollups.commission_fen + excluded.commission_fen
                """)
        }
    }

    /// Moves a partner's settleable commission by `amountFen` (a record became settleable, or was
    /// settled), in the transaction that changed the record.
    func addSettleable(partnerId: String, amountFen: Int64) async throws {
        guard amountFen != 0 else { return }
        try await execute(
            """
            INSERT INTO commission_balances (partner_id, settleable_fen) VALUES (\(bind: partnerId), \(bind: amountFen))
            ON CONFLICT (partner_id) DO UPDATE SET settleable_fen = commission_balances.settleable_fen + excluded.settleable_fen
            """)
    }
}
