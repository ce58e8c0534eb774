import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// A partner's stock through the API: levels, movements, sell-out reports and counts.
struct PartnerStockAPI {
    let services: WebServices

    var stock: PartnerStockService { services.partnerStock }

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/partner-stock",
                "A partner's own stock per product, with what is in transit on its paid purchase orders (a partner: its own only; HQ: any, by partnerId)",
                tag: .partnerStock,
                parameters: Endpoint.Parameter.paging + [
                    .query("partnerId", .string(), "HQ: the partner (id or code, required); a partner: omitted or its own"), .query("search"),
                ], listPartnerStock),
            Endpoint(
                .get, "/api/v1/partner-stock/movements",
                "Every movement of a partner's stock, newest first: deliveries, goods returned, sell-out, counts", tag: .partnerStock,
                parameters: Endpoint.Parameter.paging + [
                    .query("partnerId", .string(), "HQ: the partner (id or code, required); a partner: omitted or its own"),
                    .query("productId", .string(), "Product id or SKU"),
                ], listPartnerStockMovements),
            Endpoint(
                .post, "/api/v1/partner-stock/counts",
                "Record a stock count (盘点) that sets the on-hand figure, with a reason (the partner with ordering permission; HQ operations for any partner)",
                tag: .partnerStock, body: StockCountRequest.self, status: .created, recordStockCount),
            Endpoint(
                .get, "/api/v1/sell-out-reports", "A partner's sell-out reports (销售上报), newest first", tag: .partnerStock,
                parameters: Endpoint.Parameter.paging + [
                    .query("partnerId", .string(), "HQ: the partner (id or code, required); a partner: omitted or its own")
                ], listSellOutReports),
            Endpoint(
                .post, "/api/v1/sell-out-reports",
                "Report what the caller's partner sold (all lines or none): whole quantities, existing products, days not in the future nor over a year ago, never beyond what is on hand",
                tag: .partnerStock, body: SellOutRequest.self, status: .created, createSellOutReport),
        ]
    }

    @Sendable func listPartnerStock(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<PartnerStockResponse> {
        let caller = try context.caller
        let result = try await stock.stock(
            caller, partnerId: request.query("partnerId"), search: request.query("search"), page: request.pageRequest)
        return PageResponse(result.levels) { PartnerStockResponse($0, partnerId: result.partner.id) }
    }

    @Sendable func listPartnerStockMovements(
        _ request: Request, _ context: QudaoRequestContext
    ) async throws -> PageResponse<PartnerStockMovementResponse> {
        let caller = try context.caller
        let page = try await stock.movements(
            caller, partnerId: request.query("partnerId"), product: request.query("productId"), page: request.pageRequest)
        return PageResponse(page, PartnerStockMovementResponse.init)
    }

    @Sendable func recordStockCount(
        _ request: Request, _ context: QudaoRequestContext, _ body: StockCountRequest
    ) async throws -> PartnerStockMovementResponse {
        let caller = try context.caller
        let movement = try await stock.count(
            caller, partnerId: body.partnerId, product: body.productId, counted: body.countedQuantity ?? .missing, reason: body.reason)
        return PartnerStockMovementResponse(movement)
    }

    @Sendable func listSellOutReports(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<SellOutReportResponse> {
        let caller = try context.caller
        let page = try await stock.reports(caller, partnerId: request.query("partnerId"), page: request.pageRequest)
        return PageResponse(page, SellOutReportResponse.init)
    }

    @Sendable func createSellOutReport(
        _ request: Request, _ context: QudaoRequestContext, _ body: SellOutRequest
    ) async throws -> SellOutReportResponse {
        let caller = try context.caller
        let lines = (body.lines ?? []).map { SellOutLineInput(product: $0.productId, quantity: $0.quantity ?? .missing, soldOn: $0.soldOn) }
        return SellOutReportResponse(try await stock.reportSellOut(caller, lines: lines, source: .api))
    }
}
