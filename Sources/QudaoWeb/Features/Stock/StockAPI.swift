import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// HQ warehouse stock.
struct StockAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        api.get("stock") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                PageResponse(
                    try await services.stock.levels(caller, search: request.query("search"), page: helper.pageRequest(request)), StockResponse.init))
        }
        for (path, adjustment) in [("stock/receipts", false), ("stock/adjustments", true)] {
            api.post(RouterPath(path)) { request, context in
                let caller = try services.caller(request, context)
                let body = try await helper.decode(StockChangeRequest.self, request, context)
                let level = try await services.stock.record(
                    caller, product: body.productId, quantity: body.quantity ?? .missing, adjustment: adjustment, note: body.note)
                return try JSONResponse.make(StockResponse(level), status: .created)
            }
        }
    }
}
