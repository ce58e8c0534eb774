import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Promotions through the API.
struct PromotionAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        let promotions = services.promotions
        api.get("promotions") { request, context in
            let caller = try services.caller(request, context)
            let isHQ = caller.principal.kind == .hq
            return try JSONResponse.make(
                PageResponse(try await promotions.list(caller, page: helper.pageRequest(request))) { PromotionResponse($0, viewerIsHQ: isHQ) })
        }
        api.post("promotions") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(PromotionRequest.self, request, context)
            return try JSONResponse.make(PromotionResponse(try await promotions.create(caller, body.input), viewerIsHQ: true), status: .created)
        }
        api.get("promotions/{id}") { request, context in
            let caller = try services.caller(request, context)
            let view = try await promotions.view(caller, id: try context.parameters.require("id"))
            return try JSONResponse.make(PromotionResponse(view.promotion, viewerIsHQ: caller.principal.kind == .hq, usage: view))
        }
        api.post("promotions/{id}/cancel") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                PromotionResponse(try await promotions.cancel(caller, id: try context.parameters.require("id")), viewerIsHQ: true))
        }
    }
}
