/// Monthly partner statements (对账单, issue 14, RULES §8): one current version per partner and
/// month, with the content both sides sign off and its SHA-256. The opening and closing balances
/// are columns too, so `qudao verify` can check closing(M) = opening(M+1) without parsing content,
/// and the board can list statements without reading them whole. A reissued version keeps its row
/// (the partner may still read what it disputed); the partial unique index lets only one version
/// of a partner's month be current, whichever server issues it.
enum Migration0017PartnerStatements {
    static let migration = Migration(version: 17, name: "partner_statements") { _ in
        [
            """
            CREATE TABLE partner_statements (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                partner_id TEXT NOT NULL REFERENCES partners (id),
                month TEXT NOT NULL,
                version BIGINT NOT NULL CHECK (version >= 1),
                status TEXT NOT NULL CHECK (status IN ('issued', 'confirmed', 'disputed', 'resolved', 'reissued')),
                content_json TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                prepaid_opening_fen BIGINT NOT NULL,
                prepaid_closing_fen BIGINT NOT NULL,
                commission_opening_fen BIGINT NOT NULL,
                commission_closing_fen BIGINT NOT NULL,
                issued_at_ms BIGINT NOT NULL,
                issued_by_account_id TEXT REFERENCES accounts (id),
                confirmed_at_ms BIGINT,
                confirmed_by_account_id TEXT REFERENCES accounts (id),
                auto_confirmed BIGINT NOT NULL DEFAULT 0 CHECK (auto_confirmed IN (0, 1)),
                replaced_by_id TEXT,
                row_version BIGINT NOT NULL DEFAULT 1,
                UNIQUE (partner_id, month, version),
                CHECK ((status = 'confirmed') = (confirmed_at_ms IS NOT NULL)),
                CHECK (auto_confirmed = 0 OR confirmed_by_account_id IS NULL)
            )
            """,
            "CREATE UNIQUE INDEX partner_statements_current ON partner_statements (partner_id, month) WHERE status <> 'reissued'",
            "CREATE INDEX partner_statements_status ON partner_statements (status, issued_at_ms)",
            "CREATE INDEX partner_statements_month ON partner_statements (month, partner_id)",
            // When a settled month's statements were all issued: a run that stopped in between is
            // finished by the next scheduler tick.
            "ALTER TABLE settlement_runs ADD COLUMN partner_statements_issued_at_ms BIGINT",
        ]
    }
}
