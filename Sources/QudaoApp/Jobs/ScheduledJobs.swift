import Foundation
import QudaoCore
import QudaoStore

/// The platform's scheduled work (RULES §4): delivered orders become received after the configured
/// days, received orders complete when the return window has passed with no open return; the
/// monthly settlement (RULES §7) and the daily partner grading at 03:00 (RULES §9).
///
/// Jobs run in time order, each at the instant it fell due. Every step is a conditional update, so
/// any number of server instances can run them at once and each order still transitions once.
public struct ScheduledJobs: Sendable {
    let platform: Platform

    /// The most transitions one run makes; the next run continues.
    public static let maximumPerRun = 10_000

    enum Job {
        case receive(String)
        case complete(String)
        case settle(BusinessMonth)
        case grade(String)

        var order: Int {
            switch self {
            case .receive: 0
            case .complete: 1
            case .settle: 2
            case .grade: 3
            }
        }
    }

    /// Whether the daily grading runs with the other jobs. The demo loader builds its past without
    /// it and grades the days it wants explicitly, as a hundred daily runs would slow every start.
    let grading: Bool

    /// Whether partner statements are issued after each settlement and confirmed automatically. The
    /// demo loader writes its history out of time order (the channel's months after the orders'), so
    /// it issues its statements once, at the end, over the whole history.
    let partnerStatements: Bool

    /// Creates the runner.
    public init(platform: Platform, grading: Bool = true, partnerStatements: Bool = true) {
        self.platform = platform
        self.grading = grading
        self.partnerStatements = partnerStatements
    }

    /// Runs every job due by `until`, earliest first. With a test clock, the clock is moved to each
    /// job's due time before it runs (never backwards), so time-dependent effects see that time.
    /// Returns how many orders changed.
    @discardableResult
    public func runDue(until: Date, testClock: TestClock? = nil) async throws -> Int {
        let orders = OrderService(platform: platform)
        var changed = 0
        var attempts = 0
        while attempts < Self.maximumPerRun {
            let windows = try await SettingsService(platform: platform).orderWindows()
            let (receive, complete) = try await platform.database.read { session in
                (
                    try await session.dueForAutoReceive(
                        autoReceiveMilliseconds: Int64(windows.autoReceiveDays) * 86_400_000, cutoff: until, limit: 1
                    ).first,
                    try await session.dueForCompletion(
                        returnWindowMilliseconds: Int64(windows.returnWindowDays) * 86_400_000, cutoff: until, limit: 1
                    ).first
                )
            }
            let settlement = try await SettlementService(platform: platform).dueMonths(by: until).first
            let grading = self.grading ? try await GradingService(platform: platform).dueDays(by: until).first : nil
            var candidates: [(due: Date, job: Job)] = []
            // The daily grading at 03:00, like the settlement, waits for its real time without a test clock.
            if let grading, testClock != nil || grading.runTime <= platform.clock.now() { candidates.append((grading.runTime, .grade(grading.day))) }
            if let receive { candidates.append((receive.due, .receive(receive.id))) }
            if let complete { candidates.append((complete.due, .complete(complete.id))) }
            // Without a test clock the settlement waits for the real time of its run.
            if let settlement, testClock != nil || settlement.runTime <= platform.clock.now() {
                candidates.append((settlement.runTime, .settle(settlement.month)))
            }
            // Earliest first; at the same instant orders move before the settlement runs.
            guard let next = candidates.min(by: { ($0.due, $0.job.order) < ($1.due, $1.job.order) }) else { break }
            attempts += 1
            testClock?.set(next.due)
            switch next.job {
            case .receive(let id):
                if try await orders.autoReceive(orderId: id, at: next.due) { changed += 1 }
            case .complete(let id):
                if try await orders.autoComplete(orderId: id, at: next.due) { changed += 1 }
            case .grade(let day):
                // Another instance holding the grading lock grades the day; this one stops here.
                guard try await GradingService(platform: platform).run(Caller.scheduler, day: day, force: false) != nil else {
                    testClock?.set(until)
                    return changed
                }
            case .settle(let month):
                // Another instance holding the settlement lock runs it; this one stops here.
                guard
                    try await SettlementService(platform: platform).run(Caller.scheduler, month: month, issuesPartnerStatements: partnerStatements)
                        != nil
                else {
                    testClock?.set(until)
                    return changed
                }
            }
        }
        testClock?.set(until)
        if partnerStatements {
            let statements = PartnerStatementService(platform: platform)
            try await statements.issueDue()
            try await statements.autoConfirm(at: until)
        }
        try await IdempotencyService(platform: platform).purgeExpired(now: until)
        try await PersonalDataService(platform: platform).applyRetention(now: until)
        return changed
    }
}
