import Foundation
import QudaoCore
import SQLKit

/// A partner's stock would go below zero.
public struct InsufficientPartnerStock: Error, Sendable, Equatable {
    public let productId: String
    public let available: Int64
    public let requested: Int64
}

/// Partners' stock, its movements and sell-out reports.
extension SQLSession {
    /// Moves a partner's stock of a product by `change` (negative to take away) and records the
    /// movement with the figure after it. A decrease beyond what is on hand changes nothing and
    /// throws, decided by a conditional update so concurrent reports cannot overdraw.
    @discardableResult
    public func changePartnerStock(
        partnerId: String, productId: String, change: Int64, kind: PartnerStockMovementKind, businessDate: String, reference: String,
        reason: String, actorAccountId: String?, at instant: Date
    ) async throws -> Int64 {
        let milliseconds = Timestamp.milliseconds(instant)
        try await execute(
            """
            INSERT INTO partner_stock (partner_id, product_id, on_hand, updated_at_ms) VALUES (\(bind: partnerId), \(bind: productId), 0, \(bind: milliseconds))
            ON CONFLICT (partner_id, product_id) DO NOTHING
            """)
        guard
            let updated = try await first(
                """
                UPDATE partner_stock SET on_hand = on_hand + \(bind: change), updated_at_ms = \(bind: milliseconds)
                WHERE partner_id = \(bind: partnerId) AND product_id = \(bind: productId) AND on_hand + \(bind: change) >= 0
                RETURNING on_hand
                """)
        else {
            let available = try await partnerOnHand(partnerId: partnerId, productId: productId)
            throw InsufficientPartnerStock(productId: productId, available: available, requested: -change)
        }
        let after = try updated.int64("on_hand")
        try await execute(
            """
            INSERT INTO partner_stock_movements
                (partner_id, product_id, kind, quantity, on_hand_after, business_date, reference, reason, actor_account_id, created_at_ms)
            VALUES (\(bind: partnerId), \(bind: productId), \(bind: kind.rawValue), \(bind: change), \(bind: after), \(bind: businessDate),
                \(bind: reference), \(bind: reason), \(bind: actorAccountId), \(bind: milliseconds))
            """)
        return after
    }

    /// A partner's on-hand units of one product (0 when it never had any).
    public func partnerOnHand(partnerId: String, productId: String) async throws -> Int64 {
        try await first("SELECT on_hand FROM partner_stock WHERE partner_id = \(bind: partnerId) AND product_id = \(bind: productId)")?
            .int64("on_hand") ?? 0
    }

    /// A partner's stock of every product it has held or has on the way, by SKU, bounded by the page.
    public func partnerStock(partnerId: String, search: String?, page: PageRequest) async throws -> Page<PartnerStockLevel> {
        var condition: SQLQueryString = "(s.product_id IS NOT NULL OR t.in_transit > 0)"
        if let search = search?.trimmingWhitespace(), !search.isEmpty {
            let pattern = Self.containsPattern(search.lowercased())
            condition += " AND (LOWER(p.sku) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(p.name) LIKE \(bind: pattern) ESCAPE '\\')"
        }
        let from: SQLQueryString = """
            FROM products p
            LEFT JOIN partner_stock s ON s.product_id = p.id AND s.partner_id = \(bind: partnerId)
            LEFT JOIN \(Self.inTransit(partnerId: partnerId)) t ON t.product_id = p.id
            """
        let total = try await first("SELECT COUNT(*) AS total \(from) WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT p.id, p.sku, p.name, p.unit, p.pack_size, COALESCE(s.on_hand, 0) AS on_hand,
                CAST(COALESCE(t.in_transit, 0) AS BIGINT) AS in_transit
            \(from) WHERE \(condition) ORDER BY p.sku LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map { row in
            PartnerStockLevel(
                productId: try row.string("id"), sku: try row.string("sku"), name: try row.string("name"), unit: try row.string("unit"),
                packSize: try row.int64("pack_size"), onHand: try row.int64("on_hand"), inTransit: try row.int64("in_transit"))
        }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// A partner's stock movements, newest first, optionally of one product.
    public func partnerStockMovements(partnerId: String, productId: String?, page: PageRequest) async throws -> Page<PartnerStockMovement> {
        var condition: SQLQueryString = "m.partner_id = \(bind: partnerId)"
        if let productId { condition += " AND m.product_id = \(bind: productId)" }
        let total = try await first("SELECT COUNT(*) AS total FROM partner_stock_movements m WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT m.*, p.sku FROM partner_stock_movements m JOIN products p ON p.id = m.product_id WHERE \(condition)
            ORDER BY m.id DESC LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map { row in
            PartnerStockMovement(
                id: try row.int64("id"), partnerId: try row.string("partner_id"), productId: try row.string("product_id"), sku: try row.string("sku"),
                kind: PartnerStockMovementKind(rawValue: try row.string("kind")) ?? .count, quantity: try row.int64("quantity"),
                onHandAfter: try row.int64("on_hand_after"), businessDate: try row.string("business_date"), reference: try row.string("reference"),
                reason: try row.string("reason"), createdAt: try row.date("created_at_ms"))
        }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Records a sell-out report (its lines are the stock movements that name it).
    public func insertSellOutReport(_ report: SellOutReport) async throws {
        try await execute(
            """
            INSERT INTO sell_out_reports (id, number, partner_id, source, file_name, line_count, unit_count, created_by, created_at_ms)
            VALUES (\(bind: report.id), \(bind: report.number), \(bind: report.partnerId), \(bind: report.source.rawValue), \(bind: report.fileName),
                \(bind: report.lineCount), \(bind: report.unitCount), \(bind: report.createdBy), \(bind: Timestamp.milliseconds(report.createdAt)))
            """)
    }

    /// A partner's sell-out reports, newest first.
    public func sellOutReports(partnerId: String, page: PageRequest) async throws -> Page<SellOutReport> {
        let total = try await first("SELECT COUNT(*) AS total FROM sell_out_reports WHERE partner_id = \(bind: partnerId)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT * FROM sell_out_reports WHERE partner_id = \(bind: partnerId)
            ORDER BY created_at_ms DESC, id LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map { row in
            SellOutReport(
                id: try row.string("id"), number: try row.string("number"), partnerId: try row.string("partner_id"),
                source: SellOutSource(rawValue: try row.string("source")) ?? .manual, fileName: try row.optionalString("file_name"),
                lineCount: try row.int64("line_count"), unitCount: try row.int64("unit_count"), createdBy: try row.string("created_by"),
                createdAt: try row.date("created_at_ms"))
        }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Units on a partner's paid purchase orders not yet delivered, per product (a subquery `(product_id, in_transit)`).
    static func inTransit(partnerId: String) -> SQLQueryString {
        """
        (SELECT l.product_id, SUM(l.quantity) AS in_transit FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE o.partner_id = \(bind: partnerId) AND o.kind = 'purchase' AND o.status IN ('paid', 'shipped')
            GROUP BY l.product_id)
        """
    }

    /// The products replenishment looks at for a partner: on shelf, and held, on the way, or sold
    /// between `firstDay` and `lastDay`; with their stock and their sales per day (bounded by `limit`).
    public func replenishmentCandidates(
        partnerId: String, firstDay: String, lastDay: String, limit: Int
    ) async throws -> [(level: PartnerStockLevel, dailySales: [String: Int64])] {
        let levels = try await rows(
            """
            SELECT p.id, p.sku, p.name, p.unit, p.pack_size, COALESCE(s.on_hand, 0) AS on_hand,
                CAST(COALESCE(t.in_transit, 0) AS BIGINT) AS in_transit
            FROM products p
            LEFT JOIN partner_stock s ON s.product_id = p.id AND s.partner_id = \(bind: partnerId)
            LEFT JOIN \(Self.inTransit(partnerId: partnerId)) t ON t.product_id = p.id
            WHERE p.on_shelf = 1 AND (s.on_hand > 0 OR t.in_transit > 0 OR p.id IN (
                SELECT m.product_id FROM partner_stock_movements m WHERE m.partner_id = \(bind: partnerId) AND m.kind = 'sell_out'
                    AND m.business_date >= \(bind: firstDay) AND m.business_date <= \(bind: lastDay)))
            ORDER BY p.sku LIMIT \(bind: limit)
            """
        ).map { row in
            PartnerStockLevel(
                productId: try row.string("id"), sku: try row.string("sku"), name: try row.string("name"), unit: try row.string("unit"),
                packSize: try row.int64("pack_size"), onHand: try row.int64("on_hand"), inTransit: try row.int64("in_transit"))
        }
        var sales: [String: [String: Int64]] = [:]
        for row in try await rows(
            """
            SELECT product_id, business_date, CAST(-SUM(quantity) AS BIGINT) AS sold FROM partner_stock_movements
            WHERE partner_id = \(bind: partnerId) AND kind = 'sell_out' AND business_date >= \(bind: firstDay) AND business_date <= \(bind: lastDay)
            GROUP BY product_id, business_date
            """)
        {
            sales[try row.string("product_id"), default: [:]][try row.string("business_date")] = try row.int64("sold")
        }
        return levels.map { ($0, sales[$0.productId] ?? [:]) }
    }

    // MARK: - Drafts

    /// A partner's draft purchase order: product ids or SKUs with quantities, in order.
    public func purchaseOrderDraft(partnerId: String) async throws -> (lines: [(product: String, quantity: Int64)], source: String, updatedAt: Date)?
    {
        guard let row = try await first("SELECT * FROM purchase_order_drafts WHERE partner_id = \(bind: partnerId)") else { return nil }
        let decoded = (try? JSONDecoder().decode([DraftLine].self, from: Data(try row.string("lines").utf8))) ?? []
        return (decoded.map { ($0.productId, $0.quantity) }, try row.string("source"), try row.date("updated_at_ms"))
    }

    /// Replaces a partner's draft.
    public func savePurchaseOrderDraft(
        partnerId: String, lines: [(product: String, quantity: Int64)], source: String, createdBy: String, at instant: Date
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(lines.map { DraftLine(productId: $0.product, quantity: $0.quantity) }), as: UTF8.self)
        try await execute(
            """
            INSERT INTO purchase_order_drafts (partner_id, lines, source, created_by, updated_at_ms)
            VALUES (\(bind: partnerId), \(bind: text), \(bind: source), \(bind: createdBy), \(bind: Timestamp.milliseconds(instant)))
            ON CONFLICT (partner_id) DO UPDATE SET lines = excluded.lines, source = excluded.source, created_by = excluded.created_by,
                updated_at_ms = excluded.updated_at_ms
            """)
    }

    /// Removes a partner's draft (submitted or discarded).
    public func deletePurchaseOrderDraft(partnerId: String) async throws {
        try await execute("DELETE FROM purchase_order_drafts WHERE partner_id = \(bind: partnerId)")
    }
}

/// One line of a stored draft.
struct DraftLine: Codable {
    let productId: String
    let quantity: Int64
}
