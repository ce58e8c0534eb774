/// Sales rollups for the HQ dashboard (issue 6): per business day (Asia/Shanghai, the order's paid
/// day) and partner, and per day and product. They are kept in the same transaction as the
/// payment or refund that changes them, so a dashboard reads thousands of rows instead of
/// millions of orders; `qudao verify` checks that they equal the orders. Existing orders are
/// rolled up when the migration runs.
enum Migration0009SalesRollups {
    static let migration = Migration(version: 9, name: "sales_rollups") { dialect in
        // China keeps +08:00 all year, so the business day is the UTC day of the instant plus eight hours.
        let day =
            dialect == .postgres
            ? "to_char(to_timestamp((o.paid_at_ms + 28800000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
            : "strftime('%Y-%m-%d', (o.paid_at_ms + 28800000) / 1000, 'unixepoch')"
        return [
            """
            CREATE TABLE sales_daily (
                business_date TEXT NOT NULL,
                partner_id TEXT NOT NULL REFERENCES partners (id),
                orders BIGINT NOT NULL DEFAULT 0,
                purchase_orders BIGINT NOT NULL DEFAULT 0,
                referral_orders BIGINT NOT NULL DEFAULT 0,
                gross_fen BIGINT NOT NULL DEFAULT 0,
                net_fen BIGINT NOT NULL DEFAULT 0,
                refunded_fen BIGINT NOT NULL DEFAULT 0,
                units BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (business_date, partner_id)
            )
            """,
            "CREATE INDEX sales_daily_partner ON sales_daily (partner_id, business_date)",
            """
            CREATE TABLE product_sales_daily (
                business_date TEXT NOT NULL,
                product_id TEXT NOT NULL REFERENCES products (id),
                units BIGINT NOT NULL DEFAULT 0,
                gross_fen BIGINT NOT NULL DEFAULT 0,
                units_refunded BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (business_date, product_id)
            )
            """,
            """
            INSERT INTO sales_daily (business_date, partner_id, orders, purchase_orders, referral_orders, gross_fen, net_fen, refunded_fen, units)
            SELECT day, partner_id, COUNT(*), SUM(purchase), SUM(referral), SUM(gross_fen), SUM(net_fen), SUM(refunded_fen), SUM(units)
            FROM (
                SELECT \(day) AS day, o.partner_id, CASE WHEN o.kind = 'purchase' THEN 1 ELSE 0 END AS purchase,
                    CASE WHEN o.kind = 'referral' THEN 1 ELSE 0 END AS referral, o.gross_fen, o.net_fen, o.refunded_fen,
                    (SELECT COALESCE(SUM(l.quantity), 0) FROM order_lines l WHERE l.order_id = o.id) AS units
                FROM orders o WHERE o.paid_at_ms IS NOT NULL
            ) paid
            GROUP BY day, partner_id
            """,
            """
            INSERT INTO product_sales_daily (business_date, product_id, units, gross_fen, units_refunded)
            SELECT \(day), l.product_id, SUM(l.quantity), SUM(l.quantity * l.unit_price_fen),
                SUM(CASE WHEN o.status = 'cancelled' THEN l.quantity ELSE l.returned_quantity END)
            FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.paid_at_ms IS NOT NULL
            GROUP BY \(day), l.product_id
            """,
        ]
    }
}
