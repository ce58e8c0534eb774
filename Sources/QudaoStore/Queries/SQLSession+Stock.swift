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
/// What a stock change did: the available quantity before and after, and the low-stock line.
public struct StockChange: Sendable {
    /// Creates a change.
    public init(availableBefore: Int64, availableAfter: Int64, onHand: Int64, reserved: Int64, lowStockUnits: Int64?) {
        self.availableBefore = availableBefore
        self.availableAfter = availableAfter
        self.onHand = onHand
        self.reserved = reserved
        self.lowStockUnits = lowStockUnits
    }

    public let availableBefore: Int64
    public let availableAfter: Int64
    public let onHand: Int64
    public let reserved: Int64
    public let lowStockUnits: Int64?

    /// Whether this change took the available quantity from above the line to at or below it.
    public var crossesLowStockLine: Bool {
        guard let line = lowStockUnits else { return false }
        return availableBefore > line && availableAfter <= line
    }
}

/// Each change is one conditional update, so stock never goes negative and a reservation never
/// exceeds what is on hand, under any concurrency.
extension SQLSession {
    /// Applies a stock change: `onHandChange` and `reservedChange` in one guarded update, plus a movement row.
    /// Rows are changed in product-id order by callers that touch several, so concurrent orders lock them in one order.
    ///
    /// - Throws: ``InsufficientStock`` when the change would make on-hand or available stock negative.
    /// - Returns: the available quantity before and after, and the product's low-stock line.
    @discardableResult
    public func changeStock(
        productId: String, sku: String, kind: StockMovementKind, onHandChange: Int64, reservedChange: Int64, orderId: String?,
        note: String, actorAccountId: String?, at instant: Date
    ) async throws -> StockChange {
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
            RETURNING on_hand, reserved, low_stock_units
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
        let onHand = try updated.int64("on_hand")
        let reserved = try updated.int64("reserved")
        return StockChange(
            availableBefore: onHand - reserved - (onHandChange - reservedChange), availableAfter: onHand - reserved, onHand: onHand,
            reserved: reserved, lowStockUnits: try updated.optionalInt64("low_stock_units"))
    }

    /// Sets (or, with nil, clears) a product's low-stock line; returns the stock as it is.
    public func setLowStockLine(productId: String, units: Int64?, at instant: Date) async throws -> (onHand: Int64, reserved: Int64) {
        let milliseconds = Timestamp.milliseconds(instant)
        try await execute(
            """
            INSERT INTO warehouse_stock (product_id, on_hand, reserved, updated_at_ms, low_stock_units)
            VALUES (\(bind: productId), 0, 0, \(bind: milliseconds), \(bind: units))
            ON CONFLICT (product_id) DO UPDATE SET low_stock_units = \(bind: units), updated_at_ms = \(bind: milliseconds)
            """)
        return try await stockLevel(productId: productId)
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
            SELECT p.id, p.sku, p.name, COALESCE(s.on_hand, 0) AS on_hand, COALESCE(s.reserved, 0) AS reserved, s.low_stock_units
            FROM products p LEFT JOIN warehouse_stock s ON s.product_id = p.id WHERE \(condition)
            ORDER BY p.sku LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map {
            StockLevel(
                productId: try $0.string("id"), sku: try $0.string("sku"), productName: try $0.string("name"), onHand: try $0.int64("on_hand"),
                reserved: try $0.int64("reserved"), lowStockUnits: try $0.optionalInt64("low_stock_units"))
        }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// One product's low-stock line, if HQ set one.
    public func lowStockLine(productId: String) async throws -> Int64? {
        try await first("SELECT low_stock_units FROM warehouse_stock WHERE product_id = \(bind: productId)")?.optionalInt64("low_stock_units")
    }

    /// One product's stock.
    public func stockLevel(productId: String) async throws -> (onHand: Int64, reserved: Int64) {
        let row = try await first("SELECT on_hand, reserved FROM warehouse_stock WHERE product_id = \(bind: productId)")
        return (try row?.int64("on_hand") ?? 0, try row?.int64("reserved") ?? 0)
    }
}
