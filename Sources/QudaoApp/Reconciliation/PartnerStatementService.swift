import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// Monthly partner statements (对账单, RULES §8): after a month's settlement run, every partner with
/// anything to reconcile gets a statement of its prepaid and commission accounts (opening balance,
/// each movement with its document and description, closing balance), its orders, refunded returns
/// and settled commission, with a SHA-256 of the canonical content both sides can quote. The partner
/// confirms or disputes it; one nobody answers is confirmed automatically after the days of the
/// reconciliation settings (RULES §8's N, 10 unless HQ changed it).
public struct PartnerStatementService: Sendable {
    let platform: Platform

    /// The most statements one automatic-confirmation run confirms; the next run continues.
    public static let maximumConfirmationsPerRun = 500

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    // MARK: - Issuing

    /// Issues the statements of a settled month that are not issued yet (HQ finance, or the platform
    /// after the settlement run). Each partner's statement is its own transaction, so a run that
    /// stops is finished by the next; any number of servers may run it at once, and the unique
    /// index keeps one current statement per partner and month. Returns how many were issued now.
    @discardableResult
    public func issue(_ caller: Caller, month: BusinessMonth) async throws -> Int {
        try caller.require(.manageFinance)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let settled = try await platform.database.read { try await $0.settlementRun(month: month.description)?.status == "completed" }
        guard settled else { throw AppError.invalid("month", .notAllowed(reason: .monthNotSettledYet(month: month.description))) }
        let partnerIds = try await platform.database.read {
            try await $0.partnersWithActivity(month: month.description, from: month.start, to: month.end)
        }
        var issued = 0
        for partnerId in partnerIds {
            if try await issue(caller, partnerId: partnerId, month: month) { issued += 1 }
        }
        try await platform.database.write { try await $0.markPartnerStatementsIssued(month: month.description, at: self.platform.clock.now()) }
        return issued
    }

    /// Issues the statements of every settled month whose issue did not finish (a server stopped).
    public func issueDue() async throws {
        for text in try await platform.database.read({ try await $0.settledMonthsAwaitingPartnerStatements() }) {
            guard let month = BusinessMonth(text) else { continue }
            try await issue(.system(), month: month)
        }
    }

    /// One partner's first statement for the month, unless it has one.
    private func issue(_ caller: Caller, partnerId: String, month: BusinessMonth) async throws -> Bool {
        try await platform.database.write { session in
            try await session.lockPartnerStatements(partnerId: partnerId)
            if try await session.currentPartnerStatement(partnerId: partnerId, month: month.description) != nil { return false }
            guard let partner = try await session.partner(id: partnerId, cipher: self.platform.cipher) else { return false }
            let content = try await Self.content(partner: partner, month: month, version: 1, session)
            guard content.hasActivity else { return false }
            let now = self.platform.clock.now()
            let (json, hash) = try Self.canonical(content)
            let statement = PartnerStatementRecord(
                id: Identifier.make(prefix: "pst"),
                number: try await session.unusedDocumentNumber(
                    in: .partnerStatements, prefix: "RS", date: month.description.replacingOccurrences(of: "-", with: "")),
                partnerId: partnerId, month: month.description, version: 1, status: .issued, content: content, contentHash: hash,
                issuedAt: now, issuedByAccountId: caller.auditAccountId)
            guard try await session.insertPartnerStatement(statement, contentJSON: json) else { return false }
            try await session.audit(
                caller, at: now, action: "partner_statement.issued", entityType: "partner_statement", entityId: statement.id, before: nil,
                after: AuditSnapshot.json([
                    "number": .text(statement.number), "partnerId": .text(partnerId), "month": .text(month.description),
                    "version": .integer(1), "hash": .text(hash),
                ]))
            let days = try await SettingsService.reconciliation(session).autoConfirmDays
            _ = try await NotificationService.send(
                .partnerStatementIssued(statement, autoConfirmDays: days), to: .partner(id: partnerId, permission: .financeView), at: now, session)
            return true
        }
    }

    /// The canonical JSON of a statement's content and its SHA-256 in hex.
    static func canonical(_ content: PartnerStatementContent) throws -> (json: String, hash: String) {
        let data = try content.canonicalData()
        return (String(decoding: data, as: UTF8.self), Hexadecimal.text(SHA256.hash(data: data)))
    }

    /// What a partner's statement for a month says, from the ledger and the orders as they stand.
    static func content(
        partner: PartnerRecord, month: BusinessMonth, version: Int, _ session: SQLSession
    ) async throws
        -> PartnerStatementContent
    {
        var accounts: [StatementAccount] = []
        for kind in StatementAccountKind.allCases {
            let account: LedgerAccount =
                kind == .prepaid ? .prepaid(partnerId: partner.id) : .commissionPayable(partnerId: partner.id)
            let opening = try await session.balance(of: account, beforeMonth: month.description, start: month.start)
            let lines = try await session.movements(of: account, month: month.description, from: month.start, to: month.end)
            var documents: [String: DocumentReference] = [:]
            let references = Array(Set(lines.map(\.reference))).sorted()
            // The lookup answers a page of ids of each kind at a time.
            for start in stride(from: 0, to: references.count, by: PageRequest.maximumPageSize) {
                let chunk = Array(references[start..<min(start + PageRequest.maximumPageSize, references.count)])
                documents.merge(try await session.documentReferences(ids: chunk)) { first, _ in first }
            }
            // The running balance in time order, from the opening balance.
            var running = opening
            let movements = lines.map { line in
                running = running + line.change
                return StatementMovement(
                    entryId: line.entryId, postedAt: BusinessTime.displayText(line.postedAt), documentNumber: documents[line.reference]?.number ?? "",
                    description: Language.chinese.movementDescription(
                        kind: line.kind, memo: line.memo, document: documents[line.reference], account: kind),
                    amount: line.change, balanceAfter: running)
            }
            accounts.append(StatementAccount(kind: kind, opening: opening, movements: movements, closing: running))
        }
        let orders = try await session.statementOrders(partnerId: partner.id, from: month.start, to: month.end).map { order in
            StatementOrder(
                number: order.number, kind: order.kind, placedOn: BusinessTime.dayText(order.createdAt),
                status: Language.chinese.orderStatus(order.status), net: order.net)
        }
        let returns = try await session.refundedReturns(partnerId: partner.id, from: month.start, to: month.end).map { row in
            StatementReturn(number: row.number, orderNumber: row.orderNumber, refundedOn: BusinessTime.dayText(row.refundedAt), refund: row.refund)
        }
        let commission = try await session.statement(partnerId: partner.id, month: month.description).map { statement in
            StatementCommission(
                statementNumber: statement.number, commission: statement.commission, bonus: statement.bonus, net: statement.net,
                recordCount: statement.recordCount)
        }
        return PartnerStatementContent(
            partnerCode: partner.code, partnerName: partner.name, month: month.description, version: version, accounts: accounts, orders: orders,
            returns: returns, commission: commission)
    }

    // MARK: - Reading

    /// Statements the caller may read: HQ with finance view, any; a partner account with finance
    /// view, its own partner's only (not its downline's: a statement is between HQ and that partner).
    public func statements(_ caller: Caller, filter: PartnerStatementFilter, page: PageRequest) async throws -> Page<PartnerStatementRecord> {
        var filter = filter
        switch caller.principal.kind {
        case .hq: try caller.require(.viewFinance)
        case .partner:
            try caller.require(.partnerFinanceView)
            filter.partnerId = caller.principal.partnerId
        }
        let scoped = filter
        return try await platform.database.read { try await $0.partnerStatements(matching: scoped, page: page) }
    }

    /// One statement the caller may read; another partner's is not found.
    public func statement(_ caller: Caller, id: String) async throws -> PartnerStatementRecord {
        try await platform.database.read { try await self.visible(caller, id: id, $0) }
    }

    func visible(_ caller: Caller, id: String, _ session: SQLSession) async throws -> PartnerStatementRecord {
        guard Identifier.isWellFormed(id, prefix: "pst"), let statement = try await session.partnerStatement(id: id) else {
            throw AppError.notFound(entity: "partner_statement")
        }
        switch caller.principal.kind {
        case .hq: try caller.require(.viewFinance)
        case .partner:
            try caller.require(.partnerFinanceView)
            guard statement.partnerId == caller.principal.partnerId else { throw AppError.notFound(entity: "partner_statement") }
        }
        return statement
    }

    // MARK: - Confirming

    /// The partner confirms its statement (the owner, or a sub-account with finance view). Once
    /// confirmed it never changes; corrections appear as movements in a later month.
    public func confirm(_ caller: Caller, id: String) async throws -> PartnerStatementRecord {
        guard caller.principal.kind == .partner else { throw AppError.forbidden }
        return try await platform.database.write { session in
            var statement = try await self.visible(caller, id: id, session)
            let now = self.platform.clock.now()
            guard try await session.confirmPartnerStatement(id: id, byAccountId: caller.principal.accountId, at: now, automatically: false) else {
                throw AppError.conflict(reason: .partnerStatementNotAwaitingConfirmation(status: statement.status))
            }
            try await session.audit(
                caller, at: now, action: "partner_statement.confirmed", entityType: "partner_statement", entityId: id,
                before: AuditSnapshot.json(["status": .text(statement.status.rawValue)]),
                after: AuditSnapshot.json(["status": .text("confirmed"), "hash": .text(statement.contentHash)]))
            statement.status = .confirmed
            statement.confirmedAt = now
            statement.confirmedByAccountId = caller.principal.accountId
            return statement
        }
    }

    /// Days before the automatic confirmation when the partner is reminded.
    public static let reminderDays = 2

    /// When a statement issued at `issuedAt` is confirmed automatically, with `days` from the settings.
    public static func confirmsAutomatically(issuedAt: Date, days: Int) -> Date {
        issuedAt.addingTimeInterval(TimeInterval(days) * 86_400)
    }

    /// Reminds the partners of statements that will be confirmed automatically within
    /// ``reminderDays``. The reminder's event key is the statement's, so each is sent once however
    /// many ticks or servers see it.
    func remindBeforeAutomaticConfirmation(at instant: Date, days: Int) async throws {
        let cutoff = instant.addingTimeInterval(-TimeInterval(days - Self.reminderDays) * 86_400)
        let due = try await platform.database.read { try await $0.partnerStatementsIssued(before: cutoff, limit: Self.maximumConfirmationsPerRun) }
        for id in due {
            try await platform.database.write { session in
                guard let statement = try await session.partnerStatement(id: id), statement.status == .issued else { return }
                let confirmsAt = Self.confirmsAutomatically(issuedAt: statement.issuedAt, days: days)
                _ = try await NotificationService.send(
                    .partnerStatementConfirmsSoon(statement, at: confirmsAt), to: .partner(id: statement.partnerId, permission: .financeView),
                    at: instant, session)
            }
        }
    }

    /// Confirms, automatically, statements issued the settings' number of days or more before
    /// `instant` that nobody answered. Each is a conditional update, so any number of servers may
    /// run this at once.
    @discardableResult
    public func autoConfirm(at instant: Date) async throws -> Int {
        let days = try await platform.database.read { try await SettingsService.reconciliation($0).autoConfirmDays }
        try await remindBeforeAutomaticConfirmation(at: instant, days: days)
        let cutoff = instant.addingTimeInterval(-TimeInterval(days) * 86_400)
        let due = try await platform.database.read { try await $0.partnerStatementsIssued(before: cutoff, limit: Self.maximumConfirmationsPerRun) }
        var confirmed = 0
        for id in due {
            let done = try await platform.database.write { session in
                guard try await session.confirmPartnerStatement(id: id, byAccountId: nil, at: instant, automatically: true) else { return false }
                try await session.audit(
                    .system(), at: instant, action: "partner_statement.auto_confirmed", entityType: "partner_statement", entityId: id,
                    before: AuditSnapshot.json(["status": .text("issued")]),
                    after: AuditSnapshot.json(["status": .text("confirmed"), "automatically": .boolean(true)]))
                return true
            }
            if done { confirmed += 1 }
        }
        return confirmed
    }
}
