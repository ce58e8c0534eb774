import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore

extension Language {
    func report(_ kind: ReportKind) -> String {
        switch kind {
        case .salesByPartner: t("渠道商销售", "Sales by partner")
        case .salesByProduct: t("商品销售", "Sales by product")
        case .salesByRegion: t("地区销售", "Sales by region")
        case .commission: t("佣金", "Commission")
        case .prepaid: t("预存款流水", "Prepaid movements")
        case .returns: t("退货", "Returns")
        case .grades: t("渠道评级", "Partner grades")
        }
    }

    /// What the report lists, under its title.
    func reportMeaning(_ kind: ReportKind) -> String {
        switch kind {
        case .salesByPartner: t("期间有支付订单的渠道商,按净销售额排序;联系人电话已脱敏。", "Partners with paid orders in the range, by net sales; phones masked.")
        case .salesByProduct:
            t("期间售出的商品,按折前销售额排序(评级筛选不适用于商品)。", "Products sold in the range, by sales before discounts (the grade filter does not apply).")
        case .salesByRegion: t("按渠道商所在省份汇总。", "Totals by the partners' province.")
        case .commission:
            t(
                "新增佣金为期间产生且未冲回的佣金;待结算为当前值;已发放为期间支付的结算单。",
                "Accrued: made in the range, not reversed; settleable: now; paid: statements paid in the range.")
        case .prepaid: t("期间预存款账户的每一笔入账与扣款。", "Every posting on the prepaid accounts in the range.")
        case .returns: t("期间申请的退货及其处理结果。", "Returns asked for in the range and what became of them.")
        case .grades: t("正常合作渠道商的当前评级(时点值,不按日期筛选)。", "Active partners' grades now (not filtered by date).")
        }
    }
}

/// HQ's reports (报表): a tab per report, the dashboard's filters, pages of rows, exports.
struct ReportPages {
    let services: WebServices

    var reports: ReportService { ReportService(platform: services.platform) }
    var dashboard: DashboardService { DashboardService(platform: services.platform) }

    static func kind(_ request: Request) throws -> ReportKind {
        guard let text = request.query("report") else { return .salesByPartner }
        guard let kind = ReportKind(rawValue: text) else {
            throw AppError.invalid("report", .notOneOf(allowed: ReportKind.allCases.map(\.rawValue)))
        }
        return kind
    }

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/reports") { request, context in
            let caller = try services.caller(request, context)
            try DashboardService.requireHeadquarters(caller)
            let page = PageContext(request, context)
            let raw = DashboardPages.parameters(request)
            let kind = try Self.kind(request)
            let title = page.t("报表", "Reports")
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
                      <ul class="filter-summary muted" id="filter-summary">\(DashboardViews.filterLines(page.language, filter).html { "<li>\($0)</li>" })
                        <li>\(page.language.reportMeaning(kind))</li></ul>
                      <div class="exports">
                        <a class="button secondary" id="export-xlsx" href="/hq/reports/export.xlsx?\(query)">\(page.t("导出 Excel", "Export Excel"))</a>
                        <a class="button secondary" id="export-pdf" href="/hq/reports/export.pdf?\(query)">\(page.t("导出 PDF", "Export PDF"))</a>
                      </div>
                    </div>
                    \(ReportTables.html(page, table, id: "report-table"))
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
        router.get("/hq/reports/export.xlsx") { request, context in try await export(request, context, format: .xlsx) }
        router.get("/hq/reports/export.pdf") { request, context in try await export(request, context, format: .pdf) }
    }

    func registerAPI(on api: RouterGroup<QudaoRequestContext>) {
        api.get("reports/{kind}") { request, context in
            let caller = try services.caller(request, context)
            try DashboardService.requireHeadquarters(caller)
            guard let kind = ReportKind(rawValue: try context.parameters.require("kind")) else { throw AppError.notFound(entity: "report") }
            let filter = try dashboard.filter(DashboardPages.parameters(request))
            let result = try await reports.page(
                caller, kind: kind, filter: filter,
                page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("pageSize")))
            return try JSONResponse.make(ReportBody(result, table: ReportTables.table(result, language: context.language)))
        }
    }

    func export(_ request: Request, _ context: QudaoRequestContext, format: ReportFormat) async throws -> Response {
        let caller = try services.caller(request, context)
        try DashboardService.requireHeadquarters(caller)
        let kind = try Self.kind(request)
        let exported = try await ReportExporter.export(
            platform: services.platform, caller: caller, name: kind.rawValue, filter: try dashboard.filter(DashboardPages.parameters(request)),
            format: format, language: context.language)
        return FileResponse.make(exported.data, fileName: exported.fileName, contentType: format.contentType)
    }
}

/// Each report as one table: the same cells are shown on the page and written to the exports, so
/// what HQ downloads is what it saw.
enum ReportTables {
    static func table(_ result: ReportPage, language: Language) -> SpreadsheetTable {
        let t = language.t
        let yuan = t("(元)", " (yuan)")
        func partnerCells(_ code: String?, _ name: String?, _ province: String, _ level: Int) -> [SpreadsheetCell] {
            [.optionalText(code), .optionalText(name), .text(province), .text(language.level(level))]
        }
        func contact(_ id: String?) -> [SpreadsheetCell] {
            let contact = id.flatMap { result.contacts[$0] }
            return [.optionalText(contact?.name), .optionalText(contact?.maskedPhone)]
        }
        func grade(_ grade: Grade?) -> SpreadsheetCell { .text(grade.map(language.grade) ?? t("未评级", "Not graded")) }
        func money(_ fen: Int64) -> SpreadsheetCell { .money(Money(fen: fen)) }
        let name = language.report(result.kind)
        switch result.kind {
        case .salesByPartner:
            var rows: [[SpreadsheetCell]] = result.partnerSales.enumerated().map { index, row in
                [.integer(Int64(result.pageNumber - 1) * Int64(result.pageSize) + Int64(index) + 1)]
                    + partnerCells(row.partnerCode, row.partnerName, row.province, row.level) + [
                        .text(language.partnerType(row.partnerType)), grade(row.grade),
                    ] + contact(row.partnerId) + [
                        .integer(row.figures.orders), .integer(row.figures.units), money(row.figures.netFen), money(row.figures.refundedFen),
                        money(row.figures.salesFen),
                    ]
            }
            if let total = result.salesTotal {
                rows.append(
                    [.text(t("合计(全部 \(result.totalCount) 家)", "Total (all \(result.totalCount))"))] + Array(repeating: .empty, count: 8) + [
                        .integer(total.orders), .integer(total.units), money(total.netFen), money(total.refundedFen), money(total.salesFen),
                    ])
            }
            return SpreadsheetTable(
                name: name,
                header: [
                    t("排名", "Rank"), t("编码", "Code"), t("渠道商", "Partner"), t("地区", "Region"), t("层级", "Level"), t("类型", "Type"),
                    t("评级", "Grade"), t("联系人", "Contact"), t("电话", "Phone"), t("订单数", "Orders"), t("件数", "Units"), t("实付", "Paid") + yuan,
                    t("退款", "Refunded") + yuan, t("净销售额", "Net sales") + yuan,
                ], rows: rows)
        case .salesByProduct:
            return SpreadsheetTable(
                name: name,
                header: [
                    t("排名", "Rank"), "SKU", t("商品", "Product"), t("销量", "Units"), t("退回", "Returned"), t("净销量", "Net units"),
                    t("销售额(折前)", "Sales before discounts") + yuan,
                ],
                rows: result.productSales.enumerated().map { index, row in
                    [
                        .integer(Int64(result.pageNumber - 1) * Int64(result.pageSize) + Int64(index) + 1), .text(row.sku), .text(row.name),
                        .integer(row.units), .integer(row.unitsRefunded), .integer(row.units - row.unitsRefunded), money(row.grossFen),
                    ]
                })
        case .salesByRegion:
            var rows: [[SpreadsheetCell]] = result.regionSales.map { row in
                [
                    .text(row.key), .integer(row.activePartners), .integer(row.figures.orders), .integer(row.figures.units),
                    money(row.figures.netFen),
                    money(row.figures.refundedFen), money(row.figures.salesFen), money(row.figures.commissionFen),
                ]
            }
            if let total = result.salesTotal {
                rows.append([
                    .text(t("合计", "Total")), .integer(result.regionSales.map(\.activePartners).reduce(0, +)), .integer(total.orders),
                    .integer(total.units), money(total.netFen), money(total.refundedFen), money(total.salesFen), money(total.commissionFen),
                ])
            }
            return SpreadsheetTable(
                name: name,
                header: [
                    t("地区", "Region"), t("动销渠道商", "Active partners"), t("订单数", "Orders"), t("件数", "Units"), t("实付", "Paid") + yuan,
                    t("退款", "Refunded") + yuan, t("净销售额", "Net sales") + yuan, t("新增佣金", "Commission accrued") + yuan,
                ], rows: rows)
        case .commission:
            return SpreadsheetTable(
                name: name,
                header: [
                    t("编码", "Code"), t("渠道商", "Partner"), t("地区", "Region"), t("层级", "Level"), t("联系人", "Contact"), t("电话", "Phone"),
                    t("新增佣金", "Accrued") + yuan, t("待结算(当前)", "Settleable now") + yuan, t("已发放", "Paid") + yuan,
                ],
                rows: result.commissions.map { row in
                    partnerCells(row.partner.code, row.partner.name, row.partner.province, row.partner.level) + contact(row.partner.id) + [
                        money(row.accruedFen), money(row.settleableFen), money(row.paidFen),
                    ]
                })
        case .prepaid:
            var rows: [[SpreadsheetCell]] = result.prepaidMovements.map { row in
                [
                    .text(BusinessTime.displayText(row.postedAt)), .text(row.partner.code), .text(row.partner.name),
                    .text(language.postingKind(row.kind)), .text(row.memo), money(row.changeFen), money(row.balanceAfterFen),
                ]
            }
            for kind in PostingKind.allCases {
                guard let total = result.prepaidTotals[kind] else { continue }
                rows.append([
                    .text(t("小计", "Subtotal")), .empty, .text(t("共 \(total.count) 笔", "\(total.count) entries")), .text(language.postingKind(kind)),
                    .empty, money(total.changeFen), .empty,
                ])
            }
            return SpreadsheetTable(
                name: name,
                header: [
                    t("时间", "Posted"), t("编码", "Code"), t("渠道商", "Partner"), t("类型", "Kind"), t("摘要", "Memo"), t("金额", "Amount") + yuan,
                    t("余额", "Balance") + yuan,
                ], rows: rows)
        case .returns:
            return SpreadsheetTable(
                name: name,
                header: [
                    t("退货单号", "Return"), t("订单号", "Order"), t("编码", "Code"), t("渠道商", "Partner"), t("状态", "Status"), t("原因", "Reason"),
                    t("退款", "Refund") + yuan, t("申请时间", "Requested"), t("退款时间", "Refunded"),
                ],
                rows: result.returns.map { row in
                    [
                        .text(row.number), .text(row.orderNumber), .text(row.partner.code), .text(row.partner.name),
                        .text(language.returnStatus(row.status)), .text(row.reason), row.refundFen.map(money) ?? .empty,
                        .text(BusinessTime.displayText(row.requestedAt)), .optionalText(row.refundedAt.map(BusinessTime.displayText)),
                    ]
                })
        case .grades:
            func percent(_ basisPoints: Int64?) -> SpreadsheetCell { .text(GradingViews.percent(basisPoints)) }
            return SpreadsheetTable(
                name: name,
                header: [
                    t("编码", "Code"), t("渠道商", "Partner"), t("地区", "Region"), t("层级", "Level"), t("联系人", "Contact"), t("电话", "Phone"),
                    t("评级", "Grade"), t("评级日", "Graded on"), t("动销率", "Sell-through"), t("退货率", "Return rate"), t("销售变化", "Sales change"),
                ],
                rows: result.grades.map { row in
                    partnerCells(row.partner.code, row.partner.name, row.partner.province, row.partner.level) + contact(row.partner.id) + [
                        grade(row.partner.grade), row.gradedOn.map(SpreadsheetCell.date) ?? .empty, percent(row.sellThroughBasisPoints),
                        percent(row.returnRateBasisPoints), percent(row.salesChangeBasisPoints),
                    ]
                })
        }
    }

    /// A table on a page: numbers right-aligned, money as `¥1,234.00`.
    static func html(_ page: PageContext, _ table: SpreadsheetTable, id: String) -> HTML {
        func cell(_ value: SpreadsheetCell) -> HTML {
            switch value {
            case .text(let text): "<td>\(text)</td>"
            case .integer(let number): "<td class=\"number\">\(number)</td>"
            case .money(let money): "<td class=\"number\">\(money.formatted)</td>"
            case .date(let day): "<td>\(day)</td>"
            case .empty: "<td></td>"
            }
        }
        let header = table.header.html { "<th>\($0)</th>" }
        let rows = table.rows.html { row in "<tr>\(row.html(cell))</tr>" }
        return """
            <div class="table-wrap"><table id="\(id)"><thead><tr>\(header)</tr></thead><tbody>\(rows)</tbody></table></div>
            \(table.rows.isEmpty ? HTML("<p class=\"muted\">\(page.t("没有符合条件的记录。", "Nothing matches."))</p>") : .empty)
            """
    }
}

/// A report through the API: its columns (with their types) and rows of plain values, money in fen.
struct ReportBody: Encodable {
    struct Column: Encodable {
        let name: String
        /// text, integer, fen or date.
        let type: String
    }

    enum Value: Encodable {
        case text(String)
        case integer(Int64)
        case null

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .integer(let number): try container.encode(number)
            case .null: try container.encodeNil()
            }
        }
    }

    let report: String
    let filter: DashboardFilterBody
    let generatedAt: Date
    let totalCount: Int64
    let page: Int
    let pageSize: Int
    let columns: [Column]
    let rows: [[Value]]

    init(_ result: ReportPage, table: SpreadsheetTable) {
        report = result.kind.rawValue
        filter = DashboardFilterBody(result.filter)
        generatedAt = result.generatedAt
        totalCount = result.totalCount
        page = result.pageNumber
        pageSize = result.pageSize
        // A column's type is the type of its first non-empty cell.
        columns = table.header.enumerated().map { index, name in
            let sample = table.rows.lazy.map { index < $0.count ? $0[index] : .empty }.first { $0 != .empty }
            let type =
                switch sample {
                case .integer: "integer"
                case .money: "fen"
                case .date: "date"
                default: "text"
                }
            return Column(name: name, type: type)
        }
        rows = table.rows.map { row in
            row.map { cell in
                switch cell {
                case .text(let text): .text(text)
                case .integer(let number): .integer(number)
                case .money(let money): .integer(money.fen)
                case .date(let day): .text(day)
                case .empty: .null
                }
            }
        }
    }
}

/// Exports for the command line (`qudao export`): the same documents the pages download.
public enum ReportExporter {
    /// What can be exported: the dashboard and every report.
    public static let names = ["dashboard"] + ReportKind.allCases.map(\.rawValue)

    /// Builds the export of `name` ("dashboard" or a report) for the filter in `parameters` (the
    /// URL's names), as "xlsx" or "pdf", in `language` ("zh-CN" or "en"). Audited as the caller's.
    public static func export(
        platform: Platform, caller: Caller, name: String, parameters: [String: String], format: String, language: String,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> (data: Data, fileName: String, rowCount: Int) {
        guard let format = ReportFormat(rawValue: format) else { throw AppError.invalid("format", .notOneOf(allowed: ["xlsx", "pdf"])) }
        return try await export(
            platform: platform, caller: caller, name: name, filter: try DashboardService(platform: platform).filter(parameters), format: format,
            language: Language(rawValue: language) ?? .chinese, progress: progress)
    }

    /// The export the pages download and the command line writes: the document of `name`, in
    /// `format`, recorded in the audit log.
    static func export(
        platform: Platform, caller: Caller, name: String, filter: DashboardFilter, format: ReportFormat, language: Language,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> (data: Data, fileName: String, rowCount: Int) {
        let dashboard = DashboardService(platform: platform)
        let document: ReportDocument
        let instant: Date
        if name == "dashboard" {
            let view = try await dashboard.load(caller, filter: filter)
            document = DashboardExport.document(view, language: language)
            instant = view.generatedAt
        } else {
            guard let kind = ReportKind(rawValue: name) else { throw AppError.invalid("report", .notOneOf(allowed: names)) }
            let result = try await ReportService(platform: platform).all(caller, kind: kind, filter: filter, progress: progress)
            let notes = DashboardViews.filterLines(language, filter) + [language.reportMeaning(kind), language.generatedLine(result.generatedAt)]
            document = ReportDocument(title: language.report(kind), notes: notes, tables: [ReportTables.table(result, language: language)])
            instant = result.generatedAt
        }
        try await dashboard.recordExport(caller, report: name, format: format.rawValue, filter: filter)
        let profile = try await CompanyService(platform: platform).profile()
        return (
            try format.data(document, at: instant, brand: profile.exportBrand), "\(name)-\(BusinessTime.dateStamp(instant)).\(format.rawValue)",
            document.tables.map(\.rows.count).reduce(0, +)
        )
    }
}
