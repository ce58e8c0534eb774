import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Replenishment and the draft purchase order through the API.
struct ReplenishmentAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        let replenishment = services.replenishment
        api.get("replenishment") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(ReplenishmentPlanResponse(try await replenishment.plan(caller, partnerId: request.query("partnerId"))))
        }
        api.post("replenishment/draft") { request, context in
            let caller = try services.caller(request, context)
            try await replenishment.draftFromSuggestions(caller)
            guard let draft = try await replenishment.draft(caller) else { throw AppError.notFound(entity: "draft") }
            return try JSONResponse.make(DraftResponse(draft), status: .created)
        }
        api.get("order-draft") { request, context in
            let caller = try services.caller(request, context)
            guard let draft = try await replenishment.draft(caller) else { throw AppError.notFound(entity: "draft") }
            return try JSONResponse.make(DraftResponse(draft))
        }
        api.delete("order-draft") { request, context in
            let caller = try services.caller(request, context)
            try await replenishment.discardDraft(caller)
            return Response(status: .noContent)
        }
    }
}
