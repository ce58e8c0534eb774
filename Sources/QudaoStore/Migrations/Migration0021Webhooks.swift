/// Webhooks (issue 15): subscriptions, the outbox of events, one delivery per event and
/// subscription, and the log of attempts. An event and its deliveries are written in the
/// transaction of the change that caused it, so none is lost and none is sent for a change that
/// rolled back; the unique (event, subscription) pair means an event reaches a subscription once.
/// Workers claim due deliveries with a lease and a claim token, so two instances never send one
/// delivery at the same time, and one that died holding a claim loses it when the lease ends.
enum Migration0021Webhooks {
    static let migration = Migration(version: 21, name: "webhooks") { _ in
        [
            """
            CREATE TABLE webhook_subscriptions (
                id TEXT PRIMARY KEY,
                partner_id TEXT REFERENCES partners (id),
                url TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                event_types TEXT NOT NULL,
                secret_cipher TEXT NOT NULL,
                secret_prefix TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
                disabled_reason TEXT,
                created_by_account_id TEXT REFERENCES accounts (id),
                created_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX webhook_subscriptions_owner ON webhook_subscriptions (partner_id, status)",
            """
            CREATE TABLE webhook_events (
                id TEXT PRIMARY KEY,
                event_type TEXT NOT NULL,
                partner_id TEXT REFERENCES partners (id),
                payload_json TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX webhook_events_created ON webhook_events (created_at_ms)",
            """
            CREATE TABLE webhook_deliveries (
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES webhook_events (id),
                subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (id),
                event_type TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'delivering', 'delivered', 'failed')),
                attempt_count BIGINT NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
                next_attempt_at_ms BIGINT NOT NULL,
                first_attempt_at_ms BIGINT,
                lease_until_ms BIGINT,
                claim_token TEXT,
                last_status_code BIGINT,
                last_error TEXT,
                delivered_at_ms BIGINT,
                created_at_ms BIGINT NOT NULL,
                UNIQUE (event_id, subscription_id),
                CHECK ((status = 'delivering') = (claim_token IS NOT NULL))
            )
            """,
            "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at_ms)",
            "CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at_ms)",
            """
            CREATE TABLE webhook_attempts (
                delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id),
                attempt_number BIGINT NOT NULL,
                started_at_ms BIGINT NOT NULL,
                duration_ms BIGINT NOT NULL,
                status_code BIGINT,
                response_excerpt TEXT NOT NULL,
                PRIMARY KEY (delivery_id, attempt_number)
            )
            """,
        ]
    }
}
