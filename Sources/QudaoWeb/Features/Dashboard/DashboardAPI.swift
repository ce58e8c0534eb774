import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// HQ's dashboard through the API, with the filters the page and the reports share.
struct DashboardAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/dashboard",
                "HQ's dashboard: net sales, orders, average order, active and new partners, commission accrued/settleable/paid, prepaid balances and top-ups, returns — each with the previous period of the same length — a trend, breakdowns by province/level/grade/type and the top 10 partners and products (HQ only)",
                tag: .dashboard, parameters: Self.filterParameters, showDashboard)
        ]
    }

    /// The filters of the dashboard and of every report (`DashboardPages.filterParameters`).
    static let filterParameters: [Endpoint.Parameter] = [
        .query(
            "range", oneOf: DashboardRangePreset.self,
            "A preset counted back from today (Asia/Shanghai); default last30. `custom`, or no range with from/to, uses from and to."),
        .date("from", "First day of a custom range"),
        .date("to", "Last day of a custom range (not in the future; at most 1,830 days after from)"),
        .query(
            "granularity", oneOf: RollupGrain.self,
            "Trend buckets; default by length (day up to 62 days, week up to 184, else month). Day allows at most 92 days, week 371."),
        .query("province", .string(), "Only partners in this province (full name, e.g. 广东省)"),
        .query("level", .integer(minimum: 1, maximum: 3)),
        .query("grade", oneOf: Grade.self, "Only partners currently in this grade (top products are not narrowed by grade)"),
        .query("type", oneOf: PartnerType.self),
    ]

    @Sendable func showDashboard(_ request: Request, _ context: QudaoRequestContext) async throws -> DashboardBody {
        let caller = try context.caller
        try DashboardService.requireHeadquarters(caller)
        let dashboard = services.dashboard
        let view = try await dashboard.load(caller, filter: try dashboard.filter(DashboardPages.parameters(request)))
        return DashboardBody(view)
    }
}
