/// Bank statement import (银行流水, issue 14, RULES §8): HQ's bank accounts with the column mapping
/// of their exports, each imported file, and its lines, matched to pending top-ups. The rules that
/// matter are the tables': a line is stored once per bank account (its fingerprint, so an
/// overlapping file adds nothing twice), and a top-up is credited from one line at most (the unique
/// `matched_top_up_id`), whatever the concurrency. Account numbers (HQ's, the payers') are stored
/// encrypted with a keyed lookup hash and their last four digits, like other personal data.
enum Migration0019BankStatements {
    static let migration = Migration(version: 19, name: "bank_statements") { _ in
        [
            """
            CREATE TABLE bank_accounts (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                bank_format TEXT NOT NULL CHECK (bank_format IN ('icbc', 'ccb', 'cmb', 'custom')),
                account_cipher TEXT NOT NULL,
                account_lookup TEXT NOT NULL UNIQUE,
                account_tail TEXT NOT NULL,
                mapping_json TEXT,
                created_by_account_id TEXT REFERENCES accounts (id),
                created_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            """
            CREATE TABLE bank_statement_imports (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                bank_account_id TEXT NOT NULL REFERENCES bank_accounts (id),
                file_name TEXT NOT NULL,
                file_sha256 TEXT NOT NULL,
                line_count BIGINT NOT NULL,
                new_count BIGINT NOT NULL,
                duplicate_count BIGINT NOT NULL,
                skipped_count BIGINT NOT NULL,
                duplicate_rows_json TEXT NOT NULL,
                imported_by_account_id TEXT REFERENCES accounts (id),
                imported_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX bank_statement_imports_account ON bank_statement_imports (bank_account_id, imported_at_ms)",
            """
            CREATE TABLE bank_statement_lines (
                id TEXT PRIMARY KEY,
                import_id TEXT NOT NULL REFERENCES bank_statement_imports (id),
                bank_account_id TEXT NOT NULL REFERENCES bank_accounts (id),
                row_number BIGINT NOT NULL,
                booked_on TEXT NOT NULL,
                amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
                direction TEXT NOT NULL CHECK (direction IN ('credit', 'debit')),
                counterparty_name TEXT NOT NULL,
                counterparty_account_cipher TEXT,
                counterparty_account_lookup TEXT,
                counterparty_account_tail TEXT NOT NULL,
                memo TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('exact', 'suggested', 'mismatch', 'unmatched', 'matched', 'ignored', 'debit')),
                top_up_id TEXT REFERENCES top_ups (id),
                matched_top_up_id TEXT UNIQUE REFERENCES top_ups (id),
                ignore_reason TEXT,
                decided_by_account_id TEXT REFERENCES accounts (id),
                decided_at_ms BIGINT,
                UNIQUE (bank_account_id, fingerprint),
                CHECK ((status = 'matched') = (matched_top_up_id IS NOT NULL)),
                CHECK (matched_top_up_id IS NULL OR matched_top_up_id = top_up_id),
                CHECK ((status IN ('exact', 'suggested', 'mismatch', 'matched')) = (top_up_id IS NOT NULL)),
                CHECK ((status = 'ignored') = (ignore_reason IS NOT NULL)),
                CHECK ((direction = 'debit') = (status = 'debit'))
            )
            """,
            "CREATE INDEX bank_statement_lines_import ON bank_statement_lines (import_id, status, row_number)",
            "CREATE INDEX bank_statement_lines_top_up ON bank_statement_lines (top_up_id)",
            // The overview counts the lines waiting for a decision without reading the others.
            "CREATE INDEX bank_statement_lines_to_decide ON bank_statement_lines (status) WHERE status IN ('exact', 'suggested')",
            """
            CREATE TABLE partner_payers (
                id TEXT PRIMARY KEY,
                partner_id TEXT NOT NULL REFERENCES partners (id),
                name TEXT NOT NULL,
                name_key TEXT NOT NULL,
                account_cipher TEXT,
                account_lookup TEXT,
                account_tail TEXT NOT NULL,
                created_by_account_id TEXT REFERENCES accounts (id),
                created_at_ms BIGINT NOT NULL
            )
            """,
            // A payer is a name, with an account or without: one of each per partner.
            "CREATE UNIQUE INDEX partner_payers_unique ON partner_payers (partner_id, name_key, COALESCE(account_lookup, ''))",
            "CREATE INDEX partner_payers_name ON partner_payers (name_key)",
            "CREATE INDEX partner_payers_account ON partner_payers (account_lookup)",
        ]
    }
}
