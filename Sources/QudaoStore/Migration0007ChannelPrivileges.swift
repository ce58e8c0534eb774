/// Channel management beyond grading: a partner's draft purchase order (one-click replenishment
/// fills it, the three ordering steps submit it).
enum Migration0007ChannelPrivileges {
    static let migration = Migration(version: 7, name: "channel_privileges") { _ in
        [
            """
            CREATE TABLE purchase_order_drafts (
                partner_id TEXT PRIMARY KEY REFERENCES partners (id),
                lines TEXT NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('replenishment', 'manual')),
                created_by TEXT NOT NULL,
                updated_at_ms BIGINT NOT NULL
            )
            """
        ]
    }
}
