import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// HQ warehouse stock.
struct StockAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/stock", "HQ warehouse stock per product", tag: .stock, parameters: Endpoint.Parameter.paging + [.query("search")],
                listStock),
            Endpoint(
                .post, "/api/v1/stock/receipts", "Record goods received into the warehouse (HQ operations)", tag: .stock,
                body: StockChangeRequest.self,
                status: .created
            ) { request, context, body in try await recordStockChange(request, context, body, adjustment: false) },
            Endpoint(
                .post, "/api/v1/stock/adjustments", "Correct a stock count with a note (HQ operations); never below what is reserved", tag: .stock,
                body: StockChangeRequest.self, status: .created
            ) { request, context, body in try await recordStockChange(request, context, body, adjustment: true) },
            Endpoint(
                .put, "/api/v1/stock/{id}/low-stock-line",
                "Set the available quantity at or below which stock.low is sent for a product (HQ operations; units null clears it)",
                tag: .stock, parameters: [.id(prefix: "prd")], body: LowStockLineRequest.self, setLowStockLine),
        ]
    }

    @Sendable func listStock(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<StockResponse> {
        let caller = try context.caller
        return PageResponse(
            try await services.stock.levels(caller, search: request.query("search"), page: request.pageRequest), StockResponse.init)
    }

    @Sendable func setLowStockLine(_ request: Request, _ context: QudaoRequestContext, _ body: LowStockLineRequest) async throws -> StockResponse {
        StockResponse(
            try await services.stock.setLowStockLine(try context.caller, product: try context.parameters.require("id"), units: body.units ?? .missing)
        )
    }

    /// A receipt adds to the stock; an adjustment corrects it to a count.
    func recordStockChange(
        _ request: Request, _ context: QudaoRequestContext, _ body: StockChangeRequest, adjustment: Bool
    ) async throws
        -> StockResponse
    {
        let caller = try context.caller
        let level = try await services.stock.record(
            caller, product: body.productId, quantity: body.quantity ?? .missing, adjustment: adjustment, note: body.note)
        return StockResponse(level)
    }
}
