import Foundation
import QudaoCore
import SQLKit

/// Keeping the sales rollups in step with orders, inside the transaction that pays or refunds.
extension SQLSession {
    /// The business day an order was paid (nil when unpaid).
    func paidDay(orderId: String) async throws -> String? {
        try await first("SELECT paid_at_ms FROM orders WHERE id = \(bind: orderId)")?.optionalDate("paid_at_ms").map(BusinessTime.dayText)
    }

    /// Adds a just-paid order to its day's rollups.
    func rollUpPayment(orderId: String) async throws {
        guard let day = try await paidDay(orderId: orderId),
            let order = try await first("SELECT partner_id, kind, gross_fen, net_fen FROM orders WHERE id = \(bind: orderId)")
        else { return }
        let lines = try await rows("SELECT product_id, quantity, unit_price_fen FROM order_lines WHERE order_id = \(bind: orderId)")
        let units = try lines.reduce(Int64(0)) { $0 + (try $1.int64("quantity")) }
        let isPurchase = try order.string("kind") == OrderKind.purchase.rawValue
        try await execute(
            """
            INSERT INTO sales_daily (business_date, partner_id, orders, purchase_orders, referral_orders, gross_fen, net_fen, refunded_fen, units)
            VALUES (\(bind: day), \(bind: try order.string("partner_id")), 1, \(bind: isPurchase ? 1 : 0), \(bind: isPurchase ? 0 : 1),
                \(bind: try order.int64("gross_fen")), \(bind: try order.int64("net_fen")), 0, \(bind: units))
            ON CONFLICT (business_date, partner_id) DO UPDATE SET orders = sales_daily.orders + 1,
                purchase_orders = sales_daily.purchase_orders + excluded.purchase_orders,
                referral_orders = sales_daily.referral_orders + excluded.referral_orders, gross_fen = sales_daily.gross_fen + excluded.gross_fen,
                net_fen = sales_daily.net_fen + excluded.net_fen, units = sales_daily.units + excluded.units
            """)
        for line in lines {
            let quantity = try line.int64("quantity")
            try await execute(
                """
                INSERT INTO product_sales_daily (business_date, product_id, units, gross_fen, units_refunded)
                VALUES (\(bind: day), \(bind: try line.string("product_id")), \(bind: quantity), \(bind: quantity * (try line.int64("unit_price_fen"))), 0)
                ON CONFLICT (business_date, product_id) DO UPDATE SET units = product_sales_daily.units + excluded.units,
                    gross_fen = product_sales_daily.gross_fen + excluded.gross_fen
                """)
        }
    }

    /// Books a refund against the day the order was paid (sales are the paid orders' net less
    /// their refunds, RULES §5): the amount, and the units given back per product.
    func rollUpRefund(orderId: String, amount: Int64, unitsByProduct: [String: Int64]) async throws {
        guard amount != 0 || !unitsByProduct.isEmpty, let day = try await paidDay(orderId: orderId),
            let partnerId = try await first("SELECT partner_id FROM orders WHERE id = \(bind: orderId)")?.string("partner_id")
        else { return }
        try await execute(
            """
            UPDATE sales_daily SET refunded_fen = refunded_fen + \(bind: amount)
            WHERE business_date = \(bind: day) AND partner_id = \(bind: partnerId)
            """)
        for (productId, units) in unitsByProduct.sorted(by: { $0.key < $1.key }) where units != 0 {
            try await execute(
                """
                UPDATE product_sales_daily SET units_refunded = units_refunded + \(bind: units)
                WHERE business_date = \(bind: day) AND product_id = \(bind: productId)
                """)
        }
    }
}
