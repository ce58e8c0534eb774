import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// A partner's prepaid statement with its filters, shared by HQ and the portal.
struct PrepaidStatementView {
    let list: Page<StatementLine>
    /// The documents the lines point at, by internal id.
    let documents: [String: DocumentReference]
    let request: Request

    static func load(_ services: WebServices, caller: Caller, partnerId: String?, request: Request) async throws -> PrepaidStatementView {
        let filter = StatementFilter(
            from: request.query("from").flatMap(AdminPages.startOfDay),
            to: request.query("to").flatMap(AdminPages.startOfDay).map { $0.addingTimeInterval(86_400) },
            kinds: request.query("kind").flatMap(PostingKind.init(rawValue:)).map { [$0] } ?? [])
        let loaded = try await services.prepaid.statementWithDocuments(
            caller, partnerId: partnerId, filter: filter,
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        return PrepaidStatementView(list: loaded.lines, documents: loaded.documents, request: request)
    }

    static func balanceCards(_ page: PageContext, _ position: PrepaidPosition) -> HTML {
        """
        <div class="grid" id="prepaid-position">
          <div class="stat"><div class="value" id="prepaid-balance">\(position.balance.formatted)</div><div class="label">\(page.t("预存款余额", "Prepaid balance"))</div></div>
          <div class="stat"><div class="value">\(position.topUpsInWindow.formatted)</div><div class="label">\(page.t("近 365 天充值", "Top-ups, last 365 days"))</div></div>
          <div class="stat"><div class="value" id="discount-rate">\(position.discountRate.percentText)</div><div class="label">\(page.t("当前进货折扣", "Current purchase discount"))</div></div>
        </div>
        """
    }

    /// The statement as a workbook or PDF (当前筛选的全部收支): at most 50,000 lines, the
    /// partner, period and balance written above the lines.
    static func export(
        _ services: WebServices, caller: Caller, partnerId: String?, request: Request, language: Language, format: ReportFormat
    )
        async throws -> Response
    {
        let position = try await services.prepaid.position(caller, partnerId: partnerId)
        let filter = StatementFilter(
            from: request.query("from").flatMap(AdminPages.startOfDay),
            to: request.query("to").flatMap(AdminPages.startOfDay).map { $0.addingTimeInterval(86_400) },
            kinds: request.query("kind").flatMap(PostingKind.init(rawValue:)).map { [$0] } ?? [])
        var lines: [StatementLine] = []
        var documents: [String: DocumentReference] = [:]
        var number = 1
        while true {
            let (list, pageDocuments) = try await services.prepaid.statementWithDocuments(
                caller, partnerId: position.partner.id, filter: filter, page: PageRequest(pageNumber: number, pageSize: PageRequest.maximumPageSize))
            documents.merge(pageDocuments) { first, _ in first }
            guard list.totalCount <= Int64(ReportService.maximumExportRows) else {
                throw AppError.invalid(
                    "from",
                    .notAllowed(
                        reason: .exportTooLong(lines: list.totalCount, maximum: ReportService.maximumExportRows)))
            }
            lines += list.items
            if list.items.count < PageRequest.maximumPageSize || Int64(lines.count) >= list.totalCount { break }
            number += 1
        }
        let t: (String, String) -> String = language.t
        let instant = services.platform.clock.now()
        var rows: [[SpreadsheetCell]] = lines.map { line in
            [
                .text(BusinessTime.displayText(line.postedAt)), .text(language.postingKind(line.kind)),
                .text(StatementLineText.number(line, documents)), .text(StatementLineText.description(language, line, documents)),
                .money(line.change), .money(line.balanceAfter),
            ]
        }
        rows.append([
            .text(t("合计(\(lines.count) 笔)", "Total (\(lines.count) lines)")), .empty, .empty, .empty, .money(lines.map(\.change).sum()), .empty,
        ])
        let table = SpreadsheetTable(
            name: t("收支明细", "Statement"),
            header: [
                t("时间", "Time"), language.t(.type), t("单据号", "Document"), t("摘要", "Description"), t("变动(元)", "Change (yuan)"),
                t("余额(元)", "Balance (yuan)"),
            ],
            rows: rows)
        let period =
            "\(request.query("from") ?? t("开户起", "the beginning")) ~ \(request.query("to") ?? BusinessTime.dayText(instant))"
        let document = ReportDocument(
            title: t("预存款对账单", "Prepaid statement") + " \(position.partner.code) \(position.partner.name)",
            notes: [
                t("期间:\(period)", "Period: \(period)"),
                t("当前余额:\(position.balance.formatted)", "Balance now: \(position.balance.formatted)"),
                language.generatedLine(instant),
            ], tables: [table])
        return try ReportResponse.make(
            document, format: format, fileName: "prepaid-statement-\(position.partner.code)-\(BusinessTime.dateStamp(instant))", at: instant,
            brand: try await services.company.profile().exportBrand)
    }

    func render(_ page: PageContext, base: String) -> HTML {
        let area = base.hasPrefix("/portal") ? "/portal" : "/hq"
        let rows = list.items.html { line in
            """
            <tr data-kind="\(line.kind.rawValue)"><td data-label="\(page.t("时间", "Time"))">\(BusinessTime.displayText(line.postedAt))</td>
            <td data-label="\(page.t("摘要", "Description"))">\(StatementLineText.description(page.language, line, documents))</td>
            <td class="document" data-label="\(page.t("单据号", "Document"))">\(StatementLineText.document(page, line, documents, area: area))</td>
            <td class="number" data-label="\(page.t(.changeAmount))">\(line.change.fen >= 0 ? "+" : "")\(line.change.formatted)</td>
            <td class="number" data-label="\(page.t(.balance))">\(line.balanceAfter.formatted)</td></tr>
            """
        }
        return """
            <h2>\(page.t("收支明细", "Statement"))</h2>
            <form method="get" class="toolbar" action="\(base)">
              <div class="field"><label for="from">\(page.t(.from))</label><input type="text" id="from" name="from" placeholder="2026-11-01" value="\(request.query("from"))"></div>
              <div class="field"><label for="to">\(page.t(.to))</label><input type="text" id="to" name="to" placeholder="2026-11-30" value="\(request.query("to"))"></div>
              \(Field.select(page, name: "kind", label: page.t(.type), options: PostingKind.allCases.map { ($0.rawValue, page.language.postingKind($0)) }, selected: request.query("kind"), errors: [], includeBlank: page.t(.all)))
              <button type="submit">\(page.t(.filter))</button></form>
            <div class="table-wrap"><table class="responsive" id="statement-lines"><thead><tr><th>\(page.t("时间", "Time"))</th><th>\(page.t("摘要", "Description"))</th><th>\(page.t("单据号", "Document"))</th>
            <th class="number">\(page.t(.changeAmount))</th><th class="number">\(page.t(.balance))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(list.items.isEmpty ? HTML("<p class=\"empty\">\(page.t("这段时间没有收支。充值到账、进货付款和退款都会记在这里。", "No movement in this period. Top-ups, payments and refunds are listed here."))</p>") : .empty)
            \(Layout.pager(page, list, baseQuery: ["from": request.query("from") ?? "", "to": request.query("to") ?? "", "kind": request.query("kind") ?? ""]))
            <p><a class="button secondary" id="statement-xlsx" href="\(base)/statement.xlsx?\(exportQuery)">\(page.t("导出对账单 Excel", "Export statement (Excel)"))</a>
            <a class="button secondary" id="statement-pdf" href="\(base)/statement.pdf?\(exportQuery)">\(page.t("导出对账单 PDF", "Export statement (PDF)"))</a></p>
            """
    }

    /// The statement's filters, for its export links.
    var exportQuery: String {
        ["from", "to", "kind"].compactMap { name in
            request.query(name).map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        }.joined(separator: "&")
    }
}
