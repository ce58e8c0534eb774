import Foundation
import QudaoCore
import SQLKit

/// Back-orders: paid purchase orders waiting for HQ stock.
extension SQLSession {
    /// Units of each product free to reserve (on hand less reserved).
    public func availableStock(productIds: [String]) async throws -> [String: Int64] {
        guard !productIds.isEmpty else { return [:] }
        var available: [String: Int64] = [:]
        for row in try await rows(
            "SELECT product_id, on_hand - reserved AS available FROM warehouse_stock WHERE product_id IN (\(binds: productIds))")
        {
            available[try row.string("product_id")] = try row.int64("available")
        }
        return available
    }

    /// Marks a just-paid order as waiting for stock.
    public func markBackordered(orderId: String, at instant: Date) async throws {
        try await execute(
            """
            UPDATE orders SET allocation = 'waiting', backordered_at_ms = \(bind: Timestamp.milliseconds(instant)) WHERE id = \(bind: orderId)
            """)
    }

    /// Marks a waiting order as allocated, once: false when it no longer waits (filled or cancelled meanwhile).
    public func markAllocated(orderId: String, at instant: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE orders SET allocation = 'allocated', allocated_at_ms = \(bind: Timestamp.milliseconds(instant)),
                updated_at_ms = \(bind: Timestamp.milliseconds(instant)), row_version = row_version + 1
            WHERE id = \(bind: orderId) AND allocation = 'waiting' AND status = 'paid' RETURNING id
            """) == 1
    }

    /// Waiting back-orders in the order they are served: quality partners first (by their current
    /// grade), then the oldest payment first (RULES §9). Bounded by `limit`.
    public func waitingOrderIds(limit: Int) async throws -> [String] {
        try await rows(
            """
            SELECT o.id FROM orders o LEFT JOIN partner_current_grades g ON g.partner_id = o.partner_id
            WHERE o.allocation = 'waiting' AND o.status = 'paid'
            ORDER BY CASE WHEN g.grade = 'quality' THEN 0 ELSE 1 END, o.paid_at_ms, o.id LIMIT \(bind: limit)
            """
        ).map { try $0.string("id") }
    }
}
