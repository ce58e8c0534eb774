import Foundation
import QudaoCore
import QudaoStore

/// What a grading run did.
public struct GradingOutcome: Sendable, Hashable {
    public let day: String
    public let partnersGraded: Int
    public let warningsEntered: Int
    /// The day was already graded and the run was not forced: nothing was done.
    public let alreadyComplete: Bool
}

/// A partner's grading as its pages show it: the current grade, the figures of the latest
/// grading, and the days its grade changed.
public struct PartnerGradingView: Sendable {
    public let partner: PartnerRecord
    public let current: CurrentGrade?
    public let latest: PartnerGradeRecord?
    public let changes: Page<PartnerGradeRecord>
}

/// Partner grading (RULES §9): every active partner is graded from its sell-through, return rate
/// and sales change over the 90 days before the day, daily at 03:00 and on demand. A partner
/// entering `warning` is notified with the reason in plain words, HQ operations too, and a
/// follow-up task opens.
///
/// A run grades partners in batches of ``batchSize`` in id order, one transaction per batch, so
/// memory stays flat for any number of partners. It holds a database-wide lock (two instances never
/// grade at once) and is idempotent per day: grades are unique per partner and day, notifications
/// per event, and a partner has at most one open task.
public struct GradingService: Sendable {
    let platform: Platform

    /// Partners graded per transaction.
    public static let batchSize = 500
    /// The hour (Asia/Shanghai) of the daily run.
    public static let runHour = 3

    static let policyKey = "channel.policy"

    /// Partners per transaction of this instance (``batchSize`` unless a test asks for smaller batches).
    let partnersPerBatch: Int

    /// Creates the service.
    public init(platform: Platform, partnersPerBatch: Int = GradingService.batchSize) {
        precondition(partnersPerBatch > 0, "a batch holds at least one partner")
        self.platform = platform
        self.partnersPerBatch = partnersPerBatch
    }

    // MARK: - Policy

    /// The channel policy in force.
    public func policy() async throws -> ChannelPolicy {
        try await platform.database.read { try await Self.policy($0) }
    }

    static func policy(_ session: SQLSession) async throws -> ChannelPolicy {
        guard let text = try await session.setting(policyKey), let policy = try? JSONDecoder().decode(ChannelPolicy.self, from: Data(text.utf8))
        else { return .defaults }
        return policy
    }

    /// Replaces the channel policy (HQ admin or operations), validated and audited.
    public func setPolicy(_ caller: Caller, _ policy: ChannelPolicy) async throws {
        try caller.require(.managePartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let problems = policy.problems()
        if !problems.isEmpty { throw AppError.validation(ValidationFailure(problems)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(policy), as: UTF8.self)
        try await platform.database.write { session in
            let before = String(decoding: try encoder.encode(try await Self.policy(session)), as: UTF8.self)
            let now = self.platform.clock.now()
            try await session.setSetting(Self.policyKey, value: text, now: now)
            try await session.audit(
                caller, at: now, action: "settings.channel_policy", entityType: "setting", entityId: Self.policyKey, before: before, after: text)
            // Everyone who acts on grades learns that the rules changed, and by whom.
            try await NotificationService.send(
                .channelPolicyChanged(by: caller.principal.username, policy: policy, at: now), to: .hqOperations, at: now, session)
        }
    }

    // MARK: - Runs

    /// The business day of an instant and the instant its daily run falls due.
    public static func runTime(day: String) -> Date? {
        BusinessTime.startOfDay(day).map { $0.addingTimeInterval(TimeInterval(runHour * 3_600)) }
    }

    /// The day whose daily run is due by `instant` and not complete: the latest day whose 03:00 has
    /// passed. Missed earlier days are not made up, as a grade is about the present; a platform that
    /// was down for three days grades once, for the latest day.
    public func dueDays(by instant: Date) async throws -> [(day: String, runTime: Date)] {
        let latest = try await platform.database.read { try await $0.latestCompletedGradingDay() }
        for offset in 0...1 {
            let day = BusinessTime.dayText(instant.addingTimeInterval(-Double(offset) * 86_400))
            guard let runTime = Self.runTime(day: day), runTime <= instant else { continue }
            if let latest, day <= latest { return [] }
            return [(day, runTime)]
        }
        return []
    }

    /// Grades every active partner for `day` (today when nil). HQ operations (or the scheduler)
    /// only. `force` grades again a day already graded (HQ's "grade now", after changing the
    /// thresholds); without it a graded day is left alone. Returns nil when another instance holds
    /// the grading lock.
    public func run(_ caller: Caller, day requested: String? = nil, force: Bool = true) async throws -> GradingOutcome? {
        try caller.require(.managePartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let today = BusinessTime.dayText(platform.clock.now())
        let day = requested ?? today
        guard let window = GradingWindow(day: day) else { throw AppError.invalid("day", .invalidFormat(expected: .date)) }
        // A grade for a future day would outrank every real run (the latest day wins), and a day
        // before the platform held data grades nothing real: both are refused by name.
        guard day <= today else { throw AppError.invalid("day", .notAllowed(reason: .notInFuture)) }
        let first = try await platform.database.read { try await $0.firstActivityInstant() }
        if let first, day < BusinessTime.dayText(first) { throw AppError.invalid("day", .notAllowed(reason: .notBeforeFirstDay)) }
        return try await platform.database.withExclusiveLock("grading") {
            if !force, try await self.platform.database.read({ try await $0.gradingRun(day: day) })?.status == "completed" {
                return GradingOutcome(day: day, partnersGraded: 0, warningsEntered: 0, alreadyComplete: true)
            }
            let policy = try await self.policy()
            let started = self.platform.clock.now()
            try await self.platform.database.write { session in
                try await session.startGradingRun(day: day, triggeredBy: caller.principal.username, thresholds: policy.grading, at: started)
            }
            var graded = 0
            var warnings = 0
            var after = ""
            while true {
                let cursor = after
                let batch = try await self.platform.database.read { try await $0.activePartnerIds(after: cursor, limit: self.partnersPerBatch) }
                guard let last = batch.last else { break }
                let counts = try await self.grade(batch, window: window, thresholds: policy.grading, caller: caller)
                graded += counts.graded
                warnings += counts.warnings
                after = last
                if batch.count < self.partnersPerBatch { break }
            }
            let totalGraded = graded
            let totalWarnings = warnings
            try await self.platform.database.write { session in
                let now = self.platform.clock.now()
                try await session.completeGradingRun(day: day, at: now)
                try await session.audit(
                    caller, at: now, action: "grading.run", entityType: "grading", entityId: day, before: nil,
                    after: AuditSnapshot.json([
                        "partners": .integer(Int64(totalGraded)), "warningsEntered": .integer(Int64(totalWarnings)), "forced": .boolean(force),
                    ]))
            }
            // Certificates expiring within 30 days, or required ones expired, are notified with the
            // day's grading (once per certificate and validity, however often the day is graded).
            try await ProfileService(platform: self.platform).notifyExpiries(day: day)
            return GradingOutcome(day: day, partnersGraded: graded, warningsEntered: warnings, alreadyComplete: false)
        }
    }

    /// Grades one batch in one transaction: the grades, the current grades, and for each entry
    /// into `warning` the notifications and the follow-up task.
    func grade(
        _ partnerIds: [String], window: GradingWindow, thresholds: GradingThresholds, caller: Caller
    ) async throws -> (graded: Int, warnings: Int) {
        try await platform.database.write { session in
            let now = self.platform.clock.now()
            let inputs = try await session.gradingInputs(partnerIds: partnerIds, window: window)
            let previous = try await session.gradesBefore(partnerIds: partnerIds, day: window.day)
            var warnings = 0
            for partnerId in partnerIds {
                guard let partnerInputs = inputs[partnerId] else { continue }
                let result = Grading.grade(partnerInputs, thresholds: thresholds)
                let record = PartnerGradeRecord(
                    id: Identifier.make(prefix: "grd"), partnerId: partnerId, businessDate: window.day, grade: result.grade,
                    previousGrade: previous[partnerId], inputs: partnerInputs, reasons: result.reasons, thresholds: thresholds, computedAt: now)
                let gradeId = try await session.savePartnerGrade(record)
                if let before = previous[partnerId], before != result.grade, let partner = try await session.partner(id: partnerId, cipher: self.platform.cipher) {
                    try await session.emitPartnerWebhook(
                        .partnerGradeChanged, partner: partner, grade: result.grade.rawValue, previousGrade: before.rawValue, at: now)
                }
                guard record.entersWarning else { continue }
                warnings += 1
                try await self.openWarning(record, gradeId: gradeId, caller: caller, at: now, session)
            }
            try await session.countGradingRun(day: window.day, partners: partnerIds.count, warnings: warnings)
            return (partnerIds.count, warnings)
        }
    }

    /// A partner entered `warning`: it and HQ operations are told why, once per day, and a
    /// follow-up task opens unless one is open already.
    func openWarning(_ record: PartnerGradeRecord, gradeId: String, caller: Caller, at instant: Date, _ session: SQLSession) async throws {
        guard let partner = try await session.partner(id: record.partnerId, cipher: platform.cipher) else { return }
        let reason = GradeWording.warning(record.reasons, thresholds: record.thresholds)
        var task = try await session.openFollowUpTask(partnerId: partner.id)
        if task == nil {
            let opened = FollowUpTask(
                id: Identifier.make(prefix: "fut"),
                number: try await session.unusedDocumentNumber(in: .followUpTasks, prefix: "FU", date: BusinessTime.dateStamp(instant)),
                partnerId: partner.id, gradeId: gradeId, reasonChinese: reason.chinese, reasonEnglish: reason.english, status: .open,
                assigneeAccountId: nil, openedAt: instant, closedAt: nil, closedBy: nil, resolution: nil, rowVersion: 1)
            try await session.insertFollowUpTask(opened)
            try await session.audit(
                caller, at: instant, action: "follow_up.open", entityType: "follow_up_task", entityId: opened.id, before: nil,
                after: AuditSnapshot.json(["partnerId": .text(partner.id), "number": .text(opened.number), "reason": .text(reason.chinese)]))
            task = opened
        }
        try await NotificationService.send(
            .gradeWarningForPartner(partnerId: partner.id, day: record.businessDate, reason: reason), to: .partner(id: partner.id, permission: nil),
            at: instant, session)
        try await NotificationService.send(
            .gradeWarningForHQ(partner: partner, day: record.businessDate, reason: reason, taskId: task?.id), to: .hqOperations, at: instant,
            session)
    }

    // MARK: - Reading

    /// The partner whose grading the caller may see: HQ any; a partner only itself (not even its
    /// upline reads a downline's figures).
    func gradingPartner(_ caller: Caller, _ partnerId: String?, _ session: SQLSession) async throws -> PartnerRecord {
        try await PartnerService(platform: platform).ownBusinessPartner(caller, partnerId, hqCapability: .viewPartners, session)
    }

    /// A partner's current grade, latest figures and grade changes.
    public func partnerGrading(_ caller: Caller, partnerId: String?, page: PageRequest) async throws -> PartnerGradingView {
        try await platform.database.read { session in
            let partner = try await self.gradingPartner(caller, partnerId, session)
            let current = try await session.currentGrade(partnerId: partner.id)
            let latest = try await current.asyncFlatMap { try await session.partnerGrade(id: $0.gradeId) }
            let changes = try await session.partnerGrades(partnerId: partner.id, changesOnly: true, page: page)
            return PartnerGradingView(partner: partner, current: current, latest: latest, changes: changes)
        }
    }

    /// The latest runs and how many partners hold each grade (HQ).
    public func overview(_ caller: Caller) async throws -> (runs: [GradingRunRecord], distribution: [Grade: Int64]) {
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        try caller.require(.viewPartners)
        return try await platform.database.read { session in
            (try await session.gradingRuns(limit: 14), try await session.gradeDistribution())
        }
    }
}

extension Optional {
    /// `flatMap` with an asynchronous transform.
    func asyncFlatMap<Result>(_ transform: (Wrapped) async throws -> Result?) async rethrows -> Result? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension GradingService {
    /// The current grades of some partners, for lists (HQ).
    public func currentGrades(_ caller: Caller, partnerIds: [String]) async throws -> [String: CurrentGrade] {
        guard caller.principal.kind == .hq else { return [:] }
        return try await platform.database.read { try await $0.currentGrades(partnerIds: partnerIds) }
    }
}

/// The channel policy as a form or the API sent it.
public struct ChannelPolicyInput: Sendable {
    public var warningSellThroughBelowBasisPoints: RateInput
    public var warningReturnRateAboveBasisPoints: RateInput
    public var warningSalesDropBasisPoints: RateInput
    public var warningSalesDropMinimumEarlier: AmountInput
    public var qualitySellThroughAtLeastBasisPoints: RateInput
    public var qualityReturnRateAtMostBasisPoints: RateInput
    public var leadTimeDays: IntegerInput
    public var reviewPeriodDays: IntegerInput
    public var blockOrdersOnExpiredCertificates: Bool?

    /// Creates an input.
    public init(
        warningSellThroughBelowBasisPoints: RateInput, warningReturnRateAboveBasisPoints: RateInput, warningSalesDropBasisPoints: RateInput,
        warningSalesDropMinimumEarlier: AmountInput, qualitySellThroughAtLeastBasisPoints: RateInput,
        qualityReturnRateAtMostBasisPoints: RateInput, leadTimeDays: IntegerInput, reviewPeriodDays: IntegerInput,
        blockOrdersOnExpiredCertificates: Bool?
    ) {
        self.warningSellThroughBelowBasisPoints = warningSellThroughBelowBasisPoints
        self.warningReturnRateAboveBasisPoints = warningReturnRateAboveBasisPoints
        self.warningSalesDropBasisPoints = warningSalesDropBasisPoints
        self.warningSalesDropMinimumEarlier = warningSalesDropMinimumEarlier
        self.qualitySellThroughAtLeastBasisPoints = qualitySellThroughAtLeastBasisPoints
        self.qualityReturnRateAtMostBasisPoints = qualityReturnRateAtMostBasisPoints
        self.leadTimeDays = leadTimeDays
        self.reviewPeriodDays = reviewPeriodDays
        self.blockOrdersOnExpiredCertificates = blockOrdersOnExpiredCertificates
    }

    /// The policy, or every field's problem.
    func validated() throws(AppError) -> ChannelPolicy {
        var validator = Validator()
        let sellThroughBelow = validator.rate("warningSellThroughBelowBp", warningSellThroughBelowBasisPoints)?.basisPoints
        let returnAbove = validator.rate("warningReturnRateAboveBp", warningReturnRateAboveBasisPoints)?.basisPoints
        let drop = validator.rate("warningSalesDropBp", warningSalesDropBasisPoints)?.basisPoints
        let minimum = validator.amount("warningSalesDropMinimumEarlierFen", warningSalesDropMinimumEarlier, in: 0...100_000_000_000)
        let qualitySellThrough = validator.rate("qualitySellThroughAtLeastBp", qualitySellThroughAtLeastBasisPoints)?.basisPoints
        let qualityReturns = validator.rate("qualityReturnRateAtMostBp", qualityReturnRateAtMostBasisPoints)?.basisPoints
        let lead = validator.integer("leadTimeDays", leadTimeDays, in: 1...60)
        let review = validator.integer("reviewPeriodDays", reviewPeriodDays, in: 1...60)
        try validator.throwIfInvalidAsAppError()
        guard let sellThroughBelow, let returnAbove, let drop, let minimum, let qualitySellThrough, let qualityReturns, let lead, let review else {
            preconditionFailure("validated above")
        }
        let policy = ChannelPolicy(
            grading: GradingThresholds(
                warningSellThroughBelowBasisPoints: sellThroughBelow, warningReturnRateAboveBasisPoints: returnAbove,
                warningSalesDropBasisPoints: drop,
                warningSalesDropMinimumEarlier: minimum, qualitySellThroughAtLeastBasisPoints: qualitySellThrough,
                qualityReturnRateAtMostBasisPoints: qualityReturns),
            leadTimeDays: lead, reviewPeriodDays: review, blockOrdersOnExpiredCertificates: blockOrdersOnExpiredCertificates ?? false)
        let problems = policy.problems()
        if !problems.isEmpty { throw AppError.validation(ValidationFailure(problems)) }
        return policy
    }
}

extension GradingService {
    /// Replaces the channel policy from a form or API input.
    public func setPolicy(_ caller: Caller, input: ChannelPolicyInput) async throws -> ChannelPolicy {
        try caller.require(.managePartners)
        let policy = try input.validated()
        try await setPolicy(caller, policy)
        return policy
    }
}
