import QudaoCore

/// The money path: the double-entry ledger, prepaid top-ups with proof files, HQ warehouse stock,
/// orders with lines, returns and chained vouchers, saved addresses, and partners' referral codes.
enum Migration0002OrdersAndLedger {
    static let migration = Migration(version: 2, name: "orders_and_ledger") { dialect in
        let identity = dialect == .postgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        let blob = dialect == .postgres ? "BYTEA" : "BLOB"
        let randomCode =
            dialect == .postgres ? "upper(substr(md5(random()::text || id), 1, 8))" : "hex(randomblob(4))"
        var statements = [
            """
            CREATE TABLE ledger_accounts (
                code TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('prepaid', 'hq')),
                partner_id TEXT REFERENCES partners (id),
                normal_side TEXT NOT NULL CHECK (normal_side IN ('debit', 'credit')),
                balance_fen BIGINT NOT NULL DEFAULT 0,
                created_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                CHECK (kind <> 'prepaid' OR balance_fen >= 0),
                CHECK ((kind = 'prepaid') = (partner_id IS NOT NULL))
            )
            """,
            "CREATE UNIQUE INDEX ledger_accounts_partner ON ledger_accounts (partner_id) WHERE partner_id IS NOT NULL",
            """
            CREATE TABLE ledger_transactions (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                reference TEXT NOT NULL,
                memo TEXT NOT NULL,
                total_fen BIGINT NOT NULL CHECK (total_fen > 0),
                actor_account_id TEXT,
                posted_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX ledger_transactions_reference ON ledger_transactions (reference, kind)",
            """
            CREATE TABLE ledger_entries (
                id \(identity),
                transaction_id TEXT NOT NULL REFERENCES ledger_transactions (id),
                account_code TEXT NOT NULL REFERENCES ledger_accounts (code),
                direction TEXT NOT NULL CHECK (direction IN ('debit', 'credit')),
                amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
                balance_after_fen BIGINT NOT NULL,
                posted_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX ledger_entries_account ON ledger_entries (account_code, id)",
            "CREATE INDEX ledger_entries_transaction ON ledger_entries (transaction_id)",
            """
            CREATE TABLE stored_files (
                id TEXT PRIMARY KEY,
                partner_id TEXT REFERENCES partners (id),
                file_name TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
                sha256 TEXT NOT NULL,
                content \(blob) NOT NULL,
                uploaded_by TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE top_ups (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                partner_id TEXT NOT NULL REFERENCES partners (id),
                amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
                bonus_fen BIGINT NOT NULL DEFAULT 0 CHECK (bonus_fen >= 0),
                bank_reference TEXT NOT NULL,
                proof_file_id TEXT REFERENCES stored_files (id),
                note TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
                requested_by TEXT NOT NULL,
                requested_at_ms BIGINT NOT NULL,
                decided_by TEXT,
                decided_at_ms BIGINT,
                rejection_reason TEXT,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            // One bank transfer can be credited once: its reference may not be reused while a
            // request with it is pending or confirmed.
            "CREATE UNIQUE INDEX top_ups_bank_reference ON top_ups (bank_reference) WHERE status <> 'rejected'",
            "CREATE INDEX top_ups_partner ON top_ups (partner_id, requested_at_ms)",
            "CREATE INDEX top_ups_status ON top_ups (status, requested_at_ms)",
            """
            CREATE TABLE warehouse_stock (
                product_id TEXT PRIMARY KEY REFERENCES products (id),
                on_hand BIGINT NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
                reserved BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0),
                updated_at_ms BIGINT NOT NULL,
                CHECK (reserved <= on_hand)
            )
            """,
            """
            CREATE TABLE stock_movements (
                id \(identity),
                product_id TEXT NOT NULL REFERENCES products (id),
                kind TEXT NOT NULL CHECK (kind IN ('receipt', 'adjustment', 'reserve', 'release', 'ship', 'return')),
                quantity BIGINT NOT NULL,
                on_hand_after BIGINT NOT NULL,
                reserved_after BIGINT NOT NULL,
                order_id TEXT,
                note TEXT NOT NULL DEFAULT '',
                actor_account_id TEXT,
                created_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX stock_movements_product ON stock_movements (product_id, id)",
            """
            CREATE TABLE orders (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind IN ('purchase', 'referral')),
                partner_id TEXT NOT NULL REFERENCES partners (id),
                partner_path_at_payment TEXT,
                buyer_level BIGINT,
                status TEXT NOT NULL CHECK (status IN ('pending_payment', 'paid', 'shipped', 'delivered', 'received', 'completed', 'cancelled')),
                gross_fen BIGINT NOT NULL CHECK (gross_fen > 0),
                discount_rate_bp BIGINT NOT NULL CHECK (discount_rate_bp BETWEEN 0 AND 10000),
                discount_fen BIGINT NOT NULL CHECK (discount_fen >= 0),
                net_fen BIGINT NOT NULL,
                refunded_fen BIGINT NOT NULL DEFAULT 0,
                payment_method TEXT NOT NULL CHECK (payment_method IN ('prepaid', 'external')),
                payment_reference TEXT,
                ship_name TEXT NOT NULL,
                ship_phone_encrypted TEXT NOT NULL,
                ship_address TEXT NOT NULL,
                consumer_token_hash TEXT UNIQUE,
                carrier TEXT,
                tracking_number TEXT,
                proof_of_delivery TEXT,
                created_by TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL,
                paid_at_ms BIGINT,
                shipped_at_ms BIGINT,
                delivered_at_ms BIGINT,
                received_at_ms BIGINT,
                completed_at_ms BIGINT,
                cancelled_at_ms BIGINT,
                updated_at_ms BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1,
                CHECK (net_fen = gross_fen - discount_fen),
                CHECK (refunded_fen >= 0 AND refunded_fen <= net_fen)
            )
            """,
            "CREATE INDEX orders_partner ON orders (partner_id, created_at_ms)",
            "CREATE INDEX orders_status ON orders (status, created_at_ms)",
            "CREATE INDEX orders_delivered ON orders (status, delivered_at_ms)",
            "CREATE INDEX orders_received ON orders (status, received_at_ms)",
            "CREATE INDEX orders_tracking ON orders (tracking_number)",
            """
            CREATE TABLE order_lines (
                order_id TEXT NOT NULL REFERENCES orders (id),
                line_number BIGINT NOT NULL,
                product_id TEXT NOT NULL REFERENCES products (id),
                sku TEXT NOT NULL,
                product_name TEXT NOT NULL,
                unit TEXT NOT NULL,
                pack_size BIGINT NOT NULL,
                unit_price_fen BIGINT NOT NULL CHECK (unit_price_fen >= 0),
                quantity BIGINT NOT NULL CHECK (quantity > 0),
                returned_quantity BIGINT NOT NULL DEFAULT 0,
                commission_rate1_bp BIGINT,
                commission_rate2_bp BIGINT,
                commission_rate3_bp BIGINT,
                PRIMARY KEY (order_id, line_number),
                CHECK (returned_quantity >= 0 AND returned_quantity <= quantity)
            )
            """,
            """
            CREATE TABLE order_returns (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                order_id TEXT NOT NULL REFERENCES orders (id),
                status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'received', 'refunded')),
                reason TEXT NOT NULL,
                after_completion BIGINT NOT NULL DEFAULT 0 CHECK (after_completion IN (0, 1)),
                refund_fen BIGINT,
                rejection_reason TEXT,
                requested_by TEXT NOT NULL,
                requested_at_ms BIGINT NOT NULL,
                decided_at_ms BIGINT,
                received_at_ms BIGINT,
                refunded_at_ms BIGINT,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX order_returns_order ON order_returns (order_id)",
            "CREATE INDEX order_returns_status ON order_returns (status, requested_at_ms)",
            """
            CREATE TABLE order_return_lines (
                return_id TEXT NOT NULL REFERENCES order_returns (id),
                line_number BIGINT NOT NULL,
                quantity BIGINT NOT NULL CHECK (quantity > 0),
                PRIMARY KEY (return_id, line_number)
            )
            """,
            """
            CREATE TABLE order_vouchers (
                order_id TEXT NOT NULL REFERENCES orders (id),
                sequence BIGINT NOT NULL,
                id TEXT NOT NULL UNIQUE,
                event TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT NOT NULL,
                occurred_at_ms BIGINT NOT NULL,
                actor_account_id TEXT,
                actor_name TEXT NOT NULL,
                source_ip TEXT NOT NULL,
                payload_json TEXT NOT NULL,
                previous_hash TEXT NOT NULL,
                row_hash TEXT NOT NULL,
                PRIMARY KEY (order_id, sequence)
            )
            """,
            """
            CREATE TABLE saved_addresses (
                id TEXT PRIMARY KEY,
                partner_id TEXT NOT NULL REFERENCES partners (id),
                label TEXT NOT NULL,
                recipient_name TEXT NOT NULL,
                phone_encrypted TEXT NOT NULL,
                province TEXT NOT NULL,
                city TEXT NOT NULL,
                district TEXT NOT NULL DEFAULT '',
                detail TEXT NOT NULL,
                is_default BIGINT NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
                created_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX saved_addresses_partner ON saved_addresses (partner_id)",
            "ALTER TABLE partners ADD COLUMN referral_code TEXT",
            "UPDATE partners SET referral_code = \(randomCode)",
            "CREATE UNIQUE INDEX partners_referral_code ON partners (referral_code)",
            // Every existing partner gets its prepaid account.
            """
            INSERT INTO ledger_accounts (code, kind, partner_id, normal_side, balance_fen, created_at_ms, updated_at_ms)
            SELECT 'prepaid:' || id, 'prepaid', id, 'credit', 0, created_at_ms, created_at_ms FROM partners
            """,
        ]
        for account in LedgerAccount.hqAccounts {
            statements.append(
                """
                INSERT INTO ledger_accounts (code, kind, partner_id, normal_side, balance_fen, created_at_ms, updated_at_ms)
                VALUES ('\(account.code)', 'hq', NULL, '\(account.normalSide.rawValue)', 0, 0, 0)
                """)
        }
        for table in ["ledger_transactions", "ledger_entries", "stock_movements", "order_vouchers"] {
            statements += AppendOnly.statements(table: table, dialect: dialect)
        }
        return statements
    }
}
