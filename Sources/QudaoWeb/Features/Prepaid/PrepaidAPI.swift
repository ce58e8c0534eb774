import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The prepaid balance, its statement, adjustments and top-ups.
struct PrepaidAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        api.get("prepaid/balance") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(BalanceResponse(try await services.prepaid.position(caller, partnerId: request.query("partnerId"))))
        }
        api.get("prepaid/statement") { request, context in
            let caller = try services.caller(request, context)
            let filter = StatementFilter(
                from: request.query("from").flatMap(AdminPages.startOfDay),
                to: request.query("to").flatMap(AdminPages.startOfDay).map { $0.addingTimeInterval(86_400) },
                kinds: request.query("kind").flatMap(PostingKind.init(rawValue:)).map { [$0] } ?? [])
            let page = try await services.prepaid.statement(
                caller, partnerId: request.query("partnerId"), filter: filter, page: helper.pageRequest(request))
            return try JSONResponse.make(PageResponse(page, StatementLineResponse.init))
        }
        api.post("prepaid/adjustments") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(AdjustmentRequest.self, request, context)
            let balance = try await services.prepaid.adjust(
                caller, partner: body.partnerId, amount: .fen(body.amountFen ?? .missing), direction: body.direction, reason: body.reason)
            return try JSONResponse.make(["balanceFen": balance.fen], status: .created)
        }
        api.get("top-ups") { request, context in
            let caller = try services.caller(request, context)
            let filter = TopUpFilter(
                partnerId: request.query("partnerId"), status: request.query("status").flatMap(TopUpRecord.Status.init(rawValue:)))
            return try JSONResponse.make(
                PageResponse(try await services.prepaid.topUps(caller, filter: filter, page: helper.pageRequest(request)), TopUpResponse.init))
        }
        api.post("top-ups") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decodeLarge(TopUpRequest.self, request, context)
            var proof: UploadedFile?
            if let file = body.proof {
                guard let base64 = file.contentBase64, let content = Data(base64Encoded: base64) else {
                    throw AppError.invalid("proof.contentBase64", .invalidFormat(expected: .base64))
                }
                proof = UploadedFile(
                    fileName: file.fileName ?? "proof", contentType: file.contentType ?? "application/octet-stream", content: content)
            }
            let topUp = try await services.prepaid.requestTopUp(
                caller,
                TopUpInput(
                    amount: .fen(body.amountFen ?? .missing), bankReference: body.bankReference, note: body.note, partner: body.partnerId,
                    proof: proof))
            return try JSONResponse.make(TopUpResponse(topUp), status: .created)
        }
        api.get("top-ups/{id}") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(TopUpResponse(try await services.prepaid.topUp(caller, id: try context.parameters.require("id"))))
        }
        api.get("top-ups/{id}/proof") { request, context in
            let caller = try services.caller(request, context)
            let file = try await services.prepaid.proofFile(caller, topUpId: try context.parameters.require("id"))
            return FileResponse.make(file)
        }
        api.post("top-ups/{id}/confirm") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(TopUpResponse(try await services.prepaid.confirmTopUp(caller, id: try context.parameters.require("id"))))
        }
        api.post("top-ups/{id}/reject") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(ReasonRequest.self, request, context)
            return try JSONResponse.make(
                TopUpResponse(try await services.prepaid.rejectTopUp(caller, id: try context.parameters.require("id"), reason: body.reason)))
        }
    }
}
