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
                throw AppError.invalid("now", .invalidFormat(expected: .isoTime))
            }
            guard target >= clock.now() else {
                throw AppError.invalid(
                    "now", .notAllowed(reason: .testClockBackwards(now: clock.now())))
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

struct TestClockBody: Codable {
    let now: String
}
