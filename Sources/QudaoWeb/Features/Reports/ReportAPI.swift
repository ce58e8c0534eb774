import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// HQ's reports through the API: one page of rows, with the dashboard's filters.
struct ReportAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/reports/{kind}",
                "One page of an HQ report with the dashboard's filters: sales by partner/product/region, commission by partner, prepaid movements, returns, partner grades; contact phones masked (HQ only)",
                tag: .dashboard, parameters: [.path("kind", oneOf: ReportKind.self)] + Endpoint.Parameter.paging + DashboardAPI.filterParameters,
                showReport)
        ]
    }

    @Sendable func showReport(_ request: Request, _ context: QudaoRequestContext) async throws -> ReportPageResponse {
        let caller = try context.caller
        try DashboardService.requireHeadquarters(caller)
        guard let kind = ReportKind(rawValue: try context.parameters.require("kind")) else { throw AppError.notFound(entity: "report") }
        let filter = try services.dashboard.filter(DashboardPages.parameters(request))
        let result = try await services.reports.page(caller, kind: kind, filter: filter, page: request.pageRequest)
        return ReportPageResponse(result, table: ReportTables.table(result, language: context.language))
    }
}
