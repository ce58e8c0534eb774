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
                .post, "/api/v1/partner-statements/{id}/dispute",
                "The partner disputes its issued statement (its owner or a sub-account with finance view): the lines (a movement's entryId or an order's number, with the amount it should be), a comment and an optional file in base64. HQ finance is told at once",
                tag: .reconciliation, parameters: [.id(prefix: "pst")], body: DisputeRequest.self,
                bodySize: .base64File(maximumBytes: WebServices.maximumUploadBytes), status: .created, disputePartnerStatement),
            Endpoint(
                .post, "/api/v1/partner-statements/{id}/dispute/answers",
                "HQ finance answers one line of the statement's dispute: accepted with a correction (signed fen; by default the line's suggestedCorrectionFen) posted with the dispute's number, or rejected with a reply. The last answer resolves the statement and issues its next version",
                tag: .reconciliation, parameters: [.id(prefix: "pst")], body: DisputeAnswerRequest.self, answerPartnerStatementDispute),
            Endpoint(
                .get, "/api/v1/partner-statements/{id}/dispute/attachment", "The file the partner attached to its dispute", tag: .reconciliation,
                parameters: [.id(prefix: "pst")], produces: UploadedFile.acceptedContentTypes, downloadDisputeAttachment),
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
        let disputed = try await services.partnerStatements.statementWithDispute(caller, id: try context.parameters.require("id"))
        return PartnerStatementResponse(disputed.statement, detailed: true, dispute: disputed.dispute)
    }

    @Sendable func disputePartnerStatement(
        _ request: Request, _ context: QudaoRequestContext, _ body: DisputeRequest
    ) async throws
        -> PartnerStatementResponse
    {
        let caller = try context.caller
        let attachment = try body.attachment?.uploadedFile(field: "attachment", defaultName: "attachment")
        let lines = (body.lines ?? []).map {
            DisputeLineInput(entryId: $0.entryId, orderNumber: $0.orderNumber, claimed: .fen($0.claimedFen ?? .missing))
        }
        let disputed = try await services.partnerStatements.dispute(
            caller, id: try context.parameters.require("id"), lines: lines, comment: body.comment, attachment: attachment)
        return PartnerStatementResponse(disputed.statement, detailed: true, dispute: disputed.dispute)
    }

    @Sendable func answerPartnerStatementDispute(
        _ request: Request, _ context: QudaoRequestContext, _ body: DisputeAnswerRequest
    ) async throws
        -> PartnerStatementResponse
    {
        let caller = try context.caller
        let disputed = try await services.partnerStatements.answer(
            caller, statementId: try context.parameters.require("id"), line: body.line, decision: body.decision,
            correction: body.adjustmentFen.map { .fen($0) }, reply: body.reply)
        return PartnerStatementResponse(disputed.statement, detailed: false, dispute: disputed.dispute)
    }

    @Sendable func downloadDisputeAttachment(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return FileResponse.make(try await services.partnerStatements.disputeAttachment(caller, statementId: try context.parameters.require("id")))
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

/// A dispute: the lines, a comment and an optional file.
struct DisputeRequest: Decodable {
    let lines: [DisputeLineRequest]?
    let comment: String?
    let attachment: ProofRequest?
}

/// One disputed line: a movement (`entryId`) or an order (`orderNumber`), and the amount it should be.
struct DisputeLineRequest: Decodable {
    let entryId: Int64?
    let orderNumber: String?
    let claimedFen: IntegerInput?
}

/// HQ's answer to one line of a dispute.
struct DisputeAnswerRequest: Decodable {
    /// The line's number, 1, 2, …
    let line: Int?
    /// `accepted` or `rejected`.
    let decision: String?
    /// The correction to post when accepted (signed fen); absent posts the line's suggested correction.
    let adjustmentFen: IntegerInput?
    /// Required when rejected.
    let reply: String?
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
    /// The version that replaced this one after a dispute.
    let replacedById: String?
    /// The dispute of this version, if the partner raised one.
    let dispute: StatementDisputeResponse?

    init(_ statement: PartnerStatementRecord, detailed: Bool, dispute: StatementDispute? = nil) {
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
        replacedById = statement.replacedById
        self.dispute = dispute.map(StatementDisputeResponse.init)
    }
}

/// A statement's dispute and HQ's answer to each line.
struct StatementDisputeResponse: Codable {
    let number: String
    let status: StatementDispute.Status
    let comment: String
    let hasAttachment: Bool
    let raisedAt: Date
    let resolvedAt: Date?
    let reissuedStatementId: String?
    let lines: [StatementDisputeLineResponse]

    init(_ dispute: StatementDispute) {
        number = dispute.number
        status = dispute.status
        comment = dispute.comment
        hasAttachment = dispute.attachmentFileId != nil
        raisedAt = dispute.raisedAt
        resolvedAt = dispute.resolvedAt
        reissuedStatementId = dispute.reissuedStatementId
        lines = dispute.lines.map(StatementDisputeLineResponse.init)
    }
}

struct StatementDisputeLineResponse: Codable {
    let line: Int
    let entryId: Int64?
    let orderNumber: String?
    let account: StatementAccountKind
    let documentNumber: String
    let description: String
    let statedFen: Int64
    let claimedFen: Int64
    let status: StatementDisputeLine.Status
    /// The correction that gives the partner what it claims (absent for a referral order, whose correction HQ works out).
    let suggestedCorrectionFen: Int64?
    let adjustmentFen: Int64?
    let reply: String?
    let answeredAt: Date?

    init(_ line: StatementDisputeLine) {
        self.line = line.lineNumber
        switch line.item {
        case .movement(let id):
            entryId = id
            orderNumber = nil
        case .order(let number):
            entryId = nil
            orderNumber = number
        }
        account = line.account
        documentNumber = line.documentNumber
        description = line.description
        statedFen = line.stated.fen
        claimedFen = line.claimed.fen
        status = line.status
        suggestedCorrectionFen = line.suggestedCorrection?.fen
        adjustmentFen = line.adjustment?.fen
        reply = line.reply
        answeredAt = line.answeredAt
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
