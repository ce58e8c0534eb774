import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import ServiceLifecycle

/// Runs the scheduled jobs inside `qudao serve` every `intervalSeconds`, on the platform's clock.
/// Safe with many instances: each job's step is a conditional update, so each order moves once.
struct SchedulerService: Service {
    let jobs: ScheduledJobs
    let clock: any QudaoCore.Clock
    let logger: Logger
    let intervalSeconds: Int

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let changed = try await jobs.runDue(until: clock.now())
                    if changed > 0 { logger.info("scheduled jobs ran", metadata: ["orders": .stringConvertible(changed)]) }
                } catch {
                    // A failed run is retried at the next interval; the error is logged, not fatal.
                    logger.error("scheduled jobs failed", metadata: ["error": .string(String(reflecting: error))])
                }
                try? await Task.sleep(for: .seconds(intervalSeconds))
            }
        }
    }
}
