import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Returns of delivered orders and their refunds.
struct ReturnsAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/returns", "Returns (HQ: all; a partner: its own and its downline's)", tag: .orders,
                parameters: Endpoint.Parameter.paging + [.query("status", oneOf: ReturnStatus.self)], listReturns),
            Endpoint(
                .post, "/api/v1/returns/{id}/approve", "Approve a requested return (HQ operations)", tag: .orders, parameters: [.id(prefix: "ret")],
                approveReturn),
            Endpoint(
                .post, "/api/v1/returns/{id}/reject", "Reject a requested return with a reason (HQ operations)", tag: .orders,
                parameters: [.id(prefix: "ret")], body: ReasonRequest.self, rejectReturn),
            Endpoint(
                .post, "/api/v1/returns/{id}/receive", "The returned goods are back: stock is restored (HQ operations)", tag: .orders,
                parameters: [.id(prefix: "ret")], receiveReturn),
            Endpoint(
                .post, "/api/v1/returns/{id}/refund", "Refund a received return (HQ finance): the net recomputed on the kept quantities",
                tag: .orders, parameters: [.id(prefix: "ret")], refundReturn),
        ]
    }

    @Sendable func listReturns(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<ReturnResponse> {
        let caller = try context.caller
        let status = request.query("status").flatMap(ReturnStatus.init(rawValue:))
        return PageResponse(try await services.orders.returns(caller, status: status, page: request.pageRequest), ReturnResponse.init)
    }

    @Sendable func approveReturn(_ request: Request, _ context: QudaoRequestContext) async throws -> ReturnResponse {
        let caller = try context.caller
        return ReturnResponse(try await services.orders.approveReturn(caller, returnId: try context.parameters.require("id")))
    }

    @Sendable func rejectReturn(_ request: Request, _ context: QudaoRequestContext, _ body: ReasonRequest) async throws -> ReturnResponse {
        let caller = try context.caller
        return ReturnResponse(try await services.orders.rejectReturn(caller, returnId: try context.parameters.require("id"), reason: body.reason))
    }

    @Sendable func receiveReturn(_ request: Request, _ context: QudaoRequestContext) async throws -> ReturnResponse {
        let caller = try context.caller
        return ReturnResponse(try await services.orders.receiveReturnedGoods(caller, returnId: try context.parameters.require("id")))
    }

    @Sendable func refundReturn(_ request: Request, _ context: QudaoRequestContext) async throws -> ReturnResponse {
        let caller = try context.caller
        return ReturnResponse(try await services.orders.refundReturn(caller, returnId: try context.parameters.require("id")))
    }
}
