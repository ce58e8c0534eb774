import Foundation
import QudaoCore
import QudaoStore

/// What a sensitive HQ action came to: carried out now, or held for a second HQ approver.
public enum Submission<Value: Sendable>: Sendable {
    /// The action took effect.
    case applied(Value)
    /// The action waits for another HQ account to approve it; nothing changed yet.
    case awaitingApproval(ApprovalRequest)

    /// The value when the action took effect, nil when it waits.
    public var applied: Value? {
        if case .applied(let value) = self { return value }
        return nil
    }

    /// The request when the action waits, nil when it took effect.
    public var awaitingApproval: ApprovalRequest? {
        if case .awaitingApproval(let request) = self { return request }
        return nil
    }
}

/// A second HQ approver (双人复核, issue 13). Publishing a commission rule, setting a partner's
/// payout account and a direct prepaid credit above a threshold can each be held, by the setting
/// HQ admins change (on by default for payout accounts). A held action is stored, encrypted, as a
/// request; another HQ account with finance rights approves it, and the action is carried out in
/// the approval's own database transaction, or rejects it; the requester may withdraw it.
/// The table refuses a decision by the requester and a second decision, so neither a bug here nor
/// two approvers at once can let one person act alone or an action happen twice.
public struct ApprovalService: Sendable {
    let platform: Platform

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    static let policyKey = "approvals.policy"

    // MARK: - Policy

    /// Which actions wait for a second approver.
    public func policy() async throws -> ApprovalPolicy {
        try await platform.database.read { try await Self.policy($0) }
    }

    static func policy(_ session: SQLSession) async throws -> ApprovalPolicy {
        guard let text = try await session.setting(policyKey), let policy = try? JSONDecoder().decode(ApprovalPolicy.self, from: Data(text.utf8))
        else { return .defaults }
        return policy
    }

    /// Changes which actions wait (HQ admin), audited. Turning a protection off is itself a sensitive
    /// change, so every HQ admin and finance account is told who did it.
    public func setPolicy(_ caller: Caller, _ policy: ApprovalPolicy) async throws {
        try caller.require(.manageSettings)
        let problems = policy.problems()
        if !problems.isEmpty { throw AppError.validation(ValidationFailure(problems)) }
        try await platform.database.write { session in
            let now = self.platform.clock.now()
            let before = try await Self.policy(session)
            if before == policy { return }
            try await SettingsService.save(
                policy, key: Self.policyKey, action: "settings.approvals", current: Self.policy, caller: caller, now: now, session)
            if Self.loosens(policy, comparedWith: before) {
                _ = try await NotificationService.send(
                    .approvalPolicyWeakened(by: caller.principal.username, at: now), to: .hq(roles: [.admin, .finance]), at: now, session)
            }
        }
    }

    /// Whether `policy` holds less than `before`: a hold turned off, or a credit threshold raised or removed.
    static func loosens(_ policy: ApprovalPolicy, comparedWith before: ApprovalPolicy) -> Bool {
        if before.commissionRules && !policy.commissionRules { return true }
        if before.payoutAccounts && !policy.payoutAccounts { return true }
        guard let previous = before.prepaidCreditAbove else { return false }
        guard let threshold = policy.prepaidCreditAbove else { return true }
        return threshold > previous
    }

    // MARK: - Holding

    /// Whether the caller is a person at HQ, whose sensitive actions a policy may hold. The platform
    /// itself (the demo loader, a scheduled job) acts on no one's behalf and is never held.
    static func holds(_ caller: Caller) -> Bool {
        caller.principal.kind == .hq && caller.auditAccountId != nil
    }

    /// Stores a held action inside the caller's transaction, audited, and tells the HQ accounts that
    /// may approve it. A second request with the same exclusive key is refused, naming the first.
    static func hold(
        _ change: ApprovalChange, note: String?, caller: Caller, platform: Platform, _ session: SQLSession
    ) async throws
        -> ApprovalRequest
    {
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let now = platform.clock.now()
        let request = ApprovalRequest(
            id: Identifier.make(prefix: "apr"),
            number: try await session.unusedDocumentNumber(in: .approvalRequests, prefix: "AP", date: BusinessTime.dateStamp(now)),
            change: change, note: note, status: .pending, requestedByAccountId: caller.principal.accountId, requestedAt: now)
        guard try await session.insertApprovalRequest(request, cipher: platform.cipher) else {
            var waiting: ApprovalRequest?
            if let key = change.exclusiveKey { waiting = try await session.pendingApprovalRequest(exclusiveKey: key, cipher: platform.cipher) }
            throw AppError.conflict(reason: .approvalAlreadyPending(number: waiting?.number ?? "—"))
        }
        try await session.audit(
            caller, at: now, action: "approval.requested", entityType: "approval_request", entityId: request.id, before: nil,
            after: Self.snapshot(request, status: .pending))
        _ = try await NotificationService.send(
            .approvalRequested(request, by: caller.principal.username), to: .hq(roles: [.admin, .finance]), at: now, session)
        return request
    }

    /// What the audit log keeps of a request: the kind, the partner, the amount, and a bank account
    /// only masked (the full change stays encrypted in its table).
    static func snapshot(_ request: ApprovalRequest, status: ApprovalRequest.Status, extra: [String: AuditValue] = [:]) -> String {
        var fields: [String: AuditValue] = [
            "number": .text(request.number), "action": .text(request.change.action.rawValue), "status": .text(status.rawValue),
            "partnerId": .optionalText(request.change.partnerId),
        ]
        switch request.change {
        case .commissionRule(let rule):
            fields["rates"] = .text(rule.rates.map { String($0.basisPoints) }.joined(separator: "/"))
            fields["effectiveAt"] = .text(BusinessTime.displayText(rule.effectiveAt))
        case .payoutAccount(_, let method, _, _, let accountNumber):
            fields["method"] = .text(method.rawValue)
            fields["account"] = .optionalText(accountNumber.map(PersonalDataMask.identifier))
        case .prepaidCredit(_, let amount, let reason):
            fields["amountFen"] = .integer(amount.fen)
            fields["reason"] = .text(reason)
        }
        for (key, value) in extra { fields[key] = value }
        return AuditSnapshot.json(fields)
    }

    // MARK: - Reading

    /// Requests by status (HQ with finance view).
    public func requests(_ caller: Caller, filter: ApprovalFilter, page: PageRequest) async throws -> Page<ApprovalRequest> {
        try Self.requireHQ(caller, .viewFinance)
        return try await platform.database.read { try await $0.approvalRequests(matching: filter, page: page, cipher: self.platform.cipher) }
    }

    /// One request (HQ with finance view).
    public func request(_ caller: Caller, id: String) async throws -> ApprovalRequest {
        try Self.requireHQ(caller, .viewFinance)
        return try await platform.database.read { try await self.existing(id, $0) }
    }

    /// How people know the accounts and partners the requests name, by id.
    public func names(_ requests: [ApprovalRequest]) async throws -> [String: String] {
        let ids = requests.flatMap { [$0.requestedByAccountId, $0.decidedByAccountId, $0.change.partnerId].compactMap { $0 } }
        return try await platform.database.read { try await $0.readableNames(ids: ids) }
    }

    /// How many requests wait (for the HQ navigation).
    public func pendingCount(_ caller: Caller) async throws -> Int {
        guard caller.principal.kind == .hq, caller.principal.can(.viewFinance) else { return 0 }
        return try await platform.database.read { try await $0.pendingApprovalCount() }
    }

    // MARK: - Deciding

    /// Approves a waiting request and carries out its action in the same transaction (HQ finance or
    /// admin, not the requester). When the action is refused now (a rule scheduled meanwhile, a
    /// partner gone), nothing changes and the request keeps waiting, so it can be rejected.
    public func approve(_ caller: Caller, id: String) async throws -> ApprovalRequest {
        try Self.requireHQ(caller, .manageFinance)
        return try await platform.database.write { session in
            var request = try await self.existing(id, session)
            try Self.requireDecidable(request, by: caller, as: .approved)
            let now = self.platform.clock.now()
            guard
                try await session.decideApprovalRequest(
                    id: id, status: .approved, byAccountId: caller.principal.accountId, at: now, note: nil, resultReference: nil)
            else { throw AppError.conflict(reason: .approvalNotPending(status: try await self.existing(id, session).status)) }
            let result = try await self.carryOut(request.change, caller: caller, now: now, session)
            try await session.execute("UPDATE approval_requests SET result_reference = \(bind: result) WHERE id = \(bind: id)")
            request.status = .approved
            request.decidedByAccountId = caller.principal.accountId
            request.decidedAt = now
            request.resultReference = result
            try await session.audit(
                caller, at: now, action: "approval.approved", entityType: "approval_request", entityId: id,
                before: AuditSnapshot.json(["status": .text("pending"), "requestedBy": .text(request.requestedByAccountId)]),
                after: Self.snapshot(request, status: .approved, extra: ["result": .text(result)]))
            _ = try await NotificationService.send(
                .approvalDecided(request), to: .account(id: request.requestedByAccountId), at: now, session)
            return request
        }
    }

    /// Rejects a waiting request with an optional reason (HQ finance or admin, not the requester).
    public func reject(_ caller: Caller, id: String, reason rawReason: String?) async throws -> ApprovalRequest {
        try await close(caller, id: id, as: .rejected, reason: rawReason)
    }

    /// Withdraws a waiting request (only the account that asked).
    public func withdraw(_ caller: Caller, id: String) async throws -> ApprovalRequest {
        try await close(caller, id: id, as: .withdrawn, reason: nil)
    }

    private func close(
        _ caller: Caller, id: String, as status: ApprovalRequest.Status, reason rawReason: String?
    ) async throws
        -> ApprovalRequest
    {
        try Self.requireHQ(caller, .manageFinance)
        var validator = Validator()
        let reason = validator.text("reason", rawReason, required: false, maximumCharacters: 200)
        try validator.throwIfInvalidAsAppError()
        return try await platform.database.write { session in
            var request = try await self.existing(id, session)
            try Self.requireDecidable(request, by: caller, as: status)
            let now = self.platform.clock.now()
            guard
                try await session.decideApprovalRequest(
                    id: id, status: status, byAccountId: caller.principal.accountId, at: now, note: reason, resultReference: nil)
            else { throw AppError.conflict(reason: .approvalNotPending(status: try await self.existing(id, session).status)) }
            request.status = status
            request.decidedByAccountId = caller.principal.accountId
            request.decidedAt = now
            request.decisionNote = reason
            try await session.audit(
                caller, at: now, action: "approval.\(status.rawValue)", entityType: "approval_request", entityId: id,
                before: AuditSnapshot.json(["status": .text("pending")]),
                after: Self.snapshot(request, status: status, extra: ["reason": .optionalText(reason)]))
            if status == .rejected {
                _ = try await NotificationService.send(
                    .approvalDecided(request), to: .account(id: request.requestedByAccountId), at: now, session)
            }
            return request
        }
    }

    private func existing(_ id: String, _ session: SQLSession) async throws -> ApprovalRequest {
        guard Identifier.isWellFormed(id, prefix: "apr"), let request = try await session.approvalRequest(id: id, cipher: platform.cipher) else {
            throw AppError.notFound(entity: "approval_request")
        }
        return request
    }

    private static func requireHQ(_ caller: Caller, _ capability: Capability) throws {
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        try caller.require(capability)
    }

    /// The checks people get a sentence for; the conditional update and the table's checks hold
    /// them again when requests race.
    private static func requireDecidable(_ request: ApprovalRequest, by caller: Caller, as status: ApprovalRequest.Status) throws {
        guard request.status == .pending else { throw AppError.conflict(reason: .approvalNotPending(status: request.status)) }
        let isRequester = request.requestedByAccountId == caller.principal.accountId
        if status == .withdrawn, !isRequester { throw AppError.conflict(reason: .onlyRequesterWithdraws) }
        if status != .withdrawn, isRequester { throw AppError.conflict(reason: .approverIsRequester) }
    }

    /// Carries out an approved change as the approver, inside the approval's transaction; returns
    /// what it made, for the request's record (the rule version, the adjustment reference, the partner).
    private func carryOut(_ change: ApprovalChange, caller: Caller, now: Date, _ session: SQLSession) async throws -> String {
        switch change {
        case .commissionRule(let rule):
            let stored = try await CommissionService(platform: platform).store(rule, caller: caller, now: now, session)
            return "v\(stored.version)"
        case .payoutAccount(let partnerId, let method, let accountName, let bankName, let accountNumber):
            guard let partner = try await session.partner(id: partnerId, cipher: platform.cipher) else {
                throw AppError.invalid("partnerId", .notFound)
            }
            let settings = PayoutSettings(method: method, accountName: accountName, bankName: bankName, accountNumber: accountNumber)
            try await SettlementService(platform: platform).store(settings, partnerId: partner.id, caller: caller, now: now, session)
            return partner.code
        case .prepaidCredit(let partnerId, let amount, let reason):
            guard let partner = try await session.partner(id: partnerId, cipher: platform.cipher) else {
                throw AppError.invalid("partnerId", .notFound)
            }
            return try await PrepaidService(platform: platform).post(
                partner: partner, amount: amount, direction: .credit, reason: reason, caller: caller, now: now, session
            ).reference
        }
    }
}
