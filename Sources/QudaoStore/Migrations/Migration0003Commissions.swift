import Foundation
import QudaoCore

/// The commission engine and settlement: versioned rules, commission records, statements, payouts,
/// settlement runs, partners' payout settings, and HQ's commission expense account.
///
/// Partners' commission-payable accounts are ledger accounts of kind `hq` named `commission:<partner>`
/// (the first migration's CHECK allows per-partner ids only on prepaid accounts, and SQLite cannot
/// change a CHECK in place); a trigger keeps them from going negative, as the CHECK does for prepaid.
enum Migration0003Commissions {
    static let migration = Migration(version: 3, name: "commissions") { dialect in
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let defaults = String(decoding: (try? encoder.encode(CommissionRule.defaults())) ?? Data(), as: UTF8.self)
        var statements = [
            """
            CREATE TABLE commission_rules (
                version BIGINT PRIMARY KEY,
                rule_json TEXT NOT NULL,
                effective_at_ms BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX commission_rules_effective ON commission_rules (effective_at_ms)",
            "INSERT INTO commission_rules (version, rule_json, effective_at_ms, created_by, created_at_ms) VALUES (1, '\(defaults.replacingOccurrences(of: "'", with: "''"))', 0, 'migration', 0)",
            """
            CREATE TABLE settlement_statements (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                partner_id TEXT NOT NULL REFERENCES partners (id),
                month TEXT NOT NULL,
                commission_fen BIGINT NOT NULL,
                bonus_fen BIGINT NOT NULL,
                net_fen BIGINT NOT NULL CHECK (net_fen > 0),
                record_count BIGINT NOT NULL,
                payout_method TEXT NOT NULL CHECK (payout_method IN ('prepaid', 'bank')),
                status TEXT NOT NULL CHECK (status IN ('paid', 'pending_payout', 'payout_failed')),
                failure_reason TEXT,
                created_at_ms BIGINT NOT NULL,
                paid_at_ms BIGINT,
                row_version BIGINT NOT NULL DEFAULT 1,
                UNIQUE (partner_id, month),
                CHECK (net_fen = commission_fen + bonus_fen)
            )
            """,
            "CREATE INDEX settlement_statements_month ON settlement_statements (month, status)",
            """
            CREATE TABLE commission_records (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('commission', 'adjustment', 'bonus')),
                order_id TEXT REFERENCES orders (id),
                partner_id TEXT NOT NULL REFERENCES partners (id),
                position BIGINT CHECK (position BETWEEN 1 AND 3),
                month TEXT,
                base_fen BIGINT NOT NULL,
                amount_fen BIGINT NOT NULL,
                rule_version BIGINT NOT NULL REFERENCES commission_rules (version),
                state TEXT NOT NULL CHECK (state IN ('frozen', 'settleable', 'settled', 'reversed')),
                settleable_at_ms BIGINT,
                statement_id TEXT REFERENCES settlement_statements (id),
                explanation_json TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL,
                CHECK ((state = 'settled') = (statement_id IS NOT NULL)),
                CHECK (state NOT IN ('settleable', 'settled') OR settleable_at_ms IS NOT NULL),
                CHECK ((kind = 'bonus') = (month IS NOT NULL)),
                CHECK ((kind = 'bonus') = (order_id IS NULL))
            )
            """,
            "CREATE UNIQUE INDEX commission_records_bonus_once ON commission_records (partner_id, month) WHERE kind = 'bonus'",
            "CREATE UNIQUE INDEX commission_records_once_per_position ON commission_records (order_id, position) WHERE kind = 'commission'",
            "CREATE INDEX commission_records_partner ON commission_records (partner_id, state, settleable_at_ms)",
            "CREATE INDEX commission_records_order ON commission_records (order_id)",
            "CREATE INDEX commission_records_statement ON commission_records (statement_id)",
            """
            CREATE TABLE payouts (
                id TEXT PRIMARY KEY,
                statement_id TEXT NOT NULL REFERENCES settlement_statements (id),
                attempt BIGINT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
                amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
                method TEXT NOT NULL CHECK (method IN ('prepaid', 'bank')),
                exported_at_ms BIGINT,
                decided_by TEXT,
                decided_at_ms BIGINT,
                failure_reason TEXT,
                created_at_ms BIGINT NOT NULL,
                UNIQUE (statement_id, attempt)
            )
            """,
            // A statement is paid at most once, whatever happens to its attempts.
            "CREATE UNIQUE INDEX payouts_paid_once ON payouts (statement_id) WHERE status = 'paid'",
            "CREATE UNIQUE INDEX payouts_one_open ON payouts (statement_id) WHERE status = 'pending'",
            """
            CREATE TABLE settlement_runs (
                month TEXT PRIMARY KEY,
                status TEXT NOT NULL CHECK (status IN ('running', 'completed')),
                triggered_by TEXT NOT NULL,
                started_at_ms BIGINT NOT NULL,
                completed_at_ms BIGINT,
                partners_examined BIGINT NOT NULL DEFAULT 0,
                statements_created BIGINT NOT NULL DEFAULT 0,
                bonuses_created BIGINT NOT NULL DEFAULT 0
            )
            """,
            "ALTER TABLE partners ADD COLUMN payout_method TEXT NOT NULL DEFAULT 'prepaid' CHECK (payout_method IN ('prepaid', 'bank'))",
            "ALTER TABLE partners ADD COLUMN bank_account_name TEXT",
            "ALTER TABLE partners ADD COLUMN bank_name TEXT",
            "ALTER TABLE partners ADD COLUMN bank_account_encrypted TEXT",
        ]
        for account in LedgerAccount.commissionAccounts {
            statements.append(
                """
                INSERT INTO ledger_accounts (code, kind, partner_id, normal_side, balance_fen, created_at_ms, updated_at_ms)
                VALUES ('\(account.code)', 'hq', NULL, '\(account.normalSide.rawValue)', 0, 0, 0)
                """)
        }
        switch dialect {
        case .sqlite:
            statements.append(
                """
                CREATE TRIGGER commission_payable_not_negative BEFORE UPDATE OF balance_fen ON ledger_accounts
                WHEN NEW.code LIKE 'commission:%' AND NEW.balance_fen < 0
                BEGIN SELECT RAISE(ABORT, 'a commission payable balance cannot go below zero'); END
                """)
        case .postgres:
            statements += [
                """
                CREATE OR REPLACE FUNCTION commission_payable_not_negative() RETURNS trigger AS $$
                BEGIN
                    IF NEW.code LIKE 'commission:%' AND NEW.balance_fen < 0 THEN
                        RAISE EXCEPTION 'a commission payable balance cannot go below zero';
                    END IF;
                    RETURN NEW;
                END
                $$ LANGUAGE plpgsql
                """,
                """
                CREATE TRIGGER commission_payable_not_negative BEFORE UPDATE OF balance_fen ON ledger_accounts
                FOR EACH ROW EXECUTE FUNCTION commission_payable_not_negative()
                """,
            ]
        }
        return statements
    }
}
