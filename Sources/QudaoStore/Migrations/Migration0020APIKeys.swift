/// API keys (issue 15): a key acts as its own service account, which no person signs in to and no
/// account list shows (`accounts.is_service`). Only the secret's SHA-256 is stored, unique, so a
/// key is found by its hash; the hash before a rotation stays usable until its grace period ends.
/// One owner's active keys have different names, so the audit log's `key:<name>` is unambiguous.
enum Migration0020APIKeys {
    static let migration = Migration(version: 20, name: "api_keys") { _ in
        [
            "ALTER TABLE accounts ADD COLUMN is_service BIGINT NOT NULL DEFAULT 0 CHECK (is_service IN (0, 1))",
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL UNIQUE REFERENCES accounts (id),
                partner_id TEXT REFERENCES partners (id),
                name TEXT NOT NULL,
                scopes TEXT NOT NULL,
                secret_prefix TEXT NOT NULL,
                secret_hash TEXT NOT NULL UNIQUE,
                previous_secret_hash TEXT UNIQUE,
                previous_valid_until_ms BIGINT,
                allowed_addresses TEXT NOT NULL DEFAULT '',
                requests_per_minute BIGINT NOT NULL CHECK (requests_per_minute BETWEEN 1 AND 6000),
                expires_at_ms BIGINT,
                status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
                last_used_at_ms BIGINT,
                last_used_address TEXT,
                created_by_account_id TEXT REFERENCES accounts (id),
                created_at_ms BIGINT NOT NULL,
                rotated_at_ms BIGINT,
                revoked_at_ms BIGINT,
                row_version BIGINT NOT NULL DEFAULT 1,
                CHECK ((previous_secret_hash IS NULL) = (previous_valid_until_ms IS NULL))
            )
            """,
            "CREATE UNIQUE INDEX api_keys_active_name ON api_keys (COALESCE(partner_id, ''), name) WHERE status = 'active'",
            "CREATE INDEX api_keys_partner ON api_keys (partner_id, created_at_ms)",
        ]
    }
}
