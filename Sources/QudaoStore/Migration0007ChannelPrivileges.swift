/// Channel management beyond grading: a partner's draft purchase order (one-click replenishment
/// fills it, the three ordering steps submit it); qualification certificates with their validity
/// and file; credit ratings set by HQ, every one kept.
enum Migration0007ChannelPrivileges {
    static let migration = Migration(version: 7, name: "channel_privileges") { _ in
        [
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
