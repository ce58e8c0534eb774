/// Channel management beyond grading: a partner's draft purchase order (one-click replenishment
/// fills it, the three ordering steps submit it); qualification certificates with their validity
/// and file; credit ratings set by HQ, every one kept; back-orders (paid purchase orders waiting
/// for HQ stock, allocated quality partners first, then oldest first); promotions targeted at
/// grades, levels and regions, and the promotion each order line used.
enum Migration0007ChannelPrivileges {
    static let migration = Migration(version: 7, name: "channel_privileges") { _ in
        [
            "ALTER TABLE orders ADD COLUMN allocation TEXT NOT NULL DEFAULT 'allocated' CHECK (allocation IN ('allocated', 'waiting'))",
            "ALTER TABLE orders ADD COLUMN backordered_at_ms BIGINT",
            "ALTER TABLE orders ADD COLUMN allocated_at_ms BIGINT",
            "CREATE INDEX orders_waiting ON orders (paid_at_ms, id) WHERE allocation = 'waiting'",
            """
            CREATE TABLE promotions (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('price', 'discount')),
                discount_bp BIGINT,
                starts_at_ms BIGINT NOT NULL,
                ends_at_ms BIGINT NOT NULL,
                target_grades TEXT NOT NULL DEFAULT '',
                target_levels TEXT NOT NULL DEFAULT '',
                target_provinces TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
                created_by TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1,
                CHECK (starts_at_ms < ends_at_ms),
                CHECK ((kind = 'discount' AND discount_bp BETWEEN 1 AND 9999) OR (kind = 'price' AND discount_bp IS NULL))
            )
            """,
            "CREATE INDEX promotions_period ON promotions (status, ends_at_ms)",
            """
            CREATE TABLE promotion_products (
                promotion_id TEXT NOT NULL REFERENCES promotions (id),
                product_id TEXT NOT NULL REFERENCES products (id),
                price_fen BIGINT CHECK (price_fen >= 0),
                PRIMARY KEY (promotion_id, product_id)
            )
            """,
            "CREATE INDEX promotion_products_product ON promotion_products (product_id)",
            "ALTER TABLE order_lines ADD COLUMN promotion_id TEXT REFERENCES promotions (id)",
            "ALTER TABLE order_lines ADD COLUMN regular_unit_price_fen BIGINT",
            """
            CREATE TABLE partner_certificates (
                id TEXT PRIMARY KEY,
                partner_id TEXT NOT NULL REFERENCES partners (id),
                certificate_type TEXT NOT NULL,
                number TEXT NOT NULL,
                issuer TEXT NOT NULL,
                valid_from TEXT NOT NULL,
                valid_to TEXT NOT NULL,
                required BIGINT NOT NULL CHECK (required IN (0, 1)),
                file_id TEXT REFERENCES stored_files (id),
                status TEXT NOT NULL CHECK (status IN ('active', 'removed')),
                created_by TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1,
                CHECK (valid_from <= valid_to)
            )
            """,
            "CREATE INDEX partner_certificates_partner ON partner_certificates (partner_id, status)",
            "CREATE INDEX partner_certificates_expiry ON partner_certificates (status, valid_to)",
            """
            CREATE TABLE partner_credit_ratings (
                id TEXT PRIMARY KEY,
                partner_id TEXT NOT NULL REFERENCES partners (id),
                rating TEXT NOT NULL CHECK (rating IN ('A', 'B', 'C', 'D')),
                reason TEXT NOT NULL,
                set_by TEXT NOT NULL,
                set_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX partner_credit_ratings_partner ON partner_credit_ratings (partner_id, set_at_ms)",
            """
            CREATE TABLE purchase_order_drafts (
                partner_id TEXT PRIMARY KEY REFERENCES partners (id),
                lines TEXT NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('replenishment', 'manual')),
                created_by TEXT NOT NULL,
                updated_at_ms BIGINT NOT NULL
            )
            """,
        ]
    }
}
