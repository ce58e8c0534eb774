import Foundation

/// What a webhook tells another system (issue 15). Each type's `data` has a stable schema, listed
/// in the OpenAPI document's `webhooks` section; an envelope carries the event's unique id.
public enum WebhookEventType: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case orderPaid = "order.paid"
    case orderShipped = "order.shipped"
    case orderDelivered = "order.delivered"
    case orderCompleted = "order.completed"
    case orderCancelled = "order.cancelled"
    case returnRefunded = "return.refunded"
    case topUpConfirmed = "topup.confirmed"
    case topUpRejected = "topup.rejected"
    case statementIssued = "statement.issued"
    case statementPaid = "statement.paid"
    case commissionSettled = "commission.settled"
    case partnerCreated = "partner.created"
    case partnerStatusChanged = "partner.status_changed"
    case partnerGradeChanged = "partner.grade_changed"
    case stockLow = "stock.low"
    /// Sent only by the "send a test event" button, to the one subscription it was pressed for.
    case test = "webhook.test"

    /// The types a subscription may choose (every one but the test event).
    public static let subscribable: [WebhookEventType] = allCases.filter { $0 != .test }

    public static func < (left: WebhookEventType, right: WebhookEventType) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }

    /// Types as stored: each between commas (`,order.paid,order.shipped,`), so one `LIKE` finds a type.
    public static func stored(_ types: Set<WebhookEventType>) -> String {
        "," + types.sorted().map(\.rawValue).joined(separator: ",") + ","
    }

    /// Types read back from storage; unknown names are dropped.
    public static func parse(_ stored: String) -> Set<WebhookEventType> {
        Set(stored.split(separator: ",").compactMap { WebhookEventType(rawValue: String($0)) })
    }
}

/// Whether a subscription is being sent to.
public enum WebhookSubscriptionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    /// Turned off by its owner, or by the platform after a delivery failed for a whole day.
    case disabled
}

/// An endpoint of another system that receives events: HQ's (every event) or a partner's (its own).
public struct WebhookSubscriptionRecord: Sendable, Hashable {
    public let id: String
    public let partnerId: String?
    public var url: String
    public var description: String
    public var eventTypes: Set<WebhookEventType>
    public var status: WebhookSubscriptionStatus
    /// Why the platform disabled it, when it did.
    public var disabledReason: String?
    /// `whsec_` and the next four characters of the signing secret, to tell secrets apart.
    public var secretPrefix: String
    public let createdByAccountId: String?
    public let createdAt: Date
    public var updatedAt: Date
    public var rowVersion: Int64

    /// Creates a record.
    public init(
        id: String, partnerId: String?, url: String, description: String, eventTypes: Set<WebhookEventType>,
        status: WebhookSubscriptionStatus, disabledReason: String?, secretPrefix: String, createdByAccountId: String?, createdAt: Date,
        updatedAt: Date, rowVersion: Int64
    ) {
        self.id = id
        self.partnerId = partnerId
        self.url = url
        self.description = description
        self.eventTypes = eventTypes
        self.status = status
        self.disabledReason = disabledReason
        self.secretPrefix = secretPrefix
        self.createdByAccountId = createdByAccountId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.rowVersion = rowVersion
    }
}

/// Where one event's delivery to one subscription is.
public enum WebhookDeliveryStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for its next attempt.
    case pending
    /// Claimed by a worker, which is sending it now (until its lease ends).
    case delivering
    /// Answered with a 2xx.
    case delivered
    /// Retried for a day without a 2xx.
    case failed
}

/// One event's delivery to one subscription, with its attempts so far.
public struct WebhookDeliveryRecord: Sendable, Hashable {
    public let id: String
    public let eventId: String
    public let subscriptionId: String
    public let eventType: WebhookEventType
    public var status: WebhookDeliveryStatus
    public var attemptCount: Int
    public var nextAttemptAt: Date
    public var lastStatusCode: Int?
    public var lastError: String?
    public var deliveredAt: Date?
    public let createdAt: Date

    /// Creates a record.
    public init(
        id: String, eventId: String, subscriptionId: String, eventType: WebhookEventType, status: WebhookDeliveryStatus, attemptCount: Int,
        nextAttemptAt: Date, lastStatusCode: Int?, lastError: String?, deliveredAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.eventId = eventId
        self.subscriptionId = subscriptionId
        self.eventType = eventType
        self.status = status
        self.attemptCount = attemptCount
        self.nextAttemptAt = nextAttemptAt
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.deliveredAt = deliveredAt
        self.createdAt = createdAt
    }
}

/// One HTTP attempt of a delivery, as the delivery log shows it.
public struct WebhookAttemptRecord: Sendable, Hashable {
    public let deliveryId: String
    public let attemptNumber: Int
    public let startedAt: Date
    public let durationMilliseconds: Int64
    /// The answer's status; nil when none came (a refused connection, a timeout, a refused address).
    public let statusCode: Int?
    /// The first bytes of the answer, or what went wrong.
    public let responseExcerpt: String

    /// Creates a record.
    public init(deliveryId: String, attemptNumber: Int, startedAt: Date, durationMilliseconds: Int64, statusCode: Int?, responseExcerpt: String) {
        self.deliveryId = deliveryId
        self.attemptNumber = attemptNumber
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.statusCode = statusCode
        self.responseExcerpt = responseExcerpt
    }
}

/// The limits and the retry schedule of webhook deliveries.
public enum WebhookPolicy {
    /// A delivery is retried for at least this long, then marked failed.
    public static let retryWindowSeconds: Int64 = 24 * 3_600
    /// The first retry's delay; each later one doubles, up to ``maximumDelaySeconds``.
    public static let firstDelaySeconds: Int64 = 30
    public static let maximumDelaySeconds: Int64 = 4 * 3_600
    /// A claimed delivery is the claimer's for this long; a worker that died holding it loses it then.
    public static let leaseSeconds: Int64 = 60
    /// How long one attempt may take, connection included.
    public static let requestTimeoutSeconds: Int64 = 10
    /// The answer's bytes kept in the log.
    public static let responseExcerptBytes = 500
    /// Deliveries one worker claims at a time.
    public static let claimBatchSize = 25
    /// Subscriptions one owner may have.
    public static let maximumSubscriptions = 20
    /// The longest URL accepted.
    public static let maximumURLCharacters = 500

    /// The delay before attempt `failures + 1`, after `failures` failed attempts, with ±20 % jitter
    /// drawn from `jitterPermille` (0…400, so that tests can choose it): whole milliseconds.
    public static func retryDelayMilliseconds(afterFailures failures: Int, jitterPermille: Int) -> Int64 {
        let exponent = min(max(failures - 1, 0), 20)
        let base = min(firstDelaySeconds << Int64(exponent), maximumDelaySeconds) * 1_000
        let permille = Int64(800 + min(max(jitterPermille, 0), 400))
        return base * permille / 1_000
    }
}
