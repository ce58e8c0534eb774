import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// HQ's reports (报表): a tab per report, the dashboard's filters, pages of rows, exports.
struct ReportPages {
    let services: WebServices

    var reports: ReportService { services.reports }
    var dashboard: DashboardService { services.dashboard }

    static func kind(_ request: Request) throws -> ReportKind {
        guard let text = request.query("report") else { return .salesByPartner }
        guard let kind = ReportKind(rawValue: text) else {
            throw AppError.invalid("report", .notOneOf(allowed: ReportKind.allCases.map(\.rawValue)))
        }
        return kind
    }

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/reports", use: showHQReports)
        router.get("/hq/reports/export.xlsx") { request, context in try await export(request, context, format: .xlsx) }
        router.get("/hq/reports/export.pdf") { request, context in try await export(request, context, format: .pdf) }
    }

    @Sendable func showHQReports(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try DashboardService.requireHeadquarters(caller)
        let page = PageContext(request, context)
        let raw = DashboardPages.parameters(request)
        let kind = try Self.kind(request)
        let title = page.t(.reports)
        let tabs = ReportKind.allCases.html { tab in
            "<a href=\"/hq/reports?report=\(tab.rawValue)\"\(tab == kind ? HTML(" class=\"current\"") : .empty)>\(page.language.report(tab))</a>"
        }
        do {
            let filter = try dashboard.filter(raw)
            let result = try await reports.page(
                caller, kind: kind, filter: filter,
                page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
            let table = ReportTables.table(result, language: page.language)
            let query = "report=\(kind.rawValue)&" + DashboardViews.query(filter)
            var base = Dictionary(uniqueKeysWithValues: filter.queryItems.map { ($0.name, $0.value) })
            base["report"] = kind.rawValue
            let body: HTML = """
                <h1>\(title)</h1>
                <nav class="tabs" id="report-tabs">\(tabs)</nav>
                \(DashboardViews.filterForm(page, filter: filter, raw: raw, errors: [], action: "/hq/reports", hidden: ["report": kind.rawValue]))
                <div class="dashboard-head">
                  <ul class="filter-summary muted" id="filter-summary">\(DashboardText.filterLines(page.language, filter).html { "<li>\($0)</li>" })
                    <li>\(page.language.reportMeaning(kind))</li></ul>
                  <div class="exports">
                    <a class="button secondary" id="export-xlsx" href="/hq/reports/export.xlsx?\(query)">\(page.t(.exportExcel))</a>
                    <a class="button secondary" id="export-pdf" href="/hq/reports/export.pdf?\(query)">\(page.t(.exportPdf))</a>
                  </div>
                </div>
                \(result.collection.map { DashboardViews.collectionCard(page, current: $0.current, previous: $0.previous) } ?? .empty)
                \(ReportTableView.html(page, table, id: "report-table"))
                \(Layout.pager(page, result.pageInfo, baseQuery: base))
                """
            return HTMLResponse.page(Layout.page(page, title: "\(page.language.report(kind)) · \(title)", body: body))
        } catch AppError.validation(let failure) {
            let body: HTML = """
                <h1>\(title)</h1>
                <nav class="tabs" id="report-tabs">\(tabs)</nav>
                \(Layout.errorSummary(page, failure.errors))
                \(DashboardViews.filterForm(page, filter: nil, raw: raw, errors: failure.errors, action: "/hq/reports", hidden: ["report": kind.rawValue]))
                """
            return HTMLResponse.page(Layout.page(page, title: title, body: body), status: .unprocessableContent)
        }
    }

    func export(_ request: Request, _ context: QudaoRequestContext, format: ReportFormat) async throws -> Response {
        let caller = try context.caller
        try DashboardService.requireHeadquarters(caller)
        let kind = try Self.kind(request)
        let exported = try await ReportExporter.export(
            platform: services.platform, caller: caller, name: kind.rawValue, filter: try dashboard.filter(DashboardPages.parameters(request)),
            format: format, language: context.language)
        return FileResponse.make(exported.data, fileName: exported.fileName, contentType: format.contentType)
    }
}
