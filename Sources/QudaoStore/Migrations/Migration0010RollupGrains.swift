/// Sales rollups for the HQ dashboard at three grains (issue 6), replacing migration 9's daily
/// tables: a year read day by day was too slow for the dashboard. Every paid order is added, per partner, to its
/// business day, week (from Monday) and month (Asia/Shanghai, the day it was paid); commission
/// records are added to the day they were made. Products are rolled up per period and the
/// province, level and type the partner had when the order was paid. They are kept in the same
/// transaction as the payment, refund or commission that changes them, so a dashboard reads a
/// few thousand rows instead of millions of orders, and `qudao verify` checks that they equal
/// the orders. Existing orders are rolled up when the migration runs.
enum Migration0010RollupGrains {
    static let migration = Migration(version: 10, name: "rollup_grains") { dialect in
        // Rows are read by (grain, period) ranges; on SQLite a table clustered on its key reads them
        // in one pass.
        let clustered = dialect == .sqlite ? " WITHOUT ROWID" : ""
        return [
            // The daily tables of migration 9 are derived data: they are rebuilt below at every grain.
            // (A database made by a development build between the two may hold the new tables
            // already; they are derived too, and made again.)
            "DROP TABLE IF EXISTS sales_daily",
            "DROP TABLE IF EXISTS product_sales_daily",
            "DROP TABLE IF EXISTS sales_rollups",
            "DROP TABLE IF EXISTS product_sales_rollups",
            """
            CREATE TABLE sales_rollups (
                grain TEXT NOT NULL CHECK (grain IN ('day', 'week', 'month')),
                period TEXT NOT NULL,
                partner_id TEXT NOT NULL REFERENCES partners (id),
                orders BIGINT NOT NULL DEFAULT 0,
                purchase_orders BIGINT NOT NULL DEFAULT 0,
                referral_orders BIGINT NOT NULL DEFAULT 0,
                gross_fen BIGINT NOT NULL DEFAULT 0,
                net_fen BIGINT NOT NULL DEFAULT 0,
                refunded_fen BIGINT NOT NULL DEFAULT 0,
                units BIGINT NOT NULL DEFAULT 0,
                commission_fen BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (grain, period, partner_id)
            )\(clustered)
            """,
            """
            CREATE TABLE product_sales_rollups (
                grain TEXT NOT NULL CHECK (grain IN ('day', 'week', 'month')),
                period TEXT NOT NULL,
                product_id TEXT NOT NULL REFERENCES products (id),
                province TEXT NOT NULL,
                level BIGINT NOT NULL,
                partner_type TEXT NOT NULL,
                units BIGINT NOT NULL DEFAULT 0,
                gross_fen BIGINT NOT NULL DEFAULT 0,
                units_refunded BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (grain, period, product_id, province, level, partner_type)
            )\(clustered)
            """,
            // Returns are counted on the day they are refunded (or listed by the day they were asked for).
            "CREATE INDEX IF NOT EXISTS order_returns_refunded ON order_returns (refunded_at_ms) WHERE status = 'refunded'",
            "CREATE INDEX IF NOT EXISTS order_returns_requested ON order_returns (requested_at_ms)",
            // The prepaid movements report lists entries by the time they were posted.
            "CREATE INDEX IF NOT EXISTS ledger_entries_posted ON ledger_entries (posted_at_ms)",
            // What each partner has settleable now, kept with every change of a record's state, so
            // the dashboard never sums a million records.
            "DROP INDEX IF EXISTS commission_records_settleable",
            "DROP TABLE IF EXISTS commission_balances",
            """
            CREATE TABLE commission_balances (
                partner_id TEXT PRIMARY KEY REFERENCES partners (id),
                settleable_fen BIGINT NOT NULL DEFAULT 0
            )
            """,
        ] + SalesRollupRebuild.statements(dialect)
    }
}

/// The SQL that rebuilds the sales rollups (and the settleable commission per partner) from the
/// orders and commission records: run by the
/// migration for an existing database, by benchmarks after bulk loading, and by the test that
/// checks the rollups kept in the write transactions equal a rebuild.
public enum SalesRollupRebuild {
    /// Deletes every rollup row and rolls up the orders, returns and commission records again.
    public static func statements(_ dialect: DatabaseDialect) -> [String] {
        // China keeps +08:00 all year, so the business day is the UTC day of the instant plus eight hours.
        func day(_ column: String) -> String {
            dialect == .postgres
                ? "to_char(to_timestamp((\(column) + 28800000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
                : "strftime('%Y-%m-%d', (\(column) + 28800000) / 1000, 'unixepoch')"
        }
        let weekStart =
            dialect == .postgres
            ? "to_char(date_trunc('week', period::date), 'YYYY-MM-DD')" : "date(period, 'weekday 0', '-6 days')"
        let monthStart = "substr(period, 1, 8) || '01'"
        var statements = [
            "DELETE FROM sales_rollups",
            "DELETE FROM product_sales_rollups",
            "DELETE FROM commission_balances",
            """
            INSERT INTO commission_balances (partner_id, settleable_fen)
            SELECT partner_id, SUM(amount_fen) FROM commission_records WHERE state = 'settleable' GROUP BY partner_id
            """,
            """
            INSERT INTO sales_rollups (grain, period, partner_id, orders, purchase_orders, referral_orders, gross_fen, net_fen, refunded_fen, units)
            SELECT 'day', day, partner_id, COUNT(*), SUM(purchase), SUM(referral), SUM(gross_fen), SUM(net_fen), SUM(refunded_fen), SUM(units)
            FROM (
                SELECT \(day("o.paid_at_ms")) AS day, o.partner_id, CASE WHEN o.kind = 'purchase' THEN 1 ELSE 0 END AS purchase,
                    CASE WHEN o.kind = 'referral' THEN 1 ELSE 0 END AS referral, o.gross_fen, o.net_fen, o.refunded_fen,
                    (SELECT COALESCE(SUM(l.quantity), 0) FROM order_lines l WHERE l.order_id = o.id) AS units
                FROM orders o WHERE o.paid_at_ms IS NOT NULL
            ) paid
            GROUP BY day, partner_id
            """,
            """
            INSERT INTO sales_rollups (grain, period, partner_id, commission_fen)
            SELECT 'day', \(day("created_at_ms")), partner_id, SUM(amount_fen) FROM commission_records WHERE state <> 'reversed'
            GROUP BY \(day("created_at_ms")), partner_id
            ON CONFLICT (grain, period, partner_id) DO UPDATE SET commission_fen = excluded.commission_fen
            """,
            """
            INSERT INTO product_sales_rollups (grain, period, product_id, province, level, partner_type, units, gross_fen, units_refunded)
            SELECT 'day', \(day("o.paid_at_ms")), l.product_id, p.province, p.level, p.partner_type, SUM(l.quantity), SUM(l.quantity * l.unit_price_fen),
                SUM(CASE WHEN o.status = 'cancelled' THEN l.quantity ELSE l.returned_quantity END)
            FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN partners p ON p.id = o.partner_id WHERE o.paid_at_ms IS NOT NULL
            GROUP BY \(day("o.paid_at_ms")), l.product_id, p.province, p.level, p.partner_type
            """,
        ]
        for (grain, start) in [("week", weekStart), ("month", monthStart)] {
            statements.append(
                """
                INSERT INTO sales_rollups (grain, period, partner_id, orders, purchase_orders, referral_orders, gross_fen, net_fen, refunded_fen, units,
                    commission_fen)
                SELECT '\(grain)', \(start), partner_id, SUM(orders), SUM(purchase_orders), SUM(referral_orders), SUM(gross_fen), SUM(net_fen),
                    SUM(refunded_fen), SUM(units), SUM(commission_fen)
                FROM sales_rollups WHERE grain = 'day' GROUP BY \(start), partner_id
                """)
            statements.append(
                """
                INSERT INTO product_sales_rollups (grain, period, product_id, province, level, partner_type, units, gross_fen, units_refunded)
                SELECT '\(grain)', \(start), product_id, province, level, partner_type, SUM(units), SUM(gross_fen), SUM(units_refunded)
                FROM product_sales_rollups WHERE grain = 'day' GROUP BY \(start), product_id, province, level, partner_type
                """)
        }
        return statements
    }
}
