import Foundation
import QudaoCore
import SQLKit

/// A delivery a worker has claimed, with what it needs to send it.
public struct ClaimedWebhookDelivery: Sendable {
    public let deliveryId: String
    public let eventId: String
    public let eventType: WebhookEventType
    public let subscriptionId: String
    public let url: String
    public let secretCipher: String
    /// The body as stored when the event was written: the bytes the signature covers.
    public let payload: String
    /// Attempts made before this one.
    public let attemptCount: Int
    public let createdAt: Date
    /// When the first attempt was made (now, for the first): the day of retries counts from it, so
    /// a backlog sent late still gets its day.
    public let firstAttemptAt: Date
    /// The claim's token: only its holder may record the outcome.
    public let claimToken: String
}

/// How webhook subscriptions, events, deliveries and attempts are read and written.
extension SQLSession {
    private static let subscriptionColumns = """
        id, partner_id, url, description, event_types, secret_prefix, status, disabled_reason, created_by_account_id, created_at_ms,
        updated_at_ms, row_version
        """

    /// Stores a new subscription with its encrypted signing secret.
    public func insertWebhookSubscription(_ record: WebhookSubscriptionRecord, secretCipher: String) async throws {
        try await execute(
            """
            INSERT INTO webhook_subscriptions (id, partner_id, url, description, event_types, secret_cipher, secret_prefix, status,
                created_by_account_id, created_at_ms, updated_at_ms, row_version)
            VALUES (\(bind: record.id), \(bind: record.partnerId), \(bind: record.url), \(bind: record.description),
                \(bind: WebhookEventType.stored(record.eventTypes)), \(bind: secretCipher), \(bind: record.secretPrefix),
                \(bind: record.status.rawValue), \(bind: record.createdByAccountId), \(bind: Timestamp.milliseconds(record.createdAt)),
                \(bind: Timestamp.milliseconds(record.updatedAt)), 1)
            """)
    }

    /// One subscription by id.
    public func webhookSubscription(id: String) async throws -> WebhookSubscriptionRecord? {
        try await first("SELECT \(unsafeRaw: Self.subscriptionColumns) FROM webhook_subscriptions WHERE id = \(bind: id)")
            .map(Self.decodeSubscription)
    }

    /// A subscription's encrypted signing secret.
    public func webhookSecretCipher(subscriptionId: String) async throws -> String? {
        try await first("SELECT secret_cipher FROM webhook_subscriptions WHERE id = \(bind: subscriptionId)")?.string("secret_cipher")
    }

    /// Subscriptions, newest first: every owner's, HQ's only, or one partner's.
    public func webhookSubscriptions(partnerId: String?, everyOwner: Bool, page: PageRequest) async throws -> Page<WebhookSubscriptionRecord> {
        let condition: SQLQueryString = everyOwner ? "1 = 1" : partnerId.map { "partner_id = \(bind: $0)" } ?? "partner_id IS NULL"
        let total = try await first("SELECT COUNT(*) AS total FROM webhook_subscriptions WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.subscriptionColumns) FROM webhook_subscriptions WHERE \(condition)
            ORDER BY created_at_ms DESC, id LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodeSubscription)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// How many subscriptions an owner (a partner, or HQ for nil) has.
    public func webhookSubscriptionCount(partnerId: String?) async throws -> Int {
        let condition: SQLQueryString = partnerId.map { "partner_id = \(bind: $0)" } ?? "partner_id IS NULL"
        return try await first("SELECT COUNT(*) AS total FROM webhook_subscriptions WHERE \(condition)")?.int("total") ?? 0
    }

    /// Saves a subscription's URL, description, types and status if its row version is unchanged.
    public func updateWebhookSubscription(_ record: WebhookSubscriptionRecord) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE webhook_subscriptions SET url = \(bind: record.url), description = \(bind: record.description),
                event_types = \(bind: WebhookEventType.stored(record.eventTypes)), status = \(bind: record.status.rawValue),
                disabled_reason = \(bind: record.disabledReason), updated_at_ms = \(bind: Timestamp.milliseconds(record.updatedAt)),
                row_version = row_version + 1
            WHERE id = \(bind: record.id) AND row_version = \(bind: record.rowVersion)
            RETURNING id
            """) == 1
    }

    /// Disables an active subscription; false when it was disabled already (another worker did it).
    public func disableWebhookSubscription(id: String, reason: String, now: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = \(bind: reason),
                updated_at_ms = \(bind: Timestamp.milliseconds(now)), row_version = row_version + 1
            WHERE id = \(bind: id) AND status = 'active'
            RETURNING id
            """) == 1
    }

    /// The active subscriptions an event of `type` about `partnerId` goes to: HQ's, and the partner's own.
    public func webhookSubscriptionIds(for type: WebhookEventType, partnerId: String?) async throws -> [String] {
        let owner: SQLQueryString = partnerId.map { "(partner_id IS NULL OR partner_id = \(bind: $0))" } ?? "partner_id IS NULL"
        return try await rows(
            """
            SELECT id FROM webhook_subscriptions
            WHERE status = 'active' AND event_types LIKE \(bind: "%," + type.rawValue + ",%") AND \(owner)
            ORDER BY id
            """
        ).map { try $0.string("id") }
    }

    /// Writes an event of the outbox and a pending delivery to each subscription, in the caller's transaction.
    public func insertWebhookEvent(
        id: String, type: WebhookEventType, partnerId: String?, payload: String, subscriptionIds: [String], deliveryIds: [String], at instant: Date
    ) async throws {
        let milliseconds = Timestamp.milliseconds(instant)
        try await execute(
            """
            INSERT INTO webhook_events (id, event_type, partner_id, payload_json, created_at_ms)
            VALUES (\(bind: id), \(bind: type.rawValue), \(bind: partnerId), \(bind: payload), \(bind: milliseconds))
            """)
        for (subscriptionId, deliveryId) in zip(subscriptionIds, deliveryIds) {
            try await execute(
                """
                INSERT INTO webhook_deliveries (id, event_id, subscription_id, event_type, status, attempt_count, next_attempt_at_ms, created_at_ms)
                VALUES (\(bind: deliveryId), \(bind: id), \(bind: subscriptionId), \(bind: type.rawValue), 'pending', 0, \(bind: milliseconds),
                    \(bind: milliseconds))
                """)
        }
    }

    /// Claims up to `limit` due deliveries of active subscriptions (pending and due, or claimed by a
    /// worker whose lease ended) for `leaseSeconds`, under `token`. On PostgreSQL the rows are
    /// taken with `FOR UPDATE SKIP LOCKED`, so instances claiming at once take different rows; on
    /// SQLite the write transaction already excludes every other claimer.
    public func claimWebhookDeliveries(now: Date, limit: Int, leaseSeconds: Int64, token: String) async throws -> [ClaimedWebhookDelivery] {
        let nowMilliseconds = Timestamp.milliseconds(now)
        let locking: SQLQueryString = dialect == .postgres ? " FOR UPDATE OF d SKIP LOCKED" : ""
        try await execute(
            """
            UPDATE webhook_deliveries SET status = 'delivering', claim_token = \(bind: token),
                lease_until_ms = \(bind: nowMilliseconds + leaseSeconds * 1_000),
                first_attempt_at_ms = COALESCE(first_attempt_at_ms, \(bind: nowMilliseconds))
            WHERE id IN (
                SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
                WHERE s.status = 'active' AND ((d.status = 'pending' AND d.next_attempt_at_ms <= \(bind: nowMilliseconds))
                    OR (d.status = 'delivering' AND d.lease_until_ms <= \(bind: nowMilliseconds)))
                ORDER BY d.next_attempt_at_ms, d.id LIMIT \(bind: limit)\(locking))
            """)
        return try await rows(
            """
            SELECT d.id, d.event_id, d.event_type, d.subscription_id, d.attempt_count, d.created_at_ms, d.first_attempt_at_ms, s.url,
                s.secret_cipher, e.payload_json
            FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id JOIN webhook_events e ON e.id = d.event_id
            WHERE d.claim_token = \(bind: token)
            ORDER BY d.next_attempt_at_ms, d.id
            """
        ).map { row in
            ClaimedWebhookDelivery(
                deliveryId: try row.string("id"), eventId: try row.string("event_id"),
                eventType: WebhookEventType(rawValue: try row.string("event_type")) ?? .test, subscriptionId: try row.string("subscription_id"),
                url: try row.string("url"), secretCipher: try row.string("secret_cipher"), payload: try row.string("payload_json"),
                attemptCount: try row.int("attempt_count"), createdAt: try row.date("created_at_ms"),
                firstAttemptAt: try row.optionalDate("first_attempt_at_ms") ?? now, claimToken: token)
        }
    }

    /// Records one attempt and its outcome, if the claim is still the caller's: delivered, pending
    /// again at `nextAttemptAt`, or failed. False when the claim was lost (its lease ended and another
    /// worker took it), and then nothing is written.
    public func finishWebhookAttempt(
        _ claimed: ClaimedWebhookDelivery, attempt: WebhookAttemptRecord, outcome: WebhookDeliveryStatus, nextAttemptAt: Date?, error: String?
    ) async throws -> Bool {
        let changed = try await changedRowCount(
            """
            UPDATE webhook_deliveries SET status = \(bind: outcome.rawValue), claim_token = NULL, lease_until_ms = NULL,
                attempt_count = attempt_count + 1, last_status_code = \(bind: attempt.statusCode.map(Int64.init)), last_error = \(bind: error),
                next_attempt_at_ms = \(bind: Timestamp.milliseconds(nextAttemptAt ?? attempt.startedAt)),
                delivered_at_ms = \(bind: outcome == .delivered ? Timestamp.milliseconds(attempt.startedAt) + attempt.durationMilliseconds : nil)
            WHERE id = \(bind: claimed.deliveryId) AND claim_token = \(bind: claimed.claimToken)
            RETURNING id
            """)
        guard changed == 1 else { return false }
        try await execute(
            """
            INSERT INTO webhook_attempts (delivery_id, attempt_number, started_at_ms, duration_ms, status_code, response_excerpt)
            VALUES (\(bind: attempt.deliveryId), \(bind: Int64(attempt.attemptNumber)), \(bind: Timestamp.milliseconds(attempt.startedAt)),
                \(bind: attempt.durationMilliseconds), \(bind: attempt.statusCode.map(Int64.init)), \(bind: attempt.responseExcerpt))
            """)
        return true
    }

    /// A subscription's deliveries, newest first.
    public func webhookDeliveries(subscriptionId: String, page: PageRequest) async throws -> Page<WebhookDeliveryRecord> {
        let total =
            try await first("SELECT COUNT(*) AS total FROM webhook_deliveries WHERE subscription_id = \(bind: subscriptionId)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT * FROM webhook_deliveries WHERE subscription_id = \(bind: subscriptionId)
            ORDER BY created_at_ms DESC, id LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodeDelivery)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// One delivery by id.
    public func webhookDelivery(id: String) async throws -> WebhookDeliveryRecord? {
        try await first("SELECT * FROM webhook_deliveries WHERE id = \(bind: id)").map(Self.decodeDelivery)
    }

    /// A delivery's attempts, oldest first (at most 100: a day of retries is about 15).
    public func webhookAttempts(deliveryId: String) async throws -> [WebhookAttemptRecord] {
        try await rows(
            "SELECT * FROM webhook_attempts WHERE delivery_id = \(bind: deliveryId) ORDER BY attempt_number LIMIT 100"
        ).map { row in
            WebhookAttemptRecord(
                deliveryId: try row.string("delivery_id"), attemptNumber: try row.int("attempt_number"), startedAt: try row.date("started_at_ms"),
                durationMilliseconds: try row.int64("duration_ms"), statusCode: try row.optionalInt64("status_code").map(Int.init),
                responseExcerpt: try row.string("response_excerpt"))
        }
    }

    /// Queues a delivered or failed delivery again, due now; false while it is pending or being sent.
    public func resendWebhookDelivery(id: String, now: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE webhook_deliveries SET status = 'pending', next_attempt_at_ms = \(bind: Timestamp.milliseconds(now)), delivered_at_ms = NULL,
                first_attempt_at_ms = NULL
            WHERE id = \(bind: id) AND status IN ('delivered', 'failed')
            RETURNING id
            """) == 1
    }

    /// A partner's code alone, for an event's data.
    public func partnerCode(id: String) async throws -> String? {
        try await first("SELECT code FROM partners WHERE id = \(bind: id)")?.string("code")
    }

    /// An event's stored body.
    public func webhookEventPayload(id: String) async throws -> String? {
        try await first("SELECT payload_json FROM webhook_events WHERE id = \(bind: id)")?.string("payload_json")
    }

    static func decodeSubscription(_ row: any SQLRow) throws -> WebhookSubscriptionRecord {
        WebhookSubscriptionRecord(
            id: try row.string("id"), partnerId: try row.optionalString("partner_id"), url: try row.string("url"),
            description: try row.string("description"), eventTypes: WebhookEventType.parse(try row.string("event_types")),
            status: WebhookSubscriptionStatus(rawValue: try row.string("status")) ?? .disabled,
            disabledReason: try row.optionalString("disabled_reason"),
            secretPrefix: try row.string("secret_prefix"), createdByAccountId: try row.optionalString("created_by_account_id"),
            createdAt: try row.date("created_at_ms"), updatedAt: try row.date("updated_at_ms"), rowVersion: try row.int64("row_version"))
    }

    static func decodeDelivery(_ row: any SQLRow) throws -> WebhookDeliveryRecord {
        WebhookDeliveryRecord(
            id: try row.string("id"), eventId: try row.string("event_id"), subscriptionId: try row.string("subscription_id"),
            eventType: WebhookEventType(rawValue: try row.string("event_type")) ?? .test,
            status: WebhookDeliveryStatus(rawValue: try row.string("status")) ?? .pending, attemptCount: try row.int("attempt_count"),
            nextAttemptAt: try row.date("next_attempt_at_ms"), lastStatusCode: try row.optionalInt64("last_status_code").map(Int.init),
            lastError: try row.optionalString("last_error"), deliveredAt: try row.optionalDate("delivered_at_ms"),
            createdAt: try row.date("created_at_ms"))
    }
}
