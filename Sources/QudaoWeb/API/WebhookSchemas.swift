import Foundation
import QudaoApp
import QudaoCore

/// The webhooks a subscription receives, for the document: each event type's body (the envelope
/// and the type's data) and the headers it comes with.
enum WebhookSchemas {
    static func entries(_ recorder: SchemaRecorder) throws -> [String: JSONTree] {
        var entries: [String: JSONTree] = [:]
        for type in WebhookEventType.subscribable + [.test] {
            let body: Schema
            switch type {
            case .orderPaid, .orderShipped, .orderDelivered, .orderCompleted, .orderCancelled:
                body = try recorder.schema(of: WebhookEnvelope<WebhookOrderData>.self)
            case .returnRefunded: body = try recorder.schema(of: WebhookEnvelope<WebhookReturnData>.self)
            case .topUpConfirmed, .topUpRejected: body = try recorder.schema(of: WebhookEnvelope<WebhookTopUpData>.self)
            case .partnerCreated, .partnerStatusChanged, .partnerGradeChanged:
                body = try recorder.schema(of: WebhookEnvelope<WebhookPartnerData>.self)
            case .statementIssued, .statementPaid, .commissionSettled:
                body = try recorder.schema(of: WebhookEnvelope<WebhookStatementData>.self)
            case .stockLow: body = try recorder.schema(of: WebhookEnvelope<WebhookStockData>.self)
            case .test: body = try recorder.schema(of: WebhookEnvelope<WebhookTestData>.self)
            }
            let header = { (name: String, description: String) -> JSONTree in
                ["name": .string(name), "in": "header", "required": true, "schema": ["type": "string"], "description": .string(description)]
            }
            entries[type.rawValue] = [
                "post": [
                    "summary": .string("\(type.rawValue): sent to the subscription's URL"),
                    "operationId": .string(
                        "webhook" + type.rawValue.split { $0 == "." || $0 == "_" }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()),
                    "parameters": [
                        header(
                            "Qudao-Event-Id",
                            "The event's unique id (evt_…); the same on every attempt and on \"send again\": keep it to drop repeats"),
                        header("Qudao-Event-Type", "The event type"),
                        header("Qudao-Delivery-Id", "This delivery's id (whd_…), as the delivery log shows it"),
                        header(
                            "Qudao-Signature",
                            "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" keyed with the subscription's secret>; refuse a t older than 5 minutes"
                        ),
                    ],
                    "requestBody": ["required": true, "content": ["application/json": ["schema": body.tree]]],
                    "responses": [
                        "2XX": ["description": "Received: the delivery is done"],
                        "default": [
                            "description": "Anything else, or no answer within 10 s: retried with exponential backoff and jitter for 24 hours"
                        ],
                    ],
                ]
            ]
        }
        return entries
    }
}
