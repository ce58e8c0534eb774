/// Going live without the demo (issue 11): one-time setup links for the first HQ admin, the HQ
/// bank accounts partners transfer to, and a product's image.
///
/// Until this version the only way into a database was the demo loader (no command, page or
/// variable created an account), so every database that already has an account was made by it.
/// Such databases are marked as demo databases here; the demo loader refuses any other database
/// that holds data, so demo logins with a published password never land among a company's own.
enum Migration0011GoingLive {
    static let migration = Migration(version: 11, name: "going_live") { _ in
        [
            // Only the SHA-256 of a setup token is kept: the link in the server's log is the secret.
            """
            CREATE TABLE setup_tokens (
                token_hash TEXT PRIMARY KEY,
                created_at_ms BIGINT NOT NULL,
                expires_at_ms BIGINT NOT NULL,
                CHECK (created_at_ms < expires_at_ms)
            )
            """,
            """
            CREATE TABLE company_bank_accounts (
                id TEXT PRIMARY KEY,
                account_name TEXT NOT NULL,
                bank_name TEXT NOT NULL,
                account_number_encrypted TEXT NOT NULL,
                account_number_hash TEXT NOT NULL,
                position BIGINT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('active', 'removed')),
                created_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            // The same account cannot be listed twice while it is in use.
            "CREATE UNIQUE INDEX company_bank_accounts_number ON company_bank_accounts (account_number_hash) WHERE status = 'active'",
            "ALTER TABLE products ADD COLUMN image_file_id TEXT REFERENCES stored_files (id)",
            """
            INSERT INTO platform_settings (setting_key, setting_value, updated_at_ms)
            SELECT 'platform.demo', 'true', 0 WHERE EXISTS (SELECT 1 FROM accounts)
            """,
        ]
    }
}
