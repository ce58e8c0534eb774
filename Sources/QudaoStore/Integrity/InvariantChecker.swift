import Foundation
import QudaoCore
import SQLKit

/// What `qudao verify` found.
public struct InvariantReport: Sendable {
    /// One line per check, passed or failed.
    public var lines: [String] = []
    /// The failed checks.
    public var violations: [String] = []

    mutating func pass(_ text: String) {
        lines.append("ok    \(text)")
    }

    mutating func fail(_ text: String) {
        lines.append("FAIL  \(text)")
        violations.append(text)
    }
}

/// Checks the invariants the database must always satisfy. Each check reads in bounded batches
/// or with aggregate SQL, so it runs on a database of any size.
public enum InvariantChecker {
    /// Runs every check; with checkpoints, also that the chains extend each of them, and plain
    /// hashes pass only within the strictest unkeyed limits the database or a checkpoint records.
    public static func check(_ database: Database, checkpoints: [ChainCheckpoint] = []) async throws -> InvariantReport {
        try await database.read { session in
            var report = InvariantReport()
            try await checkAppendOnlyGuards(session, &report)
            var limits = try await session.unkeyedLimits()
            for checkpoint in checkpoints {
                limits = limits.stricter(checkpoint.unkeyedLimits)
                let problems = try await session.checkpointProblems(checkpoint)
                if problems.isEmpty {
                    report.pass(
                        "the chains extend the checkpoint of \(BusinessTime.isoText(checkpoint.takenAt)) (audit row "
                            + "\(checkpoint.auditHeadSequence), \(checkpoint.voucherHeads.count) orders' vouchers)")
                } else {
                    for problem in problems { report.fail("checkpoint: \(problem)") }
                }
            }
            if let broken = try await session.verifyAuditChain(limits: limits) {
                report.fail("audit log chain: \(broken)")
            } else {
                let count = try await session.first("SELECT COUNT(*) AS total FROM audit_log")?.int64("total") ?? 0
                report.pass("audit log chain intact (\(count) entries)")
            }
            let badLevels =
                try await session.first(
                    """
                    SELECT COUNT(*) AS total FROM partners child LEFT JOIN partners parent ON parent.id = child.parent_id
                    WHERE (child.parent_id IS NULL AND child.level <> 1) OR (child.parent_id IS NOT NULL AND child.level <> parent.level + 1)
                    """)?.int64("total") ?? 0
            if badLevels == 0 {
                report.pass("every partner's level is its parent's level + 1")
            } else {
                report.fail("\(badLevels) partner(s) have a level that does not match their parent")
            }
            let badPaths =
                try await session.first(
                    """
                    SELECT COUNT(*) AS total FROM partners child LEFT JOIN partners parent ON parent.id = child.parent_id
                    WHERE (child.parent_id IS NULL AND child.path <> '/' || child.id || '/')
                       OR (child.parent_id IS NOT NULL AND child.path <> parent.path || child.id || '/')
                    """)?.int64("total") ?? 0
            if badPaths == 0 {
                report.pass("every partner's tree path matches its parent chain (no cycles)")
            } else {
                report.fail("\(badPaths) partner(s) have a tree path that does not match their parent chain")
            }
            let owners =
                try await session.first(
                    "SELECT COUNT(*) AS total FROM (SELECT partner_id FROM accounts WHERE is_owner = 1 GROUP BY partner_id HAVING COUNT(*) > 1) duplicated"
                )?.int64("total") ?? 0
            if owners == 0 {
                report.pass("no partner has more than one owner account")
            } else {
                report.fail("\(owners) partner(s) have more than one owner account")
            }
            try await checkLedger(session, &report)
            try await checkOrders(session, &report, limits: limits)
            try await checkStock(session, &report)
            try await checkSalesRollups(session, &report)
            try await checkCommissions(session, &report)
            try await checkPartnerStatements(session, &report)
            try await checkStatementDisputes(session, &report)
            try await checkBankLines(session, &report)
            return report
        }
    }

    static func count(_ session: SQLSession, _ query: SQLQueryString) async throws -> Int64 {
        try await session.first(query)?.int64("total") ?? 0
    }

    static func expectNone(_ session: SQLSession, _ report: inout InvariantReport, _ query: SQLQueryString, ok: String, failure: String) async throws
    {
        let found = try await count(session, query)
        if found == 0 { report.pass(ok) } else { report.fail("\(found) \(failure)") }
    }

    static func checkLedger(_ session: SQLSession, _ report: inout InvariantReport) async throws {
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM ledger_transactions t WHERE t.total_fen <>
                (SELECT COALESCE(SUM(amount_fen), 0) FROM ledger_entries e WHERE e.transaction_id = t.id AND e.direction = 'debit')
             OR t.total_fen <> (SELECT COALESCE(SUM(amount_fen), 0) FROM ledger_entries e WHERE e.transaction_id = t.id AND e.direction = 'credit')
            """,
            ok: "every ledger transaction balances (debits = credits = its total)",
            failure: "ledger transaction(s) do not balance")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM ledger_accounts a WHERE a.balance_fen <> COALESCE((
                SELECT SUM(CASE WHEN e.direction = a.normal_side THEN e.amount_fen ELSE -e.amount_fen END)
                FROM ledger_entries e WHERE e.account_code = a.code), 0)
            """,
            ok: "every cached balance equals the sum of its account's entries",
            failure: "account(s) whose cached balance differs from the sum of their entries")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM ledger_accounts a WHERE EXISTS (SELECT 1 FROM ledger_entries e WHERE e.account_code = a.code)
                AND a.balance_fen <> (SELECT e.balance_after_fen FROM ledger_entries e WHERE e.account_code = a.code ORDER BY e.id DESC LIMIT 1)
            """,
            ok: "every account's last running balance equals its cached balance",
            failure: "account(s) whose statement's running balance ends elsewhere than the balance")
        try await expectNone(
            session, &report, "SELECT COUNT(*) AS total FROM ledger_accounts WHERE kind = 'prepaid' AND balance_fen < 0",
            ok: "no prepaid balance is negative", failure: "negative prepaid balance(s)")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM top_ups u WHERE u.status = 'confirmed' AND (
                NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.reference = u.id AND t.kind = 'top_up' AND t.total_fen = u.amount_fen)
                OR (u.bonus_fen > 0 AND NOT EXISTS (
                    SELECT 1 FROM ledger_transactions t WHERE t.reference = u.id AND t.kind = 'top_up_bonus' AND t.total_fen = u.bonus_fen)))
            """,
            ok: "every confirmed top-up (and its rebate) is posted once in the ledger",
            failure: "confirmed top-up(s) without their ledger posting")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM (SELECT reference, kind FROM ledger_transactions WHERE kind IN ('top_up', 'top_up_bonus',
                'purchase_payment', 'referral_payment') GROUP BY reference, kind HAVING COUNT(*) > 1) duplicated
            """,
            ok: "no top-up or order payment is posted twice", failure: "business event(s) posted more than once")
    }

    static func checkOrders(_ session: SQLSession, _ report: inout InvariantReport, limits: UnkeyedLimits) async throws {
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM orders o WHERE o.paid_at_ms IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM ledger_transactions t WHERE t.reference = o.id AND t.kind IN ('purchase_payment', 'referral_payment')
                    AND t.total_fen = o.gross_fen)
            """,
            ok: "every paid order has its payment transaction", failure: "paid order(s) without a payment transaction")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM order_returns r WHERE r.status = 'refunded' AND NOT EXISTS (
                SELECT 1 FROM ledger_transactions t WHERE t.reference = r.id AND t.kind = 'refund')
                AND r.refund_fen > 0
            """,
            ok: "every refunded return has its refund", failure: "refunded return(s) without a refund transaction")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM orders o WHERE o.refunded_fen <> COALESCE((
                SELECT SUM(e.amount_fen) FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
                WHERE t.kind = 'refund' AND e.direction = 'credit' AND (e.account_code LIKE 'prepaid:%' OR e.account_code = 'hq:bank')
                    AND (t.reference = o.id OR t.reference IN (SELECT r.id FROM order_returns r WHERE r.order_id = o.id))), 0)
            """,
            ok: "every order's refunded amount equals the refunds posted for it",
            failure: "order(s) whose refunded amount differs from the refunds in the ledger")
        try await expectNone(
            session, &report,
            "SELECT COUNT(*) AS total FROM orders o WHERE o.status = 'cancelled' AND o.paid_at_ms IS NOT NULL AND o.refunded_fen <> o.net_fen",
            ok: "every cancelled paid order was refunded in full", failure: "cancelled paid order(s) not refunded in full")
        // The voucher chains, order by order, in bounded batches.
        var broken: [String] = []
        var checked = 0
        var after = ""
        while true {
            let batch = try await session.rows("SELECT id, status FROM orders WHERE id > \(bind: after) ORDER BY id LIMIT 500")
            for row in batch {
                let id = try row.string("id")
                let status = OrderStatus(rawValue: try row.string("status")) ?? .pendingPayment
                if let problem = try await session.voucherChainProblem(orderId: id, currentStatus: status, limits: limits) {
                    broken.append("order \(id): \(problem)")
                }
                checked += 1
                after = id
            }
            if batch.count < 500 { break }
        }
        if broken.isEmpty {
            report.pass("every order's voucher chain is intact and ends at its status (\(checked) orders)")
        } else {
            for problem in broken.prefix(20) { report.fail(problem) }
        }
    }

    /// The dashboard's rollups equal the orders they summarise, per partner and day, and per product.
    /// Only the rollup invariants (benchmarks check a bulk-loaded history with this).
    /// The append-only triggers every chain and ledger relies on are present and enabled: someone who
    /// drops one (to edit rows) and leaves it dropped is named here even before any row is changed.
    static func checkAppendOnlyGuards(_ session: SQLSession, _ report: inout InvariantReport) async throws {
        let present: Set<String>
        switch session.dialect {
        case .sqlite:
            present = Set(try await session.rows("SELECT name FROM sqlite_master WHERE type = 'trigger'").map { try $0.string("name") })
        case .postgres:
            // A disabled trigger (ALTER TABLE … DISABLE TRIGGER) guards nothing, so it counts as missing.
            present = Set(
                try await session.rows("SELECT tgname::text AS name FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'").map {
                    try $0.string("name")
                })
        }
        let missing = AppendOnly.tables.flatMap { AppendOnly.triggerNames(table: $0, dialect: session.dialect) }.filter { !present.contains($0) }
        if missing.isEmpty {
            report.pass("the append-only guards of \(AppendOnly.tables.count) tables are in place")
        } else {
            report.fail("append-only guard(s) missing or disabled: \(missing.joined(separator: ", "))")
        }
    }

    public static func checkSalesRollups(_ database: Database) async throws -> InvariantReport {
        try await database.read { session in
            var report = InvariantReport()
            try await checkSalesRollups(session, &report)
            return report
        }
    }

    static func checkSalesRollups(_ session: SQLSession, _ report: inout InvariantReport) async throws {
        // Every grain must add up to the same totals: a payment missed in one of them would show as
        // a month that disagrees with its days.
        for grain in RollupGrain.allCases {
            try await expectNone(
                session, &report,
                """
                SELECT COUNT(*) AS total FROM (
                    SELECT partner_id, SUM(orders) AS orders, SUM(net) AS net, SUM(refunded) AS refunded, SUM(commission) AS commission FROM (
                        SELECT o.partner_id, 1 AS orders, o.net_fen AS net, o.refunded_fen AS refunded, 0 AS commission FROM orders o
                        WHERE o.paid_at_ms IS NOT NULL
                        UNION ALL
                        SELECT partner_id, 0, 0, 0, amount_fen FROM commission_records WHERE state <> 'reversed'
                    ) facts GROUP BY partner_id
                ) actual
                FULL OUTER JOIN (
                    SELECT partner_id, SUM(orders) AS orders, SUM(net_fen) AS net, SUM(refunded_fen) AS refunded, SUM(commission_fen) AS commission
                    FROM sales_rollups WHERE grain = '\(unsafeRaw: grain.rawValue)' GROUP BY partner_id
                ) rolled ON rolled.partner_id = actual.partner_id
                WHERE (actual.partner_id IS NULL AND (rolled.orders <> 0 OR rolled.commission <> 0)) OR rolled.partner_id IS NULL
                    OR actual.orders <> rolled.orders OR actual.net <> rolled.net OR actual.refunded <> rolled.refunded
                    OR actual.commission <> rolled.commission
                """,
                ok: "the \(grain.rawValue) sales rollups equal the paid orders, refunds and commission of every partner",
                failure: "partner(s) whose \(grain.rawValue) sales rollups differ from their orders or commission")
            try await expectNone(
                session, &report,
                """
                SELECT COUNT(*) AS total FROM (
                    SELECT l.product_id, SUM(l.quantity) AS units,
                        SUM(CASE WHEN o.status = 'cancelled' THEN l.quantity ELSE l.returned_quantity END) AS refunded
                    FROM order_lines l JOIN orders o ON o.id = l.order_id
                    WHERE o.paid_at_ms IS NOT NULL GROUP BY l.product_id
                ) actual
                FULL OUTER JOIN (
                    SELECT product_id, SUM(units) AS units, SUM(units_refunded) AS refunded FROM product_sales_rollups
                    WHERE grain = '\(unsafeRaw: grain.rawValue)' GROUP BY product_id
                ) rolled ON rolled.product_id = actual.product_id
                WHERE actual.product_id IS NULL OR rolled.product_id IS NULL OR actual.units <> rolled.units OR actual.refunded <> rolled.refunded
                """,
                ok: "the \(grain.rawValue) product rollups equal the units sold and given back",
                failure: "product(s) whose \(grain.rawValue) rollups differ from their orders")
        }
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM (
                SELECT partner_id, SUM(amount_fen) AS amount FROM commission_records WHERE state = 'settleable' GROUP BY partner_id
            ) actual
            FULL OUTER JOIN commission_balances kept ON kept.partner_id = actual.partner_id
            WHERE (actual.partner_id IS NULL AND kept.settleable_fen <> 0) OR (kept.partner_id IS NULL AND actual.amount <> 0)
                OR actual.amount <> kept.settleable_fen
            """,
            ok: "each partner's settleable commission equals its settleable records",
            failure: "partner(s) whose settleable commission differs from their settleable records")
    }

    static func checkStock(_ session: SQLSession, _ report: inout InvariantReport) async throws {
        try await expectNone(
            session, &report, "SELECT COUNT(*) AS total FROM orders WHERE allocation = 'waiting' AND kind <> 'purchase'",
            ok: "only purchase orders wait for stock as back-orders", failure: "referral order(s) marked as back-orders")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM warehouse_stock s WHERE s.reserved <> COALESCE((
                SELECT SUM(l.quantity) FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE l.product_id = s.product_id AND o.status = 'paid' AND o.allocation = 'allocated'), 0)
            """,
            ok: "reserved stock equals the quantities of paid, unshipped orders that hold their stock (back-orders hold none)",
            failure: "product(s) whose reserved stock differs from their paid orders")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM warehouse_stock s WHERE s.on_hand <> COALESCE((
                SELECT SUM(m.quantity) FROM stock_movements m WHERE m.product_id = s.product_id
                    AND m.kind IN ('receipt', 'adjustment', 'ship', 'return')), 0)
            """,
            ok: "stock on hand equals the sum of its movements", failure: "product(s) whose stock differs from their movements")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM partner_stock s WHERE s.on_hand <> COALESCE((
                SELECT SUM(m.quantity) FROM partner_stock_movements m WHERE m.partner_id = s.partner_id AND m.product_id = s.product_id), 0)
            """,
            ok: "every partner's stock equals the sum of its movements",
            failure: "partner stock figure(s) that differ from their movements")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM sell_out_reports r WHERE r.unit_count <> COALESCE((
                SELECT -SUM(m.quantity) FROM partner_stock_movements m WHERE m.reference = r.id AND m.kind = 'sell_out'), 0)
            """,
            ok: "every sell-out report's units equal its stock movements",
            failure: "sell-out report(s) whose units differ from their stock movements")
    }

    static func checkCommissions(_ session: SQLSession, _ report: inout InvariantReport) async throws {
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM settlement_statements s WHERE s.net_fen <> COALESCE((
                SELECT SUM(r.amount_fen) FROM commission_records r WHERE r.statement_id = s.id), 0)
                OR s.bonus_fen <> COALESCE((SELECT SUM(r.amount_fen) FROM commission_records r WHERE r.statement_id = s.id AND r.kind = 'bonus'), 0)
                OR s.record_count <> (SELECT COUNT(*) FROM commission_records r WHERE r.statement_id = s.id)
            """,
            ok: "every statement's totals equal its records", failure: "statement(s) whose totals differ from their records")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM settlement_statements s WHERE NOT EXISTS (
                SELECT 1 FROM ledger_transactions t WHERE t.reference = s.id AND t.kind = 'commission_statement' AND t.total_fen = s.net_fen)
                OR (s.status = 'paid') <> EXISTS (
                SELECT 1 FROM ledger_transactions t WHERE t.reference = s.id AND t.kind = 'commission_payout' AND t.total_fen = s.net_fen)
                OR (SELECT COUNT(*) FROM ledger_transactions t WHERE t.reference = s.id AND t.kind = 'commission_payout') > 1
            """,
            ok: "every statement is posted once, and paid out once exactly when it is paid",
            failure: "statement(s) whose ledger postings do not match their status")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM ledger_accounts a WHERE a.code LIKE 'commission:%' AND a.balance_fen <> COALESCE((
                SELECT SUM(s.net_fen) FROM settlement_statements s WHERE 'commission:' || s.partner_id = a.code AND s.status <> 'paid'), 0)
            """,
            ok: "each partner's commission payable equals its unpaid statements",
            failure: "commission payable account(s) that differ from the unpaid statements")
        try await expectNone(
            session, &report,
            "SELECT COUNT(*) AS total FROM commission_records r JOIN orders o ON o.id = r.order_id WHERE o.status = 'cancelled' AND r.state <> 'reversed'",
            ok: "every record of a cancelled order is reversed", failure: "record(s) of cancelled orders that are not reversed")
        try await expectNone(
            session, &report,
            """
            SELECT COUNT(*) AS total FROM commission_records r JOIN orders o ON o.id = r.order_id
            WHERE (o.status = 'completed' AND r.state = 'frozen') OR (o.status IN ('paid', 'shipped', 'delivered', 'received') AND r.kind = 'commission' AND r.state <> 'frozen')
            """,
            ok: "records are frozen until their order completes, and released when it does",
            failure: "record(s) in a state that does not match their order")
        // Each order's records, per beneficiary, add up to the rule recomputed on the kept quantities.
        var mismatched: [String] = []
        var checked = 0
        var after = ""
        while true {
            let batch = try await session.rows(
                "SELECT DISTINCT order_id FROM commission_records WHERE order_id IS NOT NULL AND order_id > \(bind: after) ORDER BY order_id LIMIT 500"
            )
            for row in batch {
                let orderId = try row.string("order_id")
                after = orderId
                checked += 1
                guard let problem = try await commissionProblem(session, orderId: orderId) else { continue }
                mismatched.append(problem)
            }
            if batch.count < 500 { break }
        }
        if mismatched.isEmpty {
            report.pass("every order's commission records equal the rule recomputed (\(checked) orders)")
        } else {
            for problem in mismatched.prefix(20) { report.fail(problem) }
        }
    }

    static func commissionProblem(_ session: SQLSession, orderId: String) async throws -> String? {
        let records = try await session.commissionRecords(orderId: orderId)
        guard let version = records.first?.ruleVersion, let rule = try await session.commissionRule(version: version),
            let orderRow = try await session.first("SELECT status, discount_rate_bp FROM orders WHERE id = \(bind: orderId)")
        else { return "order \(orderId): its records name an unknown rule version or order" }
        if try orderRow.string("status") == "cancelled" { return nil }
        let lines = try await session.orderLines(orderId: orderId).map {
            CommissionLine(
                lineNumber: $0.lineNumber, unitPrice: $0.unitPrice, quantity: $0.quantity, keptQuantity: $0.quantity - $0.returnedQuantity,
                override: $0.commissionOverride)
        }
        let live = records.filter { $0.state != .reversed && $0.kind != .bonus }
        let beneficiaries = live.filter { $0.kind == .commission }.compactMap { record in
            record.position.map { Beneficiary(partnerId: record.partnerId, position: $0, isActive: true) }
        }
        let expected = CommissionEngine.compute(
            lines: lines, discountRate: Rate(basisPoints: try orderRow.int64("discount_rate_bp")), beneficiaries: beneficiaries, rule: rule)
        for (beneficiary, explanation) in expected {
            let booked = live.filter { $0.partnerId == beneficiary.partnerId && $0.position == beneficiary.position }.map(\.amount).sum()
            if booked != explanation.amount {
                return "order \(orderId): position \(beneficiary.position) has \(booked.fen) fen booked, the rule gives \(explanation.amount.fen)"
            }
        }
        return nil
    }
}
