import Foundation
import QudaoCore
import QudaoStore

/// What a person types to subscribe: the API's body and the page's form alike.
public struct WebhookSubscriptionInput: Sendable {
    public var url: String?
    public var description: String?
    public var eventTypes: [String]?

    /// Creates an input.
    public init(url: String? = nil, description: String? = nil, eventTypes: [String]? = nil) {
        self.url = url
        self.description = description
        self.eventTypes = eventTypes
    }
}

/// A subscription with its signing secret, shown this once.
public struct IssuedWebhookSubscription: Sendable {
    public let subscription: WebhookSubscriptionRecord
    public let secret: String
}

/// A delivery with its attempts, for the log.
public struct WebhookDeliveryLog: Sendable {
    public let delivery: WebhookDeliveryRecord
    public let attempts: [WebhookAttemptRecord]
    public let payload: String
}

/// Webhook subscriptions (issue 15): HQ admins subscribe HQ's systems to every event, a
/// partner's owner its own systems to the partner's events.
public struct WebhookService: Sendable {
    let platform: Platform
    /// Whether subscriptions may name loopback or private addresses and plain http (an operator's
    /// setting for a closed network, and the tests' receiver).
    let allowsInternalTargets: Bool

    /// Creates the service.
    public init(platform: Platform, allowsInternalTargets: Bool) {
        self.platform = platform
        self.allowsInternalTargets = allowsInternalTargets
    }

    /// Subscribes a URL to event types; the signing secret is in the answer only.
    public func create(_ caller: Caller, _ input: WebhookSubscriptionInput) async throws -> IssuedWebhookSubscription {
        let partnerId = try APIKeyService.ownerPartnerId(caller)
        var validator = Validator()
        let url = WebhookTarget.validate(input.url, allowsInternal: allowsInternalTargets, &validator)
        let description = validator.text("description", input.description, required: false, maximumCharacters: 120) ?? ""
        let types = Self.eventTypes(input.eventTypes, &validator)
        try validator.throwIfInvalidAsAppError()
        guard let url else { preconditionFailure("validated above") }
        let now = platform.clock.now()
        let secret = "whsec_" + AuthService.randomToken()
        let record = WebhookSubscriptionRecord(
            id: Identifier.make(prefix: "whs"), partnerId: partnerId, url: url, description: description, eventTypes: types, status: .active,
            disabledReason: nil, secretPrefix: String(secret.prefix(10)), createdByAccountId: caller.auditAccountId, createdAt: now,
            updatedAt: now, rowVersion: 1)
        let cipher = try platform.cipher.encrypt(secret)
        try await platform.database.write { session in
            if try await session.webhookSubscriptionCount(partnerId: partnerId) >= WebhookPolicy.maximumSubscriptions {
                throw AppError.invalid("url", .notAllowed(reason: .tooManyWebhooks(maximum: WebhookPolicy.maximumSubscriptions)))
            }
            try await session.insertWebhookSubscription(record, secretCipher: cipher)
            try await session.audit(
                caller, at: now, action: "webhook.create", entityType: "webhook_subscription", entityId: record.id, before: nil,
                after: Self.snapshot(record))
        }
        return IssuedWebhookSubscription(subscription: record, secret: secret)
    }

    /// The subscriptions the caller manages: all for an HQ admin, the partner's own for its owner.
    public func list(_ caller: Caller, page: PageRequest) async throws -> Page<WebhookSubscriptionRecord> {
        let partnerId = try APIKeyService.ownerPartnerId(caller)
        return try await platform.database.read {
            try await $0.webhookSubscriptions(partnerId: partnerId, everyOwner: partnerId == nil, page: page)
        }
    }

    /// One subscription the caller manages.
    public func subscription(_ caller: Caller, id: String) async throws -> WebhookSubscriptionRecord {
        try await platform.database.read { try await self.visibleSubscription(caller, id: id, $0) }
    }

    /// Changes the URL, description, types or status (`active` turns a disabled one back on).
    public func update(_ caller: Caller, id: String, _ input: WebhookSubscriptionInput, status: String?) async throws -> WebhookSubscriptionRecord {
        var validator = Validator()
        let url = input.url == nil ? nil : WebhookTarget.validate(input.url, allowsInternal: allowsInternalTargets, &validator)
        let description = input.description.map { validator.text("description", $0, required: false, maximumCharacters: 120) ?? "" }
        let types = input.eventTypes.map { Self.eventTypes($0, &validator) }
        let newStatus = status.flatMap { validator.oneOf("status", $0, as: WebhookSubscriptionStatus.self) }
        try validator.throwIfInvalidAsAppError()
        let now = platform.clock.now()
        return try await platform.database.write { session in
            let before = try await self.visibleSubscription(caller, id: id, session)
            var record = before
            if let url { record.url = url }
            if let description { record.description = description }
            if let types { record.eventTypes = types }
            if let newStatus {
                record.status = newStatus
                if newStatus == .active { record.disabledReason = nil }
            }
            record.updatedAt = now
            guard try await session.updateWebhookSubscription(record) else { throw AppError.conflict(reason: .changedMeanwhile(.webhook)) }
            try await session.audit(
                caller, at: now, action: "webhook.update", entityType: "webhook_subscription", entityId: record.id,
                before: Self.snapshot(before), after: Self.snapshot(record))
            return record
        }
    }

    /// A subscription's deliveries, newest first.
    public func deliveries(_ caller: Caller, subscriptionId: String, page: PageRequest) async throws -> Page<WebhookDeliveryRecord> {
        try await platform.database.read { session in
            let subscription = try await self.visibleSubscription(caller, id: subscriptionId, session)
            return try await session.webhookDeliveries(subscriptionId: subscription.id, page: page)
        }
    }

    /// One delivery with its attempts and body.
    public func delivery(_ caller: Caller, id: String) async throws -> WebhookDeliveryLog {
        try await platform.database.read { session in
            let delivery = try await self.visibleDelivery(caller, id: id, session)
            return WebhookDeliveryLog(
                delivery: delivery, attempts: try await session.webhookAttempts(deliveryId: delivery.id),
                payload: try await session.webhookEventPayload(id: delivery.eventId) ?? "")
        }
    }

    /// Sends a delivered or failed delivery again ("send again"), due now, with the same event id.
    public func resend(_ caller: Caller, deliveryId: String) async throws -> WebhookDeliveryRecord {
        let now = platform.clock.now()
        return try await platform.database.write { session in
            let delivery = try await self.visibleDelivery(caller, id: deliveryId, session)
            guard try await session.resendWebhookDelivery(id: delivery.id, now: now), let queued = try await session.webhookDelivery(id: delivery.id)
            else { throw AppError.conflict(reason: .webhookDeliveryInProgress) }
            try await session.audit(
                caller, at: now, action: "webhook.resend", entityType: "webhook_delivery", entityId: delivery.id, before: nil, after: nil)
            return queued
        }
    }

    /// Queues a `webhook.test` event to the one subscription, whatever types it asked for.
    public func sendTest(_ caller: Caller, subscriptionId: String) async throws -> String {
        let now = platform.clock.now()
        return try await platform.database.write { session in
            let subscription = try await self.visibleSubscription(caller, id: subscriptionId, session)
            return try await session.emitWebhook(
                .test, partnerId: subscription.partnerId,
                data: WebhookTestData(subscriptionId: subscription.id, message: "A test event from Qudao: the endpoint is reached and signed."),
                at: now, onlyTo: subscription.id)
        }
    }

    // MARK: Rules

    func visibleSubscription(_ caller: Caller, id: String, _ session: SQLSession) async throws -> WebhookSubscriptionRecord {
        let partnerId = try APIKeyService.ownerPartnerId(caller)
        guard Identifier.isWellFormed(id, prefix: "whs"), let record = try await session.webhookSubscription(id: id),
            partnerId == nil || record.partnerId == partnerId
        else { throw AppError.notFound(entity: "webhook_subscription") }
        return record
    }

    func visibleDelivery(_ caller: Caller, id: String, _ session: SQLSession) async throws -> WebhookDeliveryRecord {
        guard Identifier.isWellFormed(id, prefix: "whd"), let delivery = try await session.webhookDelivery(id: id) else {
            throw AppError.notFound(entity: "webhook_delivery")
        }
        do {
            _ = try await visibleSubscription(caller, id: delivery.subscriptionId, session)
        } catch AppError.notFound {
            throw AppError.notFound(entity: "webhook_delivery")
        }
        return delivery
    }

    static func eventTypes(_ names: [String]?, _ validator: inout Validator) -> Set<WebhookEventType> {
        let given = (names ?? []).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard !given.isEmpty else {
            validator.add("eventTypes", .required)
            return []
        }
        var types: Set<WebhookEventType> = []
        for name in given {
            guard let type = WebhookEventType(rawValue: name), WebhookEventType.subscribable.contains(type) else {
                validator.add("eventTypes", .notOneOf(allowed: WebhookEventType.subscribable.map(\.rawValue)))
                return []
            }
            types.insert(type)
        }
        return types
    }

    static func snapshot(_ record: WebhookSubscriptionRecord) -> String {
        AuditSnapshot.json([
            "url": .text(record.url), "description": .text(record.description),
            "eventTypes": .text(record.eventTypes.sorted().map(\.rawValue).joined(separator: ",")), "status": .text(record.status.rawValue),
            "partnerId": .optionalText(record.partnerId), "secretPrefix": .text(record.secretPrefix),
        ])
    }
}

/// Where a webhook may be sent: a URL that names a host people reach from outside, not this
/// machine or a private network (server-side request forgery), unless the operator allows it.
public enum WebhookTarget {
    /// The URL, checked: `https://` (or `http://` where internal targets are allowed), a host, no
    /// user name or password, at most 500 characters; a literal internal address is refused.
    static func validate(_ text: String?, allowsInternal: Bool, _ validator: inout Validator) -> String? {
        guard let trimmed = validator.text("url", text, maximumCharacters: WebhookPolicy.maximumURLCharacters) else { return nil }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(), let host = components.host,
            !host.isEmpty, components.user == nil, components.password == nil,
            scheme == "https" || (scheme == "http" && allowsInternal)
        else {
            validator.add("url", .invalidFormat(expected: allowsInternal ? .webhookURL : .httpsURL))
            return nil
        }
        if !allowsInternal, let address = NetworkAddress(host), address.isInternal {
            validator.add("url", .notAllowed(reason: .webhookInternalAddress))
            return nil
        }
        if !allowsInternal, host.lowercased() == "localhost" || host.lowercased().hasSuffix(".localhost") {
            validator.add("url", .notAllowed(reason: .webhookInternalAddress))
            return nil
        }
        return trimmed
    }
}
