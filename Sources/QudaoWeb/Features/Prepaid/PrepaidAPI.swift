import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The prepaid balance, its statement, adjustments and top-ups.
struct PrepaidAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/prepaid/balance", "A partner's prepaid balance and discount tier (a partner: itself or its downline; HQ: any partner)",
                tag: .prepaid, parameters: [.query("partnerId")], showPrepaidBalance),
            Endpoint(
                .get, "/api/v1/prepaid/statement", "A partner's prepaid movements with the running balance, newest first", tag: .prepaid,
                parameters: Endpoint.Parameter.paging + [.query("partnerId"), .date("from"), .date("to"), .query("kind", oneOf: PostingKind.self)],
                showPrepaidStatement),
            Endpoint(
                .post, "/api/v1/prepaid/adjustments",
                "Credit or debit a balance directly, with a reason (HQ finance); a debit never goes below zero; a credit above the second approver's threshold answers 202",
                tag: .prepaid, body: AdjustmentRequest.self, status: .created, adjustPrepaidBalance),
            Endpoint(
                .get, "/api/v1/top-ups", "Top-up requests (HQ: all; a partner: its own)", tag: .prepaid,
                parameters: Endpoint.Parameter.paging + [.query("status", oneOf: TopUpRecord.Status.self), .query("partnerId")], listTopUps),
            Endpoint(
                .post, "/api/v1/top-ups",
                "Request a top-up (a partner with finance view; HQ finance for a partner), with an optional proof file in base64", tag: .prepaid,
                body: TopUpRequest.self, bodySize: .base64File(maximumBytes: WebServices.maximumUploadBytes), status: .created, createTopUp),
            Endpoint(.get, "/api/v1/top-ups/{id}", "One top-up request", tag: .prepaid, parameters: [.id(prefix: "top")], showTopUp),
            Endpoint(
                .get, "/api/v1/top-ups/{id}/proof", "The proof file of a top-up request", tag: .prepaid, parameters: [.id(prefix: "top")],
                produces: UploadedFile.acceptedContentTypes, downloadTopUpProof),
            Endpoint(
                .post, "/api/v1/top-ups/{id}/confirm", "Confirm a pending top-up (HQ finance): the amount and its rebate are credited once",
                tag: .prepaid, parameters: [.id(prefix: "top")], confirmTopUp),
            Endpoint(
                .post, "/api/v1/top-ups/{id}/reject", "Reject a pending top-up with a reason (HQ finance)", tag: .prepaid,
                parameters: [.id(prefix: "top")], body: ReasonRequest.self, rejectTopUp),
        ]
    }

    @Sendable func showPrepaidBalance(_ request: Request, _ context: QudaoRequestContext) async throws -> BalanceResponse {
        let caller = try context.caller
        return BalanceResponse(try await services.prepaid.position(caller, partnerId: request.query("partnerId")))
    }

    @Sendable func showPrepaidStatement(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<StatementLineResponse> {
        let caller = try context.caller
        let filter = StatementFilter(
            from: request.query("from").flatMap(AdminPages.startOfDay),
            to: request.query("to").flatMap(AdminPages.startOfDay).map { $0.addingTimeInterval(86_400) },
            kinds: request.query("kind").flatMap(PostingKind.init(rawValue:)).map { [$0] } ?? [])
        let page = try await services.prepaid.statement(
            caller, partnerId: request.query("partnerId"), filter: filter, page: request.pageRequest)
        return PageResponse(page, StatementLineResponse.init)
    }

    @Sendable func adjustPrepaidBalance(
        _ request: Request, _ context: QudaoRequestContext, _ body: AdjustmentRequest
    ) async throws -> Held<AdjustedBalanceResponse> {
        let caller = try context.caller
        let submission = try await services.prepaid.adjust(
            caller, partner: body.partnerId, amount: .fen(body.amountFen ?? .missing), direction: body.direction, reason: body.reason)
        return try await services.held(submission) { AdjustedBalanceResponse(balanceFen: $0.fen) }
    }

    @Sendable func listTopUps(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<TopUpResponse> {
        let caller = try context.caller
        let filter = TopUpFilter(
            partnerId: request.query("partnerId"), status: request.query("status").flatMap(TopUpRecord.Status.init(rawValue:)))
        return PageResponse(try await services.prepaid.topUps(caller, filter: filter, page: request.pageRequest), TopUpResponse.init)
    }

    @Sendable func createTopUp(_ request: Request, _ context: QudaoRequestContext, _ body: TopUpRequest) async throws -> TopUpResponse {
        let caller = try context.caller
        let proof = try body.proof?.uploadedFile(field: "proof", defaultName: "proof")
        let topUp = try await services.prepaid.requestTopUp(
            caller,
            TopUpInput(
                amount: .fen(body.amountFen ?? .missing), bankReference: body.bankReference, note: body.note, partner: body.partnerId,
                proof: proof))
        return TopUpResponse(topUp)
    }

    @Sendable func showTopUp(_ request: Request, _ context: QudaoRequestContext) async throws -> TopUpResponse {
        let caller = try context.caller
        return TopUpResponse(try await services.prepaid.topUp(caller, id: try context.parameters.require("id")))
    }

    @Sendable func downloadTopUpProof(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let file = try await services.prepaid.proofFile(caller, topUpId: try context.parameters.require("id"))
        return FileResponse.make(file)
    }

    @Sendable func confirmTopUp(_ request: Request, _ context: QudaoRequestContext) async throws -> TopUpResponse {
        let caller = try context.caller
        return TopUpResponse(try await services.prepaid.confirmTopUp(caller, id: try context.parameters.require("id")))
    }

    @Sendable func rejectTopUp(_ request: Request, _ context: QudaoRequestContext, _ body: ReasonRequest) async throws -> TopUpResponse {
        let caller = try context.caller
        return TopUpResponse(try await services.prepaid.rejectTopUp(caller, id: try context.parameters.require("id"), reason: body.reason))
    }
}

/// The partner's prepaid balance after an adjustment.
struct AdjustedBalanceResponse: Codable {
    let balanceFen: Int64
}
