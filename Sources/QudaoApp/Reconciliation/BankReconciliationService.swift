import Crypto
import Foundation
import QudaoCore
import QudaoFiles
import QudaoStore

/// Bank statement import (银行流水, RULES §8): HQ finance uploads a bank account's statement, the
/// lines are matched to pending top-ups (exact, suggested, amount mismatch, unmatched), and
/// accepting a match confirms the top-up through the same path as a manual confirmation, once.
public struct BankReconciliationService: Sendable {
    let platform: Platform

    /// The most lines a statement file may hold (a bank's month for a busy account).
    public static let maximumLines = 100_000
    /// The most pending top-ups and payers read for matching.
    public static let maximumCandidates = 200_000
    /// Exact matches accepted per transaction by "accept all": short transactions, few commits.
    public static let acceptBatchSize = 200
    /// The most payers one partner keeps.
    public static let maximumPayersPerPartner = 20

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    // MARK: - Bank accounts

    /// Adds one of HQ's bank accounts (HQ finance): a name, the bank's export format and the account
    /// number, kept encrypted. A custom format is mapped on its first file.
    public func createBankAccount(
        _ caller: Caller, name rawName: String?, format rawFormat: String?, accountNumber rawNumber: String?
    )
        async throws -> BankAccountRecord
    {
        try requireHQFinance(caller)
        var validator = Validator()
        let name = validator.text("name", rawName, maximumCharacters: 60)
        let format = validator.oneOf("bankFormat", rawFormat, as: BankFormat.self)
        let number = validator.text("accountNumber", rawNumber.map { $0.filter { !$0.isWhitespace } }, maximumCharacters: 34)
        if let number, !(8...34).contains(number.count) || !number.allSatisfy({ $0.isASCII && $0.isNumber }) {
            validator.add("accountNumber", .invalidFormat(expected: .bankAccountNumber))
        }
        try validator.throwIfInvalidAsAppError()
        guard let name, let format, let number else { preconditionFailure("validated above") }
        let now = platform.clock.now()
        let account = BankAccountRecord(
            id: Identifier.make(prefix: "bac"), name: name, format: format, accountNumber: number, mapping: nil, createdAt: now)
        return try await platform.database.write { session in
            guard try await session.insertBankAccount(account, cipher: self.platform.cipher, byAccountId: caller.auditAccountId) else {
                throw AppError.invalid("accountNumber", .duplicate)
            }
            try await session.audit(
                caller, at: now, action: "bank_account.create", entityType: "bank_account", entityId: account.id, before: nil,
                after: AuditSnapshot.json([
                    "name": .text(name), "format": .text(format.rawValue), "account": .text(account.maskedAccountNumber),
                ]))
            return account
        }
    }

    /// HQ's bank accounts (HQ finance view).
    public func bankAccounts(_ caller: Caller) async throws -> [BankAccountRecord] {
        try requireHQFinanceView(caller)
        return try await platform.database.read { try await $0.bankAccounts(cipher: self.platform.cipher) }
    }

    /// One bank account.
    public func bankAccount(_ caller: Caller, id: String) async throws -> BankAccountRecord {
        try requireHQFinanceView(caller)
        return try await platform.database.read { session in try await self.account(id: id, session) }
    }

    private func account(id: String, _ session: SQLSession) async throws -> BankAccountRecord {
        guard Identifier.isWellFormed(id, prefix: "bac"), let account = try await session.bankAccount(id: id, cipher: platform.cipher) else {
            throw AppError.notFound(entity: "bank_account")
        }
        return account
    }

    /// Sets the column mapping an account's files are read with (HQ finance), kept for its later files.
    public func setMapping(_ caller: Caller, bankAccountId: String, _ input: BankMappingInput) async throws -> BankAccountRecord {
        try requireHQFinance(caller)
        let mapping = try input.checked()
        return try await platform.database.write { session in
            var account = try await self.account(id: bankAccountId, session)
            let now = self.platform.clock.now()
            try await session.setBankAccountMapping(id: account.id, mapping: mapping, format: .custom, at: now)
            try await session.audit(
                caller, at: now, action: "bank_account.mapping", entityType: "bank_account", entityId: account.id,
                before: account.effectiveMapping.map { String(describing: $0.columns) },
                after: String(describing: mapping.columns))
            account.mapping = mapping
            account.format = .custom
            return account
        }
    }

    /// The columns of a sample file of the account (HQ finance), with a first guess at each field,
    /// so finance maps a bank Qudao ships no layout for by choosing among the file's own headers.
    /// Nothing is stored.
    public func sampleHeaders(_ caller: Caller, bankAccountId: String, file: UploadedFile?) async throws -> BankHeaderGuess {
        try requireHQFinance(caller)
        guard let file, !file.content.isEmpty else { throw AppError.invalid("file", .required) }
        _ = try await platform.database.read { session in try await self.account(id: bankAccountId, session) }
        guard let guess = BankHeaderGuess(rows: try Self.rows(file)) else {
            throw AppError.invalid("file", .invalidFormat(expected: .spreadsheet))
        }
        return guess
    }

    // MARK: - Importing

    /// Reads a statement file (.csv in UTF-8 or GBK, or .xlsx) into rows.
    public static func rows(_ file: UploadedFile) throws -> [[String]] {
        let name = file.fileName.lowercased()
        do {
            if name.hasSuffix(".xlsx") { return try XLSXReader.rows(file.content, maximumRows: maximumLines + headerRows) }
            if name.hasSuffix(".csv") || name.hasSuffix(".txt") {
                return try CSVReader.rows(file.content, maximumRows: maximumLines + headerRows, keepsBlankLines: true)
            }
            if name.hasSuffix(".xlsm") { throw TableReadError.macroEnabled }
        } catch let error as TableReadError {
            throw AppError.invalid("file", .notAllowed(reason: error.reason))
        }
        throw AppError.invalid("file", .invalidFormat(expected: .spreadsheet))
    }

    /// Room for the title and header rows above the lines.
    static let headerRows = BankStatementParser.headerSearchRows + 1

    /// Imports a statement of one of HQ's accounts (HQ finance): every row is read with the
    /// account's mapping, or nothing is stored and each problem names its row and column. New lines
    /// are matched to pending top-ups; lines already imported (the same file, an overlapping one,
    /// another user's import at this moment) are counted as duplicates and add nothing.
    public func importStatement(_ caller: Caller, bankAccountId: String, file: UploadedFile?) async throws -> BankStatementImportRecord {
        try requireHQFinance(caller)
        guard let file, !file.content.isEmpty else { throw AppError.invalid("file", .required) }
        let account = try await platform.database.read { session in try await self.account(id: bankAccountId, session) }
        guard let mapping = account.effectiveMapping else { throw AppError.invalid("mapping", .required) }
        let parse = BankStatementParser.parse(try Self.rows(file), mapping: mapping)
        if !parse.errors.isEmpty { throw AppError.validation(ValidationFailure(parse.errors)) }
        if parse.lines.isEmpty { throw AppError.invalid("file", .required) }
        let lines = Self.fingerprinted(parse.lines, bankAccountId: account.id)
        let digest = Hexadecimal.text(SHA256.hash(data: file.content))
        let cipher = platform.cipher
        return try await platform.database.write { session in
            let now = self.platform.clock.now()
            let pending = try await session.pendingTopUpCandidates(limit: Self.maximumCandidates)
            let payers = try await session.payerIndex(limit: Self.maximumCandidates)
            var matcher = BankMatcher(pending: pending, partnersByPayerName: payers.byName, partnersByPayerAccount: payers.byAccount)
            let new = lines.map { line, fingerprint in
                let lookup = line.counterpartyAccount.isEmpty ? nil : cipher.lookupHash(line.counterpartyAccount)
                let (status, topUp) = matcher.match(
                    BankLineCandidate(
                        bookedOn: line.bookedOn, amount: line.amount, direction: line.direction, memo: line.memo,
                        payerNameKey: PartnerPayer.nameKey(line.counterpartyName), payerAccountLookup: lookup))
                return NewBankLine(
                    id: Identifier.make(prefix: "bsl"), line: line, fingerprint: fingerprint, status: status, topUpId: topUp?.id,
                    accountLookup: lookup)
            }
            var record = BankStatementImportRecord(
                id: Identifier.make(prefix: "bim"),
                number: try await session.unusedDocumentNumber(in: .bankImports, prefix: "BI", date: BusinessTime.dateStamp(now)),
                bankAccountId: account.id, fileName: String(file.fileName.prefix(120)), fileSHA256: digest, lineCount: lines.count, newCount: 0,
                duplicateCount: 0, skippedCount: parse.skippedRows, duplicateRows: [], importedByAccountId: caller.auditAccountId, importedAt: now)
            try await session.insertBankImport(record)
            let stored = try await session.insertBankLines(new, importId: record.id, bankAccountId: account.id, cipher: cipher)
            let duplicates = new.filter { !stored.contains($0.fingerprint) }.map(\.line.rowNumber)
            try await session.finishBankImport(
                id: record.id, newCount: stored.count, duplicateRows: Array(duplicates.prefix(Self.listedDuplicateRows)),
                duplicateCount: duplicates.count)
            try await session.audit(
                caller, at: now, action: "bank_statement.import", entityType: "bank_statement_import", entityId: record.id, before: nil,
                after: AuditSnapshot.json([
                    "number": .text(record.number), "account": .text(account.maskedAccountNumber), "file": .text(record.fileName),
                    "sha256": .text(digest), "lines": .integer(Int64(lines.count)), "new": .integer(Int64(stored.count)),
                    "duplicates": .integer(Int64(duplicates.count)),
                ]))
            record = BankStatementImportRecord(
                id: record.id, number: record.number, bankAccountId: record.bankAccountId, fileName: record.fileName, fileSHA256: digest,
                lineCount: lines.count, newCount: stored.count, duplicateCount: duplicates.count, skippedCount: parse.skippedRows,
                duplicateRows: Array(duplicates.prefix(Self.listedDuplicateRows)), importedByAccountId: caller.auditAccountId, importedAt: now)
            return record
        }
    }

    /// The duplicate rows an import lists by number (the count is always whole).
    public static let listedDuplicateRows = 500

    /// Each line with its fingerprint (RULES §8): the bank account, booking date, amount, direction,
    /// counterparty account, memo, and the line's ordinal among identical lines of the file, so two
    /// equal transfers on one day are two lines while the same file imported twice adds nothing.
    static func fingerprinted(_ lines: [ParsedBankLine], bankAccountId: String) -> [(ParsedBankLine, String)] {
        var ordinals: [String: Int] = [:]
        return lines.map { line in
            let identity = line.identity
            let ordinal = ordinals[identity, default: 0]
            ordinals[identity] = ordinal + 1
            let text = [bankAccountId, identity, String(ordinal)].joined(separator: "\u{1F}")
            return (line, Hexadecimal.text(SHA256.hash(data: Data(text.utf8))))
        }
    }

    // MARK: - Reading

    /// An import and how many of its lines are in each state.
    public struct ImportSummary: Sendable {
        public let record: BankStatementImportRecord
        public let account: BankAccountRecord
        public let counts: [BankLineStatus: Int64]
    }

    /// One import with its counts (HQ finance view).
    public func importSummary(_ caller: Caller, id: String) async throws -> ImportSummary {
        try requireHQFinanceView(caller)
        return try await platform.database.read { session in
            guard Identifier.isWellFormed(id, prefix: "bim"), let record = try await session.bankImport(id: id) else {
                throw AppError.notFound(entity: "bank_statement_import")
            }
            return ImportSummary(
                record: record, account: try await self.account(id: record.bankAccountId, session),
                counts: try await session.bankLineCounts(importId: id))
        }
    }

    /// Imports, newest first.
    public func imports(_ caller: Caller, bankAccountId: String?, page: PageRequest) async throws -> Page<BankStatementImportRecord> {
        try requireHQFinanceView(caller)
        return try await platform.database.read { try await $0.bankImports(bankAccountId: bankAccountId, page: page) }
    }

    /// An import's lines in one bucket, in file order.
    public func lines(_ caller: Caller, importId: String, status: BankLineStatus?, page: PageRequest) async throws -> Page<BankStatementLineRecord> {
        try requireHQFinanceView(caller)
        return try await platform.database.read { try await $0.bankLines(importId: importId, status: status, page: page) }
    }

    /// Pending top-ups no bank line matches or suggests.
    public func pendingWithoutLine(_ caller: Caller, page: PageRequest) async throws -> Page<TopUpRecord> {
        try requireHQFinanceView(caller)
        return try await platform.database.read { try await $0.pendingTopUpsWithoutLine(page: page) }
    }

    /// Matches an import's unmatched lines again (HQ finance), against the top-ups pending now: a
    /// partner often asks for its top-up after the transfer was imported. Returns how many lines
    /// found a match (exact, suggested or an amount that differs).
    public func rematch(_ caller: Caller, importId: String) async throws -> Int {
        try requireHQFinance(caller)
        let summary = try await importSummary(caller, id: importId)
        return try await platform.database.write { session in
            let lines = try await session.unmatchedBankLines(importId: summary.record.id, limit: Self.maximumLines)
            guard !lines.isEmpty else { return 0 }
            let pending = try await session.pendingTopUpCandidates(limit: Self.maximumCandidates)
            let payers = try await session.payerIndex(limit: Self.maximumCandidates)
            var matcher = BankMatcher(pending: pending, partnersByPayerName: payers.byName, partnersByPayerAccount: payers.byAccount)
            var matched = 0
            for (id, line) in lines {
                let (status, topUp) = matcher.match(line)
                guard status != .unmatched, let topUp else { continue }
                if try await session.rematchBankLine(id: id, status: status, topUpId: topUp.id) { matched += 1 }
            }
            try await session.audit(
                caller, at: self.platform.clock.now(), action: "bank_statement.rematch", entityType: "bank_statement_import",
                entityId: summary.record.id, before: AuditSnapshot.json(["unmatched": .integer(Int64(lines.count))]),
                after: AuditSnapshot.json(["matched": .integer(Int64(matched))]))
            return matched
        }
    }

    // MARK: - Deciding

    /// Accepts an exact or suggested match (HQ finance): the top-up is confirmed through the same
    /// path as a manual confirmation (its rebate tier included) and the line marked matched, in one
    /// transaction; the payer is remembered on the partner's profile. Accepting twice, or two users
    /// at once, credits once.
    public func accept(_ caller: Caller, lineId: String) async throws -> BankStatementLineRecord {
        try requireHQFinance(caller)
        return try await platform.database.write { session in
            let line = try await self.line(id: lineId, session)
            guard try await self.accept(line, caller: caller, now: self.platform.clock.now(), session) else {
                switch line.status {
                case .mismatch, .unmatched: throw AppError.conflict(reason: .bankLineWithoutMatch)
                case .exact, .suggested: throw AppError.conflict(reason: .bankLineTopUpTaken(number: line.topUpNumber ?? ""))
                case .matched, .ignored, .debit: throw AppError.conflict(reason: .bankLineNotOpen)
                }
            }
            return try await self.line(id: lineId, session)
        }
    }

    /// Accepts every exact match of an import (HQ finance), a batch per transaction. Returns how
    /// many were credited now and how many could not be (their top-up decided meanwhile).
    public func acceptAllExact(_ caller: Caller, importId: String) async throws -> (accepted: Int, skipped: Int) {
        try requireHQFinance(caller)
        var accepted = 0
        var skipped = 0
        var seen: Set<String> = []
        while true {
            // Lines skipped earlier (their top-up decided meanwhile) stay exact: they are passed over.
            let passedOver = seen
            let done = try await platform.database.write { session -> (accepted: Int, skipped: Int, ids: [String]) in
                let ids = try await session.exactBankLineIds(importId: importId, limit: Self.acceptBatchSize + passedOver.count)
                    .filter { !passedOver.contains($0) }.prefix(Self.acceptBatchSize)
                var batch = (accepted: 0, skipped: 0, ids: Array(ids))
                let now = self.platform.clock.now()
                for id in ids {
                    guard let line = try await session.bankLine(id: id) else { continue }
                    if try await self.accept(line, caller: caller, now: now, session) { batch.accepted += 1 } else { batch.skipped += 1 }
                }
                return batch
            }
            accepted += done.accepted
            skipped += done.skipped
            seen.formUnion(done.ids)
            if done.ids.isEmpty { break }
        }
        return (accepted, skipped)
    }

    /// Confirms a line's top-up and marks the line matched inside the caller's transaction; false
    /// when the line or its top-up was decided meanwhile (nothing is written then).
    private func accept(_ line: BankStatementLineRecord, caller: Caller, now: Date, _ session: SQLSession) async throws -> Bool {
        guard [.exact, .suggested].contains(line.status), let topUpId = line.topUpId,
            let topUp = try await session.topUp(id: topUpId), topUp.status == .pending, topUp.amount == line.amount
        else { return false }
        // The line first: its conditional update and the unique key on the top-up decide the race.
        guard try await session.markBankLineMatched(id: line.id, topUpId: topUpId, byAccountId: caller.auditAccountId, at: now) else { return false }
        guard try await PrepaidService(platform: platform).confirm(topUp, caller: caller, now: now, session) != nil else {
            throw AppError.conflict(reason: .bankLineTopUpTaken(number: topUp.number))
        }
        try await session.audit(
            caller, at: now, action: "bank_line.accept", entityType: "bank_statement_line", entityId: line.id,
            before: AuditSnapshot.json(["status": .text(line.status.rawValue)]),
            after: AuditSnapshot.json(["status": .text("matched"), "topUp": .text(topUp.number), "amountFen": .integer(line.amount.fen)]))
        if let payer = try await session.bankLinePayer(id: line.id, cipher: platform.cipher), !payer.name.isEmpty,
            try await session.partnerPayers(partnerId: topUp.partnerId).count < Self.maximumPayersPerPartner
        {
            _ = try await session.insertPartnerPayer(
                partnerId: topUp.partnerId, name: payer.name, account: payer.account, cipher: platform.cipher, byAccountId: caller.auditAccountId,
                at: now)
        }
        return true
    }

    /// Turns a suggestion down (HQ finance): the line is unmatched and its top-up free again.
    public func rejectSuggestion(_ caller: Caller, lineId: String) async throws -> BankStatementLineRecord {
        try requireHQFinance(caller)
        return try await platform.database.write { session in
            let line = try await self.line(id: lineId, session)
            let now = self.platform.clock.now()
            guard try await session.rejectBankLineSuggestion(id: lineId, byAccountId: caller.auditAccountId, at: now) else {
                throw AppError.conflict(reason: .bankLineNotOpen)
            }
            try await session.audit(
                caller, at: now, action: "bank_line.reject_suggestion", entityType: "bank_statement_line", entityId: lineId,
                before: AuditSnapshot.json(["status": .text("suggested"), "topUp": .optionalText(line.topUpNumber)]),
                after: AuditSnapshot.json(["status": .text("unmatched")]))
            return try await self.line(id: lineId, session)
        }
    }

    /// Sets an open line aside with a reason (HQ finance): a transfer that is not a top-up.
    public func ignore(_ caller: Caller, lineId: String, reason rawReason: String?) async throws -> BankStatementLineRecord {
        try requireHQFinance(caller)
        var validator = Validator()
        let reason = validator.text("reason", rawReason, maximumCharacters: 200)
        try validator.throwIfInvalidAsAppError()
        guard let reason else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            let line = try await self.line(id: lineId, session)
            let now = self.platform.clock.now()
            guard try await session.ignoreBankLine(id: lineId, reason: reason, byAccountId: caller.auditAccountId, at: now) else {
                throw AppError.conflict(reason: .bankLineNotOpen)
            }
            try await session.audit(
                caller, at: now, action: "bank_line.ignore", entityType: "bank_statement_line", entityId: lineId,
                before: AuditSnapshot.json(["status": .text(line.status.rawValue)]),
                after: AuditSnapshot.json(["status": .text("ignored"), "reason": .text(reason)]))
            return try await self.line(id: lineId, session)
        }
    }

    private func line(id: String, _ session: SQLSession) async throws -> BankStatementLineRecord {
        guard Identifier.isWellFormed(id, prefix: "bsl"), let line = try await session.bankLine(id: id) else {
            throw AppError.notFound(entity: "bank_statement_line")
        }
        return line
    }

    // MARK: - Payers

    /// The names and accounts a partner pays from: HQ finance view for any partner; the partner's
    /// finance view for its own.
    public func payers(_ caller: Caller, partner reference: String?) async throws -> [PartnerPayer] {
        try await platform.database.read { session in
            let partner = try await self.payerPartner(caller, reference, session)
            return try await session.partnerPayers(partnerId: partner.id)
        }
    }

    /// Keeps a payer name (and account, encrypted) on the partner's profile, so a transfer from it
    /// is suggested for the partner's top-ups.
    public func addPayer(
        _ caller: Caller, partner reference: String?, name rawName: String?, account rawAccount: String?
    ) async throws
        -> [PartnerPayer]
    {
        var validator = Validator()
        let name = validator.text("name", rawName, maximumCharacters: 120)
        let account = validator.text("accountNumber", rawAccount.map { $0.filter { !$0.isWhitespace } }, required: false, maximumCharacters: 34)
        if let account, !(6...34).contains(account.count) || !account.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) {
            validator.add("accountNumber", .invalidFormat(expected: .bankAccountNumber))
        }
        try validator.throwIfInvalidAsAppError()
        guard let name else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            let partner = try await self.payerPartner(caller, reference, session, changing: true)
            let existing = try await session.partnerPayers(partnerId: partner.id)
            guard existing.count < Self.maximumPayersPerPartner else {
                throw AppError.invalid("name", .notAllowed(reason: .tooManyReceivingAccounts(maximum: Self.maximumPayersPerPartner)))
            }
            let now = self.platform.clock.now()
            guard
                try await session.insertPartnerPayer(
                    partnerId: partner.id, name: name, account: account, cipher: self.platform.cipher, byAccountId: caller.auditAccountId, at: now)
            else { throw AppError.invalid("name", .duplicate) }
            try await session.audit(
                caller, at: now, action: "partner.payer_add", entityType: "partner", entityId: partner.id, before: nil,
                after: AuditSnapshot.json(["name": .text(name), "account": .text(account.map(PersonalDataMask.identifier) ?? "")]))
            return try await session.partnerPayers(partnerId: partner.id)
        }
    }

    /// Removes a payer from the partner's profile.
    public func removePayer(_ caller: Caller, partner reference: String?, payerId: String) async throws -> [PartnerPayer] {
        try await platform.database.write { session in
            let partner = try await self.payerPartner(caller, reference, session, changing: true)
            guard try await session.deletePartnerPayer(id: payerId, partnerId: partner.id) else { throw AppError.notFound(entity: "payer") }
            try await session.audit(
                caller, at: self.platform.clock.now(), action: "partner.payer_remove", entityType: "partner", entityId: partner.id,
                before: AuditSnapshot.json(["payer": .text(payerId)]), after: nil)
            return try await session.partnerPayers(partnerId: partner.id)
        }
    }

    /// The partner whose payers the caller reads or changes: HQ finance names any; a partner account
    /// with finance view its own only (another's is not found).
    private func payerPartner(_ caller: Caller, _ reference: String?, _ session: SQLSession, changing: Bool = false) async throws -> PartnerRecord {
        let partners = PartnerService(platform: platform)
        switch caller.principal.kind {
        case .hq:
            try caller.require(changing ? .manageFinance : .viewFinance)
            guard let reference, let partner = try await partners.partnerByReference(reference, session) else {
                throw AppError.notFound(entity: "partner")
            }
            return partner
        case .partner:
            try caller.require(.partnerFinanceView)
            let own = try await partners.ownPartner(caller, session)
            if let reference, !reference.isEmpty, reference != own.id, reference != own.code { throw AppError.notFound(entity: "partner") }
            return own
        }
    }

    // MARK: - Access

    private func requireHQFinance(_ caller: Caller) throws {
        try caller.require(.manageFinance)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
    }

    private func requireHQFinanceView(_ caller: Caller) throws {
        try caller.require(.viewFinance)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
    }
}

/// A column mapping as HQ finance types it: the column of each field, with the amount in one signed
/// column, a credit and a debit column, or one column and a direction column.
public struct BankMappingInput: Sendable, Hashable {
    public var bookingDate: String?
    public var creditColumn: String?
    public var debitColumn: String?
    public var amountColumn: String?
    public var directionColumn: String?
    /// The values of the direction column meaning money in, comma separated (`贷,收入`).
    public var creditMarkers: String?
    public var counterpartyName: String?
    public var counterpartyAccount: String?
    /// Memo columns, comma separated (`摘要,用途`).
    public var memo: String?

    /// Creates an input.
    public init(
        bookingDate: String?, creditColumn: String? = nil, debitColumn: String? = nil, amountColumn: String? = nil, directionColumn: String? = nil,
        creditMarkers: String? = nil, counterpartyName: String?, counterpartyAccount: String?, memo: String?
    ) {
        self.bookingDate = bookingDate
        self.creditColumn = creditColumn
        self.debitColumn = debitColumn
        self.amountColumn = amountColumn
        self.directionColumn = directionColumn
        self.creditMarkers = creditMarkers
        self.counterpartyName = counterpartyName
        self.counterpartyAccount = counterpartyAccount
        self.memo = memo
    }

    /// A comma-separated list (ASCII, full-width or enumeration commas), trimmed, without blanks.
    static func list(_ text: String?) -> [String] {
        let separators: Set<Character> = [",", "，", "、"]
        let parts: [Substring] = (text ?? "").split(whereSeparator: { separators.contains($0) })
        return parts.map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// The mapping, or every problem by field.
    func checked() throws -> BankColumnMapping {
        var validator = Validator()
        func column(_ field: String, _ value: String?, required: Bool = true) -> String? {
            validator.text(field, value, required: required, maximumCharacters: 40)
        }
        let date = column("bookingDate", bookingDate)
        let name = column("counterpartyName", counterpartyName)
        let account = column("counterpartyAccount", counterpartyAccount, required: false)
        let memoColumns = Self.list(memo)
        if memoColumns.isEmpty { validator.add("memo", .required) }
        if memoColumns.count > 4 || memoColumns.contains(where: { $0.count > 40 }) { validator.add("memo", .tooLong(maximumCharacters: 40)) }
        let credit = column("creditColumn", creditColumn, required: false)
        let debit = column("debitColumn", debitColumn, required: false)
        let amount = column("amountColumn", amountColumn, required: false)
        let direction = column("directionColumn", directionColumn, required: false)
        var amounts: BankAmountColumns?
        switch (credit, debit, amount, direction) {
        case (let credit?, let debit?, nil, nil): amounts = .creditDebit(credit: credit, debit: debit)
        case (nil, nil, let amount?, nil): amounts = .signed(amount: amount)
        case (nil, nil, let amount?, let direction?):
            let markers = Self.list(creditMarkers)
            if markers.isEmpty { validator.add("creditMarkers", .required) }
            amounts = .withDirection(amount: amount, direction: direction, creditMarkers: markers)
        default:
            validator.add(credit == nil && amount == nil ? "creditColumn" : "amountColumn", .required)
        }
        try validator.throwIfInvalidAsAppError()
        guard let date, let name, let amounts else { throw AppError.invalid("bookingDate", .required) }
        return BankColumnMapping(bookingDate: date, amount: amounts, counterpartyName: name, counterpartyAccount: account, memo: memoColumns)
    }
}
