import Foundation
import QudaoCore
import QudaoStore

/// What one HTTP attempt came to.
public struct WebhookAnswer: Sendable {
    /// The answer's status; nil when none came.
    public let statusCode: Int?
    /// The answer's first bytes, or what went wrong (a refused address, a timeout).
    public let excerpt: String

    /// Creates a response.
    public init(statusCode: Int?, excerpt: String) {
        self.statusCode = statusCode
        self.excerpt = excerpt
    }
}

/// Sends one signed POST. The web layer's implementation uses a real HTTP client with the
/// server-side request forgery guard; the worker depends only on this.
public protocol WebhookTransport: Sendable {
    /// Posts `body` to `url` with `headers`, within `timeoutSeconds`.
    func post(url: String, headers: [(String, String)], body: String, timeoutSeconds: Int64) async -> WebhookAnswer
}

/// Sends the outbox's due deliveries (issue 15). Every instance runs one: a claim is a
/// conditional update under a lease (and `FOR UPDATE SKIP LOCKED` on PostgreSQL), so instances
/// never send one delivery at the same time; an outcome is written only by the claim's holder.
public struct WebhookDeliveryWorker: Sendable {
    let platform: Platform
    let transport: any WebhookTransport
    /// Deliveries sent at once by this worker.
    let concurrency: Int

    /// Creates a worker.
    public init(platform: Platform, transport: any WebhookTransport, concurrency: Int = 8) {
        self.platform = platform
        self.transport = transport
        self.concurrency = max(1, concurrency)
    }

    /// Claims what is due now and sends it; returns how many attempts were made.
    @discardableResult
    public func runOnce() async throws -> Int {
        let now = platform.clock.now()
        let token = AuthService.randomToken()
        let claimed = try await platform.database.write { session in
            try await session.claimWebhookDeliveries(
                now: now, limit: WebhookPolicy.claimBatchSize, leaseSeconds: WebhookPolicy.leaseSeconds, token: token)
        }
        guard !claimed.isEmpty else { return 0 }
        var made = 0
        for start in stride(from: 0, to: claimed.count, by: concurrency) {
            let batch = claimed[start..<min(start + concurrency, claimed.count)]
            made += try await withThrowingTaskGroup(of: Int.self) { group in
                for delivery in batch { group.addTask { try await self.attempt(delivery) ? 1 : 0 } }
                return try await group.reduce(0, +)
            }
        }
        return made
    }

    /// Sends one claimed delivery and records the outcome; false when the claim was lost meanwhile.
    func attempt(_ claimed: ClaimedWebhookDelivery) async throws -> Bool {
        let secret = try platform.cipher.decrypt(claimed.secretCipher)
        let started = platform.clock.now()
        let timestamp = Int64(started.timeIntervalSince1970)
        let headers = [
            ("Content-Type", "application/json"), ("User-Agent", "Qudao-Webhooks/1"), ("Qudao-Event-Id", claimed.eventId),
            ("Qudao-Event-Type", claimed.eventType.rawValue), ("Qudao-Delivery-Id", claimed.deliveryId),
            ("Qudao-Signature", WebhookBody.signature(secret: secret, timestamp: timestamp, body: claimed.payload)),
        ]
        let clock = ContinuousClock()
        let began = clock.now
        let response = await transport.post(
            url: claimed.url, headers: headers, body: claimed.payload, timeoutSeconds: WebhookPolicy.requestTimeoutSeconds)
        let elapsed = clock.now - began
        let durationMilliseconds = elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let finished = platform.clock.now()
        let succeeded = response.statusCode.map { (200...299).contains($0) } ?? false
        let attempt = WebhookAttemptRecord(
            deliveryId: claimed.deliveryId, attemptNumber: claimed.attemptCount + 1, startedAt: started,
            durationMilliseconds: durationMilliseconds, statusCode: response.statusCode,
            responseExcerpt: String(response.excerpt.prefix(WebhookPolicy.responseExcerptBytes)))
        let outcome: WebhookDeliveryStatus
        let nextAttemptAt: Date?
        if succeeded {
            (outcome, nextAttemptAt) = (.delivered, nil)
        } else if Int64(finished.timeIntervalSince(claimed.firstAttemptAt)) >= WebhookPolicy.retryWindowSeconds {
            (outcome, nextAttemptAt) = (.failed, nil)
        } else {
            let delay = WebhookPolicy.retryDelayMilliseconds(afterFailures: claimed.attemptCount + 1, jitterPermille: Int.random(in: 0...400))
            (outcome, nextAttemptAt) = (.pending, finished.addingTimeInterval(TimeInterval(delay) / 1_000))
        }
        let error = succeeded ? nil : (response.statusCode.map { "HTTP \($0)" } ?? response.excerpt)
        return try await platform.database.write { session in
            guard try await session.finishWebhookAttempt(claimed, attempt: attempt, outcome: outcome, nextAttemptAt: nextAttemptAt, error: error)
            else { return false }
            // A day of failures turns the subscription off, and its owner is told.
            if outcome == .failed,
                try await session.disableWebhookSubscription(
                    id: claimed.subscriptionId, reason: "A delivery failed for 24 hours: \(error ?? "no answer")", now: finished),
                let subscription = try await session.webhookSubscription(id: claimed.subscriptionId)
            {
                let audience: NotificationAudience =
                    subscription.partnerId.map { .partner(id: $0, permission: .teamManagement) } ?? .hq(roles: [.admin])
                try await NotificationService.send(.webhookDisabled(subscription), to: audience, at: finished, session)
            }
            return true
        }
    }
}
