import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Returns of delivered orders and their refunds.
struct ReturnsAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        api.get("returns") { request, context in
            let caller = try services.caller(request, context)
            let status = request.query("status").flatMap(ReturnStatus.init(rawValue:))
            return try JSONResponse.make(
                PageResponse(try await services.orders.returns(caller, status: status, page: helper.pageRequest(request)), ReturnResponse.init))
        }
        api.post("returns/{id}/approve") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                ReturnResponse(try await services.orders.approveReturn(caller, returnId: try context.parameters.require("id"))))
        }
        api.post("returns/{id}/reject") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(ReasonRequest.self, request, context)
            return try JSONResponse.make(
                ReturnResponse(try await services.orders.rejectReturn(caller, returnId: try context.parameters.require("id"), reason: body.reason)))
        }
        api.post("returns/{id}/receive") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                ReturnResponse(try await services.orders.receiveReturnedGoods(caller, returnId: try context.parameters.require("id"))))
        }
        api.post("returns/{id}/refund") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                ReturnResponse(try await services.orders.refundReturn(caller, returnId: try context.parameters.require("id"))))
        }
    }
}
