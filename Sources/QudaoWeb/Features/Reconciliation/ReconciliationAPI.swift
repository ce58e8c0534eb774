import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The API of monthly partner statements (对账单): HQ lists and issues them, a partner reads and
/// confirms its own.
struct ReconciliationAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/partner-statements",
                "Monthly partner statements (HQ finance view: all; a partner with finance view: its own), newest month first", tag: .reconciliation,
                parameters: Endpoint.Parameter.paging + [
                    .query("month", .string(example: "2026-10")), .query("status", oneOf: PartnerStatementRecord.Status.self),
                    .query("partnerId", .string(), "HQ only"),
                ], listPartnerStatements),
            Endpoint(
                .get, "/api/v1/partner-statements/{id}",
                "One statement: each account's opening balance, movements and closing balance, orders, refunded returns, settled commission and the content's SHA-256",
                tag: .reconciliation, parameters: [.id(prefix: "pst")], showPartnerStatement),
            Endpoint(
                .get, "/api/v1/partner-statements/{id}/download", "A statement as .xlsx or .pdf, its content hash printed at the top",
                tag: .reconciliation, parameters: [.id(prefix: "pst"), .query("format", .enumeration(["xlsx", "pdf"]))],
                produces: [ReportFormat.xlsx.contentType, ReportFormat.pdf.contentType], downloadPartnerStatement),
            Endpoint(
                .post, "/api/v1/partner-statements/{id}/confirm",
                "The partner confirms its statement (its owner or a sub-account with finance view); once, never changed after", tag: .reconciliation,
                parameters: [.id(prefix: "pst")], confirmPartnerStatement),
            Endpoint(
                .post, "/api/v1/partner-statements/issue",
                "Issue the statements of a settled month that are missing (HQ finance; they are issued after each settlement run anyway)",
                tag: .reconciliation, body: MonthRequest.self, issuePartnerStatements),
        ]
    }

    @Sendable func listPartnerStatements(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<PartnerStatementResponse> {
        let caller = try context.caller
        let filter = PartnerStatementFilter(
            partnerId: caller.principal.kind == .hq ? request.query("partnerId") : nil, month: request.query("month"),
            status: request.query("status").flatMap(PartnerStatementRecord.Status.init(rawValue:)))
        let list = try await services.partnerStatements.statements(caller, filter: filter, page: request.pageRequest)
        return PageResponse(list) { PartnerStatementResponse($0, detailed: false) }
    }

    @Sendable func showPartnerStatement(_ request: Request, _ context: QudaoRequestContext) async throws -> PartnerStatementResponse {
        let caller = try context.caller
        return PartnerStatementResponse(
            try await services.partnerStatements.statement(caller, id: try context.parameters.require("id")), detailed: true)
    }

    @Sendable func downloadPartnerStatement(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let format = try ExportFormat.requested(request, allowed: [.xlsx, .pdf]) == .pdf ? ReportFormat.pdf : .xlsx
        let statement = try await services.partnerStatements.statement(caller, id: try context.parameters.require("id"))
        return try await ReconciliationViews.file(services, statement, language: context.language, format: format)
    }

    @Sendable func confirmPartnerStatement(_ request: Request, _ context: QudaoRequestContext) async throws -> PartnerStatementResponse {
        let caller = try context.caller
        return PartnerStatementResponse(
            try await services.partnerStatements.confirm(caller, id: try context.parameters.require("id")), detailed: false)
    }

    @Sendable func issuePartnerStatements(_ request: Request, _ context: QudaoRequestContext, _ body: MonthRequest) async throws -> IssuedResponse {
        let caller = try context.caller
        return IssuedResponse(issued: try await services.partnerStatements.issue(caller, month: try BusinessMonth.parse(body.month)))
    }
}

/// A month, `2026-10`.
struct MonthRequest: Decodable {
    let month: String?
}

/// How many statements an issue made now.
struct IssuedResponse: Codable {
    let issued: Int
}

/// A monthly partner statement. Lists leave the content out; one statement has it whole.
struct PartnerStatementResponse: Codable {
    let id: String
    let number: String
    let partnerId: String
    let partnerCode: String
    let partnerName: String
    let month: String
    let version: Int
    let status: PartnerStatementRecord.Status
    /// SHA-256 of the canonical content, hex: the same on the page, the files and here.
    let contentHash: String
    let issuedAt: Date
    let confirmedAt: Date?
    let autoConfirmed: Bool
    let prepaidClosingFen: Int64
    let commissionPayableClosingFen: Int64
    let accounts: [StatementAccountResponse]?
    let orders: [StatementOrderResponse]?
    let returns: [StatementReturnResponse]?
    let commission: StatementCommissionResponse?

    init(_ statement: PartnerStatementRecord, detailed: Bool) {
        let content = statement.content
        id = statement.id
        number = statement.number
        partnerId = statement.partnerId
        partnerCode = content.partnerCode
        partnerName = content.partnerName
        month = statement.month
        version = statement.version
        status = statement.status
        contentHash = statement.contentHash
        issuedAt = statement.issuedAt
        confirmedAt = statement.confirmedAt
        autoConfirmed = statement.autoConfirmed
        prepaidClosingFen = content.account(.prepaid)?.closing.fen ?? 0
        commissionPayableClosingFen = content.account(.commissionPayable)?.closing.fen ?? 0
        accounts = detailed ? content.accounts.map(StatementAccountResponse.init) : nil
        orders = detailed ? content.orders.map(StatementOrderResponse.init) : nil
        returns = detailed ? content.returns.map(StatementReturnResponse.init) : nil
        commission = detailed ? content.commission.map(StatementCommissionResponse.init) : nil
    }
}

struct StatementAccountResponse: Codable {
    let kind: StatementAccountKind
    let openingFen: Int64
    let closingFen: Int64
    let movements: [StatementMovementResponse]

    init(_ account: StatementAccount) {
        kind = account.kind
        openingFen = account.opening.fen
        closingFen = account.closing.fen
        movements = account.movements.map(StatementMovementResponse.init)
    }
}

struct StatementMovementResponse: Codable {
    /// The line a dispute names.
    let entryId: Int64
    let postedAt: String
    let documentNumber: String
    let description: String
    let amountFen: Int64
    let balanceAfterFen: Int64

    init(_ movement: StatementMovement) {
        entryId = movement.entryId
        postedAt = movement.postedAt
        documentNumber = movement.documentNumber
        description = movement.description
        amountFen = movement.amount.fen
        balanceAfterFen = movement.balanceAfter.fen
    }
}

struct StatementOrderResponse: Codable {
    let number: String
    let kind: String
    let placedOn: String
    let status: String
    let netFen: Int64

    init(_ order: StatementOrder) {
        number = order.number
        kind = order.kind
        placedOn = order.placedOn
        status = order.status
        netFen = order.net.fen
    }
}

struct StatementReturnResponse: Codable {
    let number: String
    let orderNumber: String
    let refundedOn: String
    let refundFen: Int64

    init(_ line: StatementReturn) {
        number = line.number
        orderNumber = line.orderNumber
        refundedOn = line.refundedOn
        refundFen = line.refund.fen
    }
}

struct StatementCommissionResponse: Codable {
    let statementNumber: String
    let commissionFen: Int64
    let bonusFen: Int64
    let netFen: Int64
    let recordCount: Int64

    init(_ commission: StatementCommission) {
        statementNumber = commission.statementNumber
        commissionFen = commission.commission.fen
        bonusFen = commission.bonus.fen
        netFen = commission.net.fen
        recordCount = commission.recordCount
    }
}
