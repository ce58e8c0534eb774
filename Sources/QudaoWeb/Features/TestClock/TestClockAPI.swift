import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import ServiceLifecycle

/// The test clock's API (only with `--test-clock`): read the platform's time, and move it forward,
/// running every scheduled job that falls due, in time order, before answering.
struct TestClockAPI {
    let services: WebServices
    let clock: TestClock

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/test-clock", "Only with qudao serve --test-clock: the platform's time (HQ admin)", tag: .testClock, showTestClock),
            Endpoint(
                .post, "/api/v1/test-clock",
                "Only with qudao serve --test-clock: move time forward, running every scheduled job that falls due, in time order", tag: .testClock,
                body: TestClockBody.self, advanceTestClock),
        ]
    }

    @Sendable func showTestClock(_ request: Request, _ context: QudaoRequestContext) async throws -> TestClockBody {
        let caller = try context.caller
        try caller.require(.manageSettings)
        return TestClockBody(now: BusinessTime.isoText(clock.now()))
    }

    @Sendable func advanceTestClock(
        _ request: Request, _ context: QudaoRequestContext, _ body: TestClockBody
    ) async throws -> TestClockAdvancedResponse {
        let caller = try context.caller
        try caller.require(.manageSettings)
        guard let target = Self.parse(body.now) else {
            throw AppError.invalid("now", .invalidFormat(expected: .isoTime))
        }
        guard target >= clock.now() else {
            throw AppError.invalid(
                "now", .notAllowed(reason: .testClockBackwards(now: clock.now())))
        }
        let changed = try await services.jobs.runDue(until: target, testClock: clock)
        return TestClockAdvancedResponse(now: BusinessTime.isoText(clock.now()), ordersChanged: String(changed))
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

struct TestClockBody: Codable {
    let now: String
}

/// The clock after a move, and how many orders the jobs that fell due changed (as text).
struct TestClockAdvancedResponse: Codable {
    let now: String
    let ordersChanged: String
}
