import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Replenishment and the draft purchase order through the API.
struct ReplenishmentAPI {
    let services: WebServices

    var replenishment: ReplenishmentService { services.replenishment }

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/replenishment",
                "Today's replenishment suggestions (RULES §10) for every product the partner holds, has on the way or sold in the last 28 days, each with its inputs (a partner: its own; HQ: any, by partnerId)",
                tag: .replenishment,
                parameters: [.query("partnerId", .string(), "HQ: the partner (id or code, required); a partner: omitted or its own")],
                showReplenishment),
            Endpoint(
                .post, "/api/v1/replenishment/draft",
                "One click: today's non-zero suggestions become the partner's draft purchase order (replacing any earlier draft); place it with POST /api/v1/orders",
                tag: .replenishment, status: .created, draftReplenishment),
            Endpoint(.get, "/api/v1/order-draft", "The partner's draft purchase order", tag: .replenishment, showOrderDraft),
            Endpoint(
                .delete, "/api/v1/order-draft", "Discard the draft (placing a purchase order also uses it up)", tag: .replenishment, deleteOrderDraft),
        ]
    }

    @Sendable func showReplenishment(_ request: Request, _ context: QudaoRequestContext) async throws -> ReplenishmentPlanResponse {
        let caller = try context.caller
        return ReplenishmentPlanResponse(try await replenishment.plan(caller, partnerId: request.query("partnerId")))
    }

    @Sendable func draftReplenishment(_ request: Request, _ context: QudaoRequestContext) async throws -> DraftResponse {
        let caller = try context.caller
        try await replenishment.draftFromSuggestions(caller)
        guard let draft = try await replenishment.draft(caller) else { throw AppError.notFound(entity: "draft") }
        return DraftResponse(draft)
    }

    @Sendable func showOrderDraft(_ request: Request, _ context: QudaoRequestContext) async throws -> DraftResponse {
        let caller = try context.caller
        guard let draft = try await replenishment.draft(caller) else { throw AppError.notFound(entity: "draft") }
        return DraftResponse(draft)
    }

    @Sendable func deleteOrderDraft(_ request: Request, _ context: QudaoRequestContext) async throws -> NoContent {
        let caller = try context.caller
        try await replenishment.discardDraft(caller)
        return NoContent()
    }
}
