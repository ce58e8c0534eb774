import Foundation
import QudaoCore
import QudaoStore

/// Disputes (有异议, RULES §8): the partner names the lines it believes wrong, HQ finance answers
/// each (accepted with a correction that carries the dispute's number, or rejected with a reply),
/// and once every line is answered the statement is resolved and a new version is issued, which
/// the partner confirms or disputes in turn. The disputed version stays readable.
extension PartnerStatementService {
    /// The most lines one dispute names.
    public static let maximumDisputeLines = 50
    /// The longest comment or reply.
    public static let maximumCommentCharacters = 500
    /// The largest amount a line may claim or a correction move, either way: ¥10,000,000.00.
    public static let maximumDisputeAmountFen: Int64 = 1_000_000_000

    /// A statement with its dispute, if it has one, and the version it replaced.
    public struct Disputed: Sendable {
        public let statement: PartnerStatementRecord
        public let dispute: StatementDispute?
        /// The disputed version this one was issued after.
        public var previousId: String? = nil
    }

    /// A statement the caller may read, with its dispute and the version it replaced.
    public func statementWithDispute(_ caller: Caller, id: String) async throws -> Disputed {
        try await platform.database.read { session in
            let statement = try await self.visible(caller, id: id, session)
            return Disputed(
                statement: statement, dispute: try await session.statementDispute(statementId: id),
                previousId: statement.version > 1 ? try await session.partnerStatementReplaced(by: id) : nil)
        }
    }

    /// The board's summary: statements in each state, and issued ones that confirm themselves
    /// within the reminder's days (HQ finance view).
    public func counts(_ caller: Caller, month: String?) async throws -> (byStatus: [PartnerStatementRecord.Status: Int64], dueSoon: Int64) {
        try caller.require(.viewFinance)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let now = platform.clock.now()
        return try await platform.database.read { session in
            let days = try await SettingsService.reconciliation(session).autoConfirmDays
            let soon = now.addingTimeInterval(-TimeInterval(days - Self.reminderDays) * 86_400)
            let counts = try await session.partnerStatementCounts(month: month, issuedBefore: soon)
            var byStatus: [PartnerStatementRecord.Status: Int64] = [:]
            for (status, total) in counts.byStatus { if let status = PartnerStatementRecord.Status(rawValue: status) { byStatus[status] = total } }
            return (byStatus, counts.dueSoon)
        }
    }

    /// The partner disputes its issued statement (its owner, or a sub-account with finance view):
    /// each line names a movement or an order of the statement and the amount the partner believes
    /// right; a comment says why, and a file may back it. HQ finance is told at once (urgent).
    public func dispute(
        _ caller: Caller, id: String, lines inputs: [DisputeLineInput], comment rawComment: String?, attachment: UploadedFile?
    ) async throws -> Disputed {
        guard caller.principal.kind == .partner else { throw AppError.forbidden }
        return try await platform.database.write { session in
            var statement = try await self.visible(caller, id: id, session)
            guard statement.status == .issued else {
                throw AppError.conflict(reason: .partnerStatementNotAwaitingConfirmation(status: statement.status))
            }
            var validator = Validator()
            let comment = validator.text("comment", rawComment, maximumCharacters: Self.maximumCommentCharacters)
            let file = UploadedFile.checked(attachment, field: "attachment", &validator)
            let lines = Self.disputeLines(inputs, of: statement.content, &validator)
            try validator.throwIfInvalidAsAppError()
            guard let comment else { preconditionFailure("validated above") }
            let now = self.platform.clock.now()
            guard try await session.markPartnerStatementDisputed(id: id) else {
                throw AppError.conflict(reason: .partnerStatementNotAwaitingConfirmation(status: statement.status))
            }
            var fileId: String?
            if let file {
                fileId = try await file.file.store(
                    contentType: file.type, partnerId: statement.partnerId, uploadedBy: caller.principal.accountId, at: now, session)
            }
            let dispute = StatementDispute(
                id: Identifier.make(prefix: "dsp"),
                number: try await session.unusedDocumentNumber(
                    in: .statementDisputes, prefix: "DS", date: statement.month.replacingOccurrences(of: "-", with: "")),
                statementId: id, partnerId: statement.partnerId, comment: comment, attachmentFileId: fileId, attachmentName: file?.file.fileName,
                raisedByAccountId: caller.principal.accountId, raisedAt: now, status: .open, lines: lines)
            try await session.insertStatementDispute(dispute)
            try await session.audit(
                caller, at: now, action: "partner_statement.disputed", entityType: "partner_statement", entityId: id,
                before: AuditSnapshot.json(["status": .text("issued")]),
                after: AuditSnapshot.json([
                    "status": .text("disputed"), "dispute": .text(dispute.number), "lines": .integer(Int64(lines.count)),
                    "differenceFen": .integer(lines.map(\.difference).sum().fen), "hash": .text(statement.contentHash),
                ]))
            _ = try await NotificationService.send(.statementDisputeRaised(dispute, statement: statement), to: .hqFinance, at: now, session)
            statement.status = .disputed
            return Disputed(statement: statement, dispute: dispute)
        }
    }

    /// The lines of a dispute as the partner sent them, checked against the statement: each names
    /// exactly one movement or order on it, once, with an amount that differs from the one shown.
    static func disputeLines(
        _ inputs: [DisputeLineInput], of content: PartnerStatementContent, _ validator: inout Validator
    )
        -> [StatementDisputeLine]
    {
        if inputs.isEmpty {
            validator.add("disputeLines", .required)
            return []
        }
        if inputs.count > maximumDisputeLines {
            validator.add("disputeLines", .outOfRange(minimum: 1, maximum: Int64(maximumDisputeLines)))
            return []
        }
        var movements: [Int64: (StatementAccountKind, StatementMovement)] = [:]
        for account in content.accounts {
            for movement in account.movements { movements[movement.entryId] = (account.kind, movement) }
        }
        let orders = Dictionary(content.orders.map { ($0.number, $0) }) { first, _ in first }
        var lines: [StatementDisputeLine] = []
        var named: Set<String> = []
        for (index, input) in inputs.enumerated() {
            let field = "disputeLines[\(index)]"
            let orderNumber = input.orderNumber?.trimmingWhitespace().uppercased()
            let item: DisputedItem
            let account: StatementAccountKind
            let documentNumber: String
            let description: String
            let stated: Money
            switch (input.entryId, orderNumber.flatMap { $0.isEmpty ? nil : $0 }) {
            case (let entryId?, nil):
                guard let (kind, movement) = movements[entryId] else {
                    validator.add("\(field).entryId", .notFound)
                    continue
                }
                item = .movement(entryId: entryId)
                account = kind
                documentNumber = movement.documentNumber
                description = movement.description
                stated = movement.amount
            case (nil, let number?):
                guard let order = orders[number] else {
                    validator.add("\(field).orderNumber", .notFound)
                    continue
                }
                item = .order(number: number)
                // A purchase order is paid from the prepaid balance; a referral order only earns commission.
                account = order.kind == "referral" ? .commissionPayable : .prepaid
                documentNumber = number
                description = order.status
                stated = order.net
            case (nil, nil):
                validator.add("\(field).entryId", .required)
                continue
            case (.some, .some):
                validator.add("\(field).orderNumber", .notOneOf(allowed: ["entryId", "orderNumber"]))
                continue
            }
            let key = "\(item)"
            guard named.insert(key).inserted else {
                validator.add("\(field).\(input.entryId == nil ? "orderNumber" : "entryId")", .duplicate)
                continue
            }
            guard
                let claimed = validator.amount(
                    "\(field).claimedFen", input.claimed, in: -maximumDisputeAmountFen...maximumDisputeAmountFen)
            else { continue }
            if claimed == stated {
                validator.add("\(field).claimedFen", .notAllowed(reason: .disputeClaimUnchanged))
                continue
            }
            lines.append(
                StatementDisputeLine(
                    lineNumber: lines.count + 1, item: item, account: account, documentNumber: documentNumber, description: description,
                    stated: stated, claimed: claimed))
        }
        return lines
    }

    /// HQ finance answers one open line of a dispute: accepted with a correction (signed, to the
    /// line's account; by default the line's ``StatementDisputeLine/suggestedCorrection``), posted with the dispute's
    /// number; or rejected with a reply. When it was the last open line, the statement is resolved
    /// and its next version issued in the same transaction, and the partner is told (urgent).
    public func answer(
        _ caller: Caller, statementId: String, line lineNumber: Int?, decision rawDecision: String?, correction: AmountInput?,
        reply rawReply: String?
    ) async throws -> Disputed {
        try caller.require(.manageFinance)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        var validator = Validator()
        let decision = validator.oneOf("decision", rawDecision, as: DisputeDecision.self)
        let reply = validator.text("reply", rawReply, required: decision == .rejected, maximumCharacters: Self.maximumCommentCharacters)
        if lineNumber == nil { validator.add("line", .required) }
        try validator.throwIfInvalidAsAppError()
        guard let decision, let lineNumber else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            var statement = try await self.visible(caller, id: statementId, session)
            guard var dispute = try await session.statementDispute(statementId: statementId),
                let index = dispute.lines.firstIndex(where: { $0.lineNumber == lineNumber })
            else { throw AppError.invalid("line", .notFound) }
            var line = dispute.lines[index]
            guard line.status == .open else { throw AppError.conflict(reason: .disputeLineAnswered(line: lineNumber)) }
            let now = self.platform.clock.now()
            var transactionId: String?
            var adjustment: Money?
            if decision == .accepted {
                var amountValidator = Validator()
                var amount: Money?
                if let correction {
                    amount = amountValidator.amount("adjustmentFen", correction, in: -Self.maximumDisputeAmountFen...Self.maximumDisputeAmountFen)
                } else if let suggested = line.suggestedCorrection {
                    amount = suggested
                } else {
                    amountValidator.add("adjustmentFen", .required)
                }
                if let amount, amount == .zero { amountValidator.add("adjustmentFen", .notAllowed(reason: .correctionIsZero)) }
                try amountValidator.throwIfInvalidAsAppError()
                guard let amount else { preconditionFailure("validated above") }
                let ledgerAccount: LedgerAccount =
                    line.account == .prepaid ? .prepaid(partnerId: statement.partnerId) : .commissionPayable(partnerId: statement.partnerId)
                guard
                    let posting = Postings.statementCorrection(
                        account: ledgerAccount, change: amount, reference: dispute.id,
                        memo: "\(dispute.number) 第\(line.lineNumber)行" + (reply.map { " \($0)" } ?? ""))
                else { preconditionFailure("a correction that is not zero always posts") }
                // The correction belongs to the disputed month unless the partner's next statement
                // has opened from that month's closing balance; then it is a movement of this month.
                // The lock keeps that answer true until this transaction commits.
                try await session.lockPartnerStatements(partnerId: statement.partnerId)
                let belongsToMonth =
                    try await session.hasPartnerStatement(partnerId: statement.partnerId, after: statement.month) ? nil : statement.month
                if line.account == .commissionPayable {
                    try await session.ensureCommissionAccount(partnerId: statement.partnerId, at: now)
                }
                do {
                    transactionId = try await session.post(
                        posting, at: now, actorAccountId: caller.auditAccountId, statementMonth: belongsToMonth)
                } catch let shortfall as InsufficientBalance {
                    throw AppError.insufficientBalance(available: shortfall.available, required: shortfall.required)
                }
                adjustment = amount
            }
            guard
                try await session.answerStatementDisputeLine(
                    disputeId: dispute.id, lineNumber: lineNumber, status: decision == .accepted ? .accepted : .rejected, adjustment: adjustment,
                    transactionId: transactionId, reply: reply, byAccountId: caller.auditAccountId, at: now)
            else { throw AppError.conflict(reason: .disputeLineAnswered(line: lineNumber)) }
            try await session.audit(
                caller, at: now, action: "statement_dispute.line_\(decision.rawValue)", entityType: "statement_dispute", entityId: dispute.id,
                before: AuditSnapshot.json(["line": .integer(Int64(lineNumber)), "status": .text("open")]),
                after: AuditSnapshot.json([
                    "line": .integer(Int64(lineNumber)), "status": .text(decision.rawValue), "correctionFen": .integer(adjustment?.fen ?? 0),
                    "reply": .optionalText(reply), "transaction": .optionalText(transactionId),
                ]))
            line.status = decision == .accepted ? .accepted : .rejected
            line.adjustment = adjustment
            line.adjustmentTransactionId = transactionId
            line.reply = reply
            line.answeredAt = now
            line.answeredByAccountId = caller.auditAccountId
            dispute.lines[index] = line
            if dispute.openLines.isEmpty {
                let reissued = try await self.reissue(statement, dispute: dispute, caller: caller, now: now, session)
                dispute.status = .resolved
                dispute.resolvedAt = now
                dispute.reissuedStatementId = reissued.id
                statement.status = .reissued
                statement.replacedById = reissued.id
                _ = try await NotificationService.send(
                    .statementDisputeAnswered(dispute, statement: statement, reissued: reissued),
                    to: .partner(id: statement.partnerId, permission: .financeView), at: now, session)
            }
            return Disputed(statement: statement, dispute: dispute)
        }
    }

    /// Resolves the statement and issues its next version from the ledger as it stands (with the
    /// corrections just posted), in the caller's transaction.
    private func reissue(
        _ statement: PartnerStatementRecord, dispute: StatementDispute, caller: Caller, now: Date, _ session: SQLSession
    ) async throws -> PartnerStatementRecord {
        guard let month = BusinessMonth(statement.month), let partner = try await session.partner(id: statement.partnerId, cipher: platform.cipher)
        else { throw AppError.notFound(entity: "partner_statement") }
        guard try await session.advancePartnerStatement(id: statement.id, from: .disputed, to: .resolved) else {
            throw AppError.conflict(reason: .partnerStatementNotAwaitingConfirmation(status: statement.status))
        }
        let version = statement.version + 1
        let content = try await Self.content(partner: partner, month: month, version: version, session)
        let (json, hash) = try Self.canonical(content)
        let reissued = PartnerStatementRecord(
            id: Identifier.make(prefix: "pst"),
            number: try await session.unusedDocumentNumber(
                in: .partnerStatements, prefix: "RS", date: month.description.replacingOccurrences(of: "-", with: "")),
            partnerId: statement.partnerId, month: statement.month, version: version, status: .issued, content: content, contentHash: hash,
            issuedAt: now, issuedByAccountId: caller.auditAccountId)
        // The old version steps aside first: the unique index lets one version of the month be current.
        guard try await session.advancePartnerStatement(id: statement.id, from: .resolved, to: .reissued, replacedById: reissued.id),
            try await session.insertPartnerStatement(reissued, contentJSON: json),
            try await session.resolveStatementDispute(id: dispute.id, reissuedStatementId: reissued.id, at: now)
        else { throw AppError.conflict(reason: .partnerStatementNotAwaitingConfirmation(status: statement.status)) }
        try await session.audit(
            caller, at: now, action: "partner_statement.reissued", entityType: "partner_statement", entityId: reissued.id,
            before: AuditSnapshot.json(["statement": .text(statement.number), "hash": .text(statement.contentHash)]),
            after: AuditSnapshot.json([
                "number": .text(reissued.number), "version": .integer(Int64(version)), "hash": .text(hash), "dispute": .text(dispute.number),
            ]))
        return reissued
    }

    /// The file a partner attached to its dispute, for the partner and HQ finance.
    public func disputeAttachment(_ caller: Caller, statementId: String) async throws -> StoredFile {
        try await platform.database.read { session in
            _ = try await self.visible(caller, id: statementId, session)
            guard let fileId = try await session.statementDispute(statementId: statementId)?.attachmentFileId,
                let file = try await session.file(id: fileId)
            else { throw AppError.notFound(entity: "file") }
            return file
        }
    }
}
