/// Findings of the security review (issue 13) that change the schema.
///
/// A bank transfer reference was unique across every partner, so one partner could learn that a
/// reference was taken by another and block it by using it first; it is now unique per partner (a
/// bank's references repeat across payers, and matching a transfer to its payer is reconciliation's
/// job). An idempotency key records which object its committed request made or changed, inside the
/// same transaction, so that a retry after a crash between the commit and storing the response
/// still learns its result instead of "in progress" forever.
enum Migration0012SecurityReview {
    static let migration = Migration(version: 12, name: "security_review") { _ in
        [
            "DROP INDEX top_ups_bank_reference",
            "CREATE UNIQUE INDEX top_ups_partner_bank_reference ON top_ups (partner_id, bank_reference) WHERE status <> 'rejected'",
            "ALTER TABLE idempotency_keys ADD COLUMN result_entity_type TEXT",
            "ALTER TABLE idempotency_keys ADD COLUMN result_entity_id TEXT",
        ]
    }
}
