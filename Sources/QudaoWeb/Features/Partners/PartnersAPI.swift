import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The channel tree through the API: partners, their moves, status and contact.
struct PartnersAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/partners", "List partners the caller may see (HQ: all; a partner: its own subtree)", tag: .partners,
                parameters: Endpoint.Parameter.paging + [
                    .query("search"), .query("level", .integer(minimum: 1, maximum: 3)), .query("status", oneOf: PartnerStatus.self),
                    .query("type", oneOf: PartnerType.self), .query("province"), .query("city"),
                    .query("parentId", .string(), "A partner id, or `hq` for level-1 partners"),
                    .query("grade", oneOf: Grade.self, "HQ only: partners whose current grade is this"),
                    .query(
                        "sort", oneOf: PartnerSort.self,
                        "HQ only: tree order (default), grade (warning first), or a grading metric (`-` for descending); partners without a figure last"
                    ),
                ], listPartners),
            Endpoint(.get, "/api/v1/partners/tree", "The visible tree, parents before children", tag: .partners, showPartnerTree),
            Endpoint(
                .post, "/api/v1/partners", "Create a partner (HQ admin or operations)", tag: .partners, body: PartnerRequest.self, status: .created,
                createPartner),
            Endpoint(.get, "/api/v1/partners/{id}", "One partner", tag: .partners, parameters: [.id(prefix: "prt")], showPartner),
            Endpoint(
                .patch, "/api/v1/partners/{id}", "Edit a partner's profile (send only what changes)", tag: .partners,
                parameters: [.id(prefix: "prt")], body: PartnerRequest.self, updatePartner),
            Endpoint(
                .post, "/api/v1/partners/{id}/move", "Move a partner and its downline under another parent (null or empty for HQ)", tag: .partners,
                parameters: [.id(prefix: "prt")], body: MoveRequest.self, movePartner),
            Endpoint(
                .post, "/api/v1/partners/{id}/status", "Approve, suspend, terminate or reactivate", tag: .partners, parameters: [.id(prefix: "prt")],
                body: StatusRequest.self, changePartnerStatus),
            Endpoint(
                .post, "/api/v1/partners/{id}/reveal-contact-phone", "Reveal the full contact phone (HQ admin; audited)", tag: .partners,
                parameters: [.id(prefix: "prt")], revealPartnerContactPhone),
        ]
    }

    @Sendable func listPartners(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<PartnerResponse> {
        let caller = try context.caller
        var filter = PartnerFilter(
            search: request.query("search"), level: request.queryInteger("level"),
            status: request.query("status").flatMap(PartnerStatus.init(rawValue:)),
            type: request.query("type").flatMap(PartnerType.init(rawValue:)), province: request.query("province"),
            city: request.query("city"))
        if let parentId = request.query("parentId") { filter.parentId = parentId == "hq" ? "" : parentId }
        filter.grade = request.query("grade").flatMap(Grade.init(rawValue:))
        filter.sort = request.query("sort").flatMap(PartnerSort.init(rawValue:)) ?? .tree
        let page = try await services.partners.list(caller, filter: filter, page: request.pageRequest)
        let isHQ = caller.principal.kind == .hq
        return PageResponse(page) { PartnerResponse($0, viewerIsHQ: isHQ) }
    }

    @Sendable func showPartnerTree(_ request: Request, _ context: QudaoRequestContext) async throws -> ItemsResponse<PartnerResponse> {
        let caller = try context.caller
        let isHQ = caller.principal.kind == .hq
        return ItemsResponse(items: try await services.partners.tree(caller).map { PartnerResponse($0, viewerIsHQ: isHQ) })
    }

    @Sendable func createPartner(_ request: Request, _ context: QudaoRequestContext, _ body: PartnerRequest) async throws -> PartnerResponse {
        let caller = try context.caller
        let partner = try await services.partners.create(caller, body.input)
        return PartnerResponse(partner, viewerIsHQ: true)
    }

    @Sendable func showPartner(_ request: Request, _ context: QudaoRequestContext) async throws -> PartnerResponse {
        let caller = try context.caller
        let view = try await services.partners.view(caller, id: try context.parameters.require("id"))
        return PartnerResponse(view.partner, viewerIsHQ: caller.principal.kind == .hq)
    }

    @Sendable func updatePartner(_ request: Request, _ context: QudaoRequestContext, _ body: PartnerRequest) async throws -> PartnerResponse {
        let caller = try context.caller
        let id = try context.parameters.require("id")
        try caller.require(.managePartners)
        let current = try await services.partners.view(caller, id: id).partner
        let partner = try await services.partners.update(caller, id: id, body.merged(onto: current))
        return PartnerResponse(partner, viewerIsHQ: true)
    }

    @Sendable func movePartner(_ request: Request, _ context: QudaoRequestContext, _ body: MoveRequest) async throws -> PartnerResponse {
        let caller = try context.caller
        let partner = try await services.partners.move(caller, id: try context.parameters.require("id"), newParent: body.parentId)
        return PartnerResponse(partner, viewerIsHQ: true)
    }

    @Sendable func changePartnerStatus(_ request: Request, _ context: QudaoRequestContext, _ body: StatusRequest) async throws -> PartnerResponse {
        let caller = try context.caller
        let partner = try await services.partners.changeStatus(
            caller, id: try context.parameters.require("id"), status: body.status, reason: body.reason)
        return PartnerResponse(partner, viewerIsHQ: true)
    }

    @Sendable func revealPartnerContactPhone(_ request: Request, _ context: QudaoRequestContext) async throws -> RevealedPhoneResponse {
        let caller = try context.caller
        let phone = try await services.partners.revealContactPhone(caller, id: try context.parameters.require("id"))
        return RevealedPhoneResponse(contactPhone: phone)
    }
}
