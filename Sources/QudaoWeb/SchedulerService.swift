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

/// The test clock's API (only with `--test-clock`): read the platform's time, and move it forward,
/// running every scheduled job that falls due, in time order, before answering.
struct TestClockAPI {
    let services: WebServices
    let clock: TestClock

    func register(on api: RouterGroup<QudaoRequestContext>) {
        api.get("test-clock") { request, context in
            let caller = try services.caller(request, context)
            try caller.require(.manageSettings)
            return try JSONResponse.make(TestClockBody(now: BusinessTime.isoText(clock.now())))
        }
        api.post("test-clock") { request, context in
            let caller = try services.caller(request, context)
            try caller.require(.manageSettings)
            let body = try await APIRoutes(services: services).decode(TestClockBody.self, request, context)
            guard let target = Self.parse(body.now) else {
                throw AppError.invalid("now", .invalidFormat(expected: "an ISO 8601 time such as 2026-11-15T02:00:00+08:00"))
            }
            guard target >= clock.now() else {
                throw AppError.invalid(
                    "now", .notAllowed(reason: "the test clock never goes backwards (it reads \(BusinessTime.isoText(clock.now())))"))
            }
            let changed = try await services.jobs.runDue(until: target, testClock: clock)
            return try JSONResponse.make(["now": BusinessTime.isoText(clock.now()), "ordersChanged": String(changed)])
        }
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
