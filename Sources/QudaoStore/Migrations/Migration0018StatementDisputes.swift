/// Disputes of monthly partner statements (有异议, issue 14, RULES §8): the lines a partner
/// disputes and HQ finance's answer to each. The table holds the rules that matter: one dispute
/// per statement version, a line answered once (accepted with the correction's ledger transaction,
/// or rejected with a reply), and a correction transaction that belongs to one line only.
///
/// A correction accepted before the partner's next statement is issued belongs to the disputed
/// month, so the reissued version balances with it and the next month opens from it; the ledger
/// entry keeps its real posting time and records the month in `statement_month`.
enum Migration0018StatementDisputes {
    static let migration = Migration(version: 18, name: "statement_disputes") { _ in
        [
            """
            CREATE TABLE statement_disputes (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                statement_id TEXT NOT NULL UNIQUE REFERENCES partner_statements (id),
                partner_id TEXT NOT NULL REFERENCES partners (id),
                comment TEXT NOT NULL,
                attachment_file_id TEXT REFERENCES stored_files (id),
                status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
                raised_by_account_id TEXT NOT NULL REFERENCES accounts (id),
                raised_at_ms BIGINT NOT NULL,
                resolved_at_ms BIGINT,
                reissued_statement_id TEXT REFERENCES partner_statements (id),
                CHECK ((status = 'resolved') = (resolved_at_ms IS NOT NULL))
            )
            """,
            "CREATE INDEX statement_disputes_status ON statement_disputes (status, raised_at_ms)",
            """
            CREATE TABLE statement_dispute_lines (
                dispute_id TEXT NOT NULL REFERENCES statement_disputes (id),
                line_number BIGINT NOT NULL CHECK (line_number >= 1),
                item_kind TEXT NOT NULL CHECK (item_kind IN ('movement', 'order')),
                entry_id BIGINT,
                order_number TEXT,
                account TEXT NOT NULL CHECK (account IN ('prepaid', 'commission_payable')),
                document_number TEXT NOT NULL,
                description TEXT NOT NULL,
                stated_fen BIGINT NOT NULL,
                claimed_fen BIGINT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
                adjustment_fen BIGINT,
                adjustment_transaction_id TEXT UNIQUE REFERENCES ledger_transactions (id),
                reply TEXT,
                answered_by_account_id TEXT REFERENCES accounts (id),
                answered_at_ms BIGINT,
                PRIMARY KEY (dispute_id, line_number),
                UNIQUE (dispute_id, entry_id),
                UNIQUE (dispute_id, order_number),
                CHECK ((item_kind = 'movement') = (entry_id IS NOT NULL)),
                CHECK ((item_kind = 'order') = (order_number IS NOT NULL)),
                CHECK ((status = 'open') = (answered_at_ms IS NULL)),
                CHECK (status <> 'accepted' OR (adjustment_fen IS NOT NULL AND adjustment_fen <> 0 AND adjustment_transaction_id IS NOT NULL)),
                CHECK (status <> 'rejected' OR (reply IS NOT NULL AND adjustment_transaction_id IS NULL))
            )
            """,
            "ALTER TABLE ledger_entries ADD COLUMN statement_month TEXT",
            "CREATE INDEX ledger_entries_statement_month ON ledger_entries (account_code, statement_month) WHERE statement_month IS NOT NULL",
        ]
    }
}
