import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// A statement page and its download, for the portal and HQ.
struct StatementPage {
    let services: WebServices

    func render(
        _ page: PageContext, _ detail: (statement: StatementRecord, records: [CommissionRecord], partner: PartnerRecord),
        links: CommissionViews.Links,
        download: String, actions: HTML
    ) async throws -> HTML {
        let numbers = try await services.commissions.documentNumbers(orderIds: detail.records.compactMap(\.orderId), statementIds: [detail.statement.id])
        let body: HTML = """
            <h1>\(page.t("结算单", "Statement")) <span class="mono">\(detail.statement.number)</span></h1>
            \(CommissionViews.statementSummary(page, detail.statement, partner: detail.partner, download: download))
            \(actions)
            <h2>\(page.t("包含的佣金记录", "Records included")) (\(detail.records.count))</h2>
            \(CommissionViews.recordTable(page, detail.records, numbers: numbers, partners: nil, links: links))
            """
        return Layout.page(page, title: page.t("结算单", "Statement") + " " + detail.statement.number, body: body)
    }

    func download(_ request: Request, _ context: QudaoRequestContext, caller: Caller) async throws -> Response {
        let format = try ExportFormat.requested(request)
        let detail = try await services.settlement.statement(caller, id: try context.parameters.require("id"))
        let numbers = try await services.commissions.documentNumbers(orderIds: detail.records.compactMap(\.orderId), statementIds: [])
        return try CommissionViews.statementFile(
            detail.statement, records: detail.records, partner: detail.partner, numbers: numbers, format: format, language: context.language,
            at: services.platform.clock.now(), brand: context.company.exportBrand)
    }
}
