/// A second HQ approver (双人复核, issue 13): a sensitive HQ action waits here until another HQ
/// account approves it, and is carried out in the approval's transaction. The change itself is
/// stored encrypted (it can hold a bank account number). The rules that matter are the table's,
/// not only the application's: a request is approved or rejected only by an account other than
/// the one that asked, decided once, and at most one of a kind waits per exclusive key.
enum Migration0016SecondApprover {
    static let migration = Migration(version: 16, name: "second_approver") { _ in
        [
            """
            CREATE TABLE approval_requests (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                action TEXT NOT NULL CHECK (action IN ('commission_rule', 'payout_account', 'prepaid_credit')),
                partner_id TEXT REFERENCES partners (id),
                exclusive_key TEXT,
                change_cipher TEXT NOT NULL,
                note TEXT,
                status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
                requested_by_account_id TEXT NOT NULL REFERENCES accounts (id),
                requested_at_ms BIGINT NOT NULL,
                decided_by_account_id TEXT REFERENCES accounts (id),
                decided_at_ms BIGINT,
                decision_note TEXT,
                result_reference TEXT,
                CHECK ((status = 'pending') = (decided_by_account_id IS NULL)),
                CHECK ((status = 'pending') = (decided_at_ms IS NULL)),
                CHECK (status NOT IN ('approved', 'rejected') OR decided_by_account_id <> requested_by_account_id),
                CHECK (status <> 'withdrawn' OR decided_by_account_id = requested_by_account_id)
            )
            """,
            "CREATE UNIQUE INDEX approval_requests_one_pending ON approval_requests (exclusive_key) WHERE status = 'pending'",
            "CREATE INDEX approval_requests_status ON approval_requests (status, requested_at_ms)",
        ]
    }
}
