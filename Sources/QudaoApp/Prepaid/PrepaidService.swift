import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// What a client sends to request a top-up.
public struct TopUpInput: Sendable, Hashable {
    public var amount: AmountInput
    public var bankReference: String?
    public var note: String?
    /// For HQ entering a request on a partner's behalf: the partner's id or code.
    public var partner: String?
    public var proof: UploadedFile?

    /// Creates an input.
    public init(amount: AmountInput, bankReference: String?, note: String? = nil, partner: String? = nil, proof: UploadedFile? = nil) {
        self.amount = amount
        self.bankReference = bankReference
        self.note = note
        self.partner = partner
        self.proof = proof
    }
}

/// A partner's prepaid position.
public struct PrepaidPosition: Sendable {
    public let partner: PartnerRecord
    public let balance: Money
    /// Confirmed top-ups in the discount window, and the discount rate they earn now.
    public let topUpsInWindow: Money
    public let discountRate: Rate
}

/// Prepaid deposits (预存款, RULES §6): top-up requests, confirmation with the rebate, manual
/// adjustments, balances and statements. Every money movement posts a balanced ledger
/// transaction inside the same database transaction as the change that caused it.
public struct PrepaidService: Sendable {
    let platform: Platform

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    // MARK: - Reading

    /// The prepaid position of a partner the caller may see (a partner: itself and, with team
    /// rights, its downline; HQ: anyone).
    public func position(_ caller: Caller, partnerId: String?) async throws -> PrepaidPosition {
        try await platform.database.read { session in
            let partner = try await self.financePartner(caller, partnerId, session)
            let rules = try await SettingsService.prepaidRules(session)
            let now = self.platform.clock.now()
            let total = try await session.confirmedTopUpTotal(
                partnerId: partner.id, from: now.addingTimeInterval(-TimeInterval(rules.discountWindowDays) * 86_400), to: now)
            return PrepaidPosition(
                partner: partner, balance: try await session.prepaidBalance(partnerId: partner.id), topUpsInWindow: total,
                discountRate: rules.discountRate(forTopUpsInWindow: total))
        }
    }

    /// A page of a partner's statement with running balances.
    public func statement(_ caller: Caller, partnerId: String?, filter: StatementFilter, page: PageRequest) async throws -> Page<StatementLine> {
        try await platform.database.read { session in
            let partner = try await self.financePartner(caller, partnerId, session)
            return try await session.prepaidStatement(partnerId: partner.id, filter: filter, page: page)
        }
    }

    /// A page of the statement with the documents its lines point at (orders, top-ups, returns,
    /// commission statements), so pages and exports show document numbers, never internal ids.
    public func statementWithDocuments(
        _ caller: Caller, partnerId: String?, filter: StatementFilter, page: PageRequest
    ) async throws -> (lines: Page<StatementLine>, documents: [String: DocumentReference]) {
        try await platform.database.read { session in
            let partner = try await self.financePartner(caller, partnerId, session)
            let lines = try await session.prepaidStatement(partnerId: partner.id, filter: filter, page: page)
            return (lines, try await session.documentReferences(ids: lines.items.map(\.reference)))
        }
    }

    /// Top-up requests: HQ sees all (filterable), a partner its own.
    public func topUps(_ caller: Caller, filter: TopUpFilter, page: PageRequest) async throws -> Page<TopUpRecord> {
        var scoped = filter
        switch caller.principal.kind {
        case .hq: try caller.require(.viewFinance)
        case .partner:
            try caller.require(.partnerFinanceView)
            scoped.partnerId = caller.principal.partnerId
        }
        let finalFilter = scoped
        return try await platform.database.read { try await $0.topUps(matching: finalFilter, page: page) }
    }

    /// One top-up request the caller may see.
    public func topUp(_ caller: Caller, id: String) async throws -> TopUpRecord {
        try await platform.database.read { try await self.visibleTopUp(caller, id: id, $0) }
    }

    /// The proof file of a top-up the caller may see.
    public func proofFile(_ caller: Caller, topUpId: String) async throws -> StoredFile {
        try await platform.database.read { session in
            let topUp = try await self.visibleTopUp(caller, id: topUpId, session)
            guard let fileId = topUp.proofFileId, let file = try await session.file(id: fileId) else { throw AppError.notFound(entity: "file") }
            return file
        }
    }

    // MARK: - Writing

    /// A partner (finance view) requests a top-up, or HQ finance enters one on its behalf.
    public func requestTopUp(_ caller: Caller, _ input: TopUpInput) async throws -> TopUpRecord {
        switch caller.principal.kind {
        case .hq: try caller.require(.manageFinance)
        case .partner: try caller.require(.partnerFinanceView)
        }
        var validator = Validator()
        let rules = try await SettingsService(platform: platform).prepaidRules()
        let amount = validator.amount("amountFen", input.amount, in: 1...rules.maximumTopUp.fen)
        let reference = validator.text("bankReference", input.bankReference, maximumCharacters: 64, minimumCharacters: 4)
        let note = validator.text("note", input.note, required: false, maximumCharacters: 200) ?? ""
        if caller.principal.kind == .hq && (input.partner ?? "").trimmingWhitespace().isEmpty { validator.add("partnerId", .required) }
        let proof = UploadedFile.checked(input.proof, field: "proof", &validator)
        try validator.throwIfInvalidAsAppError()
        guard let amount, let reference else { preconditionFailure("validated above") }
        let proofFile = proof
        do {
            return try await platform.database.write { session in
                let partner: PartnerRecord
                if caller.principal.kind == .hq {
                    guard let found = try await PartnerService(platform: self.platform).partnerByReference(input.partner ?? "", session) else {
                        throw AppError.invalid("partnerId", .notFound)
                    }
                    partner = found
                } else {
                    partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
                }
                if try await session.bankReferenceInUse(reference, partnerId: partner.id) { throw AppError.invalid("bankReference", .duplicate) }
                let now = self.platform.clock.now()
                let fileId = try await proofFile.asyncFlatMap {
                    try await $0.file.store(contentType: $0.type, partnerId: partner.id, uploadedBy: caller.principal.accountId, at: now, session)
                }
                let topUp = TopUpRecord(
                    id: Identifier.make(prefix: "top"),
                    number: try await session.unusedDocumentNumber(in: .topUps, prefix: "TU", date: BusinessTime.dateStamp(now)),
                    partnerId: partner.id, amount: amount, bonus: .zero, bankReference: reference, proofFileId: fileId, note: note,
                    status: .pending, requestedBy: caller.principal.accountId, requestedAt: now, decidedBy: nil, decidedAt: nil,
                    rejectionReason: nil, rowVersion: 1)
                try await session.insertTopUp(topUp)
                try await session.audit(
                    caller, at: now, action: "topup.request", entityType: "top_up", entityId: topUp.id, before: nil,
                    after: AuditSnapshot.json([
                        "partnerId": .text(partner.id), "amountFen": .integer(amount.fen), "bankReference": .text(reference),
                        "proofFileId": .optionalText(fileId),
                    ]))
                return topUp
            }
        } catch let error where DatabaseErrorClassifier.isUniqueViolation(error) {
            throw AppError.invalid("bankReference", .duplicate)
        }
    }

    /// HQ finance confirms a pending top-up: the amount and its rebate (RULES §6) are credited to
    /// the prepaid balance, once, however many confirmations race.
    public func confirmTopUp(_ caller: Caller, id: String) async throws -> TopUpRecord {
        try caller.require(.manageFinance)
        return try await platform.database.write { session in
            guard let topUp = try await session.topUp(id: id) else { throw AppError.notFound(entity: "top_up") }
            guard let confirmed = try await self.confirm(topUp, caller: caller, now: self.platform.clock.now(), session) else {
                throw AppError.conflict(reason: .topUpNotPending(status: topUp.status))
            }
            return confirmed
        }
    }

    /// Confirms a pending top-up inside the caller's transaction: the amount and its rebate tier
    /// (RULES §6) posted, audited, the partner told. Returns nil, changing nothing, when the top-up
    /// is no longer pending. A manual confirmation and an accepted bank line both come here.
    func confirm(_ topUp: TopUpRecord, caller: Caller, now: Date, _ session: SQLSession) async throws -> TopUpRecord? {
        var topUp = topUp
        let id = topUp.id
        let rules = try await SettingsService.prepaidRules(session)
        let bonus = rules.bonus(forTopUp: topUp.amount)
        guard
            try await session.decideTopUp(
                id: id, status: .confirmed, bonus: bonus, decidedBy: caller.principal.accountId, at: now, rejectionReason: nil)
        else { return nil }
        if let posting = Postings.topUp(partnerId: topUp.partnerId, amount: topUp.amount, reference: topUp.id) {
            try await session.post(posting, at: now, actorAccountId: caller.auditAccountId)
        }
        if let posting = Postings.topUpBonus(partnerId: topUp.partnerId, bonus: bonus, reference: topUp.id) {
            try await session.post(posting, at: now, actorAccountId: caller.auditAccountId)
        }
        try await session.audit(
            caller, at: now, action: "topup.confirm", entityType: "top_up", entityId: id,
            before: AuditSnapshot.json(["status": .text("pending")]),
            after: AuditSnapshot.json(["status": .text("confirmed"), "amountFen": .integer(topUp.amount.fen), "bonusFen": .integer(bonus.fen)]))
        try await NotificationService.send(
            .topUpConfirmed(topUpId: id, amount: topUp.amount, bonus: bonus), to: .partner(id: topUp.partnerId, permission: .financeView),
            at: now, session)
        topUp.status = .confirmed
        topUp.bonus = bonus
        topUp.decidedBy = caller.principal.accountId
        topUp.decidedAt = now
        topUp.rowVersion += 1
        try await Self.emitTopUpWebhook(.topUpConfirmed, topUp, reason: nil, at: now, session)
        return topUp
    }

    static func emitTopUpWebhook(_ type: WebhookEventType, _ topUp: TopUpRecord, reason: String?, at now: Date, _ session: SQLSession) async throws {
        try await session.emitWebhook(
            type, partnerId: topUp.partnerId,
            data: WebhookTopUpData(
                topUpId: topUp.id, number: topUp.number, partnerId: topUp.partnerId,
                partnerCode: try await session.partnerCode(id: topUp.partnerId) ?? "", amountFen: topUp.amount.fen, rebateFen: topUp.bonus.fen,
                status: topUp.status.rawValue, reason: reason), at: now)
    }

    /// HQ finance rejects a pending top-up with a reason; nothing is credited.
    public func rejectTopUp(_ caller: Caller, id: String, reason rawReason: String?) async throws -> TopUpRecord {
        try caller.require(.manageFinance)
        var validator = Validator()
        let reason = validator.text("reason", rawReason, maximumCharacters: 200)
        try validator.throwIfInvalidAsAppError()
        return try await platform.database.write { session in
            guard var topUp = try await session.topUp(id: id) else { throw AppError.notFound(entity: "top_up") }
            let now = self.platform.clock.now()
            guard
                try await session.decideTopUp(
                    id: id, status: .rejected, bonus: .zero, decidedBy: caller.principal.accountId, at: now, rejectionReason: reason)
            else { throw AppError.conflict(reason: .topUpNotPending(status: topUp.status)) }
            try await session.audit(
                caller, at: now, action: "topup.reject", entityType: "top_up", entityId: id, before: AuditSnapshot.json(["status": .text("pending")]),
                after: AuditSnapshot.json(["status": .text("rejected"), "reason": .optionalText(reason)]))
            try await NotificationService.send(
                .topUpRejected(topUpId: id, amount: topUp.amount, reason: reason ?? ""), to: .partner(id: topUp.partnerId, permission: .financeView),
                at: now, session)
            topUp.status = .rejected
            topUp.rejectionReason = reason
            topUp.decidedAt = now
            try await Self.emitTopUpWebhook(.topUpRejected, topUp, reason: reason, at: now, session)
            return topUp
        }
    }

    /// HQ finance credits or debits a balance directly, with a mandatory reason. A debit never takes
    /// the balance below zero. A credit above the second approver's threshold waits for another HQ
    /// account; the answer is then the balance as it stands, unchanged.
    public func adjust(
        _ caller: Caller, partner reference: String?, amount amountInput: AmountInput, direction rawDirection: String?, reason rawReason: String?
    ) async throws -> Submission<Money> {
        try caller.require(.manageFinance)
        var validator = Validator()
        let amount = validator.amount("amountFen", amountInput, in: 1...PrepaidRules.defaults.maximumTopUp.fen)
        let direction = validator.oneOf("direction", rawDirection, as: LedgerDirection.self)
        let reason = validator.text("reason", rawReason, maximumCharacters: 200)
        if (reference ?? "").trimmingWhitespace().isEmpty { validator.add("partnerId", .required) }
        try validator.throwIfInvalidAsAppError()
        guard let amount, let direction, let reason else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            guard let partner = try await PartnerService(platform: self.platform).partnerByReference(reference ?? "", session) else {
                throw AppError.invalid("partnerId", .notFound)
            }
            if ApprovalService.holds(caller), direction == .credit, try await ApprovalService.policy(session).holdsCredit(amount) {
                let change = ApprovalChange.prepaidCredit(partnerId: partner.id, amount: amount, reason: reason)
                return .awaitingApproval(try await ApprovalService.hold(change, note: nil, caller: caller, platform: self.platform, session))
            }
            return .applied(
                try await self.post(
                    partner: partner, amount: amount, direction: direction, reason: reason, caller: caller, now: self.platform.clock.now(),
                    session
                ).balance)
        }
    }

    /// Posts a manual credit or debit inside the caller's transaction, audited with the balances
    /// before and after; returns the new balance and the adjustment's reference.
    func post(
        partner: PartnerRecord, amount: Money, direction: LedgerDirection, reason: String, caller: Caller, now: Date, _ session: SQLSession
    ) async throws -> (balance: Money, reference: String) {
        let before = try await session.prepaidBalance(partnerId: partner.id)
        let adjustmentId = Identifier.make(prefix: "adj")
        guard
            let posting = Postings.manual(partnerId: partner.id, amount: amount, credit: direction == .credit, reference: adjustmentId, memo: reason)
        else { preconditionFailure("a positive amount always posts") }
        do {
            try await session.post(posting, at: now, actorAccountId: caller.auditAccountId)
        } catch let shortfall as InsufficientBalance {
            throw AppError.insufficientBalance(available: shortfall.available, required: shortfall.required)
        }
        let after = try await session.prepaidBalance(partnerId: partner.id)
        try await session.audit(
            caller, at: now, action: "prepaid.adjust", entityType: "partner", entityId: partner.id,
            before: AuditSnapshot.json(["balanceFen": .integer(before.fen)]),
            after: AuditSnapshot.json([
                "balanceFen": .integer(after.fen), "direction": .text(direction.rawValue), "amountFen": .integer(amount.fen),
                "reason": .text(reason), "reference": .text(adjustmentId),
            ]))
        return (after, adjustmentId)
    }

    // MARK: - Helpers

    /// The partner whose finances the caller asks for: HQ names one; a partner account may see its own
    /// and, with team rights, its downline's (never anyone else's).
    func financePartner(_ caller: Caller, _ partnerId: String?, _ session: SQLSession) async throws -> PartnerRecord {
        let partners = PartnerService(platform: platform)
        switch caller.principal.kind {
        case .hq:
            try caller.require(.viewFinance)
            guard let partnerId, let partner = try await partners.partnerByReference(partnerId, session) else {
                throw AppError.notFound(entity: "partner")
            }
            return partner
        case .partner:
            try caller.require(.partnerFinanceView)
            guard let partnerId, partnerId != caller.principal.partnerId else { return try await partners.ownPartner(caller, session) }
            return try await partners.visiblePartner(caller, id: partnerId, session)
        }
    }

    func visibleTopUp(_ caller: Caller, id: String, _ session: SQLSession) async throws -> TopUpRecord {
        guard Identifier.isWellFormed(id, prefix: "top"), let topUp = try await session.topUp(id: id) else {
            throw AppError.notFound(entity: "top_up")
        }
        switch caller.principal.kind {
        case .hq: try caller.require(.viewFinance)
        case .partner:
            try caller.require(.partnerFinanceView)
            guard topUp.partnerId == caller.principal.partnerId else { throw AppError.notFound(entity: "top_up") }
        }
        return topUp
    }

    /// The prepaid balances of the partners a list shows, by partner id (one page of ids at most).
    public func balances(partnerIds: [String]) async throws -> [String: Money] {
        try await platform.database.read { try await $0.prepaidBalances(partnerIds: partnerIds) }
    }
}
