import Foundation
import QudaoCore
import SQLKit

/// What waits for HQ right now, counted in one statement for the overview page.
public struct HQWorkCounts: Sendable, Hashable {
    public var pendingTopUps: Int64 = 0
    public var requestedReturns: Int64 = 0
    /// Returns whose goods are back and that wait for the refund.
    public var receivedReturns: Int64 = 0
    public var pendingPayouts: Int64 = 0
    public var failedPayouts: Int64 = 0
    public var backOrders: Int64 = 0
    /// Partners that entered the warning grade in the last seven days.
    public var newWarnings: Int64 = 0
    public var openFollowUps: Int64 = 0
    /// Active certificates that expire within 30 days or have expired.
    public var expiringCertificates: Int64 = 0
    public var pendingPartners: Int64 = 0
    /// Sensitive HQ actions waiting for a second approver.
    public var pendingApprovals: Int64 = 0
    /// Partner statements disputed and waiting for HQ finance's answer.
    public var disputedStatements: Int64 = 0
    /// Bank statement lines matched or suggested to a top-up and not yet accepted or turned down.
    public var bankLinesToDecide: Int64 = 0
    // What going live needs: each is zero until the company has made its first.
    public var bankAccounts: Int64 = 0
    public var products: Int64 = 0
    public var productsWithStock: Int64 = 0
    public var partners: Int64 = 0
    public var partnerOwners: Int64 = 0
    public var orders: Int64 = 0

    /// No work and nothing made.
    public init() {}
}

extension SQLSession {
    /// Every count of the HQ overview, as of `today` (a business date, `yyyy-MM-dd`).
    public func hqWorkCounts(today: String, expiryHorizonDay: String, warningSinceDay: String) async throws -> HQWorkCounts {
        guard
            let row = try await first(
                """
                SELECT
                  (SELECT COUNT(*) FROM top_ups WHERE status = 'pending') AS pending_top_ups,
                  (SELECT COUNT(*) FROM order_returns WHERE status = 'requested') AS requested_returns,
                  (SELECT COUNT(*) FROM order_returns WHERE status = 'received') AS received_returns,
                  (SELECT COUNT(*) FROM settlement_statements WHERE status = 'pending_payout') AS pending_payouts,
                  (SELECT COUNT(*) FROM settlement_statements WHERE status = 'payout_failed') AS failed_payouts,
                  (SELECT COUNT(*) FROM orders WHERE allocation = 'waiting' AND status = 'paid') AS back_orders,
                  (SELECT COUNT(*) FROM partner_current_grades WHERE grade = 'warning' AND since_date >= \(bind: warningSinceDay)) AS new_warnings,
                  (SELECT COUNT(*) FROM follow_up_tasks WHERE status = 'open') AS open_follow_ups,
                  (SELECT COUNT(*) FROM partner_certificates WHERE status = 'active' AND valid_to <= \(bind: expiryHorizonDay)) AS expiring_certificates,
                  (SELECT COUNT(*) FROM partners WHERE status = 'pending') AS pending_partners,
                  (SELECT COUNT(*) FROM approval_requests WHERE status = 'pending') AS pending_approvals,
                  (SELECT COUNT(*) FROM partner_statements WHERE status = 'disputed') AS disputed_statements,
                  (SELECT COUNT(*) FROM bank_statement_lines WHERE status IN ('exact', 'suggested')) AS bank_lines_to_decide,
                  (SELECT COUNT(*) FROM company_bank_accounts WHERE status = 'active') AS bank_accounts,
                  (SELECT COUNT(*) FROM products) AS products,
                  (SELECT COUNT(*) FROM warehouse_stock WHERE on_hand > 0) AS products_with_stock,
                  (SELECT COUNT(*) FROM partners) AS partners,
                  (SELECT COUNT(*) FROM accounts WHERE kind = 'partner' AND is_owner = 1) AS partner_owners,
                  (SELECT COUNT(*) FROM orders) AS orders
                """)
        else { return HQWorkCounts() }
        var counts = HQWorkCounts()
        counts.pendingTopUps = try row.int64("pending_top_ups")
        counts.requestedReturns = try row.int64("requested_returns")
        counts.receivedReturns = try row.int64("received_returns")
        counts.pendingPayouts = try row.int64("pending_payouts")
        counts.failedPayouts = try row.int64("failed_payouts")
        counts.backOrders = try row.int64("back_orders")
        counts.newWarnings = try row.int64("new_warnings")
        counts.openFollowUps = try row.int64("open_follow_ups")
        counts.expiringCertificates = try row.int64("expiring_certificates")
        counts.pendingPartners = try row.int64("pending_partners")
        counts.pendingApprovals = try row.int64("pending_approvals")
        counts.disputedStatements = try row.int64("disputed_statements")
        counts.bankLinesToDecide = try row.int64("bank_lines_to_decide")
        counts.bankAccounts = try row.int64("bank_accounts")
        counts.products = try row.int64("products")
        counts.productsWithStock = try row.int64("products_with_stock")
        counts.partners = try row.int64("partners")
        counts.partnerOwners = try row.int64("partner_owners")
        counts.orders = try row.int64("orders")
        return counts
    }

    /// Active certificates valid until `toDay` or earlier (expired ones first), with their partners, a page at a time.
    public func expiringCertificates(toDay: String, page: PageRequest) async throws -> Page<ExpiringCertificate> {
        let total =
            try await first("SELECT COUNT(*) AS total FROM partner_certificates WHERE status = 'active' AND valid_to <= \(bind: toDay)")?
            .int64("total") ?? 0
        let items = try await rows(
            """
            SELECT c.*, f.file_name, p.code AS partner_code, p.name AS partner_name FROM partner_certificates c
            JOIN partners p ON p.id = c.partner_id LEFT JOIN stored_files f ON f.id = c.file_id
            WHERE c.status = 'active' AND c.valid_to <= \(bind: toDay)
            ORDER BY c.valid_to, c.id LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map { row in
            ExpiringCertificate(
                certificate: try Self.certificate(row), partnerCode: try row.string("partner_code"), partnerName: try row.string("partner_name"))
        }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }
}
