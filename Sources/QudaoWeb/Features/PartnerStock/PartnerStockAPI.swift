import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// A partner's stock through the API: levels, movements, sell-out reports and counts.
struct PartnerStockAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        let stock = services.partnerStock
        api.get("partner-stock") { request, context in
            let caller = try services.caller(request, context)
            let result = try await stock.stock(
                caller, partnerId: request.query("partnerId"), search: request.query("search"), page: helper.pageRequest(request))
            return try JSONResponse.make(PageResponse(result.levels) { PartnerStockResponse($0, partnerId: result.partner.id) })
        }
        api.get("partner-stock/movements") { request, context in
            let caller = try services.caller(request, context)
            let page = try await stock.movements(
                caller, partnerId: request.query("partnerId"), product: request.query("productId"), page: helper.pageRequest(request))
            return try JSONResponse.make(PageResponse(page, PartnerStockMovementResponse.init))
        }
        api.post("partner-stock/counts") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(StockCountRequest.self, request, context)
            let movement = try await stock.count(
                caller, partnerId: body.partnerId, product: body.productId, counted: body.countedQuantity ?? .missing, reason: body.reason)
            return try JSONResponse.make(PartnerStockMovementResponse(movement), status: .created)
        }
        api.get("sell-out-reports") { request, context in
            let caller = try services.caller(request, context)
            let page = try await stock.reports(caller, partnerId: request.query("partnerId"), page: helper.pageRequest(request))
            return try JSONResponse.make(PageResponse(page, SellOutReportResponse.init))
        }
        api.post("sell-out-reports") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(SellOutRequest.self, request, context)
            let lines = (body.lines ?? []).map { SellOutLineInput(product: $0.productId, quantity: $0.quantity ?? .missing, soldOn: $0.soldOn) }
            return try JSONResponse.make(SellOutReportResponse(try await stock.reportSellOut(caller, lines: lines, source: .api)), status: .created)
        }
    }
}
