/// The foundation: settings, the partner tree, products, accounts, sessions, login throttling,
/// idempotency keys and the chained operation audit log.
enum Migration0001Foundation {
    static let migration = Migration(version: 1, name: "foundation") { dialect in
        // Paths are compared as byte strings for subtree range scans; PostgreSQL's default
        // collation may order '/' unlike bytes, so the path column is pinned to "C" there.
        let byteCollation = dialect == .postgres ? " COLLATE \"C\"" : ""
        var statements = [
            """
            CREATE TABLE platform_settings (
                setting_key TEXT PRIMARY KEY,
                setting_value TEXT NOT NULL,
                updated_at_ms BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE partners (
                id TEXT PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                partner_type TEXT NOT NULL CHECK (partner_type IN ('distributor', 'agent', 'store')),
                level BIGINT NOT NULL CHECK (level BETWEEN 1 AND 3),
                parent_id TEXT REFERENCES partners (id),
                path TEXT\(byteCollation) NOT NULL UNIQUE,
                status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'suspended', 'terminated')),
                province TEXT NOT NULL,
                city TEXT NOT NULL,
                address TEXT NOT NULL DEFAULT '',
                contact_name TEXT NOT NULL,
                contact_phone_encrypted TEXT NOT NULL,
                contact_phone_lookup TEXT NOT NULL,
                business_licence_number TEXT,
                created_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1,
                CHECK (parent_id IS NULL OR parent_id <> id)
            )
            """,
            "CREATE INDEX partners_parent ON partners (parent_id)",
            "CREATE INDEX partners_status_level ON partners (status, level)",
            "CREATE INDEX partners_province_city ON partners (province, city)",
            "CREATE INDEX partners_phone_lookup ON partners (contact_phone_lookup)",
            """
            CREATE TABLE product_categories (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                sort_order BIGINT NOT NULL DEFAULT 0,
                created_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE products (
                id TEXT PRIMARY KEY,
                sku TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                category_id TEXT NOT NULL REFERENCES product_categories (id),
                unit TEXT NOT NULL,
                pack_size BIGINT NOT NULL CHECK (pack_size BETWEEN 1 AND 100000),
                list_price_fen BIGINT NOT NULL CHECK (list_price_fen >= 0),
                level1_price_fen BIGINT NOT NULL CHECK (level1_price_fen >= 0),
                level2_price_fen BIGINT NOT NULL CHECK (level2_price_fen >= 0),
                level3_price_fen BIGINT NOT NULL CHECK (level3_price_fen >= 0),
                commission_rate1_bp BIGINT CHECK (commission_rate1_bp BETWEEN 0 AND 10000),
                commission_rate2_bp BIGINT CHECK (commission_rate2_bp BETWEEN 0 AND 10000),
                commission_rate3_bp BIGINT CHECK (commission_rate3_bp BETWEEN 0 AND 10000),
                on_shelf BIGINT NOT NULL CHECK (on_shelf IN (0, 1)),
                description TEXT NOT NULL DEFAULT '',
                created_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1,
                CHECK ((commission_rate1_bp IS NULL AND commission_rate2_bp IS NULL AND commission_rate3_bp IS NULL)
                    OR (commission_rate1_bp IS NOT NULL AND commission_rate2_bp IS NOT NULL AND commission_rate3_bp IS NOT NULL))
            )
            """,
            "CREATE INDEX products_category ON products (category_id)",
            """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('hq', 'partner')),
                hq_role TEXT CHECK (hq_role IN ('admin', 'finance', 'operations', 'viewer')),
                partner_id TEXT REFERENCES partners (id),
                is_owner BIGINT NOT NULL DEFAULT 0 CHECK (is_owner IN (0, 1)),
                permissions TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
                created_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1,
                CHECK ((kind = 'hq' AND hq_role IS NOT NULL AND partner_id IS NULL AND is_owner = 0)
                    OR (kind = 'partner' AND partner_id IS NOT NULL AND hq_role IS NULL))
            )
            """,
            "CREATE UNIQUE INDEX accounts_one_owner_per_partner ON accounts (partner_id) WHERE is_owner = 1",
            "CREATE INDEX accounts_partner ON accounts (partner_id)",
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                account_id TEXT NOT NULL REFERENCES accounts (id),
                kind TEXT NOT NULL CHECK (kind IN ('web', 'api')),
                csrf_token TEXT NOT NULL,
                source_ip TEXT NOT NULL,
                user_agent TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL,
                expires_at_ms BIGINT NOT NULL,
                last_seen_at_ms BIGINT NOT NULL,
                revoked_at_ms BIGINT
            )
            """,
            "CREATE INDEX sessions_account ON sessions (account_id)",
            """
            CREATE TABLE login_throttle (
                throttle_key TEXT PRIMARY KEY,
                failure_count BIGINT NOT NULL,
                window_started_at_ms BIGINT NOT NULL,
                locked_until_ms BIGINT
            )
            """,
            """
            CREATE TABLE idempotency_keys (
                account_id TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                response_status BIGINT,
                response_content_type TEXT,
                response_body TEXT,
                created_at_ms BIGINT NOT NULL,
                PRIMARY KEY (account_id, idempotency_key)
            )
            """,
            "CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at_ms)",
            """
            CREATE TABLE audit_log (
                sequence BIGINT PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                occurred_at_ms BIGINT NOT NULL,
                account_id TEXT,
                username TEXT NOT NULL,
                source_ip TEXT NOT NULL,
                action TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                before_json TEXT,
                after_json TEXT,
                previous_hash TEXT NOT NULL,
                row_hash TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id)",
            "CREATE INDEX audit_log_account ON audit_log (account_id)",
            "CREATE INDEX audit_log_occurred ON audit_log (occurred_at_ms)",
            """
            CREATE TABLE audit_chain_head (
                singleton BIGINT PRIMARY KEY CHECK (singleton = 1),
                last_sequence BIGINT NOT NULL,
                last_hash TEXT NOT NULL
            )
            """,
            "INSERT INTO audit_chain_head (singleton, last_sequence, last_hash) VALUES (1, 0, '\(AuditChain.genesisHash)')",
        ]
        statements += AppendOnly.statements(table: "audit_log", dialect: dialect)
        return statements
    }
}

/// Database-enforced immutability: rows of an append-only table can be inserted, never updated or deleted.
enum AppendOnly {
    /// Every table the migrations make append-only; `qudao verify` checks that their guards are still there.
    static let tables = ["audit_log", "ledger_transactions", "ledger_entries", "stock_movements", "order_vouchers", "partner_stock_movements"]

    /// The triggers that guard `table`, by name, as ``statements(table:dialect:)`` creates them.
    static func triggerNames(table: String, dialect: DatabaseDialect) -> [String] {
        switch dialect {
        case .sqlite: ["\(table)_no_update", "\(table)_no_delete"]
        case .postgres: ["\(table)_no_change", "\(table)_no_truncate"]
        }
    }

    static func statements(table: String, dialect: DatabaseDialect) -> [String] {
        switch dialect {
        case .sqlite:
            return [
                """
                CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only: rows cannot be updated'); END
                """,
                """
                CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only: rows cannot be deleted'); END
                """,
            ]
        case .postgres:
            return [
                """
                CREATE OR REPLACE FUNCTION \(table)_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '\(table) is append-only: rows cannot be %', lower(TG_OP); END
                $$ LANGUAGE plpgsql
                """,
                """
                CREATE TRIGGER \(table)_no_change BEFORE UPDATE OR DELETE ON \(table)
                FOR EACH ROW EXECUTE FUNCTION \(table)_append_only()
                """,
                """
                CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
                FOR EACH STATEMENT EXECUTE FUNCTION \(table)_append_only()
                """,
            ]
        }
    }
}
