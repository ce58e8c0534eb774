import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// HQ's dashboard (数据看板): the page and its exports (the API is `DashboardAPI`). Every view is a GET whose
/// filters are in the URL, so it can be bookmarked, shared and exported as shown.
struct DashboardPages {
    let services: WebServices

    var dashboard: DashboardService { services.dashboard }

    /// The query parameters a dashboard or report reads.
    static let filterParameters = ["range", "from", "to", "granularity", "province", "level", "grade", "type"]

    static func parameters(_ request: Request) -> [String: String] {
        var parameters: [String: String] = [:]
        for name in filterParameters { parameters[name] = request.query(name) }
        return parameters
    }

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/dashboard", use: showHQDashboard)
        router.get("/hq/dashboard/export.xlsx", use: showHQDashboardExportXlsx)
        router.get("/hq/dashboard/export.pdf", use: showHQDashboardExportPdf)
    }

    @Sendable func showHQDashboard(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try DashboardService.requireHeadquarters(caller)
        let page = PageContext(request, context)
        let raw = Self.parameters(request)
        let title = page.t(.dashboard)
        do {
            let view = try await dashboard.load(caller, filter: try dashboard.filter(raw))
            let body: HTML = """
                <h1>\(title)</h1>
                \(DashboardViews.filterForm(page, filter: view.filter, raw: raw, errors: [], action: "/hq/dashboard"))
                \(DashboardViews.body(page, view))
                """
            return HTMLResponse.page(Layout.page(page, title: title, body: body))
        } catch AppError.validation(let failure) {
            // A mistyped bookmark shows the form with each bad value named, and no figures.
            let body: HTML = """
                <h1>\(title)</h1>
                \(Layout.errorSummary(page, failure.errors))
                \(DashboardViews.filterForm(page, filter: nil, raw: raw, errors: failure.errors, action: "/hq/dashboard"))
                """
            return HTMLResponse.page(Layout.page(page, title: title, body: body), status: .unprocessableContent)
        }
    }

    @Sendable func showHQDashboardExportXlsx(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        try await export(request, context, format: .xlsx)
    }

    @Sendable func showHQDashboardExportPdf(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        try await export(request, context, format: .pdf)
    }

    func export(_ request: Request, _ context: QudaoRequestContext, format: ReportFormat) async throws -> Response {
        let caller = try context.caller
        try DashboardService.requireHeadquarters(caller)
        let exported = try await ReportExporter.export(
            platform: services.platform, caller: caller, name: "dashboard", filter: try dashboard.filter(Self.parameters(request)), format: format,
            language: context.language)
        return FileResponse.make(exported.data, fileName: exported.fileName, contentType: format.contentType)
    }
}

// MARK: - API bodies
