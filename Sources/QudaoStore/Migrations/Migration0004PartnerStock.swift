import Foundation

/// Partners' own stock (RULES §9's sell-through needs it): on-hand units per partner and product,
/// every movement (deliveries of its purchase orders, goods sent back, sell-out reports, stock
/// counts), and the sell-out reports themselves. Movements are append-only.
enum Migration0004PartnerStock {
    static let migration = Migration(version: 4, name: "partner_stock") { dialect in
        let identity = dialect == .postgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        var statements = [
            """
            CREATE TABLE partner_stock (
                partner_id TEXT NOT NULL REFERENCES partners (id),
                product_id TEXT NOT NULL REFERENCES products (id),
                on_hand BIGINT NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
                updated_at_ms BIGINT NOT NULL,
                PRIMARY KEY (partner_id, product_id)
            )
            """,
            """
            CREATE TABLE sell_out_reports (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                partner_id TEXT NOT NULL REFERENCES partners (id),
                source TEXT NOT NULL CHECK (source IN ('manual', 'file', 'api')),
                file_name TEXT,
                line_count BIGINT NOT NULL CHECK (line_count > 0),
                unit_count BIGINT NOT NULL CHECK (unit_count > 0),
                created_by TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX sell_out_reports_partner ON sell_out_reports (partner_id, created_at_ms)",
            """
            CREATE TABLE partner_stock_movements (
                id \(identity),
                partner_id TEXT NOT NULL REFERENCES partners (id),
                product_id TEXT NOT NULL REFERENCES products (id),
                kind TEXT NOT NULL CHECK (kind IN ('delivery', 'return', 'sell_out', 'count')),
                quantity BIGINT NOT NULL,
                on_hand_after BIGINT NOT NULL CHECK (on_hand_after >= 0),
                business_date TEXT NOT NULL,
                reference TEXT NOT NULL,
                reason TEXT NOT NULL DEFAULT '',
                actor_account_id TEXT,
                created_at_ms BIGINT NOT NULL,
                CHECK (kind <> 'sell_out' OR quantity < 0),
                CHECK (kind <> 'delivery' OR quantity > 0),
                CHECK (kind <> 'return' OR quantity <= 0)
            )
            """,
            "CREATE INDEX partner_stock_movements_partner ON partner_stock_movements (partner_id, product_id, id)",
            "CREATE INDEX partner_stock_movements_date ON partner_stock_movements (partner_id, kind, business_date)",
        ]
        statements += AppendOnly.statements(table: "partner_stock_movements", dialect: dialect)
        return statements
    }
}
