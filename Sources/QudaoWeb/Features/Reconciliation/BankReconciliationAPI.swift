import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// The API of bank statement import (银行流水): HQ's bank accounts and their column mappings,
/// imports and their lines by bucket, the decisions on each line, and partners' payers.
struct BankReconciliationAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/bank-accounts", "HQ's bank accounts whose statements are imported (HQ finance view)", tag: .reconciliation,
                listBankAccounts),
            Endpoint(
                .post, "/api/v1/bank-accounts",
                "Add a bank account (HQ finance): a name, the export format (icbc, ccb, cmb or custom) and the account number, kept encrypted",
                tag: .reconciliation, body: BankAccountRequest.self, status: .created, createBankAccount),
            Endpoint(
                .put, "/api/v1/bank-accounts/{id}/mapping",
                "Set the columns an account's files are read with (HQ finance), kept for its later files: the booking date, the amount (a credit and a debit column, one signed column, or one column and a direction column), the payer's name and account, the memo columns",
                tag: .reconciliation, parameters: [.id(prefix: "bac")], body: BankMappingRequest.self, setBankAccountMapping),
            Endpoint(
                .post, "/api/v1/bank-accounts/{id}/statements",
                "Import a statement of the account (HQ finance): .csv (UTF-8 or GBK) or .xlsx in base64, up to 20 MB and 100,000 lines. A file with problems is refused whole, each named as rows[N].column (N is the file's row); lines already imported are counted as duplicates and add nothing",
                tag: .reconciliation, parameters: [.id(prefix: "bac")], body: BankStatementFileRequest.self,
                bodySize: .base64File(maximumBytes: TableLimits.maximumFileBytes), status: .created, importBankStatement),
            Endpoint(
                .get, "/api/v1/bank-statement-imports", "Imported statements, newest first (HQ finance view)", tag: .reconciliation,
                parameters: Endpoint.Parameter.paging + [.query("bankAccountId", .string())], listBankImports),
            Endpoint(
                .get, "/api/v1/bank-statement-imports/{id}", "One import: its counts, and how many lines are in each bucket", tag: .reconciliation,
                parameters: [.id(prefix: "bim")], showBankImport),
            Endpoint(
                .get, "/api/v1/bank-statement-imports/{id}/lines", "An import's lines, in one bucket or all, in file order", tag: .reconciliation,
                parameters: [.id(prefix: "bim")] + Endpoint.Parameter.paging + [.query("status", oneOf: BankLineStatus.self)], listBankLines),
            Endpoint(
                .post, "/api/v1/bank-statement-imports/{id}/accept-exact",
                "Accept every exact match of the import (HQ finance): each top-up is confirmed once, as by hand", tag: .reconciliation,
                parameters: [.id(prefix: "bim")], acceptAllExact),
            Endpoint(
                .post, "/api/v1/bank-statement-imports/{id}/rematch",
                "Match the import's unmatched lines again against the top-ups pending now (HQ finance): a partner often asks after its transfer was imported",
                tag: .reconciliation, parameters: [.id(prefix: "bim")], rematchImport),
            Endpoint(
                .post, "/api/v1/bank-statement-lines/{id}/accept",
                "Accept an exact or suggested match (HQ finance): the top-up is confirmed with its rebate, once whatever the concurrency",
                tag: .reconciliation, parameters: [.id(prefix: "bsl")], acceptBankLine),
            Endpoint(
                .post, "/api/v1/bank-statement-lines/{id}/reject", "Turn a suggestion down (HQ finance): the line is unmatched again",
                tag: .reconciliation, parameters: [.id(prefix: "bsl")], rejectBankLine),
            Endpoint(
                .post, "/api/v1/bank-statement-lines/{id}/ignore", "Set a line aside with a reason (HQ finance)", tag: .reconciliation,
                parameters: [.id(prefix: "bsl")], body: ReasonRequest.self, ignoreBankLine),
            Endpoint(
                .get, "/api/v1/top-ups/without-bank-line", "Pending top-ups no imported bank line matches or suggests (HQ finance view)",
                tag: .reconciliation, parameters: Endpoint.Parameter.paging, listTopUpsWithoutLine),
            Endpoint(
                .get, "/api/v1/partners/{id}/payers",
                "The names and accounts a partner pays from (account numbers masked): HQ finance view, or the partner's own with finance view",
                tag: .reconciliation, parameters: [.id(prefix: "prt")], listPayers),
            Endpoint(
                .post, "/api/v1/partners/{id}/payers", "Keep a payer on the partner's profile, so a transfer from it is suggested for its top-ups",
                tag: .reconciliation, parameters: [.id(prefix: "prt")], body: PayerRequest.self, status: .created, addPayer),
            Endpoint(
                .delete, "/api/v1/partners/{id}/payers/{payerId}", "Remove a payer from the partner's profile", tag: .reconciliation,
                parameters: [.id(prefix: "prt"), .id("payerId", prefix: "pay")], removePayer),
        ]
    }

    @Sendable func listBankAccounts(_ request: Request, _ context: QudaoRequestContext) async throws -> ListResponse<BankAccountResponse> {
        ListResponse(items: try await services.bank.bankAccounts(try context.caller).map(BankAccountResponse.init))
    }

    @Sendable func createBankAccount(
        _ request: Request, _ context: QudaoRequestContext, _ body: BankAccountRequest
    ) async throws -> BankAccountResponse {
        BankAccountResponse(
            try await services.bank.createBankAccount(try context.caller, name: body.name, format: body.bankFormat, accountNumber: body.accountNumber)
        )
    }

    @Sendable func setBankAccountMapping(
        _ request: Request, _ context: QudaoRequestContext, _ body: BankMappingRequest
    ) async throws
        -> BankAccountResponse
    {
        BankAccountResponse(
            try await services.bank.setMapping(try context.caller, bankAccountId: try context.parameters.require("id"), body.input))
    }

    @Sendable func importBankStatement(
        _ request: Request, _ context: QudaoRequestContext, _ body: BankStatementFileRequest
    ) async throws
        -> BankImportResponse
    {
        let caller = try context.caller
        guard let base64 = body.contentBase64, let content = Data(base64Encoded: base64) else {
            throw AppError.invalid("contentBase64", .invalidFormat(expected: .base64))
        }
        let record = try await services.bank.importStatement(
            caller, bankAccountId: try context.parameters.require("id"),
            file: UploadedFile(fileName: body.fileName ?? "statement.csv", contentType: "application/octet-stream", content: content))
        return BankImportResponse(try await services.bank.importSummary(caller, id: record.id))
    }

    @Sendable func listBankImports(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<BankImportResponse> {
        let list = try await services.bank.imports(try context.caller, bankAccountId: request.query("bankAccountId"), page: request.pageRequest)
        return PageResponse(list) { BankImportResponse(record: $0, counts: nil) }
    }

    @Sendable func showBankImport(_ request: Request, _ context: QudaoRequestContext) async throws -> BankImportResponse {
        BankImportResponse(try await services.bank.importSummary(try context.caller, id: try context.parameters.require("id")))
    }

    @Sendable func listBankLines(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<BankLineResponse> {
        let caller = try context.caller
        let summary = try await services.bank.importSummary(caller, id: try context.parameters.require("id"))
        let list = try await services.bank.lines(
            caller, importId: summary.record.id, status: request.query("status").flatMap(BankLineStatus.init(rawValue:)), page: request.pageRequest)
        return PageResponse(list, BankLineResponse.init)
    }

    @Sendable func acceptAllExact(_ request: Request, _ context: QudaoRequestContext) async throws -> AcceptedResponse {
        let caller = try context.caller
        let summary = try await services.bank.importSummary(caller, id: try context.parameters.require("id"))
        let outcome = try await services.bank.acceptAllExact(caller, importId: summary.record.id)
        return AcceptedResponse(accepted: outcome.accepted, skipped: outcome.skipped)
    }

    @Sendable func rematchImport(_ request: Request, _ context: QudaoRequestContext) async throws -> RematchResponse {
        RematchResponse(matched: try await services.bank.rematch(try context.caller, importId: try context.parameters.require("id")))
    }

    @Sendable func acceptBankLine(_ request: Request, _ context: QudaoRequestContext) async throws -> BankLineResponse {
        BankLineResponse(try await services.bank.accept(try context.caller, lineId: try context.parameters.require("id")))
    }

    @Sendable func rejectBankLine(_ request: Request, _ context: QudaoRequestContext) async throws -> BankLineResponse {
        BankLineResponse(try await services.bank.rejectSuggestion(try context.caller, lineId: try context.parameters.require("id")))
    }

    @Sendable func ignoreBankLine(_ request: Request, _ context: QudaoRequestContext, _ body: ReasonRequest) async throws -> BankLineResponse {
        BankLineResponse(try await services.bank.ignore(try context.caller, lineId: try context.parameters.require("id"), reason: body.reason))
    }

    @Sendable func listTopUpsWithoutLine(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<TopUpResponse> {
        PageResponse(try await services.bank.pendingWithoutLine(try context.caller, page: request.pageRequest), TopUpResponse.init)
    }

    @Sendable func listPayers(_ request: Request, _ context: QudaoRequestContext) async throws -> ListResponse<PayerResponse> {
        ListResponse(
            items: try await services.bank.payers(try context.caller, partner: try context.parameters.require("id")).map(PayerResponse.init))
    }

    @Sendable func addPayer(_ request: Request, _ context: QudaoRequestContext, _ body: PayerRequest) async throws -> ListResponse<PayerResponse> {
        ListResponse(
            items: try await services.bank.addPayer(
                try context.caller, partner: try context.parameters.require("id"), name: body.name, account: body.accountNumber
            ).map(PayerResponse.init))
    }

    @Sendable func removePayer(_ request: Request, _ context: QudaoRequestContext) async throws -> ListResponse<PayerResponse> {
        ListResponse(
            items: try await services.bank.removePayer(
                try context.caller, partner: try context.parameters.require("id"), payerId: try context.parameters.require("payerId")
            ).map(PayerResponse.init))
    }
}

struct BankAccountRequest: Decodable {
    let name: String?
    let bankFormat: String?
    let accountNumber: String?
}

struct BankMappingRequest: Decodable {
    let bookingDate: String?
    let creditColumn: String?
    let debitColumn: String?
    let amountColumn: String?
    let directionColumn: String?
    /// Values of the direction column meaning money in, comma separated.
    let creditMarkers: String?
    let counterpartyName: String?
    let counterpartyAccount: String?
    /// Memo columns, comma separated.
    let memo: String?

    var input: BankMappingInput {
        BankMappingInput(
            bookingDate: bookingDate, creditColumn: creditColumn, debitColumn: debitColumn, amountColumn: amountColumn,
            directionColumn: directionColumn, creditMarkers: creditMarkers, counterpartyName: counterpartyName,
            counterpartyAccount: counterpartyAccount, memo: memo)
    }
}

struct BankStatementFileRequest: Decodable {
    /// Its name says its format: `.csv` or `.xlsx`.
    let fileName: String?
    let contentBase64: String?
}

struct PayerRequest: Decodable {
    let name: String?
    let accountNumber: String?
}

struct RematchResponse: Codable {
    /// Lines that found a top-up now (exact, suggested or an amount that differs).
    let matched: Int
}

struct AcceptedResponse: Codable {
    let accepted: Int
    /// Exact matches whose top-up was decided meanwhile.
    let skipped: Int
}

/// A list without pages (it is short by nature).
struct ListResponse<Item: Codable>: Codable {
    let items: [Item]
}

struct BankAccountResponse: Codable {
    let id: String
    let name: String
    let bankFormat: BankFormat
    let accountNumberMasked: String
    /// The columns its files are read with; absent until a custom account is mapped.
    let mappedColumns: [String]?

    init(_ account: BankAccountRecord) {
        id = account.id
        name = account.name
        bankFormat = account.format
        accountNumberMasked = account.maskedAccountNumber
        mappedColumns = account.effectiveMapping?.columns
    }
}

struct BankImportResponse: Codable {
    let id: String
    let number: String
    let bankAccountId: String
    let fileName: String
    let fileSHA256: String
    let lineCount: Int
    let newCount: Int
    let duplicateCount: Int
    let skippedCount: Int
    /// The file rows already imported before (the first 500).
    let duplicateRows: [Int]
    let importedAt: Date
    /// Lines in each bucket (exact, suggested, mismatch, unmatched, matched, ignored, debit); one import only.
    let counts: [String: Int64]?

    init(record: BankStatementImportRecord, counts: [BankLineStatus: Int64]?) {
        id = record.id
        number = record.number
        bankAccountId = record.bankAccountId
        fileName = record.fileName
        fileSHA256 = record.fileSHA256
        lineCount = record.lineCount
        newCount = record.newCount
        duplicateCount = record.duplicateCount
        skippedCount = record.skippedCount
        duplicateRows = record.duplicateRows
        importedAt = record.importedAt
        self.counts = counts.map { counts in
            Dictionary(uniqueKeysWithValues: BankLineStatus.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
        }
    }

    init(_ summary: BankReconciliationService.ImportSummary) {
        self.init(record: summary.record, counts: summary.counts)
    }
}

struct BankLineResponse: Codable {
    let id: String
    let rowNumber: Int
    let bookedOn: String
    let amountFen: Int64
    let direction: LedgerDirection
    let counterpartyName: String
    /// The last four digits of the payer's account.
    let counterpartyAccountTail: String
    let memo: String
    let status: BankLineStatus
    let topUpId: String?
    let topUpNumber: String?
    let topUpAmountFen: Int64?
    let partnerCode: String?
    let ignoreReason: String?

    init(_ line: BankStatementLineRecord) {
        id = line.id
        rowNumber = line.rowNumber
        bookedOn = line.bookedOn
        amountFen = line.amount.fen
        direction = line.direction
        counterpartyName = line.counterpartyName
        counterpartyAccountTail = line.counterpartyAccountTail
        memo = line.memo
        status = line.status
        topUpId = line.topUpId
        topUpNumber = line.topUpNumber
        topUpAmountFen = line.topUpAmount?.fen
        partnerCode = line.partnerCode
        ignoreReason = line.ignoreReason
    }
}

struct PayerResponse: Codable {
    let id: String
    let name: String
    /// The last four digits of the account, "" for a name alone.
    let accountTail: String

    init(_ payer: PartnerPayer) {
        id = payer.id
        name = payer.name
        accountTail = payer.accountTail
    }
}
