import Foundation
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

@testable import QudaoApp

/// The outbox's promise: an event exists exactly when the change that wrote it committed.
@Suite("Webhook outbox")
struct WebhookOutboxTests {
    struct Failed: Error {}

    @Test(
        "an event written in a transaction that rolls back leaves nothing; one that commits leaves it and its delivery", arguments: Backend.available)
    func outboxFollowsTheTransaction(_ backend: Backend) async throws {
        let (platform, clock) = try await TestDatabase.platform(backend)
        let service = WebhookService(platform: platform, allowsInternalTargets: false)
        // A stored admin: the subscription records who made it.
        let admin = try await AccountService(platform: platform).create(
            Fixtures.hq(.admin),
            AccountInput(username: "hq-admin-1", displayName: "管理员", kind: "hq", hqRole: "admin", password: "Tq8#harbour-lantern"))
        let issued = try await service.create(
            Caller(principal: admin.principal, origin: Fixtures.origin),
            WebhookSubscriptionInput(url: "https://erp.example.com/hook", eventTypes: ["topup.confirmed"]))
        let data = WebhookTestData(subscriptionId: issued.subscription.id, message: "x")
        await #expect(throws: Failed.self) {
            try await platform.database.write { session in
                try await session.emitWebhook(.topUpConfirmed, partnerId: nil, data: data, at: clock.now())
                throw Failed()
            }
        }
        func count(_ table: String) async throws -> Int64 {
            try await platform.database.read { try await $0.first("SELECT COUNT(*) AS total FROM \(unsafeRaw: table)")?.int64("total") ?? 0 }
        }
        let (eventsAfterRollback, deliveriesAfterRollback) = (try await count("webhook_events"), try await count("webhook_deliveries"))
        #expect(eventsAfterRollback == 0 && deliveriesAfterRollback == 0)
        try await platform.database.write { session in
            try await session.emitWebhook(.topUpConfirmed, partnerId: nil, data: data, at: clock.now())
            // A type nobody asked for writes nothing at all.
            try await session.emitWebhook(.orderPaid, partnerId: nil, data: data, at: clock.now())
        }
        let (events, deliveries) = (try await count("webhook_events"), try await count("webhook_deliveries"))
        #expect(events == 1 && deliveries == 1)
        await platform.database.close()
    }

    @Test(
        "the retry schedule doubles from 30 seconds to 4 hours with ±20 % jitter and spans a day in about fifteen attempts",
        arguments: [(1, 200, 30_000), (2, 200, 60_000), (3, 0, 96_000), (4, 400, 288_000), (10, 200, 14_400_000), (30, 200, 14_400_000)])
    func retrySchedule(failures: Int, jitter: Int, expectedMilliseconds: Int64) {
        #expect(WebhookPolicy.retryDelayMilliseconds(afterFailures: failures, jitterPermille: jitter) == expectedMilliseconds)
    }

    @Test("a signature verifies with its secret and body only, within five minutes")
    func signature() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let header = WebhookBody.signature(secret: "whsec_test", timestamp: 1_800_000_000, body: #"{"id":"evt_1"}"#)
        #expect(header.hasPrefix("t=1800000000,v1=") && header.count == "t=1800000000,v1=".count + 64)
        #expect(WebhookBody.verify(header: header, body: #"{"id":"evt_1"}"#, secret: "whsec_test", now: now))
        #expect(!WebhookBody.verify(header: header, body: #"{"id":"evt_2"}"#, secret: "whsec_test", now: now))
        #expect(!WebhookBody.verify(header: header, body: #"{"id":"evt_1"}"#, secret: "whsec_other", now: now))
        #expect(!WebhookBody.verify(header: header, body: #"{"id":"evt_1"}"#, secret: "whsec_test", now: now.addingTimeInterval(301)))
    }
}
