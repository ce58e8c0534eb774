import Foundation
import QudaoCore
import SQLKit

/// Sales of one group of partners (one partner, or one cell of province × level × type × grade).
public struct GroupSales: Sendable, Hashable {
    public let partnerId: String?
    public let partnerCode: String?
    public let partnerName: String?
    public let province: String
    public let level: Int
    public let partnerType: PartnerType
    /// The partner's grade now (nil: not graded yet).
    public let grade: Grade?
    /// Partners of the group with a paid order in the range.
    public let activePartners: Int64
    public let figures: SalesFigures

    /// Creates a group.
    public init(
        partnerId: String?, partnerCode: String?, partnerName: String?, province: String, level: Int, partnerType: PartnerType, grade: Grade?,
        activePartners: Int64, figures: SalesFigures
    ) {
        self.partnerId = partnerId
        self.partnerCode = partnerCode
        self.partnerName = partnerName
        self.province = province
        self.level = level
        self.partnerType = partnerType
        self.grade = grade
        self.activePartners = activePartners
        self.figures = figures
    }
}

/// A partner's code, name and what breakdowns group it by.
public struct PartnerAttributes: Sendable, Hashable {
    public let id: String
    public let code: String
    public let name: String
    public let province: String
    public let level: Int
    public let partnerType: PartnerType
    /// Its grade now (nil: not graded yet).
    public let grade: Grade?
}

/// One product's sales over a range.
public struct ProductSales: Sendable, Hashable {
    public let productId: String
    public let sku: String
    public let name: String
    public let units: Int64
    /// Units times unit price, before order discounts.
    public let grossFen: Int64
    public let unitsRefunded: Int64
}

/// A count and an amount (returns refunded, top-ups confirmed…).
public struct CountAndAmount: Sendable, Hashable {
    public let count: Int64
    public let amountFen: Int64
}

/// The dashboard's reads. Sales come from the rollups (a range is read as its whole months,
/// weeks and days); the few figures kept nowhere else are counted from their own tables over
/// indexed time columns. Partner filters apply to the partner whose sales, commission, balance or
/// return it is, by its attributes now.
extension SQLSession {
    /// The SQL that keeps rollup rows `alias` of the given pieces.
    static func pieces(_ pieces: [RollupPiece], alias: String) -> SQLQueryString {
        let byGrain = Dictionary(grouping: pieces, by: \.grain)
        let terms = RollupGrain.allCases.compactMap { grain -> SQLQueryString? in
            guard let starts = byGrain[grain], !starts.isEmpty else { return nil }
            return
                "(\(unsafeRaw: alias).grain = '\(unsafeRaw: grain.rawValue)' AND \(unsafeRaw: alias).period IN (\(binds: starts.map(\.start.description))))"
        }
        return terms.isEmpty ? "1 = 0" : "(\(terms.joined(separator: " OR ")))"
    }

    /// The SQL that keeps partners `p` (with current grades `g`) the filter names; `1 = 1` when none.
    static func partnerConditions(_ filter: DashboardFilter) -> SQLQueryString {
        var terms: [SQLQueryString] = []
        if let province = filter.province { terms.append("p.province = \(bind: province)") }
        if let level = filter.level { terms.append("p.level = \(bind: Int64(level))") }
        if let partnerType = filter.partnerType { terms.append("p.partner_type = \(bind: partnerType.rawValue)") }
        if let grade = filter.grade { terms.append("g.grade = \(bind: grade.rawValue)") }
        return terms.isEmpty ? "1 = 1" : terms.joined(separator: " AND ")
    }

    /// `column IN (the filtered partners)`, or `1 = 1` when the filter names no partner attribute.
    func partnerScope(_ column: String, _ filter: DashboardFilter) -> SQLQueryString {
        guard filter.narrowsPartners else { return "1 = 1" }
        // On SQLite a bare `partner_id IN (…)` makes the planner search the rollups' key once per
        // partner and period (50,000 searches for a year of stores); `+` keeps the key for the
        // periods and checks membership while scanning them, three times faster.
        let tested = dialect == .sqlite ? "+\(column)" : column
        return """
            \(unsafeRaw: tested) IN (SELECT p.id FROM partners p LEFT JOIN partner_current_grades g ON g.partner_id = p.id
                WHERE \(Self.partnerConditions(filter)))
            """
    }

    /// The sums of a rollup's columns (cast back to BIGINT: PostgreSQL sums BIGINTs as NUMERIC).
    static let salesSums = ["orders", "purchase_orders", "referral_orders", "gross_fen", "net_fen", "refunded_fen", "units", "commission_fen"]
        .map { "CAST(SUM(r.\($0)) AS BIGINT) AS \($0)" }.joined(separator: ", ")

    static func salesFigures(_ row: any SQLRow) throws -> SalesFigures {
        SalesFigures(
            orders: try row.optionalInt64("orders") ?? 0, purchaseOrders: try row.optionalInt64("purchase_orders") ?? 0,
            referralOrders: try row.optionalInt64("referral_orders") ?? 0, grossFen: try row.optionalInt64("gross_fen") ?? 0,
            netFen: try row.optionalInt64("net_fen") ?? 0, refundedFen: try row.optionalInt64("refunded_fen") ?? 0,
            units: try row.optionalInt64("units") ?? 0, commissionFen: try row.optionalInt64("commission_fen") ?? 0)
    }

    /// Sales over `pieces` per partner of the filter that sold or earned anything, without
    /// partner details: one pass over the rollup rows, a row per partner back. The dashboard adds
    /// its totals, breakdowns and leaders up from these with ``partnerAttributes(filter:)``.
    public func salesByPartnerSums(pieces: [RollupPiece], filter: DashboardFilter) async throws -> [String: SalesFigures] {
        var result: [String: SalesFigures] = [:]
        for row in try await rows(
            """
            SELECT r.partner_id, \(unsafeRaw: Self.salesSums) FROM sales_rollups r
            WHERE \(Self.pieces(pieces, alias: "r")) AND \(partnerScope("r.partner_id", filter))
            GROUP BY r.partner_id
            """)
        {
            result[try row.string("partner_id")] = try Self.salesFigures(row)
        }
        return result
    }

    /// What a breakdown groups partners by, for every partner of the filter.
    public func partnerAttributes(filter: DashboardFilter) async throws -> [String: PartnerAttributes] {
        var result: [String: PartnerAttributes] = [:]
        for row in try await rows(
            """
            SELECT p.id, p.code, p.name, p.province, p.level, p.partner_type, g.grade
            FROM partners p LEFT JOIN partner_current_grades g ON g.partner_id = p.id WHERE \(Self.partnerConditions(filter))
            """)
        {
            let id = try row.string("id")
            result[id] = PartnerAttributes(
                id: id, code: try row.string("code"), name: try row.string("name"), province: try row.string("province"), level: try row.int("level"),
                partnerType: try Self.partnerType(row), grade: try row.optionalString("grade").flatMap(Grade.init(rawValue:)))
        }
        return result
    }

    /// Sales of the filter's partners over `pieces`, and how many of them had a paid order.
    public func salesTotals(pieces: [RollupPiece], filter: DashboardFilter) async throws -> (figures: SalesFigures, activePartners: Int64) {
        guard
            let row = try await first(
                """
                SELECT \(unsafeRaw: Self.salesSums), COUNT(DISTINCT CASE WHEN r.orders > 0 THEN r.partner_id END) AS active_partners
                FROM sales_rollups r WHERE \(Self.pieces(pieces, alias: "r")) AND \(partnerScope("r.partner_id", filter))
                """)
        else { return (.zero, 0) }
        return (try Self.salesFigures(row), try row.int64("active_partners"))
    }

    /// Sales over `pieces` per cell of province × level × type × current grade: a few hundred rows
    /// at most, from which the totals and every breakdown are added up. A partner is in exactly
    /// one cell, so its active partners add up too.
    public func salesByPartnerGroup(pieces: [RollupPiece], filter: DashboardFilter) async throws -> [GroupSales] {
        // Summing per partner first, then joining a row per partner, is twice as fast as joining
        // every rollup row.
        try await rows(
            """
            SELECT p.province, p.level, p.partner_type, g.grade, CAST(SUM(s.active) AS BIGINT) AS active_partners,
                \(unsafeRaw: Self.salesSums.replacingOccurrences(of: "r.", with: "s."))
            FROM (
                SELECT r.partner_id, CASE WHEN SUM(r.orders) > 0 THEN 1 ELSE 0 END AS active, \(unsafeRaw: Self.salesSums) FROM sales_rollups r
                WHERE \(Self.pieces(pieces, alias: "r")) AND \(partnerScope("r.partner_id", filter)) GROUP BY r.partner_id
            ) s JOIN partners p ON p.id = s.partner_id LEFT JOIN partner_current_grades g ON g.partner_id = s.partner_id
            GROUP BY p.province, p.level, p.partner_type, g.grade
            """
        ).map { row in
            GroupSales(
                partnerId: nil, partnerCode: nil, partnerName: nil, province: try row.string("province"), level: try row.int("level"),
                partnerType: try Self.partnerType(row), grade: try row.optionalString("grade").flatMap(Grade.init(rawValue:)),
                activePartners: try row.int64("active_partners"), figures: try Self.salesFigures(row))
        }
    }

    /// Sales over `pieces` per partner that sold anything, best net sales first (then by code), a
    /// page at a time. (Partners that only earned commission are in the commission report.)
    public func salesByPartner(pieces: [RollupPiece], filter: DashboardFilter, page: PageRequest) async throws -> Page<GroupSales> {
        let scope: SQLQueryString = """
            FROM sales_rollups r JOIN partners p ON p.id = r.partner_id LEFT JOIN partner_current_grades g ON g.partner_id = r.partner_id
            WHERE \(Self.pieces(pieces, alias: "r")) AND \(Self.partnerConditions(filter))
            """
        let total = try await first("SELECT COUNT(DISTINCT CASE WHEN r.orders > 0 THEN r.partner_id END) AS total \(scope)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT r.partner_id, p.code, p.name, p.province, p.level, p.partner_type, g.grade,
                CAST(CASE WHEN SUM(r.orders) > 0 THEN 1 ELSE 0 END AS BIGINT) AS active_partners, \(unsafeRaw: Self.salesSums)
            \(scope)
            GROUP BY r.partner_id, p.code, p.name, p.province, p.level, p.partner_type, g.grade
            HAVING SUM(r.orders) > 0
            ORDER BY SUM(r.net_fen) - SUM(r.refunded_fen) DESC, p.code
            LIMIT \(literal: page.pageSize) OFFSET \(literal: page.offset)
            """
        ).map { row in
            GroupSales(
                partnerId: try row.string("partner_id"), partnerCode: try row.string("code"), partnerName: try row.string("name"),
                province: try row.string("province"), level: try row.int("level"), partnerType: try Self.partnerType(row),
                grade: try row.optionalString("grade").flatMap(Grade.init(rawValue:)), activePartners: try row.int64("active_partners"),
                figures: try Self.salesFigures(row))
        }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Sales of the filtered partners per rollup piece (for a trend, whose buckets add pieces up).
    public func salesByPiece(pieces: [RollupPiece], filter: DashboardFilter) async throws -> [RollupPiece: SalesFigures] {
        var result: [RollupPiece: SalesFigures] = [:]
        for row in try await rows(
            """
            SELECT r.grain, r.period, \(unsafeRaw: Self.salesSums) FROM sales_rollups r
            WHERE \(Self.pieces(pieces, alias: "r")) AND \(partnerScope("r.partner_id", filter))
            GROUP BY r.grain, r.period
            """)
        {
            guard let grain = RollupGrain(rawValue: try row.string("grain")), let start = BusinessDate(try row.string("period")) else { continue }
            result[RollupPiece(grain: grain, start: start)] = try Self.salesFigures(row)
        }
        return result
    }

    /// Products by value sold over `pieces`, a page at a time. The product rollups keep the
    /// partner's province, level and type, not its grade, so a grade filter does not narrow them.
    public func salesByProduct(
        pieces: [RollupPiece], filter: DashboardFilter, page: PageRequest, counting: Bool = true
    ) async throws -> Page<
        ProductSales
    > {
        var terms: [SQLQueryString] = [Self.pieces(pieces, alias: "r")]
        if let province = filter.province { terms.append("r.province = \(bind: province)") }
        if let level = filter.level { terms.append("r.level = \(bind: Int64(level))") }
        if let partnerType = filter.partnerType { terms.append("r.partner_type = \(bind: partnerType.rawValue)") }
        let condition = terms.joined(separator: " AND ")
        let total =
            try await first("SELECT COUNT(DISTINCT r.product_id) AS total FROM product_sales_rollups r WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT r.product_id, pr.sku, pr.name, CAST(SUM(r.units) AS BIGINT) AS units, CAST(SUM(r.gross_fen) AS BIGINT) AS gross_fen,
                CAST(SUM(r.units_refunded) AS BIGINT) AS units_refunded
            FROM product_sales_rollups r JOIN products pr ON pr.id = r.product_id WHERE \(condition)
            GROUP BY r.product_id, pr.sku, pr.name ORDER BY SUM(r.gross_fen) DESC, pr.sku
            LIMIT \(literal: page.pageSize) OFFSET \(literal: page.offset)
            """
        ).map { row in
            ProductSales(
                productId: try row.string("product_id"), sku: try row.string("sku"), name: try row.string("name"), units: try row.int64("units"),
                grossFen: try row.int64("gross_fen"), unitsRefunded: try row.int64("units_refunded"))
        }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Partners of the filter that joined on the days of `range`.
    public func newPartnerCount(range: DateRange, filter: DashboardFilter) async throws -> Int64 {
        try await first(
            """
            SELECT COUNT(*) AS total FROM partners p LEFT JOIN partner_current_grades g ON g.partner_id = p.id
            WHERE p.created_at_ms >= \(bind: range.first.startEpochMilliseconds) AND p.created_at_ms < \(bind: range.last.adding(days: 1).startEpochMilliseconds)
                AND \(Self.partnerConditions(filter))
            """)?.int64("total") ?? 0
    }

    /// Commission the filtered partners have earned and not yet been paid: the settleable records now.
    public func settleableCommissionFen(filter: DashboardFilter) async throws -> Int64 {
        try await first(
            """
            SELECT CAST(COALESCE(SUM(c.settleable_fen), 0) AS BIGINT) AS total FROM commission_balances c
            WHERE \(partnerScope("c.partner_id", filter))
            """)?.int64("total") ?? 0
    }

    /// Settlement statements paid to the filtered partners on the days of `range` (commission and bonus).
    public func paidCommission(range: DateRange, filter: DashboardFilter) async throws -> CountAndAmount {
        try await countAndAmount(
            """
            SELECT COUNT(*) AS total, CAST(COALESCE(SUM(s.net_fen), 0) AS BIGINT) AS amount FROM settlement_statements s
            WHERE s.status = 'paid' AND s.paid_at_ms >= \(bind: range.first.startEpochMilliseconds)
                AND s.paid_at_ms < \(bind: range.last.adding(days: 1).startEpochMilliseconds) AND \(partnerScope("s.partner_id", filter))
            """)
    }

    /// What the filtered partners hold in prepaid balances now.
    public func prepaidBalanceFen(filter: DashboardFilter) async throws -> Int64 {
        try await first(
            """
            SELECT CAST(COALESCE(SUM(a.balance_fen), 0) AS BIGINT) AS total FROM ledger_accounts a
            WHERE a.kind = 'prepaid' AND \(partnerScope("a.partner_id", filter))
            """)?.int64("total") ?? 0
    }

    /// Top-ups of the filtered partners confirmed on the days of `range` (the transfers, without bonuses).
    public func confirmedTopUps(range: DateRange, filter: DashboardFilter) async throws -> CountAndAmount {
        try await countAndAmount(
            """
            SELECT COUNT(*) AS total, CAST(COALESCE(SUM(t.amount_fen), 0) AS BIGINT) AS amount FROM top_ups t
            WHERE t.status = 'confirmed' AND t.decided_at_ms >= \(bind: range.first.startEpochMilliseconds)
                AND t.decided_at_ms < \(bind: range.last.adding(days: 1).startEpochMilliseconds) AND \(partnerScope("t.partner_id", filter))
            """)
    }

    /// The collection cycle of the filtered partners over the days of `range` (RULES §8): top-ups
    /// confirmed then (confirmation − request) and referral orders paid then (payment − order). The
    /// 90th percentile is read by offset from the sorted durations, in the database.
    public func collectionCycle(range: DateRange, filter: DashboardFilter) async throws -> CollectionCycle {
        let from = range.first.startEpochMilliseconds
        let to = range.last.adding(days: 1).startEpochMilliseconds
        let durations: SQLQueryString = """
            SELECT t.decided_at_ms - t.requested_at_ms AS duration FROM top_ups t
            WHERE t.status = 'confirmed' AND t.decided_at_ms >= \(bind: from) AND t.decided_at_ms < \(bind: to) AND \(partnerScope("t.partner_id", filter))
            UNION ALL
            SELECT o.paid_at_ms - o.created_at_ms AS duration FROM orders o
            WHERE o.kind = 'referral' AND o.paid_at_ms >= \(bind: from) AND o.paid_at_ms < \(bind: to) AND \(partnerScope("o.partner_id", filter))
            """
        guard
            let totals = try await first(
                "SELECT COUNT(*) AS total, CAST(COALESCE(SUM(duration), 0) AS BIGINT) AS summed FROM (\(durations)) collected"),
            let count = try totals.optionalInt64("total"), count > 0
        else { return .none }
        let summed = try totals.int64("summed")
        let percentile = try await first(
            "SELECT duration FROM (\(durations)) collected ORDER BY duration LIMIT 1 OFFSET \(bind: CollectionCycle.percentile90Offset(count: count))"
        )?
        .int64("duration")
        return CollectionCycle(count: count, meanMilliseconds: summed / count, percentile90Milliseconds: percentile)
    }

    /// Returns of the filtered partners' orders refunded on the days of `range`, and what they refunded.
    public func refundedReturns(range: DateRange, filter: DashboardFilter) async throws -> CountAndAmount {
        try await countAndAmount(
            """
            SELECT COUNT(*) AS total, CAST(COALESCE(SUM(x.refund_fen), 0) AS BIGINT) AS amount FROM order_returns x JOIN orders o ON o.id = x.order_id
            WHERE x.status = 'refunded' AND x.refunded_at_ms >= \(bind: range.first.startEpochMilliseconds)
                AND x.refunded_at_ms < \(bind: range.last.adding(days: 1).startEpochMilliseconds) AND \(partnerScope("o.partner_id", filter))
            """)
    }

    private func countAndAmount(_ query: SQLQueryString) async throws -> CountAndAmount {
        let row = try await first(query)
        return CountAndAmount(count: try row?.int64("total") ?? 0, amountFen: try row?.int64("amount") ?? 0)
    }

    private static func partnerType(_ row: any SQLRow) throws -> PartnerType {
        let text = try row.string("partner_type")
        guard let type = PartnerType(rawValue: text) else { throw DatabaseConfigurationError(description: "unknown partner type \(text)") }
        return type
    }
}
