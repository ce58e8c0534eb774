import Foundation
import Logging
import QudaoApp
import QudaoCore
import ServiceLifecycle

/// Runs the webhook delivery worker inside `qudao serve`: it sends what is due, and when nothing
/// is, looks again after `pollMilliseconds`. Every instance runs one; their claims never overlap.
struct WebhookDeliveryService: Service {
    let platform: Platform
    let allowsInternalTargets: Bool
    let logger: Logger
    let pollMilliseconds: Int

    func run() async throws {
        // The HTTP client is made here, not when the application is built: a client must be shut
        // down before it goes, and a server that fails to start never runs its services.
        let transport = HTTPWebhookTransport(allowsInternalTargets: allowsInternalTargets)
        let worker = WebhookDeliveryWorker(platform: platform, transport: transport)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var sent = 0
                do {
                    sent = try await worker.runOnce()
                } catch {
                    // A failed pass (the database away for a moment) is retried at the next poll.
                    logger.error("webhook delivery failed", metadata: ["error": .string(String(reflecting: error))])
                }
                // A full batch means more may be due: go on at once.
                if sent < WebhookPolicy.claimBatchSize { try? await Task.sleep(for: .milliseconds(pollMilliseconds)) }
            }
        }
        await transport.shutdown()
    }
}
