import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Promotions through the API.
struct PromotionAPI {
    let services: WebServices

    var promotions: PromotionService { services.promotions }

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/promotions",
                "Promotions (HQ: all; a partner: the running and coming ones targeted at it, by its grade, level and province now)", tag: .promotions,
                parameters: Endpoint.Parameter.paging, listPromotions),
            Endpoint(
                .post, "/api/v1/promotions",
                "Offer a price or a discount on chosen products for a period to chosen grades, levels or provinces (HQ admin or operations; targeted partners are notified; audited)",
                tag: .promotions, body: PromotionRequest.self, status: .created, createPromotion),
            Endpoint(
                .get, "/api/v1/promotions/{id}", "One promotion (a partner: only one targeted at it; others are not found)", tag: .promotions,
                parameters: [.id(prefix: "pmo")], showPromotion),
            Endpoint(
                .post, "/api/v1/promotions/{id}/cancel", "Cancel a promotion: orders from now on pay regular prices (HQ admin or operations)",
                tag: .promotions, parameters: [.id(prefix: "pmo")], cancelPromotion),
        ]
    }

    @Sendable func listPromotions(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<PromotionResponse> {
        let caller = try context.caller
        let isHQ = caller.principal.kind == .hq
        return PageResponse(try await promotions.list(caller, page: request.pageRequest)) { PromotionResponse($0, viewerIsHQ: isHQ) }
    }

    @Sendable func createPromotion(_ request: Request, _ context: QudaoRequestContext, _ body: PromotionRequest) async throws -> PromotionResponse {
        let caller = try context.caller
        return PromotionResponse(try await promotions.create(caller, body.input), viewerIsHQ: true)
    }

    @Sendable func showPromotion(_ request: Request, _ context: QudaoRequestContext) async throws -> PromotionResponse {
        let caller = try context.caller
        let view = try await promotions.view(caller, id: try context.parameters.require("id"))
        return PromotionResponse(view.promotion, viewerIsHQ: caller.principal.kind == .hq, usage: view)
    }

    @Sendable func cancelPromotion(_ request: Request, _ context: QudaoRequestContext) async throws -> PromotionResponse {
        let caller = try context.caller
        return PromotionResponse(try await promotions.cancel(caller, id: try context.parameters.require("id")), viewerIsHQ: true)
    }
}
