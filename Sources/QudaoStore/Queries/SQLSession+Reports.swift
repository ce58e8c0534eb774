import Foundation
import QudaoCore
import SQLKit

/// A partner as a report row names it.
public struct ReportPartner: Sendable, Hashable {
    public let id: String
    public let code: String
    public let name: String
    public let province: String
    public let level: Int
    public let partnerType: PartnerType
    public let grade: Grade?
    public let contactName: String
    /// Encrypted at rest; the report masks it before anyone sees it.
    public let contactPhoneEncrypted: String
}

/// A partner's commission over a range.
public struct PartnerCommission: Sendable, Hashable {
    public let partner: ReportPartner
    /// Made in the range and not reversed.
    public let accruedFen: Int64
    /// Settleable now (not dated).
    public let settleableFen: Int64
    /// Paid in the range (statements: commission and bonus).
    public let paidFen: Int64
}

/// One posting on a partner's prepaid account.
public struct PrepaidMovement: Sendable, Hashable {
    public let entryId: Int64
    public let partner: ReportPartner
    public let kind: PostingKind
    public let reference: String
    public let memo: String
    /// Positive into the account, negative out of it.
    public let changeFen: Int64
    public let balanceAfterFen: Int64
    public let postedAt: Date
}

/// A return as the returns report lists it.
public struct ReturnReportRow: Sendable, Hashable {
    public let number: String
    public let orderNumber: String
    public let partner: ReportPartner
    public let status: ReturnStatus
    public let reason: String
    public let refundFen: Int64?
    public let requestedAt: Date
    public let refundedAt: Date?
}

/// A partner's current grade and the figures behind it.
public struct GradeReportRow: Sendable, Hashable {
    public let partner: ReportPartner
    public let gradedOn: String?
    public let sinceDate: String?
    public let sellThroughBasisPoints: Int64?
    public let returnRateBasisPoints: Int64?
    public let salesChangeBasisPoints: Int64?
}

/// The reports' reads beyond the dashboard's: each a page of rows with the dashboard's filters.
extension SQLSession {
    static let reportPartnerColumns =
        "p.id AS partner_id, p.code, p.name, p.province, p.level, p.partner_type, g.grade, p.contact_name, p.contact_phone_encrypted"

    static func reportPartner(_ row: any SQLRow) throws -> ReportPartner {
        ReportPartner(
            id: try row.string("partner_id"), code: try row.string("code"), name: try row.string("name"), province: try row.string("province"),
            level: try row.int("level"), partnerType: PartnerType(rawValue: try row.string("partner_type")) ?? .store,
            grade: try row.optionalString("grade").flatMap(Grade.init(rawValue:)), contactName: try row.string("contact_name"),
            contactPhoneEncrypted: try row.string("contact_phone_encrypted"))
    }

    /// The partners (with contacts) of the given ids.
    public func reportPartners(ids: [String]) async throws -> [String: ReportPartner] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: ReportPartner] = [:]
        for row in try await rows(
            """
            SELECT \(unsafeRaw: Self.reportPartnerColumns) FROM partners p LEFT JOIN partner_current_grades g ON g.partner_id = p.id
            WHERE p.id IN (\(binds: ids))
            """)
        {
            let partner = try Self.reportPartner(row)
            result[partner.id] = partner
        }
        return result
    }

    /// Commission per partner over `pieces` (accrued from the rollups), most first, with what each
    /// has settleable now and was paid on the days of `range`.
    public func commissionByPartner(
        pieces: [RollupPiece], range: DateRange, filter: DashboardFilter, page: PageRequest
    ) async throws -> Page<
        PartnerCommission
    > {
        let scope: SQLQueryString = """
            FROM sales_rollups r JOIN partners p ON p.id = r.partner_id LEFT JOIN partner_current_grades g ON g.partner_id = r.partner_id
            WHERE \(Self.pieces(pieces, alias: "r")) AND \(Self.partnerConditions(filter))
            """
        let total =
            try await first("SELECT COUNT(*) AS total FROM (SELECT r.partner_id \(scope) GROUP BY r.partner_id HAVING SUM(r.commission_fen) <> 0) x")?
            .int64("total") ?? 0
        let accrued = try await rows(
            """
            SELECT \(unsafeRaw: Self.reportPartnerColumns), CAST(SUM(r.commission_fen) AS BIGINT) AS accrued
            \(scope)
            GROUP BY p.id, p.code, p.name, p.province, p.level, p.partner_type, g.grade, p.contact_name, p.contact_phone_encrypted
            HAVING SUM(r.commission_fen) <> 0 ORDER BY SUM(r.commission_fen) DESC, p.code
            LIMIT \(literal: page.pageSize) OFFSET \(literal: page.offset)
            """
        ).map { (try Self.reportPartner($0), try $0.int64("accrued")) }
        let ids = accrued.map(\.0.id)
        var settleable: [String: Int64] = [:]
        var paid: [String: Int64] = [:]
        if !ids.isEmpty {
            for row in try await rows(
                """
                SELECT partner_id, settleable_fen AS total FROM commission_balances WHERE partner_id IN (\(binds: ids))
                """)
            {
                settleable[try row.string("partner_id")] = try row.int64("total")
            }
            for row in try await rows(
                """
                SELECT partner_id, CAST(SUM(net_fen) AS BIGINT) AS total FROM settlement_statements
                WHERE status = 'paid' AND paid_at_ms >= \(bind: range.first.startEpochMilliseconds)
                    AND paid_at_ms < \(bind: range.last.adding(days: 1).startEpochMilliseconds) AND partner_id IN (\(binds: ids))
                GROUP BY partner_id
                """)
            {
                paid[try row.string("partner_id")] = try row.int64("total")
            }
        }
        return Page(
            items: accrued.map { partner, fen in
                PartnerCommission(partner: partner, accruedFen: fen, settleableFen: settleable[partner.id] ?? 0, paidFen: paid[partner.id] ?? 0)
            }, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Postings on the filtered partners' prepaid accounts on the days of `range`, newest first,
    /// with the sum of each kind over the whole range.
    public func prepaidMovements(
        range: DateRange, filter: DashboardFilter, page: PageRequest
    ) async throws -> (
        page: Page<PrepaidMovement>, totals: [PostingKind: (count: Int64, changeFen: Int64)]
    ) {
        let scope: SQLQueryString = """
            FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id JOIN ledger_accounts a ON a.code = e.account_code
                JOIN partners p ON p.id = a.partner_id LEFT JOIN partner_current_grades g ON g.partner_id = p.id
            WHERE a.kind = 'prepaid' AND e.posted_at_ms >= \(bind: range.first.startEpochMilliseconds)
                AND e.posted_at_ms < \(bind: range.last.adding(days: 1).startEpochMilliseconds) AND \(Self.partnerConditions(filter))
            """
        var totals: [PostingKind: (count: Int64, changeFen: Int64)] = [:]
        var count: Int64 = 0
        for row in try await rows(
            """
            SELECT t.kind, COUNT(*) AS entries,
                CAST(SUM(CASE WHEN e.direction = 'credit' THEN e.amount_fen ELSE -e.amount_fen END) AS BIGINT) AS change_fen
            \(scope) GROUP BY t.kind
            """)
        {
            let entries = try row.int64("entries")
            count += entries
            if let kind = PostingKind(rawValue: try row.string("kind")) { totals[kind] = (entries, try row.int64("change_fen")) }
        }
        let items = try await rows(
            """
            SELECT e.id, e.direction, e.amount_fen, e.balance_after_fen, e.posted_at_ms, t.kind, t.reference, t.memo,
                \(unsafeRaw: Self.reportPartnerColumns)
            \(scope) ORDER BY e.posted_at_ms DESC, e.id DESC LIMIT \(literal: page.pageSize) OFFSET \(literal: page.offset)
            """
        ).map { row in
            let amount = try row.int64("amount_fen")
            return PrepaidMovement(
                entryId: try row.int64("id"), partner: try Self.reportPartner(row),
                kind: PostingKind(rawValue: try row.string("kind")) ?? .manualCredit, reference: try row.string("reference"),
                memo: try row.string("memo"), changeFen: try row.string("direction") == "credit" ? amount : -amount,
                balanceAfterFen: try row.int64("balance_after_fen"), postedAt: try row.date("posted_at_ms"))
        }
        return (Page(items: items, totalCount: count, pageNumber: page.pageNumber, pageSize: page.pageSize), totals)
    }

    /// Returns of the filtered partners' orders asked for on the days of `range`, newest first.
    public func returnsReport(range: DateRange, filter: DashboardFilter, page: PageRequest) async throws -> Page<ReturnReportRow> {
        let scope: SQLQueryString = """
            FROM order_returns x JOIN orders o ON o.id = x.order_id JOIN partners p ON p.id = o.partner_id
                LEFT JOIN partner_current_grades g ON g.partner_id = p.id
            WHERE x.requested_at_ms >= \(bind: range.first.startEpochMilliseconds)
                AND x.requested_at_ms < \(bind: range.last.adding(days: 1).startEpochMilliseconds) AND \(Self.partnerConditions(filter))
            """
        let total = try await first("SELECT COUNT(*) AS total \(scope)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT x.number, o.number AS order_number, x.status, x.reason, x.refund_fen, x.requested_at_ms, x.refunded_at_ms,
                \(unsafeRaw: Self.reportPartnerColumns)
            \(scope) ORDER BY x.requested_at_ms DESC, x.number DESC LIMIT \(literal: page.pageSize) OFFSET \(literal: page.offset)
            """
        ).map { row in
            ReturnReportRow(
                number: try row.string("number"), orderNumber: try row.string("order_number"), partner: try Self.reportPartner(row),
                status: ReturnStatus(rawValue: try row.string("status")) ?? .requested, reason: try row.string("reason"),
                refundFen: try row.optionalInt64("refund_fen"), requestedAt: try row.date("requested_at_ms"),
                refundedAt: try row.optionalDate("refunded_at_ms"))
        }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Active partners of the filter with their grade now, warnings first, then by code.
    public func gradesReport(filter: DashboardFilter, page: PageRequest) async throws -> Page<GradeReportRow> {
        let scope: SQLQueryString = """
            FROM partners p LEFT JOIN partner_current_grades g ON g.partner_id = p.id
            WHERE p.status = 'active' AND \(Self.partnerConditions(filter))
            """
        let total = try await first("SELECT COUNT(*) AS total \(scope)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.reportPartnerColumns), g.business_date, g.since_date, g.sell_through_bp, g.return_rate_bp, g.sales_change_bp
            \(scope)
            ORDER BY CASE g.grade WHEN 'warning' THEN 0 WHEN 'potential' THEN 1 WHEN 'quality' THEN 2 ELSE 3 END, p.code
            LIMIT \(literal: page.pageSize) OFFSET \(literal: page.offset)
            """
        ).map { row in
            GradeReportRow(
                partner: try Self.reportPartner(row), gradedOn: try row.optionalString("business_date"),
                sinceDate: try row.optionalString("since_date"),
                sellThroughBasisPoints: try row.optionalInt64("sell_through_bp"), returnRateBasisPoints: try row.optionalInt64("return_rate_bp"),
                salesChangeBasisPoints: try row.optionalInt64("sales_change_bp"))
        }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }
}
