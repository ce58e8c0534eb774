import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Webhook subscriptions, their delivery log, "send again" and a test event: managed by people
/// (HQ admins for HQ, a partner's owner for the partner); no API key may call these.
struct WebhooksAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/webhooks", "Webhook subscriptions, newest first (an HQ admin: every one; a partner's owner: its own)",
                tag: .integrations, parameters: Endpoint.Parameter.paging, listWebhooks),
            Endpoint(
                .post, "/api/v1/webhooks",
                "Subscribe an https URL to event types; the signing secret (whsec_…) is in this answer only. HQ's receive every event, a partner's its own",
                tag: .integrations, body: WebhookRequest.self, status: .created, createWebhook),
            Endpoint(
                .get, "/api/v1/webhooks/{id}", "One subscription (never its secret)", tag: .integrations, parameters: [.id(prefix: "whs")],
                showWebhook),
            Endpoint(
                .patch, "/api/v1/webhooks/{id}",
                "Change the URL, description or event types, or turn it off or back on (status: disabled or active; turning it on sends what waited)",
                tag: .integrations, parameters: [.id(prefix: "whs")], body: WebhookPatchRequest.self, updateWebhook),
            Endpoint(
                .get, "/api/v1/webhooks/{id}/deliveries", "The subscription's deliveries, newest first", tag: .integrations,
                parameters: [.id(prefix: "whs")] + Endpoint.Parameter.paging, listDeliveries),
            Endpoint(
                .post, "/api/v1/webhooks/{id}/test", "Send a webhook.test event to this subscription now, signed as any other",
                tag: .integrations, parameters: [.id(prefix: "whs")], status: .accepted, sendTest),
            Endpoint(
                .get, "/api/v1/webhook-deliveries/{id}", "One delivery: its body and every attempt (status, time taken, first bytes of the answer)",
                tag: .integrations, parameters: [.id(prefix: "whd")], showDelivery),
            Endpoint(
                .post, "/api/v1/webhook-deliveries/{id}/resend", "Send a delivered or failed delivery again, with the same event id",
                tag: .integrations, parameters: [.id(prefix: "whd")], status: .accepted, resendDelivery),
        ]
    }

    @Sendable func listWebhooks(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<WebhookResponse> {
        PageResponse(try await services.webhooks.list(try context.caller, page: request.pageRequest), WebhookResponse.init)
    }

    @Sendable func createWebhook(_ request: Request, _ context: QudaoRequestContext, _ body: WebhookRequest) async throws -> IssuedWebhookResponse {
        let issued = try await services.webhooks.create(
            try context.caller, WebhookSubscriptionInput(url: body.url, description: body.description, eventTypes: body.eventTypes))
        return IssuedWebhookResponse(subscription: WebhookResponse(issued.subscription), secret: issued.secret)
    }

    @Sendable func showWebhook(_ request: Request, _ context: QudaoRequestContext) async throws -> WebhookResponse {
        WebhookResponse(try await services.webhooks.subscription(try context.caller, id: try context.parameters.require("id")))
    }

    @Sendable func updateWebhook(_ request: Request, _ context: QudaoRequestContext, _ body: WebhookPatchRequest) async throws -> WebhookResponse {
        WebhookResponse(
            try await services.webhooks.update(
                try context.caller, id: try context.parameters.require("id"),
                WebhookSubscriptionInput(url: body.url, description: body.description, eventTypes: body.eventTypes), status: body.status))
    }

    @Sendable func listDeliveries(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<WebhookDeliveryResponse> {
        let list = try await services.webhooks.deliveries(
            try context.caller, subscriptionId: try context.parameters.require("id"), page: request.pageRequest)
        return PageResponse(list) { WebhookDeliveryResponse($0, attempts: nil, payload: nil) }
    }

    @Sendable func sendTest(_ request: Request, _ context: QudaoRequestContext) async throws -> WebhookTestResponse {
        WebhookTestResponse(eventId: try await services.webhooks.sendTest(try context.caller, subscriptionId: try context.parameters.require("id")))
    }

    @Sendable func showDelivery(_ request: Request, _ context: QudaoRequestContext) async throws -> WebhookDeliveryResponse {
        let log = try await services.webhooks.delivery(try context.caller, id: try context.parameters.require("id"))
        return WebhookDeliveryResponse(log.delivery, attempts: log.attempts, payload: log.payload)
    }

    @Sendable func resendDelivery(_ request: Request, _ context: QudaoRequestContext) async throws -> WebhookDeliveryResponse {
        WebhookDeliveryResponse(
            try await services.webhooks.resend(try context.caller, deliveryId: try context.parameters.require("id")), attempts: nil, payload: nil)
    }
}

struct WebhookRequest: Decodable {
    let url: String?
    let description: String?
    /// Event types such as `order.paid`.
    let eventTypes: [String]?
}

struct WebhookPatchRequest: Decodable {
    let url: String?
    let description: String?
    let eventTypes: [String]?
    /// `active` or `disabled`.
    let status: String?
}

struct WebhookResponse: Codable {
    let id: String
    /// The partner a partner's subscription belongs to; absent for HQ's.
    let partnerId: String?
    let url: String
    let description: String
    let eventTypes: [WebhookEventType]
    let status: WebhookSubscriptionStatus
    let disabledReason: String?
    /// The signing secret's first characters.
    let secretPrefix: String
    let createdAt: String

    init(_ record: WebhookSubscriptionRecord) {
        id = record.id
        partnerId = record.partnerId
        url = record.url
        description = record.description
        eventTypes = record.eventTypes.sorted()
        status = record.status
        disabledReason = record.disabledReason
        secretPrefix = record.secretPrefix
        createdAt = BusinessTime.isoText(record.createdAt)
    }
}

struct IssuedWebhookResponse: Codable {
    let subscription: WebhookResponse
    /// The signing secret: the key of each body's HMAC-SHA256 (docs/API.md). It is not shown again.
    let secret: String
}

struct WebhookTestResponse: Codable {
    let eventId: String
}

struct WebhookDeliveryResponse: Codable {
    let id: String
    let eventId: String
    let eventType: WebhookEventType
    let status: WebhookDeliveryStatus
    let attemptCount: Int
    let nextAttemptAt: String?
    let lastStatusCode: Int?
    let lastError: String?
    let deliveredAt: String?
    let createdAt: String
    /// The body as sent (one delivery only).
    let payload: String?
    /// Every attempt, oldest first (one delivery only).
    let attempts: [Attempt]?

    struct Attempt: Codable {
        let attemptNumber: Int
        let startedAt: String
        let durationMilliseconds: Int64
        let statusCode: Int?
        let responseExcerpt: String
    }

    init(_ record: WebhookDeliveryRecord, attempts: [WebhookAttemptRecord]?, payload: String?) {
        id = record.id
        eventId = record.eventId
        eventType = record.eventType
        status = record.status
        attemptCount = record.attemptCount
        nextAttemptAt = record.status == .pending ? BusinessTime.isoText(record.nextAttemptAt) : nil
        lastStatusCode = record.lastStatusCode
        lastError = record.lastError
        deliveredAt = record.deliveredAt.map(BusinessTime.isoText)
        createdAt = BusinessTime.isoText(record.createdAt)
        self.payload = payload
        self.attempts = attempts?.map {
            Attempt(
                attemptNumber: $0.attemptNumber, startedAt: BusinessTime.isoText($0.startedAt), durationMilliseconds: $0.durationMilliseconds,
                statusCode: $0.statusCode, responseExcerpt: $0.responseExcerpt)
        }
    }
}
