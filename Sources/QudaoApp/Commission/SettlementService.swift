import Foundation
import QudaoCore
import QudaoStore

/// What a settlement run would do for one partner.
public struct SettlementPreviewLine: Sendable {
    public let partner: PartnerRecord
    public let commission: Money
    public let bonus: Money
    public let net: Money
    public let recordCount: Int
    /// Whether a statement would be made (false: carried over).
    public let settles: Bool
    public let payoutMethod: PayoutMethod
}

/// A settlement preview for a month.
public struct SettlementPreview: Sendable {
    public let month: BusinessMonth
    public let rule: CommissionRule
    public let lines: [SettlementPreviewLine]
    public let runTime: Date
    public let alreadyRun: Bool

    public var total: Money { lines.filter(\.settles).map(\.net).sum() }
    public var carried: Money { lines.filter { !$0.settles }.map(\.net).sum() }
}

/// What a run did.
public struct SettlementOutcome: Sendable {
    public let month: BusinessMonth
    public let partnersExamined: Int
    public let statementsCreated: Int
    public let bonusesCreated: Int
    /// The month had already been settled completely; nothing changed.
    public let alreadyComplete: Bool
}

/// A line of the bank payout file.
public struct PayoutLine: Sendable {
    public let statement: StatementRecord
    public let partner: PartnerRecord
    public let settings: PayoutSettings
}

/// Monthly settlement (RULES §7): the run (idempotent, crash-safe, one at a time across instances),
/// statements, payouts to prepaid or by bank with paid/failed marking, and payout settings.
public struct SettlementService: Sendable {
    let platform: Platform

    /// Partners settled per batch read.
    static let batchSize = 200

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    // MARK: - Preview and run

    /// What the run for `month` would settle, without writing anything (bonuses included as they would be computed).
    public func preview(_ caller: Caller, month: BusinessMonth) async throws -> SettlementPreview {
        try caller.require(.viewFinance)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        return try await platform.database.read { session in
            let rule = try await session.commissionRule(at: month.end.addingTimeInterval(-0.001))
            let alreadyRun = try await session.settlementRun(month: month.description)?.status == "completed"
            var bonuses: [String: Money] = [:]
            if !alreadyRun {
                for (partnerId, sales) in try await session.monthlySales(start: month.start, end: month.end) {
                    let bonus = rule.monthlyBonus(sales: sales)
                    if bonus > .zero { bonuses[partnerId] = bonus }
                }
            }
            var partnerIds = Set(bonuses.keys)
            var after = ""
            while true {
                let batch = try await session.partnersToSettle(monthEnd: month.end, afterId: after, limit: Self.batchSize)
                partnerIds.formUnion(batch)
                guard let last = batch.last, batch.count == Self.batchSize else { break }
                after = last
            }
            var lines: [SettlementPreviewLine] = []
            for partner in try await session.partners(ids: Array(partnerIds), cipher: self.platform.cipher).sorted(by: { $0.code < $1.code }) {
                let candidates = try await session.settlementCandidates(partnerId: partner.id, monthEnd: month.end)
                let existingBonus = candidates.filter { $0.kind == .bonus && $0.month == month.description }.map(\.amount).sum()
                let bonus = existingBonus == .zero && partner.status == .active ? bonuses[partner.id] ?? .zero : existingBonus
                let commission = candidates.filter { $0.kind != .bonus }.map(\.amount).sum()
                let otherBonuses = candidates.filter { $0.kind == .bonus && $0.month != month.description }.map(\.amount).sum()
                let net = commission + otherBonuses + bonus
                let settings = try await session.payoutSettings(partnerId: partner.id, cipher: self.platform.cipher)
                lines.append(
                    SettlementPreviewLine(
                        partner: partner, commission: commission + otherBonuses, bonus: bonus, net: net,
                        recordCount: candidates.count + (existingBonus == .zero && bonus > .zero ? 1 : 0),
                        settles: net >= rule.minimumPayout && (candidates.count > 0 || bonus > .zero), payoutMethod: settings.method))
            }
            return SettlementPreview(
                month: month, rule: rule, lines: lines, runTime: month.settlementRunTime(day: rule.settlementDay), alreadyRun: alreadyRun)
        }
    }

    /// Runs (or resumes) the settlement of `month`. Returns nil when another run holds the settlement
    /// lock. Running a completed month again changes nothing. `afterPartner` is called after each
    /// partner's transaction commits (the command line reports progress and its crash tests stop there).
    public func run(
        _ caller: Caller, month: BusinessMonth, issuesPartnerStatements: Bool = true,
        progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }, afterPartner: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> SettlementOutcome? {
        try caller.require(.manageFinance)
        let now = platform.clock.now()
        guard month.end <= now else {
            throw AppError.invalid("month", .notAllowed(reason: .monthNotEnded))
        }
        return try await platform.database.withExclusiveLock("settlement") {
            try await self.runLocked(
                caller, month: month, issuesPartnerStatements: issuesPartnerStatements, progress: progress, afterPartner: afterPartner)
        }
    }

    private func runLocked(
        _ caller: Caller, month: BusinessMonth, issuesPartnerStatements: Bool, progress: @escaping @Sendable (Int, Int) -> Void,
        afterPartner: @escaping @Sendable (Int) -> Void
    ) async throws -> SettlementOutcome {
        let monthText = month.description
        if let existing = try await platform.database.read({ try await $0.settlementRun(month: monthText) }), existing.status == "completed" {
            return SettlementOutcome(
                month: month, partnersExamined: Int(existing.partnersExamined), statementsCreated: Int(existing.statementsCreated),
                bonusesCreated: Int(existing.bonusesCreated), alreadyComplete: true)
        }
        let started = platform.clock.now()
        let rule = try await platform.database.read { try await $0.commissionRule(at: month.end.addingTimeInterval(-0.001)) }
        try await platform.database.write { session in
            try await session.startSettlementRun(month: monthText, triggeredBy: caller.principal.username, at: started)
            try await session.audit(
                caller, at: started, action: "settlement.run_started", entityType: "settlement", entityId: monthText, before: nil, after: nil)
        }

        // The month's bonuses first, each once (a unique index guards a resumed run).
        var bonuses = 0
        let sales = try await platform.database.read { try await $0.monthlySales(start: month.start, end: month.end) }
        for (partnerId, amount) in sales {
            let bonus = rule.monthlyBonus(sales: amount)
            guard bonus > .zero else { continue }
            do {
                let created = try await platform.database.write { session -> Bool in
                    guard let partner = try await session.partner(id: partnerId, cipher: self.platform.cipher), partner.status == .active else {
                        return false
                    }
                    try await session.insertCommissionRecord(
                        CommissionRecord(
                            id: Identifier.make(prefix: "com"), kind: .bonus, orderId: nil, partnerId: partnerId, position: nil, month: monthText,
                            base: amount,
                            amount: bonus, ruleVersion: rule.version, state: .settleable, settleableAt: month.end.addingTimeInterval(-0.001),
                            statementId: nil, explanationJSON: AuditSnapshot.json(["salesFen": .integer(amount.fen), "month": .text(monthText)]),
                            createdAt: self.platform.clock.now()))
                    try await session.countSettlementRun(month: monthText, partners: 0, statements: 0, bonuses: 1)
                    return true
                }
                if created { bonuses += 1 }
            } catch let error where DatabaseErrorClassifier.isUniqueViolation(error) {
                continue
            }
        }

        // Then one transaction per partner, in id order.
        var partnerIds: [String] = []
        var after = ""
        while true {
            let cursor = after
            let batch = try await platform.database.read {
                try await $0.partnersToSettle(monthEnd: month.end, afterId: cursor, limit: Self.batchSize)
            }
            partnerIds += batch
            guard let last = batch.last, batch.count == Self.batchSize else { break }
            after = last
        }
        var statements = 0
        for (index, partnerId) in partnerIds.enumerated() {
            if try await settle(partnerId: partnerId, month: month, rule: rule, caller: caller) { statements += 1 }
            progress(index + 1, partnerIds.count)
            afterPartner(index + 1)
        }
        let examined = partnerIds.count
        let made = statements
        let bonusCount = bonuses
        try await platform.database.write { session in
            try await session.countSettlementRun(month: monthText, partners: examined, statements: made, bonuses: 0)
            let now = self.platform.clock.now()
            try await session.completeSettlementRun(month: monthText, at: now)
            try await session.audit(
                caller, at: now, action: "settlement.run_completed", entityType: "settlement", entityId: monthText, before: nil,
                after: AuditSnapshot.json([
                    "partners": .integer(Int64(examined)), "statements": .integer(Int64(made)), "bonuses": .integer(Int64(bonusCount)),
                ]))
        }
        // The month's partner statements (对账单) follow its settlement, issued by the platform (the
        // run records who started it). A failure here leaves the settlement done and is finished by
        // the scheduler's next tick (`issueDue`), so it is logged, not reported as a failed run.
        do {
            if issuesPartnerStatements { try await PartnerStatementService(platform: platform).issue(.system(), month: month) }
        } catch {
            platform.logger.error("partner statements of \(monthText) not issued yet: \(error)")
        }
        return SettlementOutcome(
            month: month, partnersExamined: partnerIds.count, statementsCreated: statements, bonusesCreated: bonuses, alreadyComplete: false)
    }

    /// One partner's statement for the month, in one transaction: the statement, its records settled,
    /// the ledger posting, and the payout to prepaid when that is the partner's method.
    func settle(partnerId: String, month: BusinessMonth, rule: CommissionRule, caller: Caller) async throws -> Bool {
        try await platform.database.write { session in
            if try await session.statement(partnerId: partnerId, month: month.description) != nil { return false }
            let candidates = try await session.settlementCandidates(partnerId: partnerId, monthEnd: month.end)
            let plan = SettlementPlanner.plan(
                candidates: candidates.compactMap { record in
                    record.settleableAt.map { SettlementPlanner.Candidate(id: record.id, amount: record.amount, settleableAt: $0) }
                },
                monthEnd: month.end, minimumPayout: rule.minimumPayout)
            guard case .statement(let net, let recordIds) = plan else { return false }
            let settings = try await session.payoutSettings(partnerId: partnerId, cipher: self.platform.cipher)
            let now = self.platform.clock.now()
            let included = candidates.filter { recordIds.contains($0.id) }
            let bonus = included.filter { $0.kind == .bonus }.map(\.amount).sum()
            let statement = StatementRecord(
                id: Identifier.make(prefix: "stm"),
                number: try await session.unusedDocumentNumber(
                    in: .statements, prefix: "ST", date: month.description.replacingOccurrences(of: "-", with: "")),
                partnerId: partnerId, month: month.description, commission: net - bonus, bonus: bonus, net: net, recordCount: Int64(recordIds.count),
                payoutMethod: settings.method, status: settings.method == .prepaid ? .paid : .pendingPayout, failureReason: nil, createdAt: now,
                paidAt: settings.method == .prepaid ? now : nil)
            try await session.insertStatement(statement)
            guard try await session.settleRecords(ids: recordIds, statementId: statement.id) == recordIds.count else {
                throw AppError.conflict(reason: .commissionRecordsChanged(partnerId: partnerId))
            }
            try await session.ensureCommissionAccount(partnerId: partnerId, at: now)
            if let posting = Postings.commissionStatement(partnerId: partnerId, net: net, reference: statement.id) {
                try await session.post(posting, at: now, actorAccountId: caller.auditAccountId)
            }
            if settings.method == .prepaid {
                if let posting = Postings.commissionPayout(partnerId: partnerId, amount: net, toPrepaid: true, reference: statement.id) {
                    try await session.post(posting, at: now, actorAccountId: caller.auditAccountId)
                }
                try await session.insertPayout(
                    statementId: statement.id, attempt: 1, status: "paid", amount: net, method: .prepaid, at: now, by: caller.principal.accountId)
                try await NotificationService.send(
                    .commissionCredited(statementId: statement.id, number: statement.number, month: statement.month, net: net, toPrepaid: true),
                    to: .partner(id: partnerId, permission: .financeView), at: now, session)
            } else {
                try await session.insertPayout(statementId: statement.id, attempt: 1, status: "pending", amount: net, method: .bank, at: now, by: nil)
            }
            try await session.audit(
                caller, at: now, action: "settlement.statement", entityType: "statement", entityId: statement.id, before: nil,
                after: AuditSnapshot.json([
                    "partnerId": .text(partnerId), "month": .text(month.description), "netFen": .integer(net.fen),
                    "records": .integer(Int64(recordIds.count)),
                    "payoutMethod": .text(settings.method.rawValue),
                ]))
            try await session.emitStatementWebhook(.commissionSettled, statement: statement, at: now)
            try await session.emitStatementWebhook(.statementIssued, statement: statement, at: now)
            if statement.status == .paid { try await session.emitStatementWebhook(.statementPaid, statement: statement, at: now) }
            return true
        }
    }

    /// The months whose automatic run is due by `instant` and not complete, oldest first (looking back
    /// at most three months, so a long outage catches up without scanning history).
    public func dueMonths(by instant: Date) async throws -> [(month: BusinessMonth, runTime: Date)] {
        // A month that ended before the first order was paid has no commission, bonus or sales to
        // settle: it gets no run, so a new platform's run list starts with its first real month.
        guard
            let firstPaid = try await platform.database.read({
                try await $0.first("SELECT MIN(paid_at_ms) AS first FROM orders")?.optionalInt64("first")
            })
        else { return [] }
        let firstPaidAt = Timestamp.date(firstPaid)
        var due: [(BusinessMonth, Date)] = []
        var month = BusinessMonth(containing: instant).previous
        for _ in 0..<3 {
            let current = month
            let rule = try await platform.database.read { try await $0.commissionRule(at: current.end.addingTimeInterval(-0.001)) }
            let runTime = month.settlementRunTime(day: rule.settlementDay)
            let done = try await platform.database.read { try await $0.settlementRun(month: current.description)?.status == "completed" }
            if runTime <= instant && !done && month.end > firstPaidAt { due.append((month, runTime)) }
            month = month.previous
        }
        return due.sorted { $0.0 < $1.0 }
    }

    /// The recorded runs, newest month first (HQ finance).
    public func runs(_ caller: Caller) async throws -> [SettlementRunRecord] {
        try caller.require(.viewFinance)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        return try await platform.database.read { try await $0.settlementRuns() }
    }

    // MARK: - Statements

    /// Statements: a partner (finance view) sees its own; HQ anyone's.
    public func statements(
        _ caller: Caller, partnerId: String?, month: String?, status: StatementRecord.Status?, page: PageRequest
    ) async throws
        -> Page<StatementRecord>
    {
        var scopedPartner = partnerId
        switch caller.principal.kind {
        case .hq: try caller.require(.viewFinance)
        case .partner:
            try caller.require(.partnerFinanceView)
            scopedPartner = caller.principal.partnerId
        }
        let finalPartner = scopedPartner
        return try await platform.database.read { try await $0.statements(partnerId: finalPartner, month: month, status: status, page: page) }
    }

    /// One statement with its records and partner.
    public func statement(
        _ caller: Caller, id: String
    ) async throws -> (statement: StatementRecord, records: [CommissionRecord], partner: PartnerRecord) {
        try await platform.database.read { session in
            guard Identifier.isWellFormed(id, prefix: "stm"), let statement = try await session.statement(id: id) else {
                throw AppError.notFound(entity: "statement")
            }
            switch caller.principal.kind {
            case .hq: try caller.require(.viewFinance)
            case .partner:
                try caller.require(.partnerFinanceView)
                guard statement.partnerId == caller.principal.partnerId else { throw AppError.notFound(entity: "statement") }
            }
            guard let partner = try await session.partner(id: statement.partnerId, cipher: self.platform.cipher) else {
                throw AppError.notFound(entity: "statement")
            }
            return (statement, try await session.statementRecords(statementId: id), partner)
        }
    }

    // MARK: - Payouts

    /// The statements waiting for a bank payout, with the partners' bank details, for the payout file.
    /// Exporting reveals account numbers, so it is audited; the attempts are marked exported.
    public func exportPayouts(_ caller: Caller) async throws -> [PayoutLine] {
        try caller.require(.manageFinance)
        return try await platform.database.write { session in
            let pending = try await session.statements(
                partnerId: nil, month: nil, status: .pendingPayout, page: PageRequest(pageNumber: 1, pageSize: PageRequest.maximumPageSize))
            var lines: [PayoutLine] = []
            for statement in pending.items {
                guard let partner = try await session.partner(id: statement.partnerId, cipher: self.platform.cipher) else { continue }
                lines.append(
                    PayoutLine(
                        statement: statement, partner: partner,
                        settings: try await session.payoutSettings(partnerId: partner.id, cipher: self.platform.cipher)))
            }
            let now = self.platform.clock.now()
            try await session.markPayoutsExported(statementIds: lines.map(\.statement.id), at: now)
            try await session.audit(
                caller, at: now, action: "payout.export", entityType: "payout", entityId: "file", before: nil,
                after: AuditSnapshot.json(["statements": .integer(Int64(lines.count)), "totalFen": .integer(lines.map(\.statement.net).sum().fen)]))
            return lines
        }
    }

    /// Marks a bank payout paid: once, whatever the concurrency (conditional status change, a unique
    /// index on paid attempts, and a guarded ledger debit).
    public func markPaid(_ caller: Caller, statementId: String) async throws -> StatementRecord {
        try await decide(caller, statementId: statementId, from: .pendingPayout, to: .paid, reason: nil, action: "payout.paid") {
            statement, session, now in try await Self.payOut(statement, caller: caller, at: now, session)
        }
    }

    /// The most statements one bulk "paid" marks (a bank's payout file rarely holds more).
    public static let maximumStatementsPerBatch = 500

    /// After the bank's payout file came back: marks many statements paid in one transaction. Each
    /// is still paid once (the same guards as one at a time); one already paid (by someone else
    /// meanwhile) is counted, not paid again; one that is not awaiting payout (failed, or paid to
    /// prepaid) refuses the whole batch, naming it, and nothing changes.
    public func markPaid(_ caller: Caller, statementIds: [String]) async throws -> (paid: Int, alreadyPaid: Int) {
        try caller.require(.manageFinance)
        let ids = Array(Set(statementIds.filter { !$0.isEmpty }))
        guard !ids.isEmpty else { throw AppError.invalid("statements", .required) }
        guard ids.count <= Self.maximumStatementsPerBatch else {
            throw AppError.invalid("statements", .outOfRange(minimum: 1, maximum: Int64(Self.maximumStatementsPerBatch)))
        }
        return try await platform.database.write { session in
            let now = self.platform.clock.now()
            var paid = 0
            var alreadyPaid = 0
            for id in ids.sorted() {
                guard Identifier.isWellFormed(id, prefix: "stm"), let statement = try await session.statement(id: id) else {
                    throw AppError.notFound(entity: "statement")
                }
                if statement.status == .paid {
                    alreadyPaid += 1
                    continue
                }
                guard try await session.transitionStatement(id: id, from: .pendingPayout, to: .paid, at: now, failureReason: nil) else {
                    throw AppError.invalid("statements", .notAllowed(reason: .statementNotAwaitingPayout(number: statement.number)))
                }
                try await Self.payOut(statement, caller: caller, at: now, session)
                try await session.audit(
                    caller, at: now, action: "payout.paid", entityType: "statement", entityId: id,
                    before: AuditSnapshot.json(["status": .text(statement.status.rawValue)]),
                    after: AuditSnapshot.json(["status": .text("paid"), "netFen": .integer(statement.net.fen), "batch": .boolean(true)]))
                paid += 1
            }
            return (paid, alreadyPaid)
        }
    }

    /// What paying a bank payout does inside its transaction: closes the open attempt (a unique
    /// index lets one paid attempt exist), posts the payout and tells the partner.
    static func payOut(_ statement: StatementRecord, caller: Caller, at now: Date, _ session: SQLSession) async throws {
        guard try await session.closePayout(statementId: statement.id, status: "paid", reason: nil, by: caller.principal.accountId, at: now)
        else {
            throw AppError.conflict(reason: .payoutNotOpen)
        }
        if let posting = Postings.commissionPayout(partnerId: statement.partnerId, amount: statement.net, toPrepaid: false, reference: statement.id) {
            try await session.post(posting, at: now, actorAccountId: caller.auditAccountId)
        }
        var paid = statement
        paid.status = .paid
        paid.paidAt = now
        try await session.emitStatementWebhook(.statementPaid, statement: paid, at: now)
        try await NotificationService.send(
            .commissionCredited(
                statementId: statement.id, number: statement.number, month: statement.month, net: statement.net, toPrepaid: false),
            to: .partner(id: statement.partnerId, permission: .financeView), at: now, session)
    }

    /// Marks a bank payout failed, with the bank's reason; it can be tried again.
    public func markFailed(_ caller: Caller, statementId: String, reason rawReason: String?) async throws -> StatementRecord {
        var validator = Validator()
        let reason = validator.text("reason", rawReason, maximumCharacters: 200)
        try validator.throwIfInvalidAsAppError()
        return try await decide(caller, statementId: statementId, from: .pendingPayout, to: .payoutFailed, reason: reason, action: "payout.failed") {
            statement, session, now in
            guard try await session.closePayout(statementId: statement.id, status: "failed", reason: reason, by: caller.principal.accountId, at: now)
            else {
                throw AppError.conflict(reason: .payoutNotOpen)
            }
        }
    }

    /// Tries a failed payout again: a new attempt, pending.
    public func retry(_ caller: Caller, statementId: String) async throws -> StatementRecord {
        try await decide(caller, statementId: statementId, from: .payoutFailed, to: .pendingPayout, reason: nil, action: "payout.retry") {
            statement, session, now in
            let attempts = try await session.payoutAttempts(statementId: statement.id)
            try await session.insertPayout(
                statementId: statement.id, attempt: attempts + 1, status: "pending", amount: statement.net, method: .bank, at: now, by: nil)
        }
    }

    func decide(
        _ caller: Caller, statementId: String, from: StatementRecord.Status, to: StatementRecord.Status, reason: String?, action: String,
        _ effect: @Sendable (StatementRecord, SQLSession, Date) async throws -> Void
    ) async throws -> StatementRecord {
        try caller.require(.manageFinance)
        return try await platform.database.write { session in
            guard Identifier.isWellFormed(statementId, prefix: "stm"), var statement = try await session.statement(id: statementId) else {
                throw AppError.notFound(entity: "statement")
            }
            let now = self.platform.clock.now()
            guard try await session.transitionStatement(id: statementId, from: from, to: to, at: now, failureReason: reason) else {
                throw AppError.conflict(reason: .statementStatus(current: statement.status, expected: from))
            }
            try await effect(statement, session, now)
            try await session.audit(
                caller, at: now, action: action, entityType: "statement", entityId: statementId,
                before: AuditSnapshot.json(["status": .text(statement.status.rawValue)]),
                after: AuditSnapshot.json(["status": .text(to.rawValue), "reason": .optionalText(reason), "netFen": .integer(statement.net.fen)]))
            statement.status = to
            statement.failureReason = reason
            if to == .paid { statement.paidAt = now }
            return statement
        }
    }

    // MARK: - Payout settings

    /// A partner's payout settings (HQ finance, or the partner with finance view).
    public func payoutSettings(_ caller: Caller, partnerId: String?) async throws -> PayoutSettings {
        try await platform.database.read { session in
            let partner = try await PrepaidService(platform: self.platform).financePartner(caller, partnerId, session)
            return try await session.payoutSettings(partnerId: partner.id, cipher: self.platform.cipher)
        }
    }

    /// For a partner's own change: the target is its own partner (checked before any password is
    /// looked at, so another partner's id is refused as before) and the payment password matches.
    private func verifiedPaymentPassword(_ caller: Caller, partnerId: String?, paymentPassword: String?) async throws -> StoredPaymentPassword? {
        guard caller.principal.kind == .partner, let ownPartnerId = caller.principal.partnerId else { return nil }
        let target = try await platform.database.read { try await PrepaidService(platform: self.platform).financePartner(caller, partnerId, $0) }
        if target.id != ownPartnerId { throw AppError.forbidden }
        return try await PaymentPasswordService(platform: platform).verify(caller, partnerId: ownPartnerId, password: paymentPassword)
    }

    /// Sets where a partner's commission goes (HQ finance, or the partner's owner with the
    /// partner's payment password), audited. HQ pointing it at a bank account waits for a second
    /// HQ approver while the setting covers payout accounts (the default).
    public func setPayoutSettings(
        _ caller: Caller, partnerId: String?, method rawMethod: String?, accountName rawName: String?, bankName rawBank: String?,
        accountNumber rawNumber: String?, paymentPassword: String? = nil
    ) async throws -> Submission<PayoutSettings> {
        if caller.principal.kind == .hq { try caller.require(.manageFinance) } else if !caller.principal.isOwner { throw AppError.forbidden }
        var validator = Validator()
        let method = validator.oneOf("payoutMethod", rawMethod, as: PayoutMethod.self)
        let name = validator.text("bankAccountName", rawName, required: method == .bank, maximumCharacters: 60)
        let bank = validator.text("bankName", rawBank, required: method == .bank, maximumCharacters: 60)
        let number = validator.text("bankAccountNumber", rawNumber, required: method == .bank, maximumCharacters: 34)
        if let number, !number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == " ") }) || number.filter(\.isNumber).count < 8 {
            validator.add("bankAccountNumber", .invalidFormat(expected: .payoutAccountNumber))
        }
        try validator.throwIfInvalidAsAppError()
        guard let method else { preconditionFailure("validated above") }
        let settings = PayoutSettings(method: method, accountName: name, bankName: bank, accountNumber: number?.filter(\.isNumber))
        // Where a partner's money goes is changed by its owner only with the payment password, so a
        // signed-in session alone cannot redirect a payout.
        let verified = try await verifiedPaymentPassword(caller, partnerId: partnerId, paymentPassword: paymentPassword)
        return try await platform.database.write { session in
            let partner = try await PrepaidService(platform: self.platform).financePartner(caller, partnerId, session)
            if caller.principal.kind == .partner && partner.id != caller.principal.partnerId { throw AppError.forbidden }
            if caller.principal.kind == .partner { try await PaymentPasswordService.requireUnchanged(verified, partnerId: partner.id, session) }
            if ApprovalService.holds(caller), settings.method == .bank, try await ApprovalService.policy(session).payoutAccounts {
                let change = ApprovalChange.payoutAccount(
                    partnerId: partner.id, method: settings.method, accountName: settings.accountName, bankName: settings.bankName,
                    accountNumber: settings.accountNumber)
                return .awaitingApproval(try await ApprovalService.hold(change, note: nil, caller: caller, platform: self.platform, session))
            }
            try await self.store(settings, partnerId: partner.id, caller: caller, now: self.platform.clock.now(), session)
            return .applied(settings)
        }
    }

    /// Stores a partner's payout settings inside the caller's transaction, audited with the account
    /// numbers masked.
    func store(_ settings: PayoutSettings, partnerId: String, caller: Caller, now: Date, _ session: SQLSession) async throws {
        let before = try await session.payoutSettings(partnerId: partnerId, cipher: platform.cipher)
        try await session.setPayoutSettings(partnerId: partnerId, settings, cipher: platform.cipher)
        try await session.audit(
            caller, at: now, action: "payout.settings", entityType: "partner", entityId: partnerId,
            before: AuditSnapshot.json([
                "method": .text(before.method.rawValue), "account": .optionalText(before.accountNumber.map(PersonalDataMask.identifier)),
            ]),
            after: AuditSnapshot.json([
                "method": .text(settings.method.rawValue), "account": .optionalText(settings.accountNumber.map(PersonalDataMask.identifier)),
            ]))
    }
}
