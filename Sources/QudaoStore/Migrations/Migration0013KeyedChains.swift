/// Keyed chains (issue 13, finding 1): from this version the audit log and the order vouchers are
/// hashed with HMAC under a key derived from the data key. Rows written before keep their plain
/// SHA-256 hashes; this migration records how far those reach, so that `qudao verify` accepts a plain
/// hash only there and names any other as forged. A database created by this version has no such
/// rows and records nothing: every row of it must be keyed.
enum Migration0013KeyedChains {
    static let migration = Migration(version: 13, name: "keyed_chains") { _ in
        [
            """
            INSERT INTO platform_settings (setting_key, setting_value, updated_at_ms)
            SELECT 'chains.unkeyed_audit_until_sequence', CAST(MAX(sequence) AS TEXT), 0 FROM audit_log HAVING COUNT(*) > 0
            """,
            """
            INSERT INTO platform_settings (setting_key, setting_value, updated_at_ms)
            SELECT 'chains.unkeyed_vouchers_until_ms', CAST(MAX(occurred_at_ms) AS TEXT), 0 FROM order_vouchers HAVING COUNT(*) > 0
            """,
        ]
    }
}
