import Foundation
import QudaoCore
import SQLKit

/// A bank statement line ready to be stored: what the file said, its fingerprint and its match.
public struct NewBankLine: Sendable, Hashable {
    public let id: String
    public let line: ParsedBankLine
    public let fingerprint: String
    public let status: BankLineStatus
    public let topUpId: String?
    /// The keyed lookup hash of the payer's account, computed once for matching and storing.
    public let accountLookup: String?

    /// Creates a line to store.
    public init(id: String, line: ParsedBankLine, fingerprint: String, status: BankLineStatus, topUpId: String?, accountLookup: String?) {
        self.id = id
        self.line = line
        self.fingerprint = fingerprint
        self.status = status
        self.topUpId = topUpId
        self.accountLookup = accountLookup
    }
}

/// HQ's bank accounts, imported statements and their lines, and partners' payers.
extension SQLSession {
    // MARK: - Bank accounts

    /// Stores a bank account, its number encrypted. Returns false when the number is on file already.
    public func insertBankAccount(_ account: BankAccountRecord, cipher: PersonalDataCipher, byAccountId: String?) async throws -> Bool {
        let milliseconds = Timestamp.milliseconds(account.createdAt)
        return try await changedRowCount(
            """
            INSERT INTO bank_accounts (id, name, bank_format, account_cipher, account_lookup, account_tail, mapping_json, created_by_account_id,
                created_at_ms, updated_at_ms)
            VALUES (\(bind: account.id), \(bind: account.name), \(bind: account.format.rawValue), \(bind: try cipher.encrypt(account.accountNumber)),
                \(bind: cipher.lookupHash(account.accountNumber)), \(bind: PartnerPayer.tail(account.accountNumber)),
                \(bind: try account.mapping.map(Self.mappingJSON)), \(bind: byAccountId), \(bind: milliseconds), \(bind: milliseconds))
            ON CONFLICT (account_lookup) DO NOTHING RETURNING id
            """) == 1
    }

    static func mappingJSON(_ mapping: BankColumnMapping) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(mapping), as: UTF8.self)
    }

    /// HQ's bank accounts, by name.
    public func bankAccounts(cipher: PersonalDataCipher) async throws -> [BankAccountRecord] {
        try await rows("SELECT * FROM bank_accounts ORDER BY name, id LIMIT 200").map { try Self.decodeBankAccount($0, cipher: cipher) }
    }

    /// One bank account.
    public func bankAccount(id: String, cipher: PersonalDataCipher) async throws -> BankAccountRecord? {
        try await first("SELECT * FROM bank_accounts WHERE id = \(bind: id)").map { try Self.decodeBankAccount($0, cipher: cipher) }
    }

    /// Keeps the column mapping for the account's later files.
    public func setBankAccountMapping(id: String, mapping: BankColumnMapping, format: BankFormat, at instant: Date) async throws {
        try await execute(
            """
            UPDATE bank_accounts SET mapping_json = \(bind: try Self.mappingJSON(mapping)), bank_format = \(bind: format.rawValue),
                updated_at_ms = \(bind: Timestamp.milliseconds(instant)), row_version = row_version + 1
            WHERE id = \(bind: id)
            """)
    }

    static func decodeBankAccount(_ row: any SQLRow, cipher: PersonalDataCipher) throws -> BankAccountRecord {
        BankAccountRecord(
            id: try row.string("id"), name: try row.string("name"), format: BankFormat(rawValue: try row.string("bank_format")) ?? .custom,
            accountNumber: try cipher.decrypt(try row.string("account_cipher")),
            mapping: try row.optionalString("mapping_json").flatMap { try? JSONDecoder().decode(BankColumnMapping.self, from: Data($0.utf8)) },
            createdAt: try row.date("created_at_ms"))
    }

    // MARK: - Imports and lines

    /// Stores an import's record; its counts are set once its lines are stored.
    public func insertBankImport(_ record: BankStatementImportRecord) async throws {
        try await execute(
            """
            INSERT INTO bank_statement_imports (id, number, bank_account_id, file_name, file_sha256, line_count, new_count, duplicate_count,
                skipped_count, duplicate_rows_json, imported_by_account_id, imported_at_ms)
            VALUES (\(bind: record.id), \(bind: record.number), \(bind: record.bankAccountId), \(bind: record.fileName), \(bind: record.fileSHA256),
                \(bind: Int64(record.lineCount)), \(bind: Int64(record.newCount)), \(bind: Int64(record.duplicateCount)),
                \(bind: Int64(record.skippedCount)), \(bind: Self.rowsJSON(record.duplicateRows)), \(bind: record.importedByAccountId),
                \(bind: Timestamp.milliseconds(record.importedAt)))
            """)
    }

    static func rowsJSON(_ rows: [Int]) -> String { "[" + rows.map(String.init).joined(separator: ",") + "]" }

    /// Records how many of an import's lines were new and which rows were there already.
    public func finishBankImport(id: String, newCount: Int, duplicateRows: [Int], duplicateCount: Int) async throws {
        try await execute(
            """
            UPDATE bank_statement_imports SET new_count = \(bind: Int64(newCount)), duplicate_count = \(bind: Int64(duplicateCount)),
                duplicate_rows_json = \(bind: Self.rowsJSON(duplicateRows))
            WHERE id = \(bind: id)
            """)
    }

    /// The most lines one INSERT carries: 150 rows of 16 values stay far below every database's limit.
    static let bankLineBatchSize = 150

    /// Stores lines, skipping those whose fingerprint the account has already (an overlapping file,
    /// or another finance user importing the same file at this moment). Returns the fingerprints stored now.
    public func insertBankLines(
        _ lines: [NewBankLine], importId: String, bankAccountId: String, cipher: PersonalDataCipher
    ) async throws -> Set<String> {
        var inserted: Set<String> = []
        for start in stride(from: 0, to: lines.count, by: Self.bankLineBatchSize) {
            let batch = lines[start..<min(start + Self.bankLineBatchSize, lines.count)]
            var values: [SQLQueryString] = []
            for new in batch {
                let line = new.line
                let account = line.counterpartyAccount
                values.append(
                    """
                    (\(bind: new.id), \(bind: importId), \(bind: bankAccountId), \(bind: Int64(line.rowNumber)), \(bind: line.bookedOn),
                    \(bind: line.amount.fen), \(bind: line.direction.rawValue), \(bind: line.counterpartyName),
                    \(bind: account.isEmpty ? nil : try cipher.encrypt(account)), \(bind: new.accountLookup),
                    \(bind: PartnerPayer.tail(account)), \(bind: line.memo), \(bind: new.fingerprint), \(bind: new.status.rawValue), \(bind: new.topUpId))
                    """)
            }
            var query: SQLQueryString =
                """
                INSERT INTO bank_statement_lines (id, import_id, bank_account_id, row_number, booked_on, amount_fen, direction, counterparty_name,
                    counterparty_account_cipher, counterparty_account_lookup, counterparty_account_tail, memo, fingerprint, status, top_up_id)
                VALUES
                """
            for (index, value) in values.enumerated() { query += (index == 0 ? " " : ", ") + value }
            query += " ON CONFLICT (bank_account_id, fingerprint) DO NOTHING RETURNING fingerprint"
            for row in try await rows(query) { inserted.insert(try row.string("fingerprint")) }
        }
        return inserted
    }

    /// Pending top-ups that no open or accepted line has taken yet, for matching (at most `limit`).
    public func pendingTopUpCandidates(limit: Int) async throws -> [PendingTopUpCandidate] {
        try await rows(
            """
            SELECT u.id, u.number, u.partner_id, u.amount_fen, u.bank_reference, u.requested_at_ms FROM top_ups u
            WHERE u.status = 'pending' AND NOT EXISTS (
                SELECT 1 FROM bank_statement_lines l WHERE l.top_up_id = u.id AND l.status IN ('exact', 'suggested', 'matched'))
            ORDER BY u.requested_at_ms, u.id LIMIT \(bind: limit)
            """
        ).map { row in
            PendingTopUpCandidate(
                id: try row.string("id"), number: try row.string("number"), partnerId: try row.string("partner_id"),
                amount: Money(fen: try row.int64("amount_fen")), bankReference: try row.string("bank_reference"),
                requestedOn: BusinessTime.dayText(try row.date("requested_at_ms")))
        }
    }

    /// Every partner's payers, by name and by account lookup hash (at most `limit` rows are read).
    public func payerIndex(limit: Int) async throws -> (byName: [String: Set<String>], byAccount: [String: Set<String>]) {
        var byName: [String: Set<String>] = [:]
        var byAccount: [String: Set<String>] = [:]
        for row in try await rows("SELECT partner_id, name_key, account_lookup FROM partner_payers LIMIT \(bind: limit)") {
            let partnerId = try row.string("partner_id")
            byName[try row.string("name_key"), default: []].insert(partnerId)
            if let lookup = try row.optionalString("account_lookup") { byAccount[lookup, default: []].insert(partnerId) }
        }
        return (byName, byAccount)
    }

    static let bankLineColumns = """
        l.id, l.import_id, l.row_number, l.booked_on, l.amount_fen, l.direction, l.counterparty_name, l.counterparty_account_tail, l.memo,
        l.status, l.top_up_id, l.ignore_reason, l.decided_at_ms, u.number AS top_up_number, u.amount_fen AS top_up_amount_fen, p.code AS partner_code
        """

    /// One import.
    public func bankImport(id: String) async throws -> BankStatementImportRecord? {
        try await first("SELECT * FROM bank_statement_imports WHERE id = \(bind: id)").map(Self.decodeBankImport)
    }

    /// Imports, newest first, of one account or all.
    public func bankImports(bankAccountId: String?, page: PageRequest) async throws -> Page<BankStatementImportRecord> {
        var condition: SQLQueryString = "1 = 1"
        if let bankAccountId { condition += " AND bank_account_id = \(bind: bankAccountId)" }
        let total = try await first("SELECT COUNT(*) AS total FROM bank_statement_imports WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT * FROM bank_statement_imports WHERE \(condition) ORDER BY imported_at_ms DESC, id
            LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodeBankImport)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    static func decodeBankImport(_ row: any SQLRow) throws -> BankStatementImportRecord {
        let rows = (try? JSONDecoder().decode([Int].self, from: Data(try row.string("duplicate_rows_json").utf8))) ?? []
        return BankStatementImportRecord(
            id: try row.string("id"), number: try row.string("number"), bankAccountId: try row.string("bank_account_id"),
            fileName: try row.string("file_name"), fileSHA256: try row.string("file_sha256"), lineCount: Int(try row.int64("line_count")),
            newCount: Int(try row.int64("new_count")), duplicateCount: Int(try row.int64("duplicate_count")),
            skippedCount: Int(try row.int64("skipped_count")), duplicateRows: rows,
            importedByAccountId: try row.optionalString("imported_by_account_id"),
            importedAt: try row.date("imported_at_ms"))
    }

    /// An import's lines in a state (all when nil), in file order.
    public func bankLines(importId: String, status: BankLineStatus?, page: PageRequest) async throws -> Page<BankStatementLineRecord> {
        var condition: SQLQueryString = "l.import_id = \(bind: importId)"
        if let status { condition += " AND l.status = \(bind: status.rawValue)" }
        let total = try await first("SELECT COUNT(*) AS total FROM bank_statement_lines l WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.bankLineColumns) FROM bank_statement_lines l
                LEFT JOIN top_ups u ON u.id = l.top_up_id LEFT JOIN partners p ON p.id = u.partner_id
            WHERE \(condition) ORDER BY l.row_number LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodeBankLine)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// How many of an import's lines are in each state.
    public func bankLineCounts(importId: String) async throws -> [BankLineStatus: Int64] {
        var counts: [BankLineStatus: Int64] = [:]
        for row in try await rows("SELECT status, COUNT(*) AS total FROM bank_statement_lines WHERE import_id = \(bind: importId) GROUP BY status") {
            if let status = BankLineStatus(rawValue: try row.string("status")) { counts[status] = try row.int64("total") }
        }
        return counts
    }

    /// One line, with its top-up's number and partner.
    public func bankLine(id: String) async throws -> BankStatementLineRecord? {
        try await first(
            """
            SELECT \(unsafeRaw: Self.bankLineColumns) FROM bank_statement_lines l
                LEFT JOIN top_ups u ON u.id = l.top_up_id LEFT JOIN partners p ON p.id = u.partner_id
            WHERE l.id = \(bind: id)
            """
        ).map(Self.decodeBankLine)
    }

    /// The payer of a line, decrypted, to remember on the partner's profile.
    public func bankLinePayer(id: String, cipher: PersonalDataCipher) async throws -> (name: String, account: String?)? {
        guard let row = try await first("SELECT counterparty_name, counterparty_account_cipher FROM bank_statement_lines WHERE id = \(bind: id)")
        else { return nil }
        return (try row.string("counterparty_name"), try row.optionalString("counterparty_account_cipher").map { try cipher.decrypt($0) })
    }

    /// The ids of an import's exact matches, in file order, from `after` on (a page of `limit`).
    public func exactBankLineIds(importId: String, limit: Int) async throws -> [String] {
        try await rows(
            "SELECT id FROM bank_statement_lines WHERE import_id = \(bind: importId) AND status = 'exact' ORDER BY row_number LIMIT \(bind: limit)"
        ).map { try $0.string("id") }
    }

    static func decodeBankLine(_ row: any SQLRow) throws -> BankStatementLineRecord {
        BankStatementLineRecord(
            id: try row.string("id"), importId: try row.string("import_id"), rowNumber: Int(try row.int64("row_number")),
            bookedOn: try row.string("booked_on"), amount: Money(fen: try row.int64("amount_fen")),
            direction: LedgerDirection(rawValue: try row.string("direction")) ?? .credit, counterpartyName: try row.string("counterparty_name"),
            counterpartyAccountTail: try row.string("counterparty_account_tail"), memo: try row.string("memo"),
            status: BankLineStatus(rawValue: try row.string("status")) ?? .unmatched, topUpId: try row.optionalString("top_up_id"),
            topUpNumber: try row.optionalString("top_up_number"), topUpAmount: try row.optionalInt64("top_up_amount_fen").map(Money.init(fen:)),
            partnerCode: try row.optionalString("partner_code"), ignoreReason: try row.optionalString("ignore_reason"),
            decidedAt: try row.optionalDate("decided_at_ms"))
    }

    /// Marks an exact or suggested line matched to its top-up. Returns false, changing nothing, when
    /// it was decided meanwhile; the unique `matched_top_up_id` refuses a second line for one top-up.
    public func markBankLineMatched(id: String, topUpId: String, byAccountId: String?, at instant: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE bank_statement_lines SET status = 'matched', matched_top_up_id = top_up_id, decided_by_account_id = \(bind: byAccountId),
                decided_at_ms = \(bind: Timestamp.milliseconds(instant))
            WHERE id = \(bind: id) AND top_up_id = \(bind: topUpId) AND status IN ('exact', 'suggested')
            RETURNING id
            """) == 1
    }

    /// Turns a suggestion down: the line is unmatched again. Returns false when it is not a suggestion.
    public func rejectBankLineSuggestion(id: String, byAccountId: String?, at instant: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE bank_statement_lines SET status = 'unmatched', top_up_id = NULL, decided_by_account_id = \(bind: byAccountId),
                decided_at_ms = \(bind: Timestamp.milliseconds(instant))
            WHERE id = \(bind: id) AND status = 'suggested' RETURNING id
            """) == 1
    }

    /// Sets an open line aside with a reason. Returns false when it is decided already.
    public func ignoreBankLine(id: String, reason: String, byAccountId: String?, at instant: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE bank_statement_lines SET status = 'ignored', top_up_id = NULL, ignore_reason = \(bind: reason),
                decided_by_account_id = \(bind: byAccountId), decided_at_ms = \(bind: Timestamp.milliseconds(instant))
            WHERE id = \(bind: id) AND status IN ('exact', 'suggested', 'mismatch', 'unmatched') RETURNING id
            """) == 1
    }

    /// An import's unmatched credit lines as matching sees them (at most `limit`), to match again.
    public func unmatchedBankLines(importId: String, limit: Int) async throws -> [(id: String, line: BankLineCandidate)] {
        try await rows(
            """
            SELECT id, booked_on, amount_fen, memo, counterparty_name, counterparty_account_lookup FROM bank_statement_lines
            WHERE import_id = \(bind: importId) AND status = 'unmatched' AND direction = 'credit' ORDER BY row_number LIMIT \(bind: limit)
            """
        ).map { row in
            (
                try row.string("id"),
                BankLineCandidate(
                    bookedOn: try row.string("booked_on"), amount: Money(fen: try row.int64("amount_fen")), direction: .credit,
                    memo: try row.string("memo"), payerNameKey: PartnerPayer.nameKey(try row.string("counterparty_name")),
                    payerAccountLookup: try row.optionalString("counterparty_account_lookup"))
            )
        }
    }

    /// Records a new match of a line that was unmatched. Returns false when it was decided meanwhile.
    public func rematchBankLine(id: String, status: BankLineStatus, topUpId: String) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE bank_statement_lines SET status = \(bind: status.rawValue), top_up_id = \(bind: topUpId)
            WHERE id = \(bind: id) AND status = 'unmatched' RETURNING id
            """) == 1
    }

    /// Pending top-ups no line of any import matches or suggests, oldest first (the result's last list).
    public func pendingTopUpsWithoutLine(page: PageRequest) async throws -> Page<TopUpRecord> {
        let condition: SQLQueryString = """
            status = 'pending' AND NOT EXISTS (SELECT 1 FROM bank_statement_lines l WHERE l.top_up_id = top_ups.id
                AND l.status IN ('exact', 'suggested', 'mismatch', 'matched'))
            """
        let total = try await first("SELECT COUNT(*) AS total FROM top_ups WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.topUpColumns) FROM top_ups WHERE \(condition) ORDER BY requested_at_ms, id
            LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodeTopUp)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    // MARK: - Payers

    /// Keeps a payer on the partner's profile; false when it is there already.
    public func insertPartnerPayer(
        partnerId: String, name: String, account: String?, cipher: PersonalDataCipher, byAccountId: String?, at instant: Date
    ) async throws -> Bool {
        let account = account.flatMap { $0.isEmpty ? nil : $0 }
        return try await changedRowCount(
            """
            INSERT INTO partner_payers (id, partner_id, name, name_key, account_cipher, account_lookup, account_tail, created_by_account_id, created_at_ms)
            VALUES (\(bind: Identifier.make(prefix: "pay")), \(bind: partnerId), \(bind: name), \(bind: PartnerPayer.nameKey(name)),
                \(bind: try account.map { try cipher.encrypt($0) }), \(bind: account.map { cipher.lookupHash($0) }),
                \(bind: account.map(PartnerPayer.tail) ?? ""), \(bind: byAccountId), \(bind: Timestamp.milliseconds(instant)))
            ON CONFLICT DO NOTHING RETURNING id
            """) == 1
    }

    /// A partner's payers, oldest first.
    public func partnerPayers(partnerId: String) async throws -> [PartnerPayer] {
        try await rows(
            "SELECT id, partner_id, name, account_tail FROM partner_payers WHERE partner_id = \(bind: partnerId) ORDER BY created_at_ms, id"
        )
        .map { row in
            PartnerPayer(
                id: try row.string("id"), partnerId: try row.string("partner_id"), name: try row.string("name"),
                accountTail: try row.string("account_tail"))
        }
    }

    /// Removes a payer of a partner; false when it is not that partner's.
    public func deletePartnerPayer(id: String, partnerId: String) async throws -> Bool {
        try await changedRowCount("DELETE FROM partner_payers WHERE id = \(bind: id) AND partner_id = \(bind: partnerId) RETURNING id") == 1
    }
}
