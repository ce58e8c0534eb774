import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import ServiceLifecycle

/// Runs the scheduled jobs inside `qudao serve` every `intervalSeconds`, on the platform's clock,
/// and writes the daily signed checkpoint of the chains. Safe with many instances: each job's step
/// is a conditional update, so each order moves once.
struct SchedulerService: Service {
    let jobs: ScheduledJobs
    let platform: Platform
    let logger: Logger
    let intervalSeconds: Int
    let checkpointDirectory: URL?

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let changed = try await jobs.runDue(until: platform.clock.now())
                    if changed > 0 { logger.info("scheduled jobs ran", metadata: ["orders": .stringConvertible(changed)]) }
                    if let checkpointDirectory, let file = try await CheckpointService(platform: platform).writeIfDue(directory: checkpointDirectory)
                    {
                        logger.info("chain checkpoint written", metadata: ["file": .string(file.path)])
                    }
                } catch {
                    // A failed run is retried at the next interval; the error is logged, not fatal.
                    logger.error("scheduled jobs failed", metadata: ["error": .string(String(reflecting: error))])
                }
                try? await Task.sleep(for: .seconds(intervalSeconds))
            }
        }
    }
}
