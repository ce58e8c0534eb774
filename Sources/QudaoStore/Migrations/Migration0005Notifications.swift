/// The in-app inbox (PRODUCT.md capability 11): one row per notification and audience, a read
/// mark per reader, and a per-reader "read everything up to here" mark so that "mark all read"
/// is one row however long the inbox is. `event_key` is unique, so an event seen twice (a job
/// rerun, two server instances) is still notified once.
enum Migration0005Notifications {
    static let migration = Migration(version: 5, name: "notifications") { _ in
        [
            """
            CREATE TABLE notifications (
                id TEXT PRIMARY KEY,
                audience TEXT NOT NULL CHECK (audience IN ('partner', 'hq', 'account')),
                partner_id TEXT REFERENCES partners (id),
                required_permission TEXT,
                hq_roles TEXT,
                account_id TEXT REFERENCES accounts (id),
                kind TEXT NOT NULL,
                priority TEXT NOT NULL CHECK (priority IN ('urgent', 'normal')),
                title_zh TEXT NOT NULL,
                title_en TEXT NOT NULL,
                body_zh TEXT NOT NULL,
                body_en TEXT NOT NULL,
                link TEXT NOT NULL DEFAULT '',
                event_key TEXT NOT NULL UNIQUE,
                created_at_ms BIGINT NOT NULL,
                CHECK ((audience = 'partner' AND partner_id IS NOT NULL)
                    OR (audience = 'hq' AND hq_roles IS NOT NULL)
                    OR (audience = 'account' AND account_id IS NOT NULL))
            )
            """,
            "CREATE INDEX notifications_partner ON notifications (partner_id, created_at_ms)",
            "CREATE INDEX notifications_account ON notifications (account_id, created_at_ms)",
            "CREATE INDEX notifications_audience ON notifications (audience, created_at_ms)",
            """
            CREATE TABLE notification_reads (
                notification_id TEXT NOT NULL REFERENCES notifications (id),
                account_id TEXT NOT NULL REFERENCES accounts (id),
                read_at_ms BIGINT NOT NULL,
                PRIMARY KEY (notification_id, account_id)
            )
            """,
            """
            CREATE TABLE notification_read_marks (
                account_id TEXT PRIMARY KEY REFERENCES accounts (id),
                read_through_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL
            )
            """,
        ]
    }
}
