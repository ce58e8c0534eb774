import Foundation
import QudaoCore
import QudaoStore

/// A commission record with what its page shows.
public struct CommissionRecordView: Sendable {
    public let record: CommissionRecord
    public let partner: PartnerRecord
    public let order: OrderRecord?
    public let statement: StatementRecord?
    /// The decoded explanation of a commission or adjustment.
    public let explanation: CommissionExplanation?
    /// For an adjustment: the amount before the return and after it.
    public let adjustmentBase: (before: Money, after: Money)?
    /// The rule version the record was computed under.
    public let rule: CommissionRule?
}

/// A partner's commission position for its home page.
public struct CommissionSummary: Sendable {
    public let frozen: Money
    public let settleable: Money
    public let settledTotal: Money
    /// The latest statement's net (the run on the 15th settles the previous month).
    public let settledLastRun: Money
    /// Paid orders not yet completed (their commission is frozen).
    public let ordersAwaitingSettlement: Int64
}

/// The result of simulating a draft rule on a past month's orders.
public struct RuleSimulation: Sendable {
    public struct PartnerChange: Sendable {
        public let partner: PartnerRecord
        public let current: Money
        public let draft: Money
        public var change: Money { draft - current }
    }

    public let month: BusinessMonth
    public let orderCount: Int
    /// Totals by chain position 1 … 3 under the rules in force and under the draft.
    public let currentByPosition: [Money]
    public let draftByPosition: [Money]
    /// The biggest changes, largest first.
    public let changes: [PartnerChange]
}

/// The commission engine at work (RULES §5): records at payment, unfreezing at completion,
/// reversal at cancellation, adjustments after refunded returns; rule versions and simulation;
/// records and their explanations for partners and HQ.
public struct CommissionService: Sendable {
    let platform: Platform

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    // MARK: - Hooks of the order lifecycle (called inside the order's transaction)

    /// Creates the frozen records of a paid order, for each active beneficiary of its chain at payment,
    /// under the rule version in force when it was paid.
    static func accrue(_ order: OrderRecord, partnerPath: String, at instant: Date, _ session: SQLSession, cipher: PersonalDataCipher) async throws {
        let rule = try await session.commissionRule(at: instant)
        let ids = partnerPath.split(separator: "/").map(String.init)
        let statuses = try await session.partners(ids: ids, cipher: cipher)
        let active = Set(statuses.filter { $0.status == .active }.map(\.id))
        let chain = CommissionEngine.chain(pathAtPayment: partnerPath, kind: order.kind, activePartnerIds: active)
        let lines = order.lines.map {
            CommissionLine(
                lineNumber: $0.lineNumber, unitPrice: $0.unitPrice, quantity: $0.quantity, keptQuantity: $0.quantity, override: $0.commissionOverride)
        }
        for (beneficiary, explanation) in CommissionEngine.compute(lines: lines, discountRate: order.discountRate, beneficiaries: chain, rule: rule) {
            try await session.insertCommissionRecord(
                CommissionRecord(
                    id: Identifier.make(prefix: "com"), kind: .commission, orderId: order.id, partnerId: beneficiary.partnerId,
                    position: beneficiary.position, month: nil, base: explanation.lines.map(\.base).sum(), amount: explanation.amount,
                    ruleVersion: rule.version, state: .frozen, settleableAt: nil, statementId: nil,
                    explanationJSON: String(decoding: try encoder.encode(explanation), as: UTF8.self), createdAt: instant))
        }
    }

    /// The order completed: its frozen records (and frozen adjustments) become settleable.
    static func release(orderId: String, at instant: Date, _ session: SQLSession) async throws {
        try await session.changeFrozenRecords(orderId: orderId, to: .settleable, settleableAt: instant)
    }

    /// The order was cancelled before completion: its frozen records are reversed.
    static func reverse(orderId: String, _ session: SQLSession) async throws {
        try await session.changeFrozenRecords(orderId: orderId, to: .reversed, settleableAt: nil)
    }

    /// After a refunded return: each beneficiary's commission recomputed on the quantities kept (with
    /// the order's own discount rate and rule version); the difference is an adjustment record, frozen
    /// while the original is frozen, otherwise settleable at once (a clawback when already settled).
    static func adjust(_ order: OrderRecord, at instant: Date, _ session: SQLSession) async throws {
        let records = try await session.commissionRecords(orderId: order.id).filter { $0.state != .reversed }
        let originals = records.filter { $0.kind == .commission }
        guard let version = originals.first?.ruleVersion, let rule = try await session.commissionRule(version: version) else { return }
        let beneficiaries = originals.compactMap { record in
            record.position.map { Beneficiary(partnerId: record.partnerId, position: $0, isActive: true) }
        }
        let lines = order.lines.map {
            CommissionLine(
                lineNumber: $0.lineNumber, unitPrice: $0.unitPrice, quantity: $0.quantity, keptQuantity: $0.quantity - $0.returnedQuantity,
                override: $0.commissionOverride)
        }
        for (beneficiary, explanation) in CommissionEngine.compute(
            lines: lines, discountRate: order.discountRate, beneficiaries: beneficiaries, rule: rule)
        {
            let booked = records.filter { $0.partnerId == beneficiary.partnerId && $0.position == beneficiary.position }
            let difference = explanation.amount - booked.map(\.amount).sum()
            guard difference != .zero else { continue }
            let original = originals.first { $0.partnerId == beneficiary.partnerId && $0.position == beneficiary.position }
            let frozen = original?.state == .frozen
            try await session.insertCommissionRecord(
                CommissionRecord(
                    id: Identifier.make(prefix: "com"), kind: .adjustment, orderId: order.id, partnerId: beneficiary.partnerId,
                    position: beneficiary.position, month: nil, base: explanation.lines.map(\.base).sum(), amount: difference,
                    ruleVersion: rule.version, state: frozen ? .frozen : .settleable, settleableAt: frozen ? nil : instant, statementId: nil,
                    explanationJSON: String(decoding: try encoder.encode(explanation), as: UTF8.self), createdAt: instant))
        }
    }

    // MARK: - Rules

    /// The rule in force now, and every version.
    public func rules(_ caller: Caller) async throws -> (current: CommissionRule, versions: [CommissionRule]) {
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let now = platform.clock.now()
        return try await platform.database.read { (try await $0.commissionRule(at: now), try await $0.commissionRules()) }
    }

    /// The rule in force now (any signed-in account may read the rates it is paid by).
    public func currentRule() async throws -> CommissionRule {
        let now = platform.clock.now()
        return try await platform.database.read { try await $0.commissionRule(at: now) }
    }

    /// Publishes a new rule version (HQ admin or finance), validated and audited. The effective time
    /// may be now or later, never in the past (orders already paid keep their version). When the
    /// second approver covers commission rules, the version waits for another HQ account instead
    /// and takes effect at its time or at the approval, whichever is later.
    public func publish(_ caller: Caller, _ draft: CommissionRule) async throws -> Submission<CommissionRule> {
        try caller.require(.manageFinance)
        var problems = draft.problems()
        let now = platform.clock.now()
        if draft.effectiveAt < now.addingTimeInterval(-60) {
            problems.append(FieldError(field: "effectiveAt", problem: .notAllowed(reason: .ruleInPast)))
        }
        if !problems.isEmpty { throw AppError.validation(ValidationFailure(problems)) }
        return try await platform.database.write { session in
            if ApprovalService.holds(caller), try await ApprovalService.policy(session).commissionRules {
                try await Self.refuseOverlap(draft, now: now, session)
                return .awaitingApproval(
                    try await ApprovalService.hold(.commissionRule(draft), note: nil, caller: caller, platform: self.platform, session))
            }
            return .applied(try await self.store(draft, caller: caller, now: now, session))
        }
    }

    /// Stores a rule version inside the caller's transaction, audited with the rule it replaces.
    func store(_ draft: CommissionRule, caller: Caller, now: Date, _ session: SQLSession) async throws -> CommissionRule {
        try await session.lock("commission_rules")
        try await Self.refuseOverlap(draft, now: now, session)
        let before = try await session.commissionRule(at: now)
        var rule = draft
        rule.effectiveAt = max(draft.effectiveAt, now)
        let stored = try await session.insertCommissionRule(rule, createdBy: caller.principal.accountId, at: now)
        try await session.audit(
            caller, at: now, action: "commission.rule_published", entityType: "commission_rule", entityId: String(stored.version),
            before: String(decoding: try Self.encoder.encode(before), as: UTF8.self),
            after: String(decoding: try Self.encoder.encode(stored), as: UTF8.self))
        return stored
    }

    /// A version scheduled for later than the draft would leave the draft in force only between
    /// them, and reorder history: refuse it rather than guess what HQ meant.
    private static func refuseOverlap(_ draft: CommissionRule, now: Date, _ session: SQLSession) async throws {
        if let latest = try await session.commissionRules().first, draft.effectiveAt < latest.effectiveAt, latest.effectiveAt > now {
            throw AppError.invalid("effectiveAt", .notAllowed(reason: .ruleOverlaps(version: latest.version, effectiveAt: latest.effectiveAt)))
        }
    }

    /// Publishes a rule described by client input (form or JSON).
    public func publish(_ caller: Caller, _ input: CommissionRuleInput) async throws -> Submission<CommissionRule> {
        try caller.require(.manageFinance)
        return try await publish(caller, try input.draft(now: platform.clock.now()))
    }

    /// Simulates a rule described by client input on a month that has begun.
    public func simulate(_ caller: Caller, _ input: CommissionRuleInput, month text: String?) async throws -> RuleSimulation {
        try caller.require(.viewFinance)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let now = platform.clock.now()
        let draft = try input.draft(now: now)
        let month = try BusinessMonth.parse(text)
        guard month.start <= now else { throw AppError.invalid("month", .notAllowed(reason: .monthNotBegun)) }
        return try await simulate(caller, draft: draft, month: month)
    }

    /// Recomputes a past month's paid orders under a draft rule (nothing is written): totals per
    /// position and the biggest changes per partner, against the versions they were paid under.
    public func simulate(_ caller: Caller, draft: CommissionRule, month: BusinessMonth) async throws -> RuleSimulation {
        try caller.require(.viewFinance)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let problems = draft.problems()
        if !problems.isEmpty { throw AppError.validation(ValidationFailure(problems)) }
        return try await platform.database.read { session in
            var current = [Money](repeating: .zero, count: 3)
            var proposed = [Money](repeating: .zero, count: 3)
            var byPartner: [String: (current: Money, draft: Money)] = [:]
            var orderCount = 0
            var page = 1
            while true {
                let rows = try await session.rows(
                    """
                    SELECT id FROM orders WHERE paid_at_ms >= \(bind: Timestamp.milliseconds(month.start)) AND paid_at_ms < \(bind: Timestamp.milliseconds(month.end))
                    ORDER BY id LIMIT 500 OFFSET \(bind: (page - 1) * 500)
                    """)
                for row in rows {
                    guard let order = try await session.order(id: try row.string("id"), cipher: self.platform.cipher) else { continue }
                    orderCount += 1
                    let records = try await session.commissionRecords(orderId: order.id).filter { $0.kind == .commission }
                    guard let version = records.first?.ruleVersion, let rule = try await session.commissionRule(version: version) else { continue }
                    let beneficiaries = records.compactMap { record in
                        record.position.map { Beneficiary(partnerId: record.partnerId, position: $0, isActive: true) }
                    }
                    let lines = order.lines.map {
                        CommissionLine(
                            lineNumber: $0.lineNumber, unitPrice: $0.unitPrice, quantity: $0.quantity, keptQuantity: $0.quantity,
                            override: $0.commissionOverride)
                    }
                    let now = CommissionEngine.compute(lines: lines, discountRate: order.discountRate, beneficiaries: beneficiaries, rule: rule)
                    let then = CommissionEngine.compute(lines: lines, discountRate: order.discountRate, beneficiaries: beneficiaries, rule: draft)
                    for ((beneficiary, actual), (_, simulated)) in zip(now, then) {
                        current[beneficiary.position - 1] = current[beneficiary.position - 1] + actual.amount
                        proposed[beneficiary.position - 1] = proposed[beneficiary.position - 1] + simulated.amount
                        let sums = byPartner[beneficiary.partnerId] ?? (.zero, .zero)
                        byPartner[beneficiary.partnerId] = (sums.current + actual.amount, sums.draft + simulated.amount)
                    }
                }
                if rows.count < 500 { break }
                page += 1
            }
            let biggest = byPartner.sorted { abs(($0.value.draft - $0.value.current).fen) > abs(($1.value.draft - $1.value.current).fen) }.prefix(10)
            let partners = try await session.partners(ids: biggest.map(\.key), cipher: self.platform.cipher)
            let changes = biggest.compactMap { entry -> RuleSimulation.PartnerChange? in
                guard let partner = partners.first(where: { $0.id == entry.key }) else { return nil }
                return RuleSimulation.PartnerChange(partner: partner, current: entry.value.current, draft: entry.value.draft)
            }
            return RuleSimulation(month: month, orderCount: orderCount, currentByPosition: current, draftByPosition: proposed, changes: changes)
        }
    }

    // MARK: - Records

    /// A page of records: a partner (with finance view) sees its own; HQ anyone's.
    public func records(_ caller: Caller, filter: CommissionFilter, page: PageRequest) async throws -> Page<CommissionRecord> {
        var scoped = filter
        switch caller.principal.kind {
        case .hq: try caller.require(.viewFinance)
        case .partner:
            try caller.require(.partnerFinanceView)
            scoped.partnerId = caller.principal.partnerId
        }
        let finalFilter = scoped
        return try await platform.database.read { try await $0.commissionRecords(matching: finalFilter, page: page) }
    }

    /// One record with its explanation.
    public func record(_ caller: Caller, id: String) async throws -> CommissionRecordView {
        try await platform.database.read { session in
            guard Identifier.isWellFormed(id, prefix: "com"), let record = try await session.commissionRecord(id: id) else {
                throw AppError.notFound(entity: "commission")
            }
            switch caller.principal.kind {
            case .hq: try caller.require(.viewFinance)
            case .partner:
                try caller.require(.partnerFinanceView)
                guard record.partnerId == caller.principal.partnerId else { throw AppError.notFound(entity: "commission") }
            }
            guard let partner = try await session.partner(id: record.partnerId, cipher: self.platform.cipher) else {
                throw AppError.notFound(entity: "commission")
            }
            let order = try await record.orderId.asyncMap { try await session.order(id: $0, cipher: self.platform.cipher) } ?? nil
            let statement = try await record.statementId.asyncMap { try await session.statement(id: $0) } ?? nil
            let explanation = try? JSONDecoder().decode(CommissionExplanation.self, from: Data(record.explanationJSON.utf8))
            var adjustmentBase: (Money, Money)?
            if record.kind == .adjustment, let orderId = record.orderId {
                let earlier = try await session.commissionRecords(orderId: orderId).filter {
                    $0.partnerId == record.partnerId && $0.position == record.position && $0.createdAt <= record.createdAt && $0.id != record.id
                        && $0.state != .reversed
                }
                adjustmentBase = (earlier.map(\.amount).sum(), earlier.map(\.amount).sum() + record.amount)
            }
            return CommissionRecordView(
                record: record, partner: partner, order: order, statement: statement, explanation: explanation, adjustmentBase: adjustmentBase,
                rule: try await session.commissionRule(version: record.ruleVersion))
        }
    }

    /// The document numbers (PO-…, ST-…) of the orders and statements a page of records names,
    /// by id, so people read numbers rather than ids. At most one page of ids is asked for.
    public func documentNumbers(orderIds: [String], statementIds: [String]) async throws -> [String: String] {
        try await platform.database.read { try await $0.documentNumbers(orderIds: orderIds, statementIds: statementIds) }
    }

    /// A partner's commission at a glance (its home page).
    public func summary(_ caller: Caller) async throws -> CommissionSummary {
        try caller.require(.partnerFinanceView)
        guard let partnerId = caller.principal.partnerId else { throw AppError.forbidden }
        let now = platform.clock.now()
        return try await platform.database.read { session in
            let totals = try await session.commissionTotals(partnerId: partnerId, month: BusinessMonth(containing: now))
            let waiting =
                try await session.first(
                    """
                    SELECT COUNT(DISTINCT order_id) AS total FROM commission_records WHERE partner_id = \(bind: partnerId) AND state = 'frozen'
                    """)?.int64("total") ?? 0
            return CommissionSummary(
                frozen: totals["frozen"] ?? .zero, settleable: totals["settleable"] ?? .zero, settledTotal: totals["settled"] ?? .zero,
                settledLastRun: totals["settledLastRun"] ?? .zero, ordersAwaitingSettlement: waiting)
        }
    }
}

extension Optional {
    /// Maps the wrapped value with an async function.
    func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
