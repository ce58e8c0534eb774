/// Payment passwords (支付密码, issue 13): a partner owner's six-digit password, asked for when
/// the partner spends from prepaid above HQ's threshold and when its payout settings change. Only
/// a bcrypt hash is kept, one per partner; `row_version` lets a change refuse a hash another
/// request replaced meanwhile.
enum Migration0014PaymentPasswords {
    static let migration = Migration(version: 14, name: "payment_passwords") { _ in
        [
            """
            CREATE TABLE payment_passwords (
                partner_id TEXT PRIMARY KEY REFERENCES partners (id),
                password_hash TEXT NOT NULL,
                set_by_account_id TEXT NOT NULL REFERENCES accounts (id),
                updated_at_ms BIGINT NOT NULL,
                row_version BIGINT NOT NULL CHECK (row_version >= 1)
            )
            """
        ]
    }
}
