import Foundation
import QudaoCore
import SQLKit

/// HQ warehouse stock could not cover a reservation.
public struct InsufficientStock: Error, Sendable, Equatable {
    public let productId: String
    public let sku: String
    public let available: Int64
    public let requested: Int64
}

/// The kinds of stock movement.
public enum StockMovementKind: String, Sendable, CaseIterable {
    /// Goods arrived in the warehouse.
    case receipt
    /// A count corrected the figure (with a note).
    case adjustment
    /// Set aside for a paid order.
    case reserve
    /// A reservation given back (cancellation).
    case release
    /// Left the warehouse with a shipment.
    case ship
    /// Came back with a return.
    case `return`
}

/// HQ warehouse stock: on hand and reserved per product, every change recorded as a movement.
/// Each change is one conditional update, so stock never goes negative and a reservation never
/// exceeds what is on hand, under any concurrency.
extension SQLSession {
    /// Applies a stock change: `onHandChange` and `reservedChange` in one guarded update, plus a movement row.
    /// Rows are changed in product-id order by callers that touch several, so concurrent orders lock them in one order.
    ///
    /// - Throws: ``InsufficientStock`` when the change would make on-hand or available stock negative.
    public func changeStock(
        productId: String, sku: String, kind: StockMovementKind, onHandChange: Int64, reservedChange: Int64, orderId: String?,
        note: String, actorAccountId: String?, at instant: Date
    ) async throws {
        let milliseconds = Timestamp.milliseconds(instant)
        try await execute(
            """
            INSERT INTO warehouse_stock (product_id, on_hand, reserved, updated_at_ms) VALUES (\(bind: productId), 0, 0, \(bind: milliseconds))
            ON CONFLICT (product_id) DO NOTHING
            """)
        let updated = try await first(
            """
            UPDATE warehouse_stock SET on_hand = on_hand + \(bind: onHandChange), reserved = reserved + \(bind: reservedChange),
                updated_at_ms = \(bind: milliseconds)
            WHERE product_id = \(bind: productId) AND on_hand + \(bind: onHandChange) >= 0 AND reserved + \(bind: reservedChange) >= 0
                AND reserved + \(bind: reservedChange) <= on_hand + \(bind: onHandChange)
            RETURNING on_hand, reserved
            """)
        guard let updated else {
            let level = try await first("SELECT on_hand, reserved FROM warehouse_stock WHERE product_id = \(bind: productId)")
            let available = (try level?.int64("on_hand") ?? 0) - (try level?.int64("reserved") ?? 0)
            throw InsufficientStock(productId: productId, sku: sku, available: available, requested: max(reservedChange, -onHandChange))
        }
        try await execute(
            """
            INSERT INTO stock_movements (product_id, kind, quantity, on_hand_after, reserved_after, order_id, note, actor_account_id, created_at_ms)
            VALUES (\(bind: productId), \(bind: kind.rawValue), \(bind: onHandChange != 0 ? onHandChange : reservedChange),
                \(bind: try updated.int64("on_hand")), \(bind: try updated.int64("reserved")), \(bind: orderId), \(bind: note),
                \(bind: actorAccountId), \(bind: milliseconds))
            """)
    }

    /// Stock of every product (on shelf or not), by SKU, bounded by the page.
    public func stockLevels(search: String?, page: PageRequest) async throws -> Page<StockLevel> {
        var condition: SQLQueryString = "1 = 1"
        if let search = search?.trimmingWhitespace(), !search.isEmpty {
            let pattern = Self.containsPattern(search.lowercased())
            condition += " AND (LOWER(p.sku) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(p.name) LIKE \(bind: pattern) ESCAPE '\\')"
        }
        let total = try await first("SELECT COUNT(*) AS total FROM products p WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT p.id, p.sku, p.name, COALESCE(s.on_hand, 0) AS on_hand, COALESCE(s.reserved, 0) AS reserved
            FROM products p LEFT JOIN warehouse_stock s ON s.product_id = p.id WHERE \(condition)
            ORDER BY p.sku LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map {
            StockLevel(
                productId: try $0.string("id"), sku: try $0.string("sku"), productName: try $0.string("name"), onHand: try $0.int64("on_hand"),
                reserved: try $0.int64("reserved"))
        }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// One product's stock.
    public func stockLevel(productId: String) async throws -> (onHand: Int64, reserved: Int64) {
        let row = try await first("SELECT on_hand, reserved FROM warehouse_stock WHERE product_id = \(bind: productId)")
        return (try row?.int64("on_hand") ?? 0, try row?.int64("reserved") ?? 0)
    }
}
