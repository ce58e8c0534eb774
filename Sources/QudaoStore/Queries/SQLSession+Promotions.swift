import Foundation
import QudaoCore
import SQLKit

/// Promotions and their products.
extension SQLSession {
    /// A set stored between commas (",quality,potential,"), so one value never matches part of another.
    static func commaList(_ values: [String]) -> String {
        values.isEmpty ? "" : "," + values.sorted().joined(separator: ",") + ","
    }

    static func commaValues(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }

    /// Records a promotion with its products.
    public func insertPromotion(_ promotion: Promotion) async throws {
        let created = Timestamp.milliseconds(promotion.createdAt)
        try await execute(
            """
            INSERT INTO promotions (id, number, name, kind, discount_bp, starts_at_ms, ends_at_ms, target_grades, target_levels, target_provinces,
                status, created_by, created_at_ms, updated_at_ms)
            VALUES (\(bind: promotion.id), \(bind: promotion.number), \(bind: promotion.name), \(bind: promotion.kind.rawValue),
                \(bind: promotion.discount?.basisPoints), \(bind: Timestamp.milliseconds(promotion.startsAt)),
                \(bind: Timestamp.milliseconds(promotion.endsAt)), \(bind: Self.commaList(promotion.target.grades.map(\.rawValue))),
                \(bind: Self.commaList(promotion.target.levels.map(String.init))), \(bind: Self.commaList(Array(promotion.target.provinces))),
                'active', \(bind: promotion.createdBy), \(bind: created), \(bind: created))
            """)
        for (productId, price) in promotion.products.sorted(by: { $0.key < $1.key }) {
            try await execute(
                """
                INSERT INTO promotion_products (promotion_id, product_id, price_fen) VALUES (\(bind: promotion.id), \(bind: productId), \(bind: price?.fen))
                """)
        }
    }

    /// Cancels a promotion that is not cancelled yet.
    public func cancelPromotion(id: String, at instant: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE promotions SET status = 'cancelled', updated_at_ms = \(bind: Timestamp.milliseconds(instant)), row_version = row_version + 1
            WHERE id = \(bind: id) AND status = 'active' RETURNING id
            """) == 1
    }

    /// One promotion with its products.
    public func promotion(id: String) async throws -> Promotion? {
        guard let row = try await first("SELECT * FROM promotions WHERE id = \(bind: id)") else { return nil }
        return try await decodePromotions([row]).first
    }

    /// Promotions running at `instant` (bounded), with their products.
    public func runningPromotions(at instant: Date, limit: Int) async throws -> [Promotion] {
        let milliseconds = Timestamp.milliseconds(instant)
        return try await decodePromotions(
            try await rows(
                """
                SELECT * FROM promotions WHERE status = 'active' AND starts_at_ms <= \(bind: milliseconds) AND ends_at_ms > \(bind: milliseconds)
                ORDER BY created_at_ms, id LIMIT \(bind: limit)
                """))
    }

    /// Promotions that have not ended by `instant` (running or coming), newest first (bounded).
    public func currentPromotions(at instant: Date, limit: Int) async throws -> [Promotion] {
        try await decodePromotions(
            try await rows(
                """
                SELECT * FROM promotions WHERE status = 'active' AND ends_at_ms > \(bind: Timestamp.milliseconds(instant))
                ORDER BY starts_at_ms, created_at_ms, id LIMIT \(bind: limit)
                """))
    }

    /// Every promotion, newest first, a page at a time.
    public func promotions(page: PageRequest) async throws -> Page<Promotion> {
        let total = try await first("SELECT COUNT(*) AS total FROM promotions")?.int64("total") ?? 0
        let items = try await decodePromotions(
            try await rows("SELECT * FROM promotions ORDER BY created_at_ms DESC, id LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)"))
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// How many order lines used a promotion, and their units.
    public func promotionUsage(id: String) async throws -> (lines: Int64, units: Int64) {
        let row = try await first(
            "SELECT COUNT(*) AS lines, CAST(COALESCE(SUM(quantity), 0) AS BIGINT) AS units FROM order_lines WHERE promotion_id = \(bind: id)")
        return (try row?.int64("lines") ?? 0, try row?.int64("units") ?? 0)
    }

    func decodePromotions(_ rows: [any SQLRow]) async throws -> [Promotion] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.string("id") }
        var products: [String: [String: Money?]] = [:]
        for row in try await self.rows("SELECT * FROM promotion_products WHERE promotion_id IN (\(binds: ids))") {
            products[try row.string("promotion_id"), default: [:]][try row.string("product_id")] =
                .some(try row.optionalInt64("price_fen").map(Money.init(fen:)))
        }
        return try rows.map { row in
            let id = try row.string("id")
            return Promotion(
                id: id, number: try row.string("number"), name: try row.string("name"),
                kind: PromotionKind(rawValue: try row.string("kind")) ?? .price,
                discount: try row.optionalInt64("discount_bp").map(Rate.init(basisPoints:)),
                startsAt: try row.date("starts_at_ms"), endsAt: try row.date("ends_at_ms"),
                target: PromotionTarget(
                    grades: Set(Self.commaValues(try row.string("target_grades")).compactMap(Grade.init(rawValue:))),
                    levels: Set(Self.commaValues(try row.string("target_levels")).compactMap { Int($0) }),
                    provinces: Set(Self.commaValues(try row.string("target_provinces")))),
                products: products[id] ?? [:], cancelled: try row.string("status") == "cancelled", createdBy: try row.string("created_by"),
                createdAt: try row.date("created_at_ms"))
        }
    }
}
